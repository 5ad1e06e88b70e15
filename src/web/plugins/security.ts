import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.ts'

/** Largest form body accepted (bytes). Uploads have their own limits on their own routes. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024

/**
 * Web security set up in one visible order: security headers with a nonce-based CSP, signed
 * cookies, form parsing with a size limit, CSRF tokens checked on every state-changing request,
 * and rate limiting (applied per route on sign-in and code entry).
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

  await app.register(fastifyCsrf, {
    cookieKey: 'case_review_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' },
    getToken: (request) => (request.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
  })
  // Every state-changing request carries the form's token; checked before any handler runs.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done()
    app.csrfProtection(request, reply, done)
  })

  await app.register(fastifyRateLimit, {
    global: false,
    // Plain-English answer; the error handler renders it as a page.
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again`,
    }),
  })
}
