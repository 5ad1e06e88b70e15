import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { bulkIngestRoutes } from './ingest-bulk/routes.ts'
import { ingestRoutes } from './ingest/routes.ts'
import { openDataRoutes } from './open-data/routes.ts'
import { reviewRoutes } from './review/routes.ts'
import { searchRoutes } from './search/routes.ts'
import { statisticsRoutes } from './statistics/routes.ts'

/**
 * The public national repository (issue 7): search, a review's page, statistics and open data,
 * open to anyone; and the curators' ingestion pages. Registered by `src/web/app.ts`.
 */
export function repositoryRoutes(app: FastifyInstance, services: Services): void {
  searchRoutes(app, services)
  reviewRoutes(app, services)
  statisticsRoutes(app, services)
  openDataRoutes(app, services)
  ingestRoutes(app, services)
  bulkIngestRoutes(app, services)
}
