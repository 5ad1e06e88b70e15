import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { Actor } from '../../../../modules/access/actor.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { ETHNIC_GROUPS, SEXES, type DuplicateCandidate } from '../../../../modules/reviews/review.ts'
import { StaleReviewError } from '../../../../modules/reviews/review.service.ts'
import { agencyNames, reviewAccess, STALE_MESSAGE } from '../common.ts'
import { MAX_CHILDREN, notificationValues, readNotificationForm } from './form.ts'
import { errorSummary } from '../../../form.ts'

const VIEW = 'routes/reviews/notification/view.njk'

/**
 * Notify a serious incident: `GET/POST /reviews/new` and `GET/POST /reviews/:id/notification`.
 * "Save as draft" keeps whatever is typed; "Add another child" adds a child without losing
 * anything; a likely duplicate is shown before saving, and must be confirmed as a different incident.
 */
export function notificationRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    reply: FastifyReply,
    actor: Actor,
    options: {
      status?: number
      action: string
      values: Record<string, unknown>
      childCount: number
      errors?: FieldError[]
      duplicates?: DuplicateCandidate[]
      version?: number
      submitted?: boolean
      reference?: string
    },
  ) =>
    reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: options.reference ? `Notification ${options.reference}` : 'Notify a serious incident',
      ...options,
      errors: errorSummary(options.errors),
      childIndexes: Array.from({ length: options.childCount }, (_, i) => i),
      maxChildren: MAX_CHILDREN,
      agencies: await agencyNames(services, actor),
      sexes: SEXES,
      ethnicGroups: ETHNIC_GROUPS,
    })

  app.get('/reviews/new', { config: reviewAccess('review.create') }, async (request, reply) =>
    show(reply, request.actor!, { action: '/reviews/new', values: {}, childCount: 1 }),
  )

  app.post('/reviews/new', { config: reviewAccess('review.create') }, async (request, reply) => {
    const actor = request.actor!
    const body = (request.body ?? {}) as Record<string, unknown>
    const form = readNotificationForm(body, services.reviews.today())
    const base = { action: '/reviews/new', values: body, childCount: form.childCount }
    if (body.action === 'add-child') {
      const childCount = Math.min(MAX_CHILDREN, form.childCount + 1)
      return show(reply, actor, { ...base, values: { ...body, childCount: String(childCount) }, childCount })
    }
    if (form.errors.length) return show(reply, actor, { ...base, status: 400, errors: form.errors })
    if (body.notDuplicate !== 'yes') {
      const duplicates = await services.reviews.findDuplicates(actor, form.input)
      if (duplicates.length) return show(reply, actor, { ...base, status: 409, duplicates })
    }
    try {
      const id = await services.reviews.createNotification(actor, form.input, body.action === 'submit')
      return reply.redirect(`/reviews/${id}?saved=${body.action === 'submit' ? 'notified' : 'draft'}`, 303)
    } catch (error) {
      if (error instanceof ValidationError) return show(reply, actor, { ...base, status: 400, errors: error.errors })
      throw error
    }
  })

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/notification',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const { review } = await services.reviews.get(request.actor!, request.params.id)
      const input = {
        ...review,
        panelNotifiedDate: review.milestones.panel_notified ?? null,
      }
      return show(reply, request.actor!, {
        action: `/reviews/${review.id}/notification`,
        values: notificationValues(input),
        childCount: Math.max(1, review.children.length),
        version: review.version,
        submitted: review.notificationSubmittedAt !== null,
        reference: review.reference,
      })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/notification',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const actor = request.actor!
      const body = (request.body ?? {}) as Record<string, unknown>
      const { review } = await services.reviews.get(actor, request.params.id)
      const form = readNotificationForm(body, services.reviews.today())
      const base = {
        action: `/reviews/${review.id}/notification`,
        values: body,
        childCount: form.childCount,
        version: Number(body.version),
        submitted: review.notificationSubmittedAt !== null,
        reference: review.reference,
      }
      if (body.action === 'add-child') {
        const childCount = Math.min(MAX_CHILDREN, form.childCount + 1)
        return show(reply, actor, { ...base, values: { ...body, childCount: String(childCount) }, childCount })
      }
      if (form.errors.length) return show(reply, actor, { ...base, status: 400, errors: form.errors })
      if (body.notDuplicate !== 'yes') {
        const duplicates = await services.reviews.findDuplicates(actor, form.input, review.id)
        if (duplicates.length) return show(reply, actor, { ...base, status: 409, duplicates })
      }
      try {
        await services.reviews.updateNotification(
          actor,
          review.id,
          Number(body.version),
          form.input,
          body.action === 'submit',
        )
        return reply.redirect(`/reviews/${review.id}?saved=${body.action === 'submit' ? 'notified' : 'draft'}`, 303)
      } catch (error) {
        if (error instanceof ValidationError) return show(reply, actor, { ...base, status: 400, errors: error.errors })
        if (error instanceof StaleReviewError) {
          return show(reply, actor, {
            ...base,
            status: 409,
            version: review.version,
            errors: [{ field: 'outline', message: STALE_MESSAGE }],
          })
        }
        throw error
      }
    },
  )
}
