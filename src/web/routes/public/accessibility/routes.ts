import type { FastifyInstance } from 'fastify'

/** `GET /accessibility`: the accessibility statement. */
export function accessibilityRoutes(app: FastifyInstance): void {
  app.get('/accessibility', { config: { routeAccess: { access: 'public' } } }, async (_request, reply) =>
    reply.page('routes/public/accessibility/view.njk', { pageTitle: 'Accessibility statement' }),
  )
}
