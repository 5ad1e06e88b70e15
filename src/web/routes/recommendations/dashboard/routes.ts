import type { FastifyInstance } from 'fastify'
import { ACTION_STATUS_NAMES, ACTION_STATUSES } from '../../../../modules/recommendations/action-plan.ts'
import type {
  Dashboard,
  DashboardFilter,
  RecommendationService,
} from '../../../../modules/recommendations/recommendation.service.ts'
import { stackedBarChartSvg } from '../../../charts.ts'
import { actionRow, planAccess } from '../common.ts'

/** The dashboard's query string (GET form: filters can be bookmarked and shared). */
interface DashboardQuery {
  status?: string
  agencyId?: string
  reviewId?: string
  overdue?: string
}

// GOV.UK colours with enough contrast between neighbours: grey, blue, yellow-brown, green.
const COLOURS = ['#505a5f', '#1d70b8', '#b58840', '#00703c']

/**
 * `GET /actions` and `GET /actions.csv`: every action of the partnership's reviews the user may see
 * (agency contributors: their agency's), filtered by status, agency, review and overdue; counts by agency
 * and status as a chart with its table beside it.
 */
export function dashboardRoutes(app: FastifyInstance, recommendations: RecommendationService): void {
  app.get<{ Querystring: DashboardQuery }>(
    '/actions',
    { config: planAccess('action.read') },
    async (request, reply) => {
      const dashboard = await recommendations.dashboard(request.actor!, filterOf(request.query))
      const query = queryString(dashboard.filter)
      return reply.page('routes/recommendations/dashboard/view.njk', {
        pageTitle: 'Actions',
        dashboard,
        actions: dashboard.actions.map(actionRow),
        statuses: ACTION_STATUSES.map((s) => ({ value: s, name: ACTION_STATUS_NAMES[s] })),
        chart: dashboard.actions.length ? await chartOf(dashboard) : null,
        csvHref: `/actions.csv${query ? `?${query}` : ''}`,
        statusItems: [
          { value: '', text: 'Any status' },
          ...ACTION_STATUSES.map((s) => ({
            value: s,
            text: ACTION_STATUS_NAMES[s],
            selected: dashboard.filter.status === s,
          })),
        ],
        agencyItems: [
          { value: '', text: 'Any agency' },
          ...dashboard.agencies.map((a) => ({
            value: a.id,
            text: a.name,
            selected: dashboard.filter.agencyId === a.id,
          })),
        ],
        reviewItems: [
          { value: '', text: 'Any review' },
          ...dashboard.reviews.map((r) => ({
            value: r.id,
            text: r.pseudonym ? `${r.reference} (${r.pseudonym})` : r.reference,
            selected: dashboard.filter.reviewId === r.id,
          })),
        ],
      })
    },
  )

  app.get<{ Querystring: DashboardQuery }>(
    '/actions.csv',
    { config: planAccess('action.read') },
    async (request, reply) => {
      const csv = await recommendations.dashboardCsv(request.actor!, filterOf(request.query))
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="actions.csv"')
        .header('Cache-Control', 'no-store')
        .send(csv)
    },
  )
}

function filterOf(query: DashboardQuery | undefined): DashboardFilter {
  const text = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 100) : undefined)
  return {
    status: text(query?.status),
    agencyId: text(query?.agencyId),
    reviewId: text(query?.reviewId),
    overdue: query?.overdue === 'yes',
  }
}

function queryString(filter: Dashboard['filter']): string {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.agencyId) params.set('agencyId', filter.agencyId)
  if (filter.reviewId) params.set('reviewId', filter.reviewId)
  if (filter.overdue) params.set('overdue', 'yes')
  return params.toString()
}

/** Actions by agency, stacked by status (the table beside it holds every number). */
async function chartOf(dashboard: Dashboard): Promise<string> {
  return stackedBarChartSvg(
    dashboard.byAgency.flatMap((row) =>
      ACTION_STATUSES.map((status, order) => ({
        category: row.agency,
        series: ACTION_STATUS_NAMES[status],
        value: row.counts[status],
        order,
      })),
    ),
    {
      title: 'Actions by agency and status',
      valueTitle: 'Actions',
      series: ACTION_STATUSES.map((s) => ACTION_STATUS_NAMES[s]),
      colours: COLOURS,
      summary: dashboard.byAgency
        .map(
          (row) =>
            `${row.agency}: ${ACTION_STATUSES.map((s) => `${row.counts[s]} ${ACTION_STATUS_NAMES[s].toLowerCase()}`).join(', ')}`,
        )
        .join('. '),
    },
  )
}
