import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/** Findings, recommendations and action plans: `/reviews/:id/recommendations…`, `/actions` (issue 6). Registered by `src/web/app.ts`. */
export function recommendationRoutes(app: FastifyInstance, services: Services): void {
  void app
  void services
}
