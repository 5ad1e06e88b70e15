import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AuthService } from '../../../../modules/auth/auth.service.ts'
import { errorList, parseForm } from '../../../form.ts'
import { originOf } from '../../../plugins/session.ts'
import { signInSchema } from './schemas.ts'

const VIEW = 'routes/auth/sign-in/view.njk'
const TITLE = 'Sign in to Case Review'

/** Format a lock expiry for the message: "14:05" UK time. */
export function lockMessage(lockedUntil: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/London' }).format(
    new Date(lockedUntil),
  )
  return `Your account is locked after too many failed attempts. Try again after ${time}, or ask your administrator to unlock it`
}

/**
 * The answer when an account locks during the second-factor step: the half-signed-in session ends
 * and the sign-in page explains the lock.
 */
export function showLockedAccount(reply: FastifyReply, lockedUntil: string) {
  reply.clearSessionCookie()
  return reply.code(423).page(VIEW, {
    pageTitle: TITLE,
    errors: [{ field: 'email', text: lockMessage(lockedUntil), href: '#email' }],
    values: {},
  })
}

/** `GET/POST /sign-in`: email and password (step 1 of 2). */
export function signInRoutes(app: FastifyInstance, auth: AuthService, rateLimitPerMinute: number): void {
  app.get('/sign-in', { config: { routeAccess: { access: 'public' } } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/dashboard', 303)
    return reply.page(VIEW, { pageTitle: TITLE, values: {} })
  })

  app.post(
    '/sign-in',
    {
      config: {
        routeAccess: { access: 'public' },
        rateLimit: { max: rateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const form = parseForm(signInSchema, request.body)
      const email =
        typeof (request.body as Record<string, unknown>)?.email === 'string'
          ? (request.body as { email: string }).email
          : ''
      if (!form.ok) {
        return reply.code(400).page(VIEW, { pageTitle: TITLE, errors: errorList(form.errors), values: { email } })
      }
      const result = await auth.signInWithPassword(form.data.email, form.data.password, originOf(request))
      if (result.kind === 'second_factor_needed') {
        reply.setSessionCookie(result.token)
        return reply.redirect(result.enrolled ? '/sign-in/code' : '/sign-in/set-up-authenticator', 303)
      }
      // Slow down repeated failures (the delay grows with each failure in a row).
      if (result.delayMs > 0) await sleep(result.delayMs)
      const message =
        result.kind === 'locked' ? lockMessage(result.lockedUntil) : 'Enter a correct email address and password'
      return reply.code(result.kind === 'locked' ? 423 : 401).page(VIEW, {
        pageTitle: TITLE,
        errors: [{ field: 'email', text: message, href: '#email' }],
        values: { email },
      })
    },
  )
}
