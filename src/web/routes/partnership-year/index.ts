import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { yearRoutes } from './year/routes.ts'

/**
 * The partnership's year (issue 15, part 5). Registered by `src/web/app.ts`.
 *
 * - `/partnership/year?year=YYYY`: the year's figures for the annual report, each in a table
 */
export function partnershipYearRoutes(app: FastifyInstance, services: Services): void {
  yearRoutes(app, services.partnershipYear)
}
