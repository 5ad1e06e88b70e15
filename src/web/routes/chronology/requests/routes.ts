import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { REQUEST_KIND_NAMES } from '../../../../modules/chronology/chronology.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { REQUEST_KINDS } from '../../../../modules/chronology/chronology.ts'
import { formatLongDate, todayInEngland, type IsoDate } from '../../../../modules/clocks/plain-date.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { readDateInput } from '../../../date-input.ts'
import { chronologyAccess, list } from '../common.ts'
import { errorSummary } from '../../../form.ts'

const VIEW = 'routes/chronology/requests/view.njk'

/** `GET/POST /reviews/:id/chronology/requests`: coordinators ask agencies for chronologies and reports by a due date. */
export function requestRoutes(app: FastifyInstance, chronology: ChronologyServices): void {
  const show = async (
    request: FastifyRequest<{ Params: { id: string }; Querystring: { saved?: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const actor = request.actor!
    const { scope, requests } = await chronology.requests.listRequests(actor, request.params.id)
    const names = new Map(scope.agencies.map((a) => [a.id, a.name]))
    const today = todayInEngland()
    const values = options.values ?? {}
    const chosenAgencies = list(values, 'agencyIds')
    const chosenKinds = options.values ? list(values, 'kinds') : ['chronology', 'agency_report']
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Requests to agencies – ${scope.review.reference}`,
      review: scope.review,
      saved: request.query?.saved === 'requested' ? 'Request sent.' : null,
      errors: errorSummary(options.errors),
      values,
      canRequest: roleAllows(actor.role, 'review.manage') && scope.agencyId === null,
      // A contributor arrives here from Home: the way on to the import must be on this page.
      canImport:
        scope.agencyId !== null &&
        roleAllows(actor.role, 'contribution.submit') &&
        requests.some((r) => r.kind === 'chronology' && r.agencyId === scope.agencyId),
      requests: requests.map((r) => ({
        agency: names.get(r.agencyId) ?? '',
        kind: REQUEST_KIND_NAMES[r.kind],
        due: formatLongDate(r.dueDate as IsoDate),
        status:
          r.status === 'submitted'
            ? { text: 'Submitted', classes: 'govuk-tag--green' }
            : r.dueDate < today
              ? { text: 'Overdue', classes: 'govuk-tag--red' }
              : { text: 'Requested', classes: 'govuk-tag--blue' },
      })),
      agencyItems: scope.agencies.map((a) => ({ value: a.id, text: a.name, checked: chosenAgencies.includes(a.id) })),
      kindItems: REQUEST_KINDS.map((k) => ({
        value: k,
        text: REQUEST_KIND_NAMES[k],
        checked: chosenKinds.includes(k),
      })),
    })
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/chronology/requests',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/chronology/requests',
    { config: chronologyAccess('review.manage') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const date = readDateInput(body, 'dueDate', 'The due date', { required: true })
      try {
        if (date.error) throw new ValidationError([{ field: 'dueDate-day', message: date.error }])
        await chronology.requests.requestFromAgencies(request.actor!, request.params.id, {
          agencyIds: list(body, 'agencyIds'),
          kinds: list(body, 'kinds'),
          dueDate: date.value ?? null,
        })
      } catch (error) {
        if (error instanceof ValidationError)
          return show(request, reply, { status: 400, errors: error.errors, values: body })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/chronology/requests?saved=requested`, 303)
    },
  )
}
