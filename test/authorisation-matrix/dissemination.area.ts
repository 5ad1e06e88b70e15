import type { MatrixArea, Who } from './area.ts'

/**
 * Readers of the matrix review's dissemination table: its readers, and the police contributor (their agency
 * is asked in the review; they see their own row). The panel member is not a member of the review.
 */
const READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor']
const RECORDERS: Who[] = ['coordinator', 'agency_contributor']

/** Rows of the authorisation matrix for sharing a review's learning (see `area.ts`). */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/dissemination', allowed: READERS },
    { method: 'POST', url: '/reviews/:id/dissemination', allowed: ['coordinator'] },
    { method: 'GET', url: '/reviews/:id/dissemination/record', allowed: RECORDERS },
    { method: 'POST', url: '/reviews/:id/dissemination/record', allowed: RECORDERS },
  ],
  /** The police are asked to share the learning of the matrix review. */
  async setup({ services, reviewId, coordinator, policeAgencyId }) {
    await services.dissemination.ask(coordinator, reviewId, { agencyIds: [policeAgencyId], dueDate: '2099-01-31' })
    return {}
  },
}
