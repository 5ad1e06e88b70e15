import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/** The overview report and executive summary: `/reviews/:id/report…` (issue 6). Registered by `src/web/app.ts`. */
export function reportRoutes(app: FastifyInstance, services: Services): void {
  void app
  void services
}
