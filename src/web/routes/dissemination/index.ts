import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { recordRoutes } from './record/routes.ts'
import { reviewDisseminationRoutes } from './review/routes.ts'

/**
 * Dissemination of a review's learning (issue 15, part 3). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/dissemination`: the table per agency, and (coordinators) asking agencies by a date
 * - `/reviews/:id/dissemination/record`: an agency records how it shared the learning
 */
export function disseminationRoutes(app: FastifyInstance, services: Services): void {
  reviewDisseminationRoutes(app, services.dissemination)
  recordRoutes(app, services.dissemination)
}
