import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { AnonymisationDecision } from '../../../../modules/case-knowledge/anonymisation-decisions.ts'
import {
  DOCUMENT_LIMIT_CHARACTERS,
  StaleDocumentError,
} from '../../../../modules/case-knowledge/case-knowledge.service.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { documentReading } from './document-page.ts'
import { errorList, errorSummary, formFailure } from '../../../form.ts'

const access = { routeAccess: { access: 'authenticated', permission: 'review.revealOriginal' } } as const
const bigBody = DOCUMENT_LIMIT_CHARACTERS * 4 + 65_536
type DocParams = { Params: { id: string; docId: string } }
const field = (body: unknown, name: string) => String((body as Record<string, unknown> | undefined)?.[name] ?? '')

/**
 * A review's documents and their anonymisation: `/reviews/:id/documents` (list, add) and
 * `/reviews/:id/documents/:docId` (the anonymised text beside every replacement with its reason;
 * accept, reject or change a replacement, mark missed words; decisions are kept by the words, so
 * they apply again when the text changes; the leak gate and jigsaw warnings before marking it
 * anonymised).
 */
export function documentRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>('/reviews/:id/documents', { config: access }, async (request, reply) => {
    const review = await services.reviews.readableReview(request.actor!, request.params.id)
    const documents = await services.caseKnowledge.documents(request.actor!, review.id)
    return reply.page('routes/case-knowledge/documents/list.njk', {
      pageTitle: `Documents – ${review.reference}`,
      review,
      documents,
      values: {},
    })
  })

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/documents',
    { config: access, bodyLimit: bigBody },
    async (request, reply) => {
      const actor = request.actor!
      const review = await services.reviews.readableReview(actor, request.params.id)
      try {
        const id = await services.caseKnowledge.createDocument(
          actor,
          review.id,
          field(request.body, 'title'),
          field(request.body, 'body'),
        )
        return reply.redirect(`/reviews/${review.id}/documents/${id}`, 303)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return reply.code(400).page('routes/case-knowledge/documents/list.njk', {
          pageTitle: `Documents – ${review.reference}`,
          review,
          documents: await services.caseKnowledge.documents(actor, review.id),
          errors: errorList(error.errors),
          values: {
            title: field(request.body, 'title'),
            body: field(request.body, 'body').slice(0, DOCUMENT_LIMIT_CHARACTERS),
          },
        })
      }
    },
  )

  const show = async (
    request: FastifyRequest<DocParams>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const actor = request.actor!
    const review = await services.reviews.readableReview(actor, request.params.id)
    const query = (request.query ?? {}) as Record<string, string | undefined>
    const reveal = query.reveal === 'yes'
    const { document, result } = await services.caseKnowledge.documentView(actor, review.id, request.params.docId, {
      reveal,
    })
    return reply.code(options.status ?? 200).page('routes/case-knowledge/documents/view.njk', {
      pageTitle: `${document.title} – ${review.reference}`,
      review,
      document,
      result,
      reading: documentReading({ ...document, reviewId: review.id }, result, {
        section: Number(query.section),
        reveal,
      }),
      errors: errorSummary(options.errors),
      values: options.values ?? {},
    })
  }

  app.get<DocParams>('/reviews/:id/documents/:docId', { config: access }, async (request, reply) =>
    show(request, reply),
  )

  const change = (
    path: string,
    build: (body: Record<string, unknown>) => Parameters<Services['caseKnowledge']['changeDocument']>[4],
    options: { bodyLimit?: number } = {},
  ) =>
    app.post<DocParams>(
      `/reviews/:id/documents/:docId/${path}`,
      { config: access, ...options },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>
        try {
          await services.caseKnowledge.changeDocument(
            request.actor!,
            request.params.id,
            request.params.docId,
            Number(body.version),
            build(body),
          )
        } catch (error) {
          if (error instanceof ValidationError)
            return show(request, reply, { status: 400, errors: error.errors, values: body as Record<string, string> })
          if (error instanceof StaleDocumentError) {
            return show(request, reply, {
              status: 409,
              errors: [
                {
                  field: 'body',
                  message:
                    'Someone else changed this document after you opened it. Your change is shown below and has not been saved: check and save again',
                },
              ],
              values: body as Record<string, string>,
            })
          }
          throw error
        }
        return reply.redirect(`/reviews/${request.params.id}/documents/${request.params.docId}`, 303)
      },
    )

  change('text', (body) => ({ body: String(body.body ?? '') }), { bodyLimit: bigBody })
  change('decisions', (body) => {
    const kind = String(body.kind ?? '')
    const original = String(body.original ?? '').slice(0, 300)
    const replacement = String(body.replacement ?? '').slice(0, 300)
    const decision: AnonymisationDecision =
      kind === 'reject'
        ? { kind: 'reject', original }
        : { kind: kind === 'add' ? 'add' : 'replace', original, replacement }
    return { addDecision: decision }
  })
  change('decisions/remove', (body) => ({ removeDecision: Number.parseInt(String(body.index ?? '-1'), 10) }))

  app.post<DocParams>('/reviews/:id/documents/:docId/mark', { config: access }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    try {
      await services.caseKnowledge.markAnonymised(
        request.actor!,
        request.params.id,
        request.params.docId,
        Number(body.version),
        body.jigsawConsidered === 'yes',
      )
    } catch (error) {
      const failure = formFailure(error)
      if (failure) return show(request, reply, { ...failure })
      if (error instanceof StaleDocumentError)
        return show(request, reply, {
          status: 409,
          errors: [
            { field: 'mark', message: 'Someone else changed this document after you opened it: check it again' },
          ],
        })
      throw error
    }
    return reply.redirect(`/reviews/${request.params.id}/documents/${request.params.docId}`, 303)
  })
}
