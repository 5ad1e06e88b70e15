import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/**
 * The public national repository (issue 7): search, a review's page, statistics and open data,
 * open to anyone; and the curators' ingestion pages. Registered by `src/web/app.ts`.
 */
export function repositoryRoutes(_app: FastifyInstance, _services: Services): void {}
