import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AuthService } from '../../../../modules/auth/auth.service.ts'
import { errorList, parseForm } from '../../../form.ts'
import { originOf } from '../../../plugins/session.ts'

const VIEW = 'routes/auth/invitation/view.njk'
const TITLE = 'Create your password'

const schema = z
  .object({
    password: z.string().min(1, 'Enter a password').max(1024, 'Password must be 256 characters or fewer'),
    confirm: z.string().min(1, 'Enter the password again'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' })

/** `GET/POST /invitation/:token`: an invited user sets their password, then enrols their second factor. */
export function invitationRoutes(app: FastifyInstance, auth: AuthService): void {
  app.get<{ Params: { token: string } }>(
    '/invitation/:token',
    { config: { routeAccess: { access: 'public' } } },
    async (request, reply) => {
      if (!(await auth.invitationIsOpen(request.params.token))) {
        return reply
          .code(410)
          .page('routes/auth/invitation/expired.njk', { pageTitle: 'This invitation link has expired' })
      }
      return reply.page(VIEW, { pageTitle: TITLE, token: request.params.token })
    },
  )

  app.post<{ Params: { token: string } }>(
    '/invitation/:token',
    { config: { routeAccess: { access: 'public' }, rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const token = request.params.token
      const form = parseForm(schema, request.body)
      if (!form.ok) return reply.code(400).page(VIEW, { pageTitle: TITLE, token, errors: errorList(form.errors) })
      const result = await auth.acceptInvitation(token, form.data.password, originOf(request))
      if (result.kind === 'error') {
        return reply.code(400).page(VIEW, {
          pageTitle: TITLE,
          token,
          errors: [{ field: 'password', text: result.message, href: '#password' }],
        })
      }
      reply.setSessionCookie(result.token)
      return reply.redirect('/sign-in/set-up-authenticator', 303)
    },
  )
}
