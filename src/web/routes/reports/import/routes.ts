import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { templateOf } from '../../../../modules/reports/report-template.ts'
import { MAX_IMPORT_BYTES } from '../../../../modules/reports/report.service.ts'
import { registerUploadRoutes, requirePermissionBeforeUpload, type UploadedFormFile } from '../../../plugins/uploads.ts'
import { documentUrl, kindOf, reportAccess, wholeNumber, type KindParams } from '../common.ts'
import { errorList } from '../../../form.ts'

/** The upload form's body, flattened by `registerUploadRoutes`. */
interface ImportBody {
  version?: string
  file?: UploadedFormFile | string
}

/**
 * Import a whole draft: `GET /reviews/:id/report/:reportKind/import` (the form) and `POST` (a Word or
 * Markdown file, split into the template's sections by its headings, saved as a new version). The
 * upload has its own multipart scope; who may import is checked before any byte of the body is read.
 */
export function importRoutes(app: FastifyInstance, services: Services): void {
  const form = async (
    request: FastifyRequest<{ Params: KindParams }>,
    reply: FastifyReply,
    status = 200,
    errors: FieldError[] = [],
  ) => {
    const actor = request.actor!
    const kind = kindOf(request.params)
    const versions = await services.reports.versions(actor, request.params.id, kind)
    const review = await services.reviews.readableReview(actor, request.params.id)
    return reply.code(status).page('routes/reports/import/view.njk', {
      pageTitle: `Import a draft of the ${templateOf(kind).title.toLowerCase()} – ${review.reference}`,
      review,
      template: templateOf(kind),
      baseUrl: documentUrl(review.id, kind),
      version: versions[0]?.version ?? 0,
      errors: errorList(errors),
    })
  }

  app.get<{ Params: KindParams }>(
    '/reviews/:id/report/:reportKind/import',
    { config: reportAccess('report.write') },
    async (request, reply) => form(request, reply),
  )

  registerUploadRoutes(
    app,
    {
      maxFileBytes: MAX_IMPORT_BYTES,
      maxFields: 3,
      allowed: requirePermissionBeforeUpload(services.audit, 'report.write'),
    },
    (scope) => {
      scope.post<{ Params: KindParams }>(
        '/reviews/:id/report/:reportKind/import',
        { config: reportAccess('report.write') },
        async (request, reply) => {
          const kind = kindOf(request.params)
          const body = (request.body ?? {}) as ImportBody
          const file = typeof body.file === 'object' ? body.file : null
          try {
            await services.reports.importDraft(
              request.actor!,
              request.params.id,
              kind,
              file,
              wholeNumber(typeof body.version === 'string' ? body.version : ''),
            )
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error
            return form(request, reply, 400, error.errors)
          }
          return reply.redirect(`${documentUrl(request.params.id, kind)}?saved=imported`, 303)
        },
      )
    },
  )
}
