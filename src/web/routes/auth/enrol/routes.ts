import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { AuthService } from '../../../../modules/auth/auth.service.ts'
import { errorList, parseForm } from '../../../form.ts'
import { originOf } from '../../../plugins/session.ts'
import { codeSchema } from '../second-factor/routes.ts'
import { showLockedAccount } from '../sign-in/routes.ts'

const VIEW = 'routes/auth/enrol/view.njk'
const TITLE = 'Set up your authenticator app'

/**
 * `GET/POST /sign-in/set-up-authenticator`: first sign-in enrols a TOTP authenticator (QR code and
 * the secret as text), then shows one-time recovery codes once.
 */
export function enrolRoutes(app: FastifyInstance, auth: AuthService, rateLimitPerMinute: number): void {
  async function showEnrolment(request: FastifyRequest, reply: FastifyReply, status: number, errors?: unknown) {
    const { secret, uri } = await auth.enrolmentDetails(request.resolvedSession!)
    const qrCode = await QRCode.toDataURL(uri, { margin: 1, width: 220 })
    // Group the secret in fours so it can be typed into an app without a camera.
    const secretGroups = secret.match(/.{1,4}/g)?.join(' ') ?? secret
    return reply.code(status).page(VIEW, { pageTitle: TITLE, qrCode, secretGroups, errors })
  }

  app.get(
    '/sign-in/set-up-authenticator',
    { config: { routeAccess: { access: 'password_verified' } } },
    async (request, reply) => {
      if (request.resolvedSession!.user.secondFactorEnrolled) return reply.redirect('/sign-in/code', 303)
      return showEnrolment(request, reply, 200)
    },
  )

  app.post(
    '/sign-in/set-up-authenticator',
    {
      config: {
        routeAccess: { access: 'password_verified' },
        rateLimit: { max: rateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      if (request.resolvedSession!.user.secondFactorEnrolled) return reply.redirect('/sign-in/code', 303)
      const form = parseForm(codeSchema, request.body)
      if (!form.ok) return showEnrolment(request, reply, 400, errorList(form.errors))
      const result = await auth.completeEnrolment(request.resolvedSession!, form.data.code, originOf(request))
      if (result.kind === 'signed_in') {
        reply.setSessionCookie(result.token)
        // Shown once, in this response: the codes are stored only as hashes.
        return reply.page('routes/auth/enrol/recovery-codes.njk', {
          pageTitle: 'Save your recovery codes',
          recoveryCodes: result.recoveryCodes,
        })
      }
      if (result.delayMs > 0) await sleep(result.delayMs)
      if (result.kind === 'locked') return showLockedAccount(reply, result.lockedUntil)
      return showEnrolment(request, reply, 401, [
        {
          field: 'code',
          text: 'The code is not correct. Enter the current 6-digit code shown in your authenticator app',
          href: '#code',
        },
      ])
    },
  )
}
