import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { findingRoutes } from './finding/routes.ts'
import { reviewImpactRoutes } from './review/routes.ts'

/**
 * Impact of a review's recommendations (issue 15, part 4). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/impact`: each recommendation's follow-up audits and status; (coordinators) plan audits
 * - `/reviews/:id/impact/audits/:impactAuditId`: record what an audit found and whether practice changed
 */
export function impactRoutes(app: FastifyInstance, services: Services): void {
  reviewImpactRoutes(app, services.impact)
  findingRoutes(app, services.impact)
}
