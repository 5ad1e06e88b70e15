import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { reportAccess } from '../common.ts'

/** `GET /reviews/:id/report`: both documents of the review, how far each has got, and where to go next. */
export function overviewRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>(
    '/reviews/:id/report',
    { config: reportAccess('review.read') },
    async (request, reply) => {
      const actor = request.actor!
      const { review, documents } = await services.reports.summaries(actor, request.params.id)
      return reply.page('routes/reports/overview/view.njk', {
        pageTitle: `Overview report and executive summary – ${review.reference}`,
        review,
        documents,
        canWrite: roleAllows(actor.role, 'report.write'),
        canAnonymise: roleAllows(actor.role, 'review.revealOriginal'),
      })
    },
  )
}
