import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { chronologyAccess, text } from '../common.ts'
import { errorSummary } from '../../../form.ts'

type EntryRequest = FastifyRequest<{
  Params: { id: string; chronologyEntryId: string }
  Querystring: { saved?: string }
}>

const SAVED: Record<string, string> = {
  corrected: 'Entry corrected. The earlier text is kept in its history below.',
  linked: 'Person linked to the entry.',
  unlinked: 'Person removed from the entry.',
}

/**
 * `GET /reviews/:id/chronology/entries/:chronologyEntryId`: one entry, the people in the case linked to it (added and
 * removed here, `POST …/people`), and the history of its corrections.
 */
export function entryPageRoutes(app: FastifyInstance, chronology: ChronologyServices): void {
  const show = async (request: EntryRequest, reply: FastifyReply, options: { errors?: FieldError[] } = {}) => {
    const { id, chronologyEntryId: entryId } = request.params
    const detail = await chronology.entries.entryDetail(request.actor!, id, entryId)
    const e = detail.entry
    return reply.code(options.errors ? 400 : 200).page('routes/chronology/entry/view.njk', {
      pageTitle: `Chronology entry of ${formatChronologyDate(e.date)} – ${detail.scope.review.reference}`,
      review: detail.scope.review,
      saved: SAVED[request.query?.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      entry: {
        id: e.id,
        status: e.status,
        date: formatChronologyDate(e.date),
        time: e.time ?? '',
        agency: e.agency,
        sourceRecord: e.sourceRecord,
        practitionerRole: e.practitionerRole,
        people: e.peopleInvolved.join('; '),
        event: e.event,
        actionTaken: e.actionTaken,
        outcome: e.outcome,
        significance: e.significance,
        submittedAt: e.submittedAt,
      },
      version: detail.version,
      people: detail.people,
      personItems: [
        { value: '', text: 'Choose a person' },
        ...detail.otherPeople.map((p) => ({
          value: p.id,
          text: p.label === p.role ? p.label : `${p.label} (${p.role})`,
        })),
      ],
      revisions: detail.revisions.map((r) => ({
        version: r.version,
        reason: r.reason,
        by: r.changedByName,
        at: r.changedAt,
        date: formatChronologyDate(r.previous.date),
        time: r.previous.time ?? '',
        event: r.previous.event,
        actionTaken: r.previous.actionTaken,
        outcome: r.previous.outcome,
        people: r.previous.peopleInvolved.join('; '),
      })),
      episodes: detail.episodes,
      canChange: detail.canChange,
    })
  }

  app.get<{ Params: { id: string; chronologyEntryId: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/chronology/entries/:chronologyEntryId',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => show(request, reply),
  )

  // The service decides who may change the entry (its agency's contributor, a coordinator, a lead reviewer).
  app.post<{ Params: { id: string; chronologyEntryId: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/chronology/entries/:chronologyEntryId/people',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => {
      const { id, chronologyEntryId: entryId } = request.params
      const action = text(request.body, 'action', 10)
      const personId = text(request.body, 'personId', 100)
      try {
        await chronology.entries.setEntryPerson(request.actor!, id, entryId, personId, action)
        return reply.redirect(
          `/reviews/${id}/chronology/entries/${entryId}?saved=${action === 'add' ? 'linked' : 'unlinked'}#people`,
          303,
        )
      } catch (error) {
        if (error instanceof ValidationError) return show(request, reply, { errors: error.errors })
        throw error
      }
    },
  )
}
