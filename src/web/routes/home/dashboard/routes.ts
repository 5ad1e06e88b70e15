import type { FastifyInstance } from 'fastify'
import { ROLE_PERMISSIONS } from '../../../../modules/access/permissions.ts'

/** `GET /dashboard`: the signed-in user's home page, showing what their role can do. */
export function dashboardRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { recoveryCodesLeft?: string } }>(
    '/dashboard',
    { config: { routeAccess: { access: 'authenticated' } } },
    async (request, reply) => {
      const actor = request.actor!
      const left = Number.parseInt(request.query.recoveryCodesLeft ?? '', 10)
      return reply.page('routes/home/dashboard/view.njk', {
        pageTitle: 'Home',
        permissions: ROLE_PERMISSIONS[actor.role],
        recoveryCodesLeft: Number.isFinite(left) ? left : null,
      })
    },
  )
}
