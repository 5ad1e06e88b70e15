import type { FastifyInstance } from 'fastify'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import type { ImpactService } from '../../../../modules/impact/impact.service.ts'
import type { RecommendationService } from '../../../../modules/recommendations/recommendation.service.ts'
import { THEME_LABELS, type Theme } from '../../../../modules/published-reviews/published-review.ts'
import { impactTag } from '../../impact/common.ts'
import { actionRow, paragraphs, planAccess } from '../common.ts'

/** `GET /reviews/:id/recommendations`: the review's findings, recommendations and their actions. */
export function reviewPlanRoutes(
  app: FastifyInstance,
  recommendations: RecommendationService,
  impact: ImpactService,
): void {
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/recommendations',
    { config: planAccess('review.read') },
    async (request, reply) => {
      const actor = request.actor!
      const plan = await recommendations.reviewPlan(actor, request.params.id)
      const findingNumbers = new Map(plan.findings.map((f) => [f.id, f.number]))
      const impacts = roleAllows(actor.role, 'impact.read') ? await impact.statuses(actor, plan.review.id) : null
      return reply.page('routes/recommendations/review/view.njk', {
        pageTitle: `Findings, recommendations and action plan – ${plan.review.reference}`,
        review: plan.review,
        saved: SAVED_MESSAGES[request.query?.saved ?? ''] ?? null,
        canWrite: roleAllows(actor.role, 'report.write'),
        canManage: roleAllows(actor.role, 'review.manage'),
        findings: plan.findings.map((f) => ({
          id: f.id,
          number: f.number,
          title: f.title,
          paragraphs: paragraphs(f.text),
          theme: f.theme ? (THEME_LABELS[f.theme as Theme] ?? f.theme) : null,
        })),
        recommendations: plan.recommendations.map((r) => ({
          id: r.id,
          number: r.number,
          addressedTo: r.addressedTo,
          action: r.action,
          measureOfSuccess: r.measureOfSuccess,
          timescale: r.timescale,
          findings: r.findingIds.map((id) => findingNumbers.get(id)).join(', '),
          actions: r.actions.map(actionRow),
          impact: impacts ? impactTag(impacts.get(r.id) ?? { status: 'not_planned', nextDue: null }) : null,
        })),
        canSeeImpact: impacts !== null,
      })
    },
  )
}

const SAVED_MESSAGES: Record<string, string> = {
  finding: 'Finding saved.',
  recommendation: 'Recommendation saved.',
  action: 'Action added.',
}
