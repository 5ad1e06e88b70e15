import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { formRoutes } from './form/routes.ts'
import { listRoutes } from './list/routes.ts'
import { reportRoutes } from './report/routes.ts'

/**
 * Agency reports (individual management reviews), issue 5. Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/agency-reports`: the agencies asked and the status of their reports
 * - `/reviews/:id/agency-reports/own` (and `/own/document`): the agency contributor's form and Word upload
 * - `/reviews/:id/agency-reports/:agencyId` (and `/document`): read a report, download its Word document
 */
export function agencyReportRoutes(app: FastifyInstance, services: Services): void {
  listRoutes(app, services)
  formRoutes(app, services)
  reportRoutes(app, services)
}
