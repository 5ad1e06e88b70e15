import type { MatrixArea, Who } from './area.ts'

/** The national roles (ADR 0038). */
const NATIONAL: Who[] = ['national_viewer', 'national_panel_member', 'panel_secretariat']
/** Those who record the Panel's responses and evaluations: its members and secretariat, not the inspector. */
const RESPONDERS: Who[] = ['national_panel_member', 'panel_secretariat']

/**
 * The national Panel's workspace: the national roles read (the matrix's review is a submitted notification),
 * members and the secretariat respond and evaluate, only members take a case on as a national review; the
 * partnership's coordinator and chair answer the Panel on their own review.
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/panel', allowed: NATIONAL },
    { method: 'GET', url: '/panel/figures', allowed: NATIONAL },
    { method: 'GET', url: '/panel/figures.csv', allowed: NATIONAL },
    { method: 'GET', url: '/panel/notifications/:notificationId', allowed: NATIONAL },
    { method: 'POST', url: '/panel/notifications/:notificationId/national-review', allowed: ['national_panel_member'] },
    { method: 'GET', url: '/panel/notifications/:notificationId/respond/:panelTopic', allowed: RESPONDERS },
    { method: 'POST', url: '/panel/notifications/:notificationId/respond/:panelTopic', allowed: RESPONDERS },
    { method: 'GET', url: '/panel/notifications/:notificationId/quality', allowed: RESPONDERS },
    { method: 'POST', url: '/panel/notifications/:notificationId/quality', allowed: RESPONDERS },
    { method: 'GET', url: '/reviews/:id/panel/:panelTopic', allowed: ['coordinator', 'chair'] },
    { method: 'POST', url: '/reviews/:id/panel/:panelTopic', allowed: ['coordinator', 'chair'] },
  ],
  async setup(context) {
    return { notificationId: context.reviewId, panelTopic: 'rapid-review' }
  },
}
