import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { CLOCK_STATUSES } from '../../../../modules/clocks/clock.ts'
import { REVIEW_STAGES, STAGE_NAMES, DECISION_OUTCOME_NAMES } from '../../../../modules/reviews/review.ts'
import { presentClock } from '../present.ts'

/**
 * `GET /reviews`: the partnership dashboard — every review the user may see with its child's
 * pseudonym, stage and next due clock; overdue first; filter by stage and clock status.
 */
export function reviewDashboardRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { stage?: string; status?: string; sort?: string } }>(
    '/reviews',
    { config: { routeAccess: { access: 'authenticated' } } },
    async (request, reply) => {
      const actor = request.actor!
      const items = await services.reviews.list(actor)
      const stage = (REVIEW_STAGES as readonly string[]).includes(request.query.stage ?? '') ? request.query.stage : ''
      const status = (CLOCK_STATUSES as readonly string[]).includes(request.query.status ?? '')
        ? request.query.status
        : ''
      const sort = ['urgency', 'reference', 'newest'].includes(request.query.sort ?? '')
        ? request.query.sort!
        : 'urgency'
      // The service returns the most urgent first; other orders re-sort that list.
      const ordered =
        sort === 'reference'
          ? [...items].sort((a, b) => a.review.reference.localeCompare(b.review.reference))
          : sort === 'newest'
            ? [...items].sort((a, b) => b.review.createdAt.localeCompare(a.review.createdAt))
            : items
      const rows = ordered
        .filter((i) => !stage || i.review.stage === stage)
        .filter((i) => !status || i.nextDue?.reading.status === status)
        .map((i) => ({
          id: i.review.id,
          reference: i.review.reference,
          pseudonym: i.review.pseudonym ?? 'Not set',
          draft: i.review.notificationSubmittedAt === null,
          stageName: STAGE_NAMES[i.review.stage],
          decision: i.review.decision ? DECISION_OUTCOME_NAMES[i.review.decision.outcome] : 'Not decided',
          nextDue: presentClock(i.nextDue),
        }))
      return reply.page('routes/reviews/dashboard/view.njk', {
        pageTitle: 'Reviews',
        rows,
        total: items.length,
        overdue: items.filter((i) => i.nextDue?.reading.status === 'overdue').length,
        canCreate: roleAllows(actor.role, 'review.create'),
        canSeeReport: roleAllows(actor.role, 'review.create') || roleAllows(actor.role, 'review.decide'),
        filters: { stage, status, sort },
        sortItems: [
          { value: 'urgency', text: 'Most urgent clock first', selected: sort === 'urgency' },
          { value: 'reference', text: 'Reference', selected: sort === 'reference' },
          { value: 'newest', text: 'Newest first', selected: sort === 'newest' },
        ],
        stageItems: [
          { value: '', text: 'Any stage' },
          ...REVIEW_STAGES.map((s) => ({ value: s, text: STAGE_NAMES[s], selected: s === stage })),
        ],
        statusItems: [
          { value: '', text: 'Any' },
          ...(['overdue', 'due_soon', 'on_track'] as const).map((s) => ({
            value: s,
            text: { overdue: 'Overdue', due_soon: 'Due within 5 working days', on_track: 'On track' }[s],
            selected: s === status,
          })),
        ],
      })
    },
  )
}
