import type { FastifyInstance } from 'fastify'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { chronologyAccess, text } from '../common.ts'
import type { IntegratedPage, Query } from '../integrated/routes.ts'
import { formFailure } from '../../../form.ts'

/**
 * Confirming before drafts leave the contributor's hands (issue 11):
 *
 * - `GET /reviews/:id/chronology/submit?agency=<id>`: "You are about to submit 46 entries from Marlshire Police
 *   to the review …", with the button that posts to `POST /reviews/:id/chronology/submit` (in `integrated/`).
 * - `GET /reviews/:id/chronology/drafts/discard?agency=<id>` asks, and `POST /reviews/:id/chronology/drafts/discard`
 *   deletes every draft of the agency (submitted entries stay).
 *
 * Plain forms and links: everything works without JavaScript. With nothing to submit or discard, the
 * integrated page is shown with the message (400).
 */
export function draftsRoutes(app: FastifyInstance, chronology: ChronologyServices, show: IntegratedPage): void {
  app.get<{ Params: { id: string }; Querystring: Query & { agency?: string } }>(
    '/reviews/:id/chronology/submit',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      const agencyId = typeof request.query.agency === 'string' ? request.query.agency.slice(0, 100) : undefined
      try {
        const { scope, agency, count } = await chronology.entries.submitConfirmation(
          request.actor!,
          request.params.id,
          agencyId,
        )
        return reply.page('routes/chronology/drafts/confirm-submit.njk', {
          pageTitle: `Submit ${agency.name}’s entries – ${scope.review.reference}`,
          review: scope.review,
          agency,
          count,
          countText: `${count.toLocaleString('en-GB')} ${count === 1 ? 'entry' : 'entries'}`,
          ownAgency: scope.agencyId !== null,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
    },
  )

  app.get<{ Params: { id: string }; Querystring: Query & { agency?: string } }>(
    '/reviews/:id/chronology/drafts/discard',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      const agencyId = typeof request.query.agency === 'string' ? request.query.agency.slice(0, 100) : undefined
      try {
        // The same check and count as submitting: the drafts the actor may act on.
        const { scope, agency, count } = await chronology.entries.submitConfirmation(
          request.actor!,
          request.params.id,
          agencyId,
          'discard',
        )
        return reply.page('routes/chronology/drafts/confirm-discard.njk', {
          pageTitle: `Discard ${agency.name}’s draft entries – ${scope.review.reference}`,
          review: scope.review,
          agency,
          count,
          countText: `${count.toLocaleString('en-GB')} draft ${count === 1 ? 'entry' : 'entries'}`,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
    },
  )

  app.post<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/chronology/drafts/discard',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      try {
        await chronology.entries.discardDrafts(
          request.actor!,
          request.params.id,
          text(request.body, 'agencyId', 100) || undefined,
        )
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/chronology?saved=discarded`, 303)
    },
  )
}
