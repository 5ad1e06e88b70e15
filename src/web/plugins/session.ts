import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import type { Actor } from '../../modules/access/actor.ts'
import { roleAllows, type Permission } from '../../modules/access/permissions.ts'
import type { AuthService, ResolvedSession } from '../../modules/auth/auth.service.ts'
import type { AuditService } from '../../modules/audit/audit.service.ts'

/** The session cookie's name, without the `__Host-` prefix it carries when cookies are secure. */
export const SESSION_COOKIE = 'case_review_session'

/**
 * A cookie's name for this deployment: with secure cookies (production) it carries the `__Host-`
 * prefix, so the browser accepts it only over HTTPS, for this exact host and path `/`, and no
 * sibling subdomain can plant one (cookie tossing).
 */
export function cookieName(base: string, config: Pick<Config, 'secureCookies'>): string {
  return config.secureCookies ? `__Host-${base}` : base
}

/**
 * Who may reach a route: anyone, someone who has passed the password step (second factor pages),
 * or someone fully signed in, optionally holding a permission.
 */
export type RouteAccess =
  { access: 'public' } | { access: 'password_verified' } | { access: 'authenticated'; permission?: Permission }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may reach it; a route without it is refused (closed by default). */
    routeAccess?: RouteAccess
  }
  interface FastifyRequest {
    /** The live session for this request's cookie, if any (any state). */
    resolvedSession: ResolvedSession | undefined
    /** The session cookie's value as sent (whatever its state), for signing out. */
    sessionToken: string | undefined
    /** The signed-in actor: set only for a fully authenticated session. */
    actor: Actor | null
  }
  interface FastifyReply {
    /** Set the session cookie (after sign-in steps, which rotate the token). */
    setSessionCookie(token: string): FastifyReply
    clearSessionCookie(): FastifyReply
  }
}

/** The request's origin for the audit log. */
export function originOf(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null }
}

/**
 * Sessions: reads the session cookie on every request, resolves it from the database (idle and
 * absolute expiry enforced there), and sets `request.actor` for a fully signed-in user; then the
 * route's declared access is enforced before the handler runs. Refusals are audited.
 */
export function registerSessions(app: FastifyInstance, config: Config, auth: AuthService, audit: AuditService): void {
  const sessionCookie = cookieName(SESSION_COOKIE, config)
  app.decorateRequest('resolvedSession', undefined)
  app.decorateRequest('sessionToken', undefined)
  app.decorateRequest('actor', null)
  app.decorateReply('setSessionCookie', function (this: FastifyReply, token: string) {
    // No maxAge: a browser-session cookie; the server enforces idle and absolute expiry.
    return this.setCookie(sessionCookie, token, {
      httpOnly: true,
      secure: config.secureCookies,
      sameSite: 'lax',
      path: '/',
    })
  })
  app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
    return this.clearCookie(sessionCookie, { path: '/' })
  })

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie]
    if (!token) return
    request.sessionToken = token
    const resolved = await auth.resolveSession(token)
    request.resolvedSession = resolved
    if (resolved && resolved.session.state === 'authenticated' && resolved.membership) {
      const origin = originOf(request)
      request.actor = {
        userId: resolved.user.id,
        email: resolved.user.email,
        displayName: resolved.user.displayName,
        role: resolved.membership.role,
        partnershipId: resolved.membership.partnershipId,
        agencyId: resolved.membership.agencyId,
        ip: origin.ip,
        userAgent: origin.userAgent,
      }
    }
  })

  // Access is checked after the body is parsed and the CSRF token verified (preHandler order).
  app.addHook('preHandler', async (request, reply) => {
    const routeAccess = request.routeOptions.config?.routeAccess
    if (!request.routeOptions.url) return // 404: no route
    if (!routeAccess) {
      throw Object.assign(new Error('This route does not declare who may use it'), { statusCode: 500 })
    }
    if (routeAccess.access === 'public') return
    if (routeAccess.access === 'password_verified') {
      if (request.resolvedSession?.session.state === 'password_verified') return
      return redirectToSignIn(request, reply)
    }
    if (!request.actor) return redirectToSignIn(request, reply)
    if (routeAccess.permission && !roleAllows(request.actor.role, routeAccess.permission)) {
      await audit.recordRefusal(request.actor, routeAccess.permission, { type: 'route', id: request.routeOptions.url })
      return reply.code(403).page('errors/forbidden.njk', { pageTitle: 'You do not have permission to view this page' })
    }
  })
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === 'GET') return reply.redirect('/sign-in', 303)
  return reply.code(401).page('errors/signed-out.njk', { pageTitle: 'You need to sign in' })
}
