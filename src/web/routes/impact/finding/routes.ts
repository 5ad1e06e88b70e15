import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import type { ImpactService } from '../../../../modules/impact/impact.service.ts'
import { readDateInput } from '../../../date-input.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { findingSchema } from './schema.ts'

const VIEW = 'routes/impact/finding/view.njk'

type FindingRequest = FastifyRequest<{ Params: { id: string; impactAuditId: string } }>

/** `GET/POST /reviews/:id/impact/audits/:impactAuditId`: a coordinator records what an audit found. */
export function findingRoutes(app: FastifyInstance, impact: ImpactService): void {
  const show = async (
    request: FindingRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const view = await impact.forFinding(request.actor!, request.params.id, request.params.impactAuditId)
    const a = view.audit
    const [year, month, day] = a.auditedOn ? a.auditedOn.split('-') : []
    const values = options.values ?? {
      'auditedOn-day': day ? String(Number(day)) : '',
      'auditedOn-month': month ? String(Number(month)) : '',
      'auditedOn-year': year ?? '',
      finding: a.finding ?? '',
      practiceChanged: a.practiceChanged === null ? '' : a.practiceChanged ? 'yes' : 'no',
    }
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Record an audit finding – ${view.review.reference}`,
      review: view.review,
      auditId: a.id,
      recommendation: view.recommendation,
      audit: {
        when: `${a.monthsAfter} months after publication`,
        due: a.dueDate ? formatLongDate(a.dueDate) : 'When the review is published',
        question: a.question,
        sample: a.sample,
      },
      errors: errorSummary(options.errors),
      values,
      changedItems: [
        { value: 'yes', text: 'Yes, practice changed', checked: values.practiceChanged === 'yes' },
        { value: 'no', text: 'No, practice has not changed', checked: values.practiceChanged === 'no' },
      ],
    })
  }

  const config = { routeAccess: { access: 'authenticated', permission: 'impact.manage' } } as const
  app.get<{ Params: { id: string; impactAuditId: string } }>(
    '/reviews/:id/impact/audits/:impactAuditId',
    { config },
    (r, reply) => show(r, reply),
  )
  app.post<{ Params: { id: string; impactAuditId: string } }>(
    '/reviews/:id/impact/audits/:impactAuditId',
    { config },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const form = parseForm(findingSchema, body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
      const date = readDateInput(body, 'auditedOn', 'The date of the audit', { required: true })
      try {
        await impact.recordFinding(request.actor!, request.params.id, request.params.impactAuditId, {
          auditedOn: date.value,
          finding: form.data.finding,
          practiceChanged: form.data.practiceChanged,
        })
      } catch (error) {
        const failure = formFailure(error)
        if (!failure) throw error
        const errors = failure.errors.map((e) =>
          e.field === 'auditedOn-day' && date.error ? { field: e.field, message: date.error } : e,
        )
        return show(request, reply, { ...failure, errors, values: form.data })
      }
      return reply.redirect(`/reviews/${request.params.id}/impact?saved=recorded`, 303)
    },
  )
}
