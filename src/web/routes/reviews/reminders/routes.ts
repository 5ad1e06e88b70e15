import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { reviewAccess } from '../common.ts'

const STATUS_TAGS = {
  queued: { text: 'Waiting to be sent', classes: 'govuk-tag--grey' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  failed: { text: 'Could not be sent', classes: 'govuk-tag--red' },
} as const

/**
 * `GET /reviews/:id/reminders`: the reminder emails sent to agencies about this review's requests (to whom,
 * when, status, and the email itself), for the review's coordinators only (`review.manage`). Audited.
 */
export function reviewRemindersRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>(
    '/reviews/:id/reminders',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const { review, reminders, agencyOfRequest } = await services.tasks.reviewReminders(
        request.actor!,
        request.params.id,
      )
      return reply.page('routes/reviews/reminders/view.njk', {
        pageTitle: `Reminders sent to agencies – ${review.reference}`,
        review,
        reminders: reminders.map((r) => ({
          ...r,
          agency: agencyOfRequest.get(r.requestId) ?? 'Unknown agency',
          what: r.kind === 'request.overdue' ? 'Overdue' : 'Due soon',
          tag: STATUS_TAGS[r.status],
        })),
      })
    },
  )
}
