import type { FastifyError, FastifyInstance } from 'fastify'
import type { Config } from '../../config.ts'
import { AccessDeniedError } from '../../modules/access/access.ts'
import { NotFoundError, ValidationError } from '../../modules/errors.ts'

/**
 * Error pages in GOV.UK style. Known errors become their page (403, 404, 413, 429, expired form);
 * anything else is a 500 page that never shows a stack trace in production (it is logged, without
 * the request body).
 */
export function registerErrorPages(app: FastifyInstance, config: Config): void {
  app.setNotFoundHandler(async (_request, reply) => {
    return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' })
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AccessDeniedError) {
      return reply.code(403).page('errors/forbidden.njk', { pageTitle: 'You do not have permission to view this page' })
    }
    if (error instanceof NotFoundError) {
      return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' })
    }
    if (error instanceof ValidationError) {
      return reply.code(400).page('errors/bad-request.njk', { pageTitle: 'There is a problem', messages: error.errors })
    }
    if (error.code?.startsWith('FST_CSRF')) {
      return reply.code(403).page('errors/form-expired.njk', { pageTitle: 'Your form has expired' })
    }
    const status = error.statusCode ?? 500
    if (status === 413) {
      return reply.code(413).page('errors/bad-request.njk', {
        pageTitle: 'The information you sent is too large',
        messages: [{ message: 'The information you sent is too large. Send less, or a smaller file' }],
      })
    }
    if (status === 429) {
      return reply.code(429).page('errors/bad-request.njk', {
        pageTitle: 'Too many attempts',
        messages: [{ message: error.message }],
      })
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).page('errors/bad-request.njk', {
        pageTitle: 'There is a problem',
        messages: [{ message: 'The request could not be understood. Go back and try again' }],
      })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.code(500).page('errors/server-error.njk', {
      pageTitle: 'Sorry, there is a problem with the service',
      detail: config.environment === 'production' ? null : error.stack,
    })
  })
}
