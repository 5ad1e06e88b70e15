import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { DisseminationService } from '../../../../modules/dissemination/dissemination.service.ts'
import { METHOD_NAMES, METHODS } from '../../../../modules/dissemination/dissemination.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import { readDateInput } from '../../../date-input.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { recordSchema } from './schema.ts'

const VIEW = 'routes/dissemination/record/view.njk'

type RecordRequest = FastifyRequest<{ Params: { id: string } }>

/**
 * `GET/POST /reviews/:id/dissemination/record`: an agency records how it shared the review's learning
 * (agency contributors for their own agency; coordinators choose the agency).
 */
export function recordRoutes(app: FastifyInstance, dissemination: DisseminationService): void {
  const show = async (
    request: RecordRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const view = await dissemination.overview(request.actor!, request.params.id)
    const values = options.values ?? {}
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Record how the learning was shared – ${view.review.reference}`,
      review: view.review,
      errors: errorSummary(options.errors),
      values,
      ownAgency: view.ownAgencyId ? (view.rows[0]?.agencyName ?? null) : null,
      agencyItems: view.ownAgencyId
        ? []
        : [
            { value: '', text: 'Choose an agency' },
            ...view.rows.map((r) => ({
              value: r.agencyId,
              text: r.agencyName,
              selected: values.agencyId === r.agencyId,
            })),
          ],
      methodItems: METHODS.map((m) => ({ value: m, text: METHOD_NAMES[m], checked: values.method === m })),
    })
  }

  const config = { routeAccess: { access: 'authenticated', permission: 'dissemination.record' } } as const
  app.get<{ Params: { id: string } }>('/reviews/:id/dissemination/record', { config }, (request, reply) =>
    show(request, reply),
  )
  app.post<{ Params: { id: string } }>('/reviews/:id/dissemination/record', { config }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const form = parseForm(recordSchema, body)
    if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
    const date = readDateInput(body, 'sharedOn', 'The date shared', { required: true })
    try {
      await dissemination.record(request.actor!, request.params.id, {
        agencyId: form.data.agencyId,
        method: form.data.method,
        sharedOn: date.value,
        practitioners: form.data.practitioners,
        note: form.data.note,
      })
    } catch (error) {
      const failure = formFailure(error)
      if (!failure) throw error
      const errors = failure.errors.map((e) =>
        e.field === 'sharedOn-day' && date.error ? { field: e.field, message: date.error } : e,
      )
      return show(request, reply, { ...failure, errors, values: form.data })
    }
    return reply.redirect(`/reviews/${request.params.id}/dissemination?saved=recorded`, 303)
  })
}
