import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import {
  PARALLEL_PROCESS_KINDS,
  PARALLEL_PROCESS_NAMES,
  type Commissioning,
  type ParallelProcess,
} from '../../../../modules/reviews/review.ts'
import { StaleReviewError } from '../../../../modules/reviews/review.service.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'
import { reviewAccess, STALE_MESSAGE } from '../common.ts'
import { errorSummary } from '../../../form.ts'

const VIEW = 'routes/reviews/commissioning/view.njk'
/** Rows offered for parallel processes (criminal proceedings, inquest, DHR, SAR, child death review). */
const PROCESS_ROWS = 5
const METHODOLOGIES = [
  'SCIE Learning Together (systems model)',
  'Significant Incident Learning Process (SILP)',
  'Hybrid',
  'Other',
]

/** `GET/POST /reviews/:id/commissioning`: terms of reference, methodology, reviewers, family plan, parallel processes. */
export function commissioningRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const { review } = await services.reviews.get(request.actor!, request.params.id)
    const c = review.commissioning
    const stored: Record<string, unknown> = c
      ? {
          linesOfEnquiry: c.linesOfEnquiry.join('\n'),
          methodology: c.methodology,
          leadReviewers: c.leadReviewers,
          panelMembers: c.panelMembers,
          familyInvolvement: c.familyInvolvement,
          ...dateInputValues('scopeStart', c.scopeStart),
          ...dateInputValues('scopeEnd', c.scopeEnd),
          ...Object.fromEntries(
            c.parallelProcesses.flatMap((p, i) => [
              [`process${i}-kind`, p.kind],
              [`process${i}-reference`, p.reference],
              [`process${i}-status`, p.status],
              ...Object.entries(dateInputValues(`process${i}-end`, p.expectedEnd)),
            ]),
          ),
        }
      : {}
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Commissioning – ${review.reference}`,
      review,
      errors: errorSummary(options.errors),
      values: options.values ?? stored,
      methodologies: METHODOLOGIES,
      processRows: Array.from({ length: PROCESS_ROWS }, (_, i) => i),
      processKinds: PARALLEL_PROCESS_KINDS.map((k) => ({ value: k, text: PARALLEL_PROCESS_NAMES[k] })),
    })
  }

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/commissioning',
    { config: reviewAccess('review.manage') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/commissioning',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const errors: FieldError[] = []
      const date = (name: string, label: string, required: boolean) => {
        const r = readDateInput(body, name, label, { required })
        if (r.error) errors.push({ field: `${name}-day`, message: r.error })
        return r.value
      }
      const text = (name: string, max = 5000) =>
        String(body[name] ?? '')
          .trim()
          .slice(0, max)
      const scopeStart = date('scopeStart', 'The start of the period under review', true)
      const scopeEnd = date('scopeEnd', 'The end of the period under review', true)
      const processes: ParallelProcess[] = []
      for (let i = 0; i < PROCESS_ROWS; i++) {
        const kind = text(`process${i}-kind`, 50)
        if (!kind) continue
        if (!(PARALLEL_PROCESS_KINDS as readonly string[]).includes(kind)) continue
        processes.push({
          kind: kind as ParallelProcess['kind'],
          reference: text(`process${i}-reference`, 200),
          status: text(`process${i}-status`, 20) === 'concluded' ? 'concluded' : 'ongoing',
          expectedEnd: date(`process${i}-end`, `The expected end of parallel process ${i + 1}`, false),
        })
      }
      const commissioning: Commissioning = {
        scopeStart: scopeStart ?? '',
        scopeEnd: scopeEnd ?? '',
        linesOfEnquiry: text('linesOfEnquiry', 20000)
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(0, 50),
        methodology: text('methodology', 200),
        leadReviewers: text('leadReviewers', 1000),
        panelMembers: text('panelMembers', 5000),
        familyInvolvement: text('familyInvolvement'),
        parallelProcesses: processes,
      }
      try {
        if (errors.length) throw new ValidationError(errors)
        await services.reviews.recordCommissioning(
          request.actor!,
          request.params.id,
          Number(body.version),
          commissioning,
        )
      } catch (error) {
        if (error instanceof ValidationError)
          return show(request, reply, { status: 400, errors: error.errors, values: body })
        if (error instanceof StaleReviewError)
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'linesOfEnquiry', message: STALE_MESSAGE }],
            values: body,
          })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}?saved=commissioning`, 303)
    },
  )
}
