import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Services } from '../composition.ts'
import { registerErrorPages } from './plugins/errors.ts'
import { registerPages } from './plugins/pages.ts'
import { FORM_BODY_LIMIT_BYTES, registerSecurity } from './plugins/security.ts'
import { registerSessions } from './plugins/session.ts'
import { govukFrontendDist, mojFrontendRoot, registerViews } from './plugins/views.ts'
import { accessibilityRoutes } from './routes/public/accessibility/routes.ts'
import { cookiesRoutes } from './routes/public/cookies/routes.ts'
import { healthRoutes } from './routes/public/health/routes.ts'
import { startRoutes } from './routes/public/start/routes.ts'
import { enrolRoutes } from './routes/auth/enrol/routes.ts'
import { invitationRoutes } from './routes/auth/invitation/routes.ts'
import { secondFactorRoutes } from './routes/auth/second-factor/routes.ts'
import { signInRoutes } from './routes/auth/sign-in/routes.ts'
import { signOutRoutes } from './routes/auth/sign-out/routes.ts'
import { partnershipSwitchRoutes } from './routes/account/partnership/routes.ts'
import { dashboardRoutes } from './routes/home/dashboard/routes.ts'
import { reviewRemindersRoutes } from './routes/reviews/reminders/routes.ts'
import { auditRoutes } from './routes/admin/audit/routes.ts'
import { clockAdminRoutes } from './routes/admin/clocks/routes.ts'
import { userAdminRoutes } from './routes/admin/users/routes.ts'
import { commissioningRoutes } from './routes/reviews/commissioning/routes.ts'
import { reviewDashboardRoutes } from './routes/reviews/dashboard/routes.ts'
import { decisionRoutes } from './routes/reviews/decision/routes.ts'
import { notificationRoutes } from './routes/reviews/notification/routes.ts'
import { rapidReviewFileRoutes, rapidReviewRoutes } from './routes/reviews/rapid-review/routes.ts'
import { reviewPageRoutes } from './routes/reviews/review/routes.ts'
import { timeAndQualityRoutes } from './routes/reviews/time-and-quality/routes.ts'
import { repositoryRoutes } from './routes/repository/index.ts'
import { caseKnowledgeRoutes } from './routes/case-knowledge/index.ts'
import { chronologyRoutes } from './routes/chronology/index.ts'
import { reportRoutes } from './routes/reports/index.ts'
import { recommendationRoutes } from './routes/recommendations/index.ts'
import { publicationRoutes } from './routes/publication/index.ts'
import { agencyReportRoutes } from './routes/agency-reports/index.ts'
import { outboxRoutes } from './routes/admin/outbox/routes.ts'
import { childrenAtRiskRoutes } from './routes/children-at-risk/index.ts'
import { disseminationRoutes } from './routes/dissemination/index.ts'
import { panelRoutes } from './routes/panel/index.ts'
import { impactRoutes } from './routes/impact/index.ts'
import { partnershipYearRoutes } from './routes/partnership-year/index.ts'

const webRoot = dirname(fileURLToPath(import.meta.url))

declare module 'fastify' {
  interface FastifyInstance {
    /** Every application route (method and URL pattern), static assets excepted. */
    registeredRoutes: ReadonlyArray<{ method: string; url: string }>
    /** The routes that accept file uploads ("POST /url"), each behind the one upload guard. */
    uploadRoutes: string[]
  }
}

/**
 * Logger options: never log request bodies, cookies or tokens. The request line is logged with
 * secrets in paths (invitation links) and query strings (which may hold search terms typed from
 * case material) removed.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
      }),
    },
  }
}

/** The request path with invitation tokens and the query string removed, for logs. */
export function redactUrl(url: string): string {
  const path = url.split('?')[0]
  return path.replace(/^\/invitation\/[^/]+/, '/invitation/[redacted]')
}

/**
 * Build the Fastify app. Middleware is set up in a visible order: security (headers, cookies,
 * body limits, CSRF, rate limits) → views → sessions and access → pages → error pages → static
 * assets → routes.
 */
export async function buildApp(
  services: Services,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const { config } = services
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: FORM_BODY_LIMIT_BYTES,
  })

  await registerSecurity(app, config)
  await registerViews(app)
  registerSessions(app, config, services.auth, services.audit)
  registerPages(app, config)
  registerErrorPages(app, config)

  // Static files are public; the access check passes them through. Every other route is
  // catalogued, so the authorisation matrix test can prove it covers them all.
  const registeredRoutes: Array<{ method: string; url: string }> = []
  app.decorate('registeredRoutes', registeredRoutes)
  app.decorate('uploadRoutes', [])
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/')) {
      route.config = { ...(route.config ?? {}), routeAccess: { access: 'public' } }
      return
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registeredRoutes.push({ method, url: route.url })
    }
  })
  await app.register(fastifyStatic, {
    root: [
      join(webRoot, 'assets'),
      join(govukFrontendDist, 'govuk'),
      join(govukFrontendDist, 'govuk', 'assets'),
      join(mojFrontendRoot, 'moj'),
    ],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: config.environment === 'production' ? '1d' : 0,
  })

  const rateLimit = config.signInRateLimitPerMinute
  healthRoutes(app, services.database)
  startRoutes(app)
  cookiesRoutes(app)
  accessibilityRoutes(app)
  signInRoutes(app, services.auth, rateLimit)
  secondFactorRoutes(app, services.auth, rateLimit)
  enrolRoutes(app, services.auth, rateLimit)
  signOutRoutes(app, services.auth)
  partnershipSwitchRoutes(app, services.auth)
  invitationRoutes(app, services.auth)
  dashboardRoutes(app, services)
  userAdminRoutes(app, services.users, services.repositories.partnerships, services.partnerSignOff)
  auditRoutes(app, services.audit)
  clockAdminRoutes(app, services)
  reviewDashboardRoutes(app, services)
  timeAndQualityRoutes(app, services)
  notificationRoutes(app, services)
  reviewPageRoutes(app, services)
  reviewRemindersRoutes(app, services)
  rapidReviewRoutes(app, services)
  rapidReviewFileRoutes(app, services)
  decisionRoutes(app, services)
  commissioningRoutes(app, services)
  repositoryRoutes(app, services)
  caseKnowledgeRoutes(app, services)
  chronologyRoutes(app, services)
  agencyReportRoutes(app, services)
  reportRoutes(app, services)
  recommendationRoutes(app, services)
  publicationRoutes(app, services)
  outboxRoutes(app, services)
  childrenAtRiskRoutes(app, services)
  disseminationRoutes(app, services)
  panelRoutes(app, services)
  impactRoutes(app, services)
  partnershipYearRoutes(app, services)

  return app
}
