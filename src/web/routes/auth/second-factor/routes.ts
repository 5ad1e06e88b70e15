import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AuthService } from '../../../../modules/auth/auth.service.ts'
import { errorList, parseForm } from '../../../form.ts'
import { originOf } from '../../../plugins/session.ts'
import { showLockedAccount } from '../sign-in/routes.ts'

const VIEW = 'routes/auth/second-factor/view.njk'
const TITLE = 'Enter the code from your authenticator app'

export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the 6-digit code from your authenticator app')
    .max(40, 'Enter the 6-digit code, or one of your recovery codes'),
})

/** `GET/POST /sign-in/code`: the second factor (TOTP or a recovery code), step 2 of 2. */
export function secondFactorRoutes(app: FastifyInstance, auth: AuthService, rateLimitPerMinute: number): void {
  app.get('/sign-in/code', { config: { routeAccess: { access: 'password_verified' } } }, async (request, reply) => {
    if (!request.resolvedSession?.user.secondFactorEnrolled) return reply.redirect('/sign-in/set-up-authenticator', 303)
    return reply.page(VIEW, { pageTitle: TITLE })
  })

  app.post(
    '/sign-in/code',
    {
      config: {
        routeAccess: { access: 'password_verified' },
        rateLimit: { max: rateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const form = parseForm(codeSchema, request.body)
      if (!form.ok) return reply.code(400).page(VIEW, { pageTitle: TITLE, errors: errorList(form.errors) })
      const result = await auth.verifySecondFactor(request.resolvedSession!, form.data.code, originOf(request))
      if (result.kind === 'signed_in') {
        reply.setSessionCookie(result.token)
        if (result.recoveryCodesLeft !== undefined) {
          return reply.redirect(`/dashboard?recoveryCodesLeft=${result.recoveryCodesLeft}`, 303)
        }
        return reply.redirect('/dashboard', 303)
      }
      if (result.delayMs > 0) await sleep(result.delayMs)
      if (result.kind === 'locked') return showLockedAccount(reply, result.lockedUntil)
      return reply.code(401).page(VIEW, {
        pageTitle: TITLE,
        errors: [
          {
            field: 'code',
            text: 'The code is not correct or has expired. Enter the current code from your authenticator app',
            href: '#code',
          },
        ],
      })
    },
  )
}
