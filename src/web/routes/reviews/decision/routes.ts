import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import {
  CRITERION_ANSWERS,
  DECISION_CRITERIA,
  DECISION_OUTCOME_NAMES,
  DECISION_OUTCOMES,
  type CriterionAnswer,
  type Decision,
  type DecisionOutcome,
} from '../../../../modules/reviews/review.ts'
import { StaleReviewError } from '../../../../modules/reviews/review.service.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'
import { reviewAccess, STALE_MESSAGE } from '../common.ts'
import { errorSummary } from '../../../form.ts'

const VIEW = 'routes/reviews/decision/view.njk'

/** `GET/POST /reviews/:id/decision`: the decision against every criterion, with its rationale (chairs). */
export function decisionRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const { review } = await services.reviews.get(request.actor!, request.params.id)
    const d = review.decision
    const stored: Record<string, unknown> = d
      ? {
          outcome: d.outcome,
          rationale: d.rationale,
          ...Object.fromEntries(
            Object.entries(d.criteria).flatMap(([k, v]) => [
              [`criterion-${k}`, v.answer],
              [`criterion-${k}-evidence`, v.evidence],
            ]),
          ),
          ...dateInputValues('decidedOn', d.decidedOn),
          ...dateInputValues('panelToldOn', d.panelToldOn),
        }
      : {}
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Decision – ${review.reference}`,
      review,
      errors: errorSummary(options.errors),
      values: options.values ?? stored,
      criteria: DECISION_CRITERIA,
      outcomes: DECISION_OUTCOMES.map((o) => ({ value: o, text: DECISION_OUTCOME_NAMES[o] })),
    })
  }

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/decision',
    { config: reviewAccess('review.decide') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/decision',
    { config: reviewAccess('review.decide') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const errors: FieldError[] = []
      const criteria = {} as Decision['criteria']
      for (const c of DECISION_CRITERIA) {
        const answer = String(body[`criterion-${c.key}`] ?? '')
        if (!(CRITERION_ANSWERS as readonly string[]).includes(answer)) {
          errors.push({ field: `criterion-${c.key}`, message: `Answer “${c.text}”: met, not met or not known` })
        }
        criteria[c.key] = {
          answer: answer as CriterionAnswer,
          evidence: String(body[`criterion-${c.key}-evidence`] ?? '').slice(0, 5000),
        }
      }
      const outcome = String(body.outcome ?? '')
      if (!(DECISION_OUTCOMES as readonly string[]).includes(outcome))
        errors.push({ field: 'outcome', message: 'Select the decision' })
      const decidedOn = readDateInput(body, 'decidedOn', 'The date of the decision', {
        required: true,
        notInFuture: services.reviews.today(),
      })
      if (decidedOn.error) errors.push({ field: 'decidedOn-day', message: decidedOn.error })
      const panelToldOn = readDateInput(body, 'panelToldOn', 'The date the Panel was told', {
        notInFuture: services.reviews.today(),
      })
      if (panelToldOn.error) errors.push({ field: 'panelToldOn-day', message: panelToldOn.error })
      try {
        if (errors.length) throw new ValidationError(errors)
        await services.reviews.recordDecision(request.actor!, request.params.id, Number(body.version), {
          criteria,
          outcome: outcome as DecisionOutcome,
          rationale: String(body.rationale ?? '').slice(0, 20000),
          decidedOn: decidedOn.value!,
          panelToldOn: panelToldOn.value,
        })
      } catch (error) {
        if (error instanceof ValidationError)
          return show(request, reply, { status: 400, errors: error.errors, values: body })
        if (error instanceof StaleReviewError)
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'rationale', message: STALE_MESSAGE }],
            values: body,
          })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}?saved=decision`, 303)
    },
  )
}
