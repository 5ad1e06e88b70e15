import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { ChronologyEntry } from '../../../../modules/chronology/chronology.ts'
import type { EntryCorrection } from '../../../../modules/chronology/chronology-entry.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { NotFoundError, type FieldError } from '../../../../modules/errors.ts'
import { chronologyAccess } from '../common.ts'
import { correctionSchema } from './schema.ts'
import { errorSummary, formFailure } from '../../../form.ts'

/** What a refused stale save says: the form shows the typed text again, with the current version. */
const STALE_EDIT = {
  field: 'event',
  message:
    'Someone else corrected this entry after you opened it. Your correction is shown below and has not been saved: check it against theirs and save again',
}

type CorrectRequest = FastifyRequest<{ Params: { id: string; chronologyEntryId: string } }>

/** An entry's text as the form shows it. */
function formValues(e: ChronologyEntry): Record<string, string> {
  return {
    date: formatChronologyDate(e.date),
    time: e.time ?? '',
    sourceRecord: e.sourceRecord,
    practitionerRole: e.practitionerRole,
    peopleInvolved: e.peopleInvolved.join('; '),
    event: e.event,
    actionTaken: e.actionTaken,
    outcome: e.outcome,
    significance: e.significance,
    reason: '',
  }
}

/**
 * `GET/POST /reviews/:id/chronology/entries/:chronologyEntryId/correct`: correct a submitted entry with a reason (its
 * agency's contributor, a coordinator or a lead reviewer). The earlier text is kept; the version sent with
 * the form refuses a correction based on text someone else has corrected since.
 */
export function correctRoutes(app: FastifyInstance, chronology: ChronologyServices): void {
  const show = async (
    request: CorrectRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const { id, chronologyEntryId: entryId } = request.params
    const detail = await chronology.entries.entryDetail(request.actor!, id, entryId)
    // Only those who may change the entry see the form; a draft is changed on the draft form.
    if (!detail.canChange || detail.entry.status !== 'submitted') throw new NotFoundError('Entry not found')
    const current = formValues(detail.entry)
    return reply.code(options.status ?? 200).page('routes/chronology/correct/view.njk', {
      pageTitle: `Correct a chronology entry – ${detail.scope.review.reference}`,
      review: detail.scope.review,
      entryId,
      agency: detail.entry.agency,
      // After a refused stale correction, the form carries the current version: saving again is deliberate.
      version: detail.version,
      values: options.values ?? current,
      current: options.status === 409 ? current : null,
      errors: errorSummary(options.errors),
    })
  }

  app.get<{ Params: { id: string; chronologyEntryId: string } }>(
    '/reviews/:id/chronology/entries/:chronologyEntryId/correct',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string; chronologyEntryId: string } }>(
    '/reviews/:id/chronology/entries/:chronologyEntryId/correct',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => {
      const { id, chronologyEntryId: entryId } = request.params
      const { version, ...values } = correctionSchema.parse(request.body ?? {})
      try {
        await chronology.entries.correctEntry(request.actor!, id, entryId, {
          ...(values as unknown as EntryCorrection),
          version,
        })
      } catch (error) {
        const failure = formFailure(error, STALE_EDIT)
        if (failure) return show(request, reply, { ...failure, values })
        throw error
      }
      return reply.redirect(`/reviews/${id}/chronology/entries/${entryId}?saved=corrected`, 303)
    },
  )
}
