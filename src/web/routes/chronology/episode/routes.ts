import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { NotFoundError, type FieldError } from '../../../../modules/errors.ts'
import { chronologyAccess } from '../common.ts'
import { episodeSchema } from './schema.ts'
import { errorSummary, formFailure } from '../../../form.ts'

/** What a refused stale save says: the form shows the typed text again, with the current version. */
const STALE_EDIT = {
  field: 'notes',
  message:
    'Someone else changed this episode after you opened it. Your changes are shown below and have not been saved: check them against theirs and save again',
}

type EpisodeRequest = FastifyRequest<{
  Params: { id: string; chronologyEpisodeId: string }
  Querystring: { saved?: string }
}>
type Values = { name: string; notes: string; entryIds: string[] }

const SAVED: Record<string, string> = {
  created: 'Key practice episode made. Add your analysis notes.',
  changed: 'Episode saved.',
}

/**
 * `GET/POST /reviews/:id/chronology/episodes/:chronologyEpisodeId`: one key practice episode, its entries, and its
 * name, notes and entries changed with an optimistic version (two reviewers editing at once cannot overwrite
 * each other unseen).
 */
export function episodeRoutes(app: FastifyInstance, chronology: ChronologyServices): void {
  const show = async (
    request: EpisodeRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Values } = {},
  ) => {
    const actor = request.actor!
    const { id, chronologyEpisodeId: episodeId } = request.params
    const episode = (await chronology.episodes.episodeList(actor, id)).find((e) => e.id === episodeId)
    if (!episode) throw new NotFoundError('Episode not found')
    const { scope, entries } = await chronology.integrated.view(actor, id, { episodeId })
    const values = options.values ?? { name: episode.name, notes: episode.notes, entryIds: episode.entryIds }
    return reply.code(options.status ?? 200).page('routes/chronology/episode/view.njk', {
      pageTitle: `${episode.name} – key practice episode – ${scope.review.reference}`,
      review: scope.review,
      episode: { id: episode.id, name: episode.name, notes: episode.notes, version: episode.version },
      values,
      stale: options.status === 409,
      saved: SAVED[request.query?.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      entries: entries.map((e) => ({
        id: e.id,
        date: formatChronologyDate(e.date),
        time: e.time ?? '',
        agency: e.agency,
        event: e.event,
        kept: values.entryIds.includes(e.id),
      })),
      canChange: roleAllows(actor.role, 'report.write'),
    })
  }

  app.get<{ Params: { id: string; chronologyEpisodeId: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/chronology/episodes/:chronologyEpisodeId',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string; chronologyEpisodeId: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/chronology/episodes/:chronologyEpisodeId',
    { config: chronologyAccess('report.write') },
    async (request, reply) => {
      const { id, chronologyEpisodeId: episodeId } = request.params
      const { episodeName: name, notes, entryIds, version } = episodeSchema.parse(request.body ?? {})
      const values = { name, notes, entryIds }
      try {
        await chronology.episodes.updateEpisode(request.actor!, id, episodeId, {
          ...values,
          version,
        })
      } catch (error) {
        const failure = formFailure(error, STALE_EDIT)
        if (failure) return show(request, reply, { ...failure, values })
        throw error
      }
      return reply.redirect(`/reviews/${id}/chronology/episodes/${episodeId}?saved=changed`, 303)
    },
  )
}
