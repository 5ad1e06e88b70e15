import type { FastifyInstance } from 'fastify'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { ValidationError } from '../../../../modules/errors.ts'
import { chronologyAccess, list, text } from '../common.ts'
import type { IntegratedPage, Query } from '../integrated/routes.ts'

/**
 * `GET /reviews/:id/chronology/episodes`: the review's key practice episodes, filtered by words in their name
 * or notes (`?search=`). `POST` makes one from the entries selected on the integrated chronology (its form
 * keeps the page's filters in the query string, so errors show the same page again with what was typed).
 */
export function episodesRoutes(app: FastifyInstance, chronology: ChronologyServices, integrated: IntegratedPage): void {
  app.get<{ Params: { id: string }; Querystring: { search?: string; saved?: string } }>(
    '/reviews/:id/chronology/episodes',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => {
      const actor = request.actor!
      const search = (request.query?.search ?? '').trim().slice(0, 200)
      const { review } = await chronology.integrated.readScope(actor, request.params.id)
      const episodes = await chronology.episodes.episodeList(actor, request.params.id, search)
      return reply.page('routes/chronology/episodes/view.njk', {
        pageTitle: `Key practice episodes – ${review.reference}`,
        review,
        search,
        saved: request.query?.saved === 'created' ? 'Key practice episode made.' : null,
        episodes: episodes.map((e) => ({
          id: e.id,
          name: e.name,
          entries: e.entryIds.length,
          notes: e.notes,
          updatedAt: e.updatedAt,
        })),
        canMakeEpisodes: roleAllows(actor.role, 'report.write'),
      })
    },
  )

  app.post<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/chronology/episodes',
    { config: chronologyAccess('report.write') },
    async (request, reply) => {
      const values = {
        name: text(request.body, 'episodeName', 1000),
        notes: text(request.body, 'notes'),
        entryIds: list(request.body, 'entryIds').slice(0, 5000),
      }
      let episodeId: string
      try {
        episodeId = await chronology.episodes.createEpisode(request.actor!, request.params.id, values)
      } catch (error) {
        if (error instanceof ValidationError) {
          return integrated(request, reply, { status: 400, errors: error.errors, episodeValues: values })
        }
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/chronology/episodes/${episodeId}?saved=created`, 303)
    },
  )
}
