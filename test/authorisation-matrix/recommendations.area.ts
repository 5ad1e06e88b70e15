import type { MatrixArea, Who } from './area.ts'

/** Readers of the review (the panel member is not a member of the matrix review, so is refused). */
const REVIEW_READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer']
/** `report.write` holders in a review they can read. */
const WRITERS: Who[] = ['coordinator', 'lead_reviewer']
/** Everyone with `action.read`: the dashboard shows each only what their scope allows. */
const ACTION_READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer', 'panel_member', 'agency_contributor']
/** The action belongs to Marlshire Police: its contributor may see and update it; the panel member is outside the review. */
const ACTION_VIEWERS: Who[] = ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor']
const ACTION_UPDATERS: Who[] = ['coordinator', 'agency_contributor']

/** Rows of the authorisation matrix for findings, recommendations and action plans (see `area.ts`). */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/recommendations', allowed: REVIEW_READERS },
    { method: 'GET', url: '/reviews/:id/findings/new', allowed: WRITERS },
    { method: 'POST', url: '/reviews/:id/findings/new', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/findings/:findingId', allowed: WRITERS },
    { method: 'POST', url: '/reviews/:id/findings/:findingId', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/recommendations/new', allowed: WRITERS },
    { method: 'POST', url: '/reviews/:id/recommendations/new', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/recommendations/:recommendationId', allowed: WRITERS },
    { method: 'POST', url: '/reviews/:id/recommendations/:recommendationId', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/recommendations/:recommendationId/actions/new', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/recommendations/:recommendationId/actions/new', allowed: ['coordinator'] },
    { method: 'GET', url: '/actions', allowed: ACTION_READERS },
    { method: 'GET', url: '/actions.csv', allowed: ACTION_READERS },
    { method: 'GET', url: '/actions/:actionId', allowed: ACTION_VIEWERS },
    { method: 'POST', url: '/actions/:actionId/progress', allowed: ACTION_UPDATERS },
    { method: 'GET', url: '/actions/:actionId/edit', allowed: ['coordinator'] },
    { method: 'POST', url: '/actions/:actionId/edit', allowed: ['coordinator'] },
    { method: 'POST', url: '/actions/:actionId/evidence', allowed: ACTION_UPDATERS },
    { method: 'GET', url: '/actions/:actionId/evidence/:evidenceId', allowed: ACTION_VIEWERS },
  ],
  /** A finding, a recommendation answering it, a police action and a piece of evidence with a file. */
  async setup({ services, reviewId, coordinator, leadReviewer, policeAgencyId }) {
    const recommendations = services.recommendations
    const finding = await recommendations.addFinding(leadReviewer, reviewId, {
      title: 'Matrix finding',
      text: 'Why practice happened as it did.',
      theme: '',
    })
    const recommendation = await recommendations.addRecommendation(leadReviewer, reviewId, {
      addressedTo: 'Matrix partnership',
      action: 'Do something',
      measureOfSuccess: 'It is done',
      timescale: '6 months',
      findingIds: [finding.id],
    })
    const actionId = await recommendations.addAction(coordinator, reviewId, recommendation.id, {
      description: 'Matrix action',
      agencyId: policeAgencyId,
      owner: 'Matrix owner',
      dueDate: '2099-01-31',
    })
    const evidenceId = await recommendations.addEvidence(coordinator, actionId, {
      description: 'Matrix evidence',
      file: { fileName: 'evidence.txt', data: new TextEncoder().encode('Matrix evidence') },
    })
    return { findingId: finding.id, recommendationId: recommendation.id, actionId, evidenceId }
  },
}
