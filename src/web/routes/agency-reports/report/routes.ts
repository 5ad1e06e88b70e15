import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { AGENCY_REPORT_SECTIONS } from '../../../../modules/agency-reports/agency-report.ts'
import { formatLongDate, type IsoDate } from '../../../../modules/clocks/plain-date.ts'
import { agencyReportAccess } from '../common.ts'

/**
 * Reading one agency's report: `GET /reviews/:id/agency-reports/:agencyId` (the header, the sections and the
 * uploaded document's text) and `GET /reviews/:id/agency-reports/:agencyId/document` (the Word file). The
 * service decides who may read what and audits every read.
 */
export function reportRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string; agencyId: string } }>(
    '/reviews/:id/agency-reports/:agencyId',
    { config: agencyReportAccess('agencyReport.read') },
    async (request, reply) => {
      const { review, agency, report, document } = await services.agencyReports.readReport(
        request.actor!,
        request.params.id,
        request.params.agencyId,
      )
      const date = (d: string | null) => (d ? formatLongDate(d as IsoDate) : 'Not given')
      const independence =
        report.authorIndependent === 'yes'
          ? 'Yes: did not manage the case or supervise anyone who did'
          : report.authorIndependent === 'no'
            ? `No. ${report.independenceExplanation}`
            : 'Not given'
      return reply.page('routes/agency-reports/report/view.njk', {
        pageTitle: `${agency.name}: agency report – ${review.reference}`,
        review,
        agency,
        report,
        own: request.actor!.role === 'agency_contributor',
        header: [
          ['Author’s name', report.authorName || 'Not given'],
          ['Author’s role', report.authorRole || 'Not given'],
          ['Author independent of the case', independence],
          ['Date of the request', date(report.requestDate)],
          ['Date the agency’s records were secured', date(report.recordsSecuredDate)],
          ['Terms of reference', report.termsOfReference || 'Not given'],
        ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
        sections: AGENCY_REPORT_SECTIONS.map((s, i) => ({
          label: s.label,
          heading: i === 0 || AGENCY_REPORT_SECTIONS[i - 1].group !== s.group ? s.group : null,
          paragraphs: report.sections[s.key].split(/\n+/).filter((p) => p.trim()),
        })),
        document,
      })
    },
  )

  app.get<{ Params: { id: string; agencyId: string } }>(
    '/reviews/:id/agency-reports/:agencyId/document',
    { config: agencyReportAccess('agencyReport.read') },
    async (request, reply) => {
      const file = await services.agencyReports.downloadDocument(
        request.actor!,
        request.params.id,
        request.params.agencyId,
      )
      // The stored name has only letters, digits, spaces and . _ ( ) -: safe in the quoted header value.
      return reply
        .type(file.contentType)
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`)
        .send(file.body)
    },
  )
}
