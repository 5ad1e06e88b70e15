import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { documentUrl, kindOf, reportAccess, wholeNumber, type KindParams } from '../common.ts'
import { errorList } from '../../../form.ts'

const SAVED: Record<string, string> = {
  section: 'Section saved as a new version.',
  imported: 'Draft imported as a new version. Check each section.',
}

type DocumentRequest = FastifyRequest<{ Params: KindParams; Querystring: { version?: string; saved?: string } }>

/**
 * One document: `GET /reviews/:id/report/:reportKind` (every section with numbered paragraphs, at the
 * latest version or `?version=`; exports; send for anonymisation) and
 * `POST /reviews/:id/report/:reportKind/anonymisation` (send the latest version to be anonymised).
 */
export function documentRoutes(app: FastifyInstance, services: Services): void {
  const show = async (request: DocumentRequest, reply: FastifyReply, status = 200, errors: FieldError[] = []) => {
    const actor = request.actor!
    const kind = kindOf(request.params)
    const query = request.query ?? {}
    const version = query.version === undefined ? undefined : wholeNumber(query.version)
    const view = await services.reports.document(actor, request.params.id, kind, Number.isNaN(version) ? -1 : version)
    const publication = (await services.reports.publicationState(actor, view.review.id)).find((s) => s.kind === kind)!
    return reply.code(status).page('routes/reports/document/view.njk', {
      pageTitle: `${view.template.title} – ${view.review.reference}`,
      view,
      review: view.review,
      baseUrl: documentUrl(view.review.id, kind),
      oldVersion: view.version !== view.latestVersion,
      publication,
      saved: SAVED[query.saved ?? ''] ?? null,
      canWrite: roleAllows(actor.role, 'report.write'),
      canComment: roleAllows(actor.role, 'review.comment'),
      canAnonymise: roleAllows(actor.role, 'report.write') && roleAllows(actor.role, 'review.revealOriginal'),
      errors: errorList(errors),
    })
  }

  app.get<{ Params: KindParams; Querystring: { version?: string; saved?: string } }>(
    '/reviews/:id/report/:reportKind',
    { config: reportAccess('review.read') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: KindParams }>(
    '/reviews/:id/report/:reportKind/anonymisation',
    { config: reportAccess('report.write') },
    async (request, reply) => {
      const kind = kindOf(request.params)
      try {
        const documentId = await services.reports.sendForAnonymisation(request.actor!, request.params.id, kind)
        return reply.redirect(`/reviews/${request.params.id}/documents/${documentId}`, 303)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return show(request as DocumentRequest, reply, 400, error.errors)
      }
    },
  )
}
