import type { MatrixArea, Who } from './area.ts'

/** Readers of the review (the panel member is not a member of the matrix review; agency contributors never). */
const READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer']

/** Rows of the authorisation matrix for the impact of recommendations (see `area.ts`). */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/impact', allowed: READERS },
    { method: 'POST', url: '/reviews/:id/impact', allowed: ['coordinator'] },
    { method: 'GET', url: '/reviews/:id/impact/audits/:impactAuditId', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/impact/audits/:impactAuditId', allowed: ['coordinator'] },
    { method: 'GET', url: '/partnership/year', allowed: ['coordinator', 'chair'] },
  ],
  /** A recommendation of the matrix review with an audit planned 6 months after publication. */
  async setup({ services, reviewId, coordinator, leadReviewer }) {
    const finding = await services.recommendations.addFinding(leadReviewer, reviewId, {
      title: 'Impact matrix finding',
      text: 'Why practice happened as it did.',
      theme: '',
    })
    const recommendation = await services.recommendations.addRecommendation(leadReviewer, reviewId, {
      addressedTo: 'Matrix partnership',
      action: 'Audit something',
      measureOfSuccess: 'It is audited',
      timescale: '6 months',
      findingIds: [finding.id],
    })
    await services.impact.plan(coordinator, reviewId, {
      recommendationId: recommendation.id,
      months: ['6'],
      question: 'Did it change?',
      sample: 'Ten cases',
    })
    const view = await services.impact.overview(coordinator, reviewId)
    const audit = view.recommendations.find((r) => r.id === recommendation.id)!.audits[0]!
    return { impactAuditId: audit.id }
  },
}
