import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import {
  CRITERION_RATING_NAMES,
  CRITERION_RATINGS,
  OUTCOME_NAMES,
  PANEL_OUTCOMES,
  QUALITY_CRITERIA,
} from '../../../../modules/panel/panel.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { panelAccess, presentExchange, STALE_STEP } from '../common.ts'
import { qualitySchema, ratingsFrom } from './schemas.ts'

type Params = { Params: { notificationId: string } }

/**
 * `GET|POST /panel/notifications/:notificationId/quality`: the Panel's quality evaluation of a final report it has
 * received, against the published quality markers (module `panel.ts`), a rating and comment for each, and an
 * overall rating with reasons returned to the partnership and kept on the review.
 */
export function panelQualityRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const item = await services.panel.caseFor(request.actor!, request.params.notificationId)
    const values = options.values ?? {}
    return reply.code(options.status ?? 200).page('routes/panel/quality/view.njk', {
      pageTitle: 'Evaluate the quality of the final report',
      review: item.review,
      partnership: item.partnership,
      steps: item.exchanges.filter((e) => e.topic === 'quality').map(presentExchange),
      stepsId: 'earlier-steps',
      stepCount: item.exchanges.length,
      criteria: QUALITY_CRITERIA.map((c) => ({
        key: c.key,
        text: c.text,
        items: CRITERION_RATINGS.map((r) => ({
          value: r,
          text: CRITERION_RATING_NAMES[r],
          checked: values[`rating-${c.key}`] === r,
        })),
        comment: values[`comment-${c.key}`] ?? '',
      })),
      outcomeItems: PANEL_OUTCOMES.quality.map((o) => ({
        value: o,
        text: OUTCOME_NAMES[o],
        checked: values.outcome === o,
      })),
      values,
      errors: errorSummary(options.errors),
    })
  }

  app.get<Params>(
    '/panel/notifications/:notificationId/quality',
    { config: panelAccess('panel.evaluate') },
    (request, reply) => show(request, reply),
  )

  app.post<Params>(
    '/panel/notifications/:notificationId/quality',
    { config: panelAccess('panel.evaluate') },
    async (request, reply) => {
      const form = parseForm(qualitySchema, request.body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors, values: request.body as never })
      const data = form.data as Record<string, unknown> & { outcome: string; reasons: string; steps: number }
      try {
        await services.panel.recordPanelStep(
          request.actor!,
          request.params.notificationId,
          'quality',
          { outcome: data.outcome, reasons: data.reasons, questions: '', ratings: ratingsFrom(data) },
          data.steps,
        )
      } catch (error) {
        const failure = formFailure(error, STALE_STEP)
        if (!failure) throw error
        return show(request, reply, { status: failure.status, errors: failure.errors, values: data })
      }
      return reply.redirect(`/panel/notifications/${request.params.notificationId}?saved=quality`, 303)
    },
  )
}
