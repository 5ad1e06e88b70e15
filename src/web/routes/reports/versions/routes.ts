import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import { templateOf } from '../../../../modules/reports/report-template.ts'
import { documentUrl, kindOf, reportAccess, wholeNumber, type KindParams } from '../common.ts'
import { errorList } from '../../../form.ts'

type CompareQuery = { from?: string; to?: string }

/**
 * Versions of a document: `GET /reviews/:id/report/:reportKind/versions` (who saved each and when,
 * and a form to compare two) and `GET /reviews/:id/report/:reportKind/compare?from=&to=` (word-level
 * differences, section by section, marked as inserted and deleted for screen readers too).
 */
export function versionRoutes(app: FastifyInstance, services: Services): void {
  const list = async (
    request: FastifyRequest<{ Params: KindParams; Querystring: CompareQuery }>,
    reply: FastifyReply,
    errors: FieldError[] = [],
  ) => {
    const actor = request.actor!
    const kind = kindOf(request.params)
    // The report's own access check first: it refuses the national Panel, which may read the review.
    const versions = await services.reports.versions(actor, request.params.id, kind)
    const review = await services.reviews.readableReview(actor, request.params.id)
    const items = versions.map((v) => ({ value: String(v.version), text: `Version ${v.version}` }))
    const query = request.query ?? {}
    const from = query.from ?? String(versions[1]?.version ?? versions[0]?.version ?? '')
    const to = query.to ?? String(versions[0]?.version ?? '')
    return reply.code(errors.length ? 400 : 200).page('routes/reports/versions/view.njk', {
      pageTitle: `Versions of the ${templateOf(kind).title.toLowerCase()} – ${review.reference}`,
      review,
      template: templateOf(kind),
      baseUrl: documentUrl(review.id, kind),
      versions,
      fromItems: items.map((i) => ({ ...i, selected: i.value === from })),
      toItems: items.map((i) => ({ ...i, selected: i.value === to })),
      errors: errorList(errors),
    })
  }

  app.get<{ Params: KindParams; Querystring: CompareQuery }>(
    '/reviews/:id/report/:reportKind/versions',
    { config: reportAccess('review.read') },
    async (request, reply) => list(request, reply),
  )

  app.get<{ Params: KindParams; Querystring: CompareQuery }>(
    '/reviews/:id/report/:reportKind/compare',
    { config: reportAccess('review.read') },
    async (request, reply) => {
      const actor = request.actor!
      const kind = kindOf(request.params)
      const from = wholeNumber(request.query?.from)
      const to = wholeNumber(request.query?.to)
      const errors: FieldError[] = []
      if (Number.isNaN(from)) errors.push({ field: 'from', message: 'Select the earlier version to compare' })
      if (Number.isNaN(to)) errors.push({ field: 'to', message: 'Select the later version to compare' })
      if (!errors.length && from === to) errors.push({ field: 'to', message: 'Select two different versions' })
      if (errors.length) return list(request, reply, errors)
      const result = await services.reports.compare(actor, request.params.id, kind, from, to)
      const review = await services.reviews.readableReview(actor, request.params.id)
      return reply.page('routes/reports/versions/compare.njk', {
        pageTitle: `Changes from version ${result.older.version} to ${result.newer.version} – ${review.reference}`,
        review,
        template: templateOf(kind),
        baseUrl: documentUrl(review.id, kind),
        ...result,
        changedCount: result.sections.filter((s) => s.changed).length,
      })
    },
  )
}
