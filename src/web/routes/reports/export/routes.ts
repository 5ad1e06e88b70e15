import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError } from '../../../../modules/errors.ts'
import { CONTENT_TYPES, type ExportFormat } from '../../../../modules/reports/report-export.ts'
import { kindOf, reportAccess, type KindParams } from '../common.ts'

const isFormat = (value: string): value is ExportFormat => Object.hasOwn(CONTENT_TYPES, value)

/**
 * `GET /reviews/:id/report/:reportKind/export/:format` (`docx`, `pdf`, `html`): the draft, or with
 * `?purpose=publication` the anonymised text only (refused with the reason until it is anonymised
 * and current). Always a download, never kept by caches.
 */
export function exportRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: KindParams & { format: string }; Querystring: { purpose?: string } }>(
    '/reviews/:id/report/:reportKind/export/:format',
    { config: reportAccess('review.read') },
    async (request, reply) => {
      const kind = kindOf(request.params)
      if (!isFormat(request.params.format)) throw new NotFoundError('Format not found')
      const purpose = request.query?.purpose === 'publication' ? 'publication' : 'draft'
      const file = await services.reports.exportDocument(
        request.actor!,
        request.params.id,
        kind,
        request.params.format,
        purpose,
      )
      return reply
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .type(file.contentType)
        .send(Buffer.from(file.data))
    },
  )
}
