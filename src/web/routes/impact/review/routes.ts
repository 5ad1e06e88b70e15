import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import { DEFAULT_AUDIT_MONTHS } from '../../../../modules/impact/impact.ts'
import type { ImpactService } from '../../../../modules/impact/impact.service.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { impactTag } from '../common.ts'
import { planSchema } from './schema.ts'

const VIEW = 'routes/impact/review/view.njk'
const SAVED: Record<string, string> = { planned: 'Audits planned.', recorded: 'Audit finding recorded.' }

type PageRequest = FastifyRequest<{ Params: { id: string }; Querystring: { saved?: string } }>

/**
 * `GET /reviews/:id/impact`: each recommendation's follow-up audits and whether they showed impact;
 * `POST` (coordinators) plans audits of a recommendation.
 */
export function reviewImpactRoutes(app: FastifyInstance, impact: ImpactService): void {
  const show = async (
    request: PageRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const view = await impact.overview(request.actor!, request.params.id)
    const values = options.values ?? {}
    const months = new Set((values.months as string[] | undefined) ?? DEFAULT_AUDIT_MONTHS.map(String))
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Impact of the recommendations – ${view.review.reference}`,
      review: view.review,
      saved: SAVED[request.query?.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      values,
      publishedOn: view.publishedOn ? formatLongDate(view.publishedOn) : null,
      canManage: view.canManage,
      recommendations: view.recommendations.map((r) => ({
        id: r.id,
        number: r.number,
        sentence: r.sentence,
        tag: impactTag(r.impact),
        audits: r.audits.map((a) => ({
          id: a.id,
          when: `${a.monthsAfter} months after publication`,
          due: a.dueDate ? formatLongDate(a.dueDate) : 'When the review is published',
          overdue: a.state === 'overdue',
          question: a.question,
          sample: a.sample,
          finding: a.finding,
          practiceChanged: a.practiceChanged,
          auditedOn: a.auditedOn ? formatLongDate(a.auditedOn) : null,
          by: a.recordedByName,
        })),
      })),
      recommendationItems: [
        { value: '', text: 'Choose a recommendation' },
        ...view.recommendations.map((r) => ({
          value: r.id,
          text: `Recommendation ${r.number}`,
          selected: values.recommendationId === r.id,
        })),
      ],
      monthItems: DEFAULT_AUDIT_MONTHS.map((m) => ({
        value: String(m),
        text: `${m} months after publication`,
        checked: months.has(String(m)),
      })),
    })
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/impact',
    { config: { routeAccess: { access: 'authenticated', permission: 'impact.read' } } },
    (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/impact',
    { config: { routeAccess: { access: 'authenticated', permission: 'impact.manage' } } },
    async (request, reply) => {
      const form = parseForm(planSchema, request.body ?? {})
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
      try {
        await impact.plan(request.actor!, request.params.id, {
          recommendationId: form.data.recommendationId,
          months: [...form.data.months, form.data.otherMonths],
          question: form.data.question,
          sample: form.data.sample,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (!failure) throw error
        return show(request, reply, { ...failure, values: form.data })
      }
      return reply.redirect(`/reviews/${request.params.id}/impact?saved=planned`, 303)
    },
  )
}
