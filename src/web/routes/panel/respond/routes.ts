import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError, type FieldError } from '../../../../modules/errors.ts'
import {
  OUTCOME_NAMES,
  PANEL_OUTCOMES,
  topicFromSlug,
  TOPIC_SLUGS,
  type PanelTopic,
} from '../../../../modules/panel/panel.ts'
import { DECISION_OUTCOME_NAMES } from '../../../../modules/reviews/review.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { panelAccess, presentExchange, STALE_STEP } from '../common.ts'
import { respondSchema } from './schemas.ts'

type Params = { Params: { notificationId: string; panelTopic: string } }

const HEADINGS: Record<string, string> = {
  rapid_review: 'Respond to the rapid review',
  decision: 'Agree with or challenge the decision not to review',
}

/** The topic of the URL: the rapid review or the decision (the quality evaluation has its own page). */
function topicOf(slug: string): PanelTopic {
  const topic = topicFromSlug(slug)
  if (topic !== 'rapid_review' && topic !== 'decision') throw new NotFoundError('Page not found')
  return topic
}

/**
 * `GET|POST /panel/notifications/:notificationId/respond/:topic` (`rapid-review` or `decision`): the Panel's response,
 * agreeing with the partnership's decision or not (for a decision not to review: agreeing or challenging),
 * with its reasons and the questions the partnership is to answer. Dated and audited by the service.
 */
export function panelRespondRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const topic = topicOf(request.params.panelTopic)
    const item = await services.panel.caseFor(request.actor!, request.params.notificationId)
    const values = options.values ?? {}
    const steps = item.exchanges.filter((e) => e.topic === topic)
    return reply.code(options.status ?? 200).page('routes/panel/respond/view.njk', {
      pageTitle: HEADINGS[topic],
      heading: HEADINGS[topic],
      topic,
      slug: TOPIC_SLUGS[topic],
      review: item.review,
      partnership: item.partnership,
      decisionName: item.review.decision ? DECISION_OUTCOME_NAMES[item.review.decision.outcome] : null,
      steps: steps.map(presentExchange),
      stepsId: 'earlier-steps',
      stepCount: item.exchanges.length,
      outcomeItems: PANEL_OUTCOMES[topic].map((o) => ({
        value: o,
        text: OUTCOME_NAMES[o],
        checked: values.outcome === o,
      })),
      values,
      errors: errorSummary(options.errors),
    })
  }

  app.get<Params>(
    '/panel/notifications/:notificationId/respond/:panelTopic',
    { config: panelAccess('panel.respond') },
    (request, reply) => show(request, reply),
  )

  app.post<Params>(
    '/panel/notifications/:notificationId/respond/:panelTopic',
    { config: panelAccess('panel.respond') },
    async (request, reply) => {
      const topic = topicOf(request.params.panelTopic)
      const form = parseForm(respondSchema, request.body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors, values: request.body as never })
      try {
        await services.panel.recordPanelStep(
          request.actor!,
          request.params.notificationId,
          topic,
          form.data,
          form.data.steps,
        )
      } catch (error) {
        const failure = formFailure(error, STALE_STEP)
        if (!failure) throw error
        return show(request, reply, { status: failure.status, errors: failure.errors, values: form.data })
      }
      return reply.redirect(`/panel/notifications/${request.params.notificationId}?saved=${TOPIC_SLUGS[topic]}`, 303)
    },
  )
}
