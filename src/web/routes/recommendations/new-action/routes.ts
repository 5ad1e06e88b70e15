import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldError } from '../../../../modules/errors.ts'
import type { RecommendationService } from '../../../../modules/recommendations/recommendation.service.ts'
import { readDateInput } from '../../../date-input.ts'
import { planAccess, withDateMessage } from '../common.ts'
import { errorSummary, formFailure } from '../../../form.ts'
import { actionSchema } from './schema.ts'

const VIEW = 'routes/recommendations/new-action/view.njk'

type NewActionRequest = FastifyRequest<{ Params: { id: string; recommendationId: string } }>

/**
 * `GET/POST /reviews/:id/recommendations/:recommendationId/actions/new`: coordinators turn a recommendation
 * into actions, each owned by an agency of the partnership and a named person or role, with a due date.
 */
export function newActionRoutes(app: FastifyInstance, recommendations: RecommendationService): void {
  const show = async (
    request: NewActionRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const { id, recommendationId } = request.params
    const { review, recommendation, agencies } = await recommendations.forNewAction(
      request.actor!,
      id,
      recommendationId,
    )
    const values = options.values ?? {}
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Add an action to recommendation ${recommendation.number} – ${review.reference}`,
      review,
      recommendation,
      errors: errorSummary(options.errors),
      values,
      agencyItems: [
        { value: '', text: 'Choose an agency' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
      ],
    })
  }

  app.get<{ Params: { id: string; recommendationId: string } }>(
    '/reviews/:id/recommendations/:recommendationId/actions/new',
    { config: planAccess('review.manage') },
    (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string; recommendationId: string } }>(
    '/reviews/:id/recommendations/:recommendationId/actions/new',
    { config: planAccess('review.manage') },
    async (request, reply) => {
      const { id, recommendationId } = request.params
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = actionSchema.parse(body)
      const due = readDateInput(body, 'dueDate', 'The due date', { required: true })
      try {
        await recommendations.addAction(request.actor!, id, recommendationId, {
          description: values.description,
          agencyId: values.agencyId,
          owner: values.owner,
          dueDate: due.value,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (!failure) throw error
        return show(request, reply, { ...failure, errors: withDateMessage(failure.errors, due), values })
      }
      return reply.redirect(`/reviews/${id}/recommendations?saved=action#recommendation-${recommendationId}`, 303)
    },
  )
}
