import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { actionRoutes } from './action/routes.ts'
import { dashboardRoutes } from './dashboard/routes.ts'
import { editActionRoutes } from './edit-action/routes.ts'
import { findingRoutes } from './finding/routes.ts'
import { newActionRoutes } from './new-action/routes.ts'
import { recommendationFormRoutes } from './recommendation/routes.ts'
import { reviewPlanRoutes } from './review/routes.ts'

/**
 * Findings, recommendations and action plans (issue 6, part B). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/recommendations`: a review's findings, recommendations and their actions
 * - `/reviews/:id/findings/new`, `/reviews/:id/findings/:findingId`: add or change a finding
 * - `/reviews/:id/recommendations/new`, `/reviews/:id/recommendations/:recommendationId`: add or change one
 * - `/reviews/:id/recommendations/:recommendationId/actions/new`: add an action (coordinators)
 * - `/actions/:actionId` with `/progress`, `/evidence` and `/evidence/:evidenceId`: one action
 * - `/actions/:actionId/edit`: change an action's description, owner or due date (coordinators)
 * - `/actions` and `/actions.csv`: every action of the partnership's reviews the user may see
 */
export function recommendationRoutes(app: FastifyInstance, services: Services): void {
  const recommendations = services.recommendations
  reviewPlanRoutes(app, recommendations, services.impact)
  findingRoutes(app, recommendations)
  recommendationFormRoutes(app, recommendations)
  newActionRoutes(app, recommendations)
  actionRoutes(app, services)
  editActionRoutes(app, recommendations)
  dashboardRoutes(app, recommendations)
}
