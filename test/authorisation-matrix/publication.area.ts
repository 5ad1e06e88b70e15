import type { MatrixArea } from './area.ts'

/**
 * Sign-off and publication (`src/web/routes/publication`). Readers of the review see the page; the
 * coordinator records the steps and publishes; the chair signs off, approves publication and decides
 * not to publish. The matrix review has no documents, so every allowed form is refused by its guard
 * (400), never by the access check.
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/publication', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
    { method: 'POST', url: '/reviews/:id/publication/panel-agreement', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/sign-off', allowed: ['chair'] },
    { method: 'POST', url: '/reviews/:id/publication/family-informed', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/anonymised', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/sent-to-panel', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/embargo-cleared', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/approval', allowed: ['chair'] },
    { method: 'POST', url: '/reviews/:id/publication/publish', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/details', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/publication/not-publishing', allowed: ['chair'] },
    { method: 'POST', url: '/reviews/:id/publication/not-publishing/reverse', allowed: ['chair'] },
    { method: 'POST', url: '/reviews/:id/publication/withdraw', allowed: ['coordinator'] },
  ],
}
