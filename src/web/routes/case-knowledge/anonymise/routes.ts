import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'

/** Largest document pasted for anonymisation (characters): about a 400-page report. */
export const MAX_DOCUMENT_CHARACTERS = 1_000_000
const access = { routeAccess: { access: 'authenticated', permission: 'review.revealOriginal' } } as const

/**
 * `GET/POST /reviews/:id/anonymise`: paste a document (for example a draft of the overview report),
 * see it anonymised with the review's people and places, every replacement with its reason, what
 * the leak gate still finds, and jigsaw warnings. Nothing is published from here.
 */
export function anonymiseRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>('/reviews/:id/anonymise', { config: access }, async (request, reply) => {
    const review = await services.reviews.readableReview(request.actor!, request.params.id)
    return reply.page('routes/case-knowledge/anonymise/view.njk', {
      pageTitle: `Anonymise a document – ${review.reference}`,
      review,
      values: {},
    })
  })

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/anonymise',
    { config: access, bodyLimit: MAX_DOCUMENT_CHARACTERS * 4 + 65_536 },
    async (request, reply) => {
      const actor = request.actor!
      const review = await services.reviews.readableReview(actor, request.params.id)
      const text = String((request.body as Record<string, unknown> | undefined)?.document ?? '')
      const errors = !text.trim()
        ? [{ field: 'document', text: 'Paste the text of the document to anonymise', href: '#document' }]
        : text.length > MAX_DOCUMENT_CHARACTERS
          ? [
              {
                field: 'document',
                text: `The document must be ${MAX_DOCUMENT_CHARACTERS.toLocaleString('en-GB')} characters or fewer`,
                href: '#document',
              },
            ]
          : null
      if (errors) {
        return reply.code(400).page('routes/case-knowledge/anonymise/view.njk', {
          pageTitle: `Anonymise a document – ${review.reference}`,
          review,
          errors,
          values: { document: text.slice(0, MAX_DOCUMENT_CHARACTERS) },
        })
      }
      const result = await services.caseKnowledge.anonymise(actor, review.id, text)
      const groups = new Map<string, Array<{ original: string; replacement: string; explanation: string }>>()
      for (const r of result.replacements) {
        const list = groups.get(r.entityType) ?? []
        list.push({ original: r.original, replacement: r.replacement, explanation: r.explanation })
        groups.set(r.entityType, list)
      }
      return reply.page('routes/case-knowledge/anonymise/view.njk', {
        pageTitle: `Anonymise a document – ${review.reference}`,
        review,
        values: { document: text },
        result: {
          text: result.text,
          leaks: result.leaks,
          jigsaw: result.jigsaw,
          groups: [...groups].map(([type, items]) => ({ type, items })),
          replacements: result.replacements.length,
        },
      })
    },
  )
}
