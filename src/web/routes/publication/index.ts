import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/** Sign-off and publication: `/reviews/:id/publication…` (issue 6). Registered by `src/web/app.ts`. */
export function publicationRoutes(app: FastifyInstance, services: Services): void {
  void app
  void services
}
