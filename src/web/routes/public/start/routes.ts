import type { FastifyInstance } from 'fastify'

/** `GET /`: the start page; signed-in users go straight to their home page. */
export function startRoutes(app: FastifyInstance): void {
  app.get('/', { config: { routeAccess: { access: 'public' } } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/dashboard', 303)
    return reply.page('routes/public/start/view.njk', { pageTitle: 'Case Review' })
  })
}
