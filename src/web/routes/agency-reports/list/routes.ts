import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import type { AgencyReportStatus } from '../../../../modules/agency-reports/agency-report.service.ts'
import { formatLongDate, todayInEngland, type IsoDate } from '../../../../modules/clocks/plain-date.ts'
import { agencyReportAccess } from '../common.ts'

/**
 * `GET /reviews/:id/agency-reports`: every agency asked for a report in the review with its status (an agency
 * contributor: their own agency only), links to read submitted reports, and the contributor's way in to
 * write their own.
 */
export function listRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/agency-reports',
    { config: agencyReportAccess('agencyReport.read') },
    async (request, reply) => {
      const actor = request.actor!
      const overview = await services.agencyReports.overview(actor, request.params.id)
      const today = todayInEngland()
      const own = overview.ownAgencyId !== null
      return reply.page('routes/agency-reports/list/view.njk', {
        pageTitle: `Agency reports – ${overview.review.reference}`,
        review: overview.review,
        own,
        canAsk: roleAllows(actor.role, 'review.manage'),
        banner: request.query?.saved === 'submitted' ? 'Your agency report has been submitted.' : null,
        rows: overview.reports.map((line) => ({
          agency: line.agency,
          due: line.request ? formatLongDate(line.request.dueDate as IsoDate) : 'Not asked',
          status: statusTag(line, today),
          // Readers read submitted reports; a contributor reads their own at any stage.
          readable: line.status === 'submitted' || (own && line.status === 'draft'),
        })),
      })
    },
  )
}

function statusTag(line: AgencyReportStatus, today: IsoDate): { text: string; classes: string } {
  if (line.status === 'submitted') {
    return {
      text: `Submitted ${formatLongDate(todayInEngland(new Date(line.submittedAt!)))}`,
      classes: 'govuk-tag--green',
    }
  }
  const overdue = line.request !== null && line.request.dueDate < today
  if (line.status === 'draft') {
    const saved = `Draft, last saved ${formatLongDate(todayInEngland(new Date(line.updatedAt!)))}`
    return { text: overdue ? `Overdue. ${saved}` : saved, classes: overdue ? 'govuk-tag--red' : 'govuk-tag--yellow' }
  }
  return overdue ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: 'Not started', classes: 'govuk-tag--grey' }
}
