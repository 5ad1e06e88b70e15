import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { childFormRoutes } from './child/routes.ts'
import { confirmRoutes } from './confirm/routes.ts'
import { childrenListRoutes } from './list/routes.ts'

/**
 * Other children at risk (issue 15, part 1). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/children-at-risk`: the review's other children and their safety actions
 * - `/reviews/:id/children-at-risk/new`: record another child (coordinators)
 * - `/reviews/:id/children-at-risk/:childAtRiskId`: change a child's record (coordinators)
 * - `/reviews/:id/children-at-risk/:childAtRiskId/confirm`: confirm the safety action was taken (coordinators)
 */
export function childrenAtRiskRoutes(app: FastifyInstance, services: Services): void {
  childrenListRoutes(app, services.childrenAtRisk)
  childFormRoutes(app, services.childrenAtRisk)
  confirmRoutes(app, services.childrenAtRisk)
}
