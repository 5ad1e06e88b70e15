import type { FastifyInstance } from 'fastify'
import type { AuthService } from '../../../../modules/auth/auth.service.ts'

/** `POST /sign-out`: ends the session (deleted from the database) and `GET /signed-out` confirms it. */
export function signOutRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post('/sign-out', { config: { routeAccess: { access: 'public' } } }, async (request, reply) => {
    await auth.signOut(request.sessionToken, request.actor)
    reply.clearSessionCookie()
    return reply.redirect('/signed-out', 303)
  })
  app.get('/signed-out', { config: { routeAccess: { access: 'public' } } }, async (_request, reply) =>
    reply.page('routes/auth/sign-out/view.njk', { pageTitle: 'You have signed out' }),
  )
}
