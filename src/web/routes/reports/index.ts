import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { documentRoutes } from './document/routes.ts'
import { exportRoutes } from './export/routes.ts'
import { importRoutes } from './import/routes.ts'
import { overviewRoutes } from './overview/routes.ts'
import { sectionRoutes } from './section/routes.ts'
import { versionRoutes } from './versions/routes.ts'

/**
 * The overview report and executive summary (issue 6, part A). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/report` (both documents), `/reviews/:id/report/:reportKind` (one document; send for anonymisation)
 * - `…/sections/:reportSection` (write, preview, insert a reference, save; comments), `…/comments/:reportCommentId/resolve`
 * - `…/versions`, `…/compare?from=&to=`, `…/import` (Word or Markdown), `…/export/:format` (DOCX, PDF, HTML)
 *
 * `:reportKind` is `overview-report` or `executive-summary`.
 */
export function reportRoutes(app: FastifyInstance, services: Services): void {
  overviewRoutes(app, services)
  documentRoutes(app, services)
  sectionRoutes(app, services)
  versionRoutes(app, services)
  importRoutes(app, services)
  exportRoutes(app, services)
}
