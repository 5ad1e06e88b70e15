import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { EntryInput } from '../../../../modules/chronology/chronology-entry.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { type FieldError } from '../../../../modules/errors.ts'
import { chronologyAccess, text } from '../common.ts'
import { errorSummary, formFailure } from '../../../form.ts'

const FIELDS = [
  'date',
  'time',
  'agency',
  'sourceRecord',
  'practitionerRole',
  'peopleInvolved',
  'event',
  'actionTaken',
  'outcome',
  'significance',
] as const

/**
 * `GET/POST /reviews/:id/chronology/entries/new`: type a chronology entry (a draft of the actor's agency;
 * coordinators choose the agency), or change a draft (`?entry=` on the page, `entryId` in the form).
 */
export function entryRoutes(app: FastifyInstance, chronology: ChronologyServices): void {
  const show = async (
    request: FastifyRequest<{ Params: { id: string }; Querystring: { entry?: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const actor = request.actor!
    const { review, agencyId, agencies } = await chronology.integrated.readScope(actor, request.params.id)
    let values = options.values
    if (!values && request.query?.entry) {
      const e = await chronology.entries.draftEntry(actor, request.params.id, request.query.entry)
      values = {
        entryId: e.id,
        agencyId: e.agencyId,
        date: formatChronologyDate(e.date),
        time: e.time ?? '',
        agency: e.agency,
        sourceRecord: e.sourceRecord,
        practitionerRole: e.practitionerRole,
        peopleInvolved: e.peopleInvolved.join('; '),
        event: e.event,
        actionTaken: e.actionTaken,
        outcome: e.outcome,
        significance: e.significance,
      }
    }
    values ??= {}
    return reply.code(options.status ?? 200).page('routes/chronology/entries/view.njk', {
      pageTitle: `${values.entryId ? 'Change' : 'Add'} a chronology entry – ${review.reference}`,
      review,
      values,
      errors: errorSummary(options.errors),
      ownAgency: agencyId ? agencies.find((a) => a.id === agencyId)?.name : null,
      agencyItems: agencyId
        ? []
        : [
            { value: '', text: 'Choose an agency' },
            ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
          ],
    })
  }

  app.get<{ Params: { id: string }; Querystring: { entry?: string } }>(
    '/reviews/:id/chronology/entries/new',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string }; Querystring: { entry?: string } }>(
    '/reviews/:id/chronology/entries/new',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      const values: Record<string, string> = {
        entryId: text(request.body, 'entryId', 100),
        agencyId: text(request.body, 'agencyId', 100),
      }
      for (const field of FIELDS) values[field] = text(request.body, field)
      try {
        await chronology.entries.saveEntry(request.actor!, request.params.id, {
          ...(values as unknown as EntryInput),
          entryId: values.entryId || undefined,
          agencyId: values.agencyId || undefined,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure, values })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/chronology?saved=entry#drafts`, 303)
    },
  )
}
