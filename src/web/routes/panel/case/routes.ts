import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import { panelStepProblem, TOPIC_NAMES, TOPIC_SLUGS, type PanelTopic } from '../../../../modules/panel/panel.ts'
import { AGE_BAND_LABELS } from '../../../../modules/published-reviews/published-review.ts'
import { DECISION_OUTCOME_NAMES, STAGE_NAMES } from '../../../../modules/reviews/review.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { presentClock } from '../../reviews/present.ts'
import { panelAccess, presentExchange } from '../common.ts'
import { HARM_NAMES } from '../queue/routes.ts'
import { nationalReviewSchema } from './schemas.ts'

const SAVED: Record<string, string> = {
  'rapid-review': 'The Panel’s response to the rapid review is recorded and shown to the partnership.',
  decision: 'The Panel’s response to the decision is recorded and shown to the partnership.',
  quality: 'The quality evaluation is recorded and shown to the partnership.',
  national: 'The case is recorded as a national review.',
}

type Params = { Params: { notificationId: string }; Querystring: { saved?: string } }

/**
 * `GET /panel/notifications/:notificationId`: one case as the Panel received it (the notification, the rapid review, the
 * decision, the final report's date), its clocks, every exchange with the partnership, and what the Panel
 * may do next; `POST …/national-review` takes it on as a national review.
 */
export function panelCaseRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const actor = request.actor!
    const item = await services.panel.caseFor(actor, request.params.notificationId)
    const { review } = item
    const may = (p: Parameters<typeof roleAllows>[1]) => roleAllows(actor.role, p)
    const actions = (['rapid_review', 'decision', 'quality'] as PanelTopic[])
      .filter((t) => may(t === 'quality' ? 'panel.evaluate' : 'panel.respond'))
      .filter((t) => panelStepProblem(review, item.exchanges, t) === null)
      .map((t) => ({
        href:
          t === 'quality'
            ? `/panel/notifications/${review.id}/quality`
            : `/panel/notifications/${review.id}/respond/${TOPIC_SLUGS[t]}`,
        text:
          t === 'rapid_review'
            ? 'Respond to the rapid review'
            : t === 'decision'
              ? 'Agree with or challenge the decision not to review'
              : 'Evaluate the quality of the final report',
        topicName: TOPIC_NAMES[t],
      }))
    return reply.code(options.status ?? 200).page('routes/panel/case/view.njk', {
      pageTitle: `${review.reference} ${review.pseudonym ?? ''}`.trim(),
      review,
      saved: SAVED[request.query.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      values: options.values ?? {},
      partnership: item.partnership,
      harm: HARM_NAMES[review.nature ?? ''] ?? 'Not recorded',
      ageBands: item.ageBands.map((b) => AGE_BAND_LABELS[b]).join(', ') || 'Not known',
      stageName: STAGE_NAMES[review.stage],
      decisionName: review.decision ? DECISION_OUTCOME_NAMES[review.decision.outcome] : null,
      clocks: item.clocks.map(presentClock),
      waitingName: item.waitingName,
      steps: item.exchanges.map(presentExchange),
      actions,
      national: item.national,
      canTakeOn: may('panel.nationalReview') && !item.national,
    })
  }

  app.get<Params>('/panel/notifications/:notificationId', { config: panelAccess('panel.read') }, (request, reply) =>
    show(request, reply),
  )

  app.post<Params>(
    '/panel/notifications/:notificationId/national-review',
    { config: panelAccess('panel.nationalReview') },
    async (request, reply) => {
      const form = parseForm(nationalReviewSchema, request.body)
      const values = form.ok ? form.data : { nationalReasons: '' }
      try {
        await services.panel.takeNationalReview(request.actor!, request.params.notificationId, values.nationalReasons)
      } catch (error) {
        const failure = formFailure(error)
        if (!failure) throw error
        return show(request, reply, { status: failure.status, errors: failure.errors, values })
      }
      return reply.redirect(`/panel/notifications/${request.params.notificationId}?saved=national`, 303)
    },
  )
}
