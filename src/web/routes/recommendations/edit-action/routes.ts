import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldError } from '../../../../modules/errors.ts'
import {
  StaleEditError,
  type RecommendationService,
} from '../../../../modules/recommendations/recommendation.service.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'
import { planAccess, version, withDateMessage } from '../common.ts'
import { errorSummary, formFailure } from '../../../form.ts'
import { editActionSchema } from './schema.ts'

const VIEW = 'routes/recommendations/edit-action/view.njk'

type EditActionRequest = FastifyRequest<{ Params: { actionId: string } }>

const STALE_MESSAGE =
  'Someone else changed this action while you were editing it. Its saved details are shown below. Check your changes, then save again'

/** `GET/POST /actions/:actionId/edit`: coordinators change an action's description, owner or due date. */
export function editActionRoutes(app: FastifyInstance, recommendations: RecommendationService): void {
  const show = async (
    request: EditActionRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string>; stale?: boolean } = {},
  ) => {
    const { action, agencies } = await recommendations.forEditAction(request.actor!, request.params.actionId)
    const values = options.values ?? {
      description: action.description,
      agencyId: action.agencyId,
      owner: action.owner,
      ...dateInputValues('dueDate', action.dueDate),
      version: String(action.version),
    }
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Change action ${action.recommendationNumber}.${action.number} – ${action.reviewReference}`,
      action,
      stale: options.stale ? action : null,
      errors: errorSummary(options.errors),
      values,
      agencyItems: agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
    })
  }

  app.get<{ Params: { actionId: string } }>(
    '/actions/:actionId/edit',
    { config: planAccess('review.manage') },
    (request, reply) => show(request, reply),
  )

  app.post<{ Params: { actionId: string } }>(
    '/actions/:actionId/edit',
    { config: planAccess('review.manage') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = editActionSchema.parse(body)
      const due = readDateInput(body, 'dueDate', 'The due date', { required: true })
      try {
        await recommendations.updateAction(request.actor!, request.params.actionId, version(body), {
          description: values.description,
          agencyId: values.agencyId,
          owner: values.owner,
          dueDate: due.value,
        })
      } catch (error) {
        if (error instanceof StaleEditError) {
          const { action } = await recommendations.forEditAction(request.actor!, request.params.actionId)
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'description', message: STALE_MESSAGE }],
            values: { ...values, version: String(action.version) },
            stale: true,
          })
        }
        const failure = formFailure(error)
        if (!failure) throw error
        return show(request, reply, { ...failure, errors: withDateMessage(failure.errors, due), values })
      }
      return reply.redirect(`/actions/${request.params.actionId}?saved=details`, 303)
    },
  )
}
