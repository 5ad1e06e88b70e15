import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { panelAnswerRoutes } from './answer/routes.ts'
import { panelCaseRoutes } from './case/routes.ts'
import { panelFiguresRoutes } from './figures/routes.ts'
import { panelQualityRoutes } from './quality/routes.ts'
import { panelQueueRoutes } from './queue/routes.ts'
import { panelRespondRoutes } from './respond/routes.ts'

/**
 * The national Panel's workspace (issue 14 part 1): `/panel` (the queue), `/panel/notifications/:id` (a
 * case) and its forms, `/panel/figures`; and the partnership's answers at `/reviews/:id/panel/:topic`.
 * Registered by `src/web/app.ts`.
 */
export function panelRoutes(app: FastifyInstance, services: Services): void {
  panelQueueRoutes(app, services)
  panelFiguresRoutes(app, services)
  panelCaseRoutes(app, services)
  panelRespondRoutes(app, services)
  panelQualityRoutes(app, services)
  panelAnswerRoutes(app, services)
}
