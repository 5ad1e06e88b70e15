import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import type { ChildAtRiskService } from '../../../../modules/children-at-risk/child-at-risk.service.ts'
import { StaleEditError, type FieldError } from '../../../../modules/errors.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { childAccess, version, withDateMessage } from '../common.ts'
import { confirmSchema, type ConfirmForm } from './schema.ts'

const VIEW = 'routes/children-at-risk/confirm/view.njk'

const STALE_MESSAGE =
  'Someone else changed this child’s record while you were confirming it. What you typed is shown below and has not been saved: check it and confirm again'

type ConfirmRequest = FastifyRequest<{ Params: { id: string; childAtRiskId: string } }>

/**
 * `GET/POST /reviews/:id/children-at-risk/:childAtRiskId/confirm`: coordinators record that a child's safety action
 * was taken: when (today or earlier), who confirmed it, and a note. A confirmed action can be corrected.
 */
export function confirmRoutes(app: FastifyInstance, children: ChildAtRiskService): void {
  const show = async (
    request: ConfirmRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Partial<ConfirmForm> } = {},
  ) => {
    const { id, childAtRiskId } = request.params
    const { review, child } = await children.forChange(request.actor!, id, childAtRiskId)
    const values: Partial<ConfirmForm> = options.values ?? {
      ...dateInputValues('confirmedOn', child.confirmation?.confirmedOn),
      confirmedBy: child.confirmation?.confirmedBy ?? '',
      note: child.confirmation?.note ?? '',
      version: String(child.version),
    }
    const who = child.nameShown ? `${child.name}, ${child.label.replace(/^Other/, 'other')}` : child.label
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Confirm the safety action for ${child.label.toLowerCase()} – ${review.reference}`,
      review,
      child,
      who,
      due: formatLongDate(child.dueDate),
      errors: errorSummary(options.errors),
      values,
    })
  }

  app.get<{ Params: { id: string; childAtRiskId: string } }>(
    '/reviews/:id/children-at-risk/:childAtRiskId/confirm',
    { config: childAccess('childAtRisk.manage') },
    (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string; childAtRiskId: string } }>(
    '/reviews/:id/children-at-risk/:childAtRiskId/confirm',
    { config: childAccess('childAtRisk.manage') },
    async (request, reply) => {
      const { id, childAtRiskId } = request.params
      const body = (request.body ?? {}) as Record<string, unknown>
      const form = parseForm(confirmSchema, body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
      const date = readDateInput(body, 'confirmedOn', 'The date confirmed', { required: true })
      try {
        await children.confirm(request.actor!, id, childAtRiskId, version(body), {
          confirmedOn: date.value,
          confirmedBy: form.data.confirmedBy,
          note: form.data.note,
        })
      } catch (error) {
        if (error instanceof StaleEditError) {
          const { child } = await children.forChange(request.actor!, id, childAtRiskId)
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'confirmedOn-day', message: STALE_MESSAGE }],
            values: { ...form.data, version: String(child.version) },
          })
        }
        const failure = formFailure(error)
        if (!failure) throw error
        return show(request, reply, {
          ...failure,
          errors: withDateMessage(failure.errors, date, 'confirmedOn-day'),
          values: form.data,
        })
      }
      return reply.redirect(`/reviews/${id}/children-at-risk?saved=confirmed#child-${childAtRiskId}`, 303)
    },
  )
}
