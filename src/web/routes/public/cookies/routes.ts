import type { FastifyInstance } from 'fastify'

/** `GET /cookies`: the cookies this service sets (only essential ones). */
export function cookiesRoutes(app: FastifyInstance): void {
  app.get('/cookies', { config: { routeAccess: { access: 'public' } } }, async (_request, reply) =>
    reply.page('routes/public/cookies/view.njk', { pageTitle: 'Cookies' }),
  )
}
