import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError, type FieldError } from '../../../../modules/errors.ts'
import {
  OUTCOME_NAMES,
  PARTNERSHIP_OUTCOMES,
  TOPIC_NAMES,
  topicFromSlug,
  type PanelTopic,
} from '../../../../modules/panel/panel.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { panelAccess, presentExchange, STALE_STEP } from '../common.ts'
import { answerSchema } from './schemas.ts'

type Params = { Params: { id: string; panelTopic: string } }

function topicOf(slug: string): PanelTopic {
  const topic = topicFromSlug(slug)
  if (!topic) throw new NotFoundError('Page not found')
  return topic
}

/**
 * `GET|POST /reviews/:id/panel/:topic`: the partnership answers the national Panel on its review: the
 * Panel's response to the rapid review, its challenge to a decision not to review (reconsider or explain),
 * or its quality evaluation of the final report. Dated and audited by the service.
 */
export function panelAnswerRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const topic = topicOf(request.params.panelTopic)
    const actor = request.actor!
    const view = await services.panel.forReview(actor, request.params.id)
    const { review } = await services.reviews.get(actor, request.params.id)
    const values = options.values ?? {}
    const outcomes = PARTNERSHIP_OUTCOMES[topic]
    return reply.code(options.status ?? 200).page('routes/panel/answer/view.njk', {
      pageTitle: `Answer the national Panel: ${TOPIC_NAMES[topic].toLowerCase()}`,
      topicName: TOPIC_NAMES[topic],
      slug: request.params.panelTopic,
      review,
      steps: view.exchanges.filter((e) => e.topic === topic).map(presentExchange),
      stepsId: 'panel-steps',
      stepCount: view.exchanges.length,
      outcomeItems:
        outcomes.length > 1
          ? outcomes.map((o) => ({ value: o, text: OUTCOME_NAMES[o], checked: values.outcome === o }))
          : null,
      values,
      errors: errorSummary(options.errors),
    })
  }

  app.get<Params>('/reviews/:id/panel/:panelTopic', { config: panelAccess('panel.answer') }, (request, reply) =>
    show(request, reply),
  )

  app.post<Params>(
    '/reviews/:id/panel/:panelTopic',
    { config: panelAccess('panel.answer') },
    async (request, reply) => {
      const topic = topicOf(request.params.panelTopic)
      const form = parseForm(answerSchema, request.body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors, values: request.body as never })
      try {
        await services.panel.answer(request.actor!, request.params.id, topic, form.data, form.data.steps)
      } catch (error) {
        const failure = formFailure(error, STALE_STEP)
        if (!failure) throw error
        return show(request, reply, { status: failure.status, errors: failure.errors, values: form.data })
      }
      return reply.redirect(`/reviews/${request.params.id}?saved=panel-answer`, 303)
    },
  )
}
