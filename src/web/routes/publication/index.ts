import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { publicationPageRoutes } from './page/routes.ts'

/**
 * Sign-off and publication (issue 6): `/reviews/:id/publication` and the forms it posts to
 * (`/reviews/:id/publication/<step>`, `/details`, `/publish`, `/not-publishing`, `/not-publishing/reverse`).
 * Registered by `src/web/app.ts`.
 */
export function publicationRoutes(app: FastifyInstance, services: Services): void {
  publicationPageRoutes(app, services)
}
