import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import type { DisseminationService } from '../../../../modules/dissemination/dissemination.service.ts'
import { METHOD_NAMES } from '../../../../modules/dissemination/dissemination.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import { readDateInput } from '../../../date-input.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { askSchema } from './schema.ts'

const VIEW = 'routes/dissemination/review/view.njk'
const SAVED: Record<string, string> = { asked: 'Agencies asked.', recorded: 'Dissemination recorded.' }

type PageRequest = FastifyRequest<{ Params: { id: string }; Querystring: { saved?: string } }>

/**
 * `GET /reviews/:id/dissemination`: how each agency asked shared the review's learning, overdue agencies
 * first; `POST` (coordinators) asks more agencies by a date.
 */
export function reviewDisseminationRoutes(app: FastifyInstance, dissemination: DisseminationService): void {
  const show = async (
    request: PageRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const view = await dissemination.overview(request.actor!, request.params.id)
    const values = options.values ?? {}
    const chosen = new Set((values.agencyIds as string[] | undefined) ?? [])
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Sharing the learning – ${view.review.reference}`,
      review: view.review,
      saved: SAVED[request.query?.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      values,
      practitioners: view.practitioners,
      canAsk: view.canAsk,
      canRecord: view.canRecord && view.rows.length > 0,
      rows: view.rows.map((r) => ({
        agency: r.agencyName,
        due: formatLongDate(r.dueDate),
        status:
          r.status === 'recorded'
            ? { text: 'Recorded', classes: 'govuk-tag--green' }
            : r.status === 'overdue'
              ? {
                  text: `Overdue by ${r.daysOverdue} ${r.daysOverdue === 1 ? 'day' : 'days'}`,
                  classes: 'govuk-tag--red',
                }
              : { text: 'Not recorded yet', classes: 'govuk-tag--yellow' },
        records: r.records.map((x) => ({
          how: METHOD_NAMES[x.method],
          when: formatLongDate(x.sharedOn),
          practitioners: x.practitioners,
          note: x.note,
          by: x.recordedByName,
        })),
        practitioners: r.practitioners,
      })),
      agencyItems: view.notAsked.map((a) => ({ value: a.id, text: a.name, checked: chosen.has(a.id) })),
    })
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/dissemination',
    { config: { routeAccess: { access: 'authenticated', permission: 'dissemination.read' } } },
    (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/dissemination',
    { config: { routeAccess: { access: 'authenticated', permission: 'dissemination.manage' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const form = parseForm(askSchema, body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
      const due = readDateInput(body, 'dueDate', 'The date to share the learning by', { required: true })
      try {
        await dissemination.ask(request.actor!, request.params.id, {
          agencyIds: form.data.agencyIds,
          dueDate: due.value,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (!failure) throw error
        const errors = failure.errors.map((e) =>
          e.field === 'dueDate-day' && due.error ? { field: e.field, message: due.error } : e,
        )
        return show(request, reply, { ...failure, errors, values: form.data })
      }
      return reply.redirect(`/reviews/${request.params.id}/dissemination?saved=asked`, 303)
    },
  )
}
