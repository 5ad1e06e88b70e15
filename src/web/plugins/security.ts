import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import { registerRateLimit } from './rate-limit.ts'
import { cookieName } from './session.ts'

/** Largest form body accepted (bytes). Uploads have their own limits on their own routes. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * What a CSRF token is bound to: the session the form was rendered for. A token (and its secret
 * cookie) taken from a signed-out page, or from another person's session, does not verify with a
 * signed-in session, which defeats cookie tossing and login CSRF. Signing in rotates the session,
 * so every page after it renders a token bound to the new session.
 */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.resolvedSession?.session.id ?? 'signed-out'
}

/**
 * True when the browser tells us the request was made by another site: `Sec-Fetch-Site:
 * cross-site`, or an `Origin` (including the opaque `null` of sandboxed frames) whose host is not
 * the one the request was sent to. Requests without either header (non-browser clients) are left
 * to the CSRF token.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true
  const origin = request.headers.origin
  if (origin === undefined) return false
  try {
    return new URL(origin).host !== request.host
  } catch {
    return true // "null" or garbage: not this site
  }
}

async function refuseCrossSite(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (SAFE_METHODS.has(request.method) || !isCrossSite(request)) return
  await reply.code(403).page('errors/form-expired.njk', {
    pageTitle: 'This form was sent from another website',
    crossSite: true,
  })
}

/**
 * Web security set up in one visible order: security headers with a nonce-based CSP, signed
 * cookies, form parsing with a size limit, cross-site state-changing requests refused, CSRF
 * tokens bound to the session checked on every state-changing request, and rate limiting
 * (applied per route on sign-in and code entry).
 */
export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  // CSP: scripts and styles only from this origin or with this response's nonce, never inline
  // attributes ('unsafe-inline' is never allowed); images may be data: URIs (the enrolment QR code).
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // HSTS only makes sense when the service is served over HTTPS.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })

  await app.register(fastifyCookie, { secret: config.sessionSecret })
  await app.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT_BYTES })

  // A state-changing request that a browser says came from another site is refused before its
  // body is even parsed, whatever token it carries.
  app.addHook('onRequest', refuseCrossSite)
  await app.register(fastifyCsrf, {
    cookieKey: cookieName('case_review_csrf', config),
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' },
    getToken: (request) => (request.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: config.sessionSecret },
  })
  // Every state-changing request carries the form's token; checked before any handler runs.
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done()
    app.csrfProtection(request, reply, done)
  })

  await registerRateLimit(app, config)
}
