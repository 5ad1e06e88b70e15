import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/** Agency reports (IMRs): `/reviews/:id/agency-reports…` (issue 5). Registered by `src/web/app.ts`. */
export function agencyReportRoutes(app: FastifyInstance, services: Services): void {
  void app
  void services
}
