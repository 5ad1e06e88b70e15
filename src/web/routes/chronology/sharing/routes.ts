import type { FastifyInstance } from 'fastify'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { chronologyAccess, text } from '../common.ts'

/**
 * `POST /reviews/:id/chronology/sharing` (coordinators): share the integrated chronology with the review's
 * agencies (`share=yes`) or withdraw it (`share=no`). `POST /reviews/:id/chronology/people/match` (coordinators
 * and lead reviewers): link people in the case to every submitted entry again, after people were added.
 */
export function sharingRoutes(app: FastifyInstance, chronology: ChronologyServices): void {
  app.post<{ Params: { id: string } }>(
    '/reviews/:id/chronology/sharing',
    { config: chronologyAccess('review.manage') },
    async (request, reply) => {
      // Anything but an explicit "yes" withdraws: the safe way round.
      const share = text(request.body, 'share', 5) === 'yes'
      await chronology.sharing.setSharing(request.actor!, request.params.id, share)
      return reply.redirect(
        `/reviews/${request.params.id}/chronology?saved=${share ? 'shared' : 'withdrawn'}#sharing`,
        303,
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/chronology/people/match',
    { config: chronologyAccess('report.write') },
    async (request, reply) => {
      await chronology.entries.matchPeopleAgain(request.actor!, request.params.id)
      return reply.redirect(`/reviews/${request.params.id}/chronology?saved=matched`, 303)
    },
  )
}
