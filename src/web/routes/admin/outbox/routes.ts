import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'

const read = { routeAccess: { access: 'authenticated', permission: 'outbox.read' } } as const
const STATUSES = ['queued', 'sent', 'failed'] as const
type Status = (typeof STATUSES)[number]

/**
 * `GET /admin/outbox`: email the service has queued (reminders) and what became of it;
 * `POST /admin/outbox/send`: send queued email now rather than at the next sweep.
 */
export function outboxRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { status?: string; page?: string; sent?: string } }>(
    '/admin/outbox',
    { config: read },
    async (request, reply) => {
      const status = STATUSES.find((s) => s === request.query.status) as Status | undefined
      const requestedPage = Number.parseInt(request.query.page ?? '1', 10)
      const result = await services.outbox.list(request.actor!, {
        status,
        page: Number.isFinite(requestedPage) ? requestedPage : 1,
      })
      const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize))
      const pageLink = (page: number) =>
        `/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), page: String(page) })}`
      return reply.page('routes/admin/outbox/view.njk', {
        pageTitle: 'Email outbox',
        sending: services.outbox.sending,
        status: status ?? '',
        result,
        sentMessage: request.query.sent,
        pagination: {
          previous: result.page > 1 ? { href: pageLink(result.page - 1) } : undefined,
          next: result.page < lastPage ? { href: pageLink(result.page + 1) } : undefined,
          items: [],
        },
      })
    },
  )

  app.post('/admin/outbox/send', { config: read }, async (request, reply) => {
    const result = await services.outbox.sendNow(request.actor!)
    const message = services.outbox.sending
      ? `${result.sent} sent, ${result.waiting} waiting to be tried again, ${result.failed} given up`
      : 'Nothing was sent: email sending is not set up'
    return reply.redirect(`/admin/outbox?${new URLSearchParams({ sent: message })}`, 303)
  })
}
