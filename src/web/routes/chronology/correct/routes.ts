import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { StaleVersionError } from '../../../../modules/chronology/chronology-extra.repository.ts'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { ChronologyEntry } from '../../../../modules/chronology/chronology.repository.ts'
import type { ChronologyService, EntryCorrection } from '../../../../modules/chronology/chronology.service.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { errorList } from '../../../plugins/pages.ts'
import { chronologyAccess, text } from '../common.ts'

const FIELDS = [
  'date',
  'time',
  'sourceRecord',
  'practitionerRole',
  'peopleInvolved',
  'event',
  'actionTaken',
  'outcome',
  'significance',
  'reason',
] as const

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
export function correctRoutes(app: FastifyInstance, chronology: ChronologyService): void {
  const show = async (
    request: CorrectRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const { id, chronologyEntryId: entryId } = request.params
    const detail = await chronology.entryDetail(request.actor!, id, entryId)
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
      errors: options.errors ? errorList(options.errors) : undefined,
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
      const values: Record<string, string> = {}
      for (const field of FIELDS) values[field] = text(request.body, field)
      try {
        await chronology.correctEntry(request.actor!, id, entryId, {
          ...(values as unknown as EntryCorrection),
          version: text(request.body, 'version', 20),
        })
      } catch (error) {
        if (error instanceof ValidationError) return show(request, reply, { status: 400, errors: error.errors, values })
        if (error instanceof StaleVersionError) {
          return show(request, reply, {
            status: 409,
            values,
            errors: [
              {
                field: 'event',
                message:
                  'Someone else corrected this entry after you opened it. Your correction is shown below and has not been saved: check it against theirs and save again',
              },
            ],
          })
        }
        throw error
      }
      return reply.redirect(`/reviews/${id}/chronology/entries/${entryId}?saved=corrected`, 303)
    },
  )
}
