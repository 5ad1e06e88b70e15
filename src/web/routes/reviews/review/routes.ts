import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import {
  DECISION_OUTCOME_NAMES,
  nextStages,
  PARALLEL_PROCESS_NAMES,
  REVIEW_STAGES,
  STAGE_NAMES,
  type ReviewStage,
} from '../../../../modules/reviews/review.ts'
import { StaleReviewError } from '../../../../modules/reviews/review.service.ts'
import { readDateInput } from '../../../date-input.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { reviewAccess, STALE_MESSAGE } from '../common.ts'
import { presentClock } from '../present.ts'
import { presentTaskList } from './task-list.ts'
import { presentChildrenAtRisk } from './children-at-risk.ts'
import { presentExchange, presentPanelRows } from '../../panel/common.ts'

const SAVED: Record<string, string> = {
  draft: 'Draft saved. You can come back to it at any time.',
  notified: 'Notification saved.',
  stage: 'Stage changed.',
  extension: 'Extension recorded.',
  member: 'Member added.',
  link: 'Review linked.',
  'rapid-review': 'Rapid review saved.',
  decision: 'Decision recorded.',
  commissioning: 'Commissioning saved.',
  'panel-answer': 'Your answer is sent to the national Panel.',
}

const stageSchema = z.object({
  to: z.enum(REVIEW_STAGES, { message: 'Select the stage to move to' }),
  note: z.string().max(2000, 'The note must be 2000 characters or fewer').optional().default(''),
  version: z.coerce.number().int(),
})
const memberSchema = z.object({
  userId: z.string().min(1, 'Select a person'),
  roleInReview: z.enum(['lead_reviewer', 'panel_member'], { message: 'Select their part in the review' }),
})

/** `GET /reviews/:id` (the review page) and its small forms: move stage, extend a clock, add a member. */
export function reviewPageRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; saved?: string } = {},
  ) => {
    const actor = request.actor!
    const item = await services.reviews.get(actor, request.params.id)
    const { review } = item
    const canManage = roleAllows(actor.role, 'review.manage')
    const inPartnership = roleAllows(actor.role, 'review.read')
    const taskList = inPartnership ? await services.tasks.reviewTaskList(actor, item) : null
    const childrenAtRisk =
      taskList && roleAllows(actor.role, 'childAtRisk.read')
        ? presentChildrenAtRisk(review.id, await services.childrenAtRisk.openActionsOfReview(actor, review.id))
        : null
    const presentedTasks = taskList
      ? presentTaskList(review.id, taskList, {
          manage: canManage,
          decide: roleAllows(actor.role, 'review.decide'),
          reveal: roleAllows(actor.role, 'review.revealOriginal'),
        })
      : null
    // Other children at risk come straight after the notification: their safety is the first purpose.
    if (presentedTasks && childrenAtRisk) presentedTasks.items.splice(1, 0, childrenAtRisk.item)
    // What the national Panel has said about the review, and the partnership's answers.
    const panel = inPartnership ? await services.panel.forReview(actor, request.params.id) : null
    const partnershipUsers = canManage ? await services.users.peopleForReview(actor, request.params.id) : []
    return reply.code(options.status ?? 200).page('routes/reviews/review/view.njk', {
      pageTitle: `${review.reference} ${review.pseudonym ?? ''}`.trim(),
      review,
      saved: SAVED[options.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      stageName: STAGE_NAMES[review.stage],
      decisionName: review.decision ? DECISION_OUTCOME_NAMES[review.decision.outcome] : null,
      clocks: item.clocks.map(presentClock),
      runningClocks: item.clocks
        .filter((c) => c.reading.dueDate && !['met_on_time', 'met_late'].includes(c.reading.status))
        .map(presentClock),
      history: item.history.map((h) => ({
        label: {
          text: h.fromStage === h.toStage ? (h.note ?? 'Updated') : `Moved to ${STAGE_NAMES[h.toStage as ReviewStage]}`,
        },
        text: h.fromStage === h.toStage ? '' : (h.note ?? ''),
        datetime: { timestamp: h.changedAt, type: 'datetime' },
        byline: { text: h.changedByName },
      })),
      nextStageItems: nextStages(review.stage).map((s) => ({ value: s, text: STAGE_NAMES[s] })),
      members: item.members,
      links: item.links,
      memberCandidates: partnershipUsers
        // Roles whose reach is membership: the people a review's members are chosen from.
        .filter((u) => roleAllows(u.membership.role, 'review.readAsMember'))
        .map((u) => ({ value: u.id, text: `${u.displayName} (${u.email})` })),
      parallelProcessNames: PARALLEL_PROCESS_NAMES,
      canManage,
      canDecide: roleAllows(actor.role, 'review.decide'),
      canReveal: roleAllows(actor.role, 'review.revealOriginal'),
      // The case pages (chronology, reports, actions, publication) are for the partnership's people, not the national viewer.
      inPartnership,
      panelRows: panel ? presentPanelRows(review.id, panel.exchanges, roleAllows(actor.role, 'panel.answer')) : [],
      panelSteps: panel ? panel.exchanges.map(presentExchange) : [],
      nationalReview: panel?.national ?? null,
      taskList: presentedTasks,
      childrenAtRisk,
    })
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id',
    { config: { routeAccess: { access: 'authenticated' } } },
    async (request, reply) => show(request, reply, { saved: request.query.saved }),
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/stage',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const form = parseForm(stageSchema, request.body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
      try {
        await services.reviews.moveStage(
          request.actor!,
          request.params.id,
          form.data.version,
          form.data.to,
          form.data.note.trim() || null,
        )
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        if (error instanceof StaleReviewError)
          return show(request, reply, { status: 409, errors: [{ field: 'to', message: STALE_MESSAGE }] })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}?saved=stage`, 303)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/extension',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const date = readDateInput(body, 'newDueDate', 'The new due date', { required: true })
      const errors: FieldError[] = date.error ? [{ field: 'newDueDate-day', message: date.error }] : []
      const reason = String(body.reason ?? '')
        .trim()
        .slice(0, 2000)
      try {
        if (errors.length) throw new ValidationError(errors)
        await services.reviews.extendClock(
          request.actor!,
          request.params.id,
          String(body.clockKey ?? ''),
          date.value!,
          reason,
        )
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}?saved=extension`, 303)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/links',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      try {
        await services.reviews.linkReview(
          request.actor!,
          request.params.id,
          String(body.reference ?? '').slice(0, 50),
          String(body.reason ?? '').slice(0, 500),
        )
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}?saved=link`, 303)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/members',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const form = parseForm(memberSchema, request.body)
      if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
      const actor = request.actor!
      const partnershipUsers = await services.users.peopleForReview(actor, request.params.id)
      if (!partnershipUsers.some((u) => u.id === form.data.userId)) {
        return show(request, reply, {
          status: 400,
          errors: [{ field: 'userId', message: 'Select a person from this partnership' }],
        })
      }
      await services.reviews.addMember(actor, request.params.id, form.data.userId, form.data.roleInReview)
      return reply.redirect(`/reviews/${request.params.id}?saved=member`, 303)
    },
  )
}
