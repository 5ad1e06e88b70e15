import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { CHRONOLOGY_FIELDS } from '../../../modules/chronology/chronology-import.ts'
import { toXlsx, XLSX_TYPE } from '../../../modules/chronology/chronology.service.ts'
import { toCsv } from '../../../modules/export/spreadsheet-escape.ts'
import { entryRoutes } from './entries/routes.ts'
import { importRoutes } from './import/routes.ts'
import { integratedRoutes } from './integrated/routes.ts'
import { requestRoutes } from './requests/routes.ts'

/**
 * Agency contributions and the integrated chronology (issue 5). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/chronology` (table and timeline, filters, gaps, links), `.csv`, `.xlsx`, `.docx`
 * - `/reviews/:id/chronology/requests` (coordinators ask agencies)
 * - `/reviews/:id/chronology/import` (upload, preview, map columns, commit)
 * - `/reviews/:id/chronology/entries/new` (type or edit an entry), `/reviews/:id/chronology/submit`
 * - `/chronology-template.csv`, `/chronology-template.xlsx`
 */
export function chronologyRoutes(app: FastifyInstance, services: Services): void {
  const chronology = services.chronology
  integratedRoutes(app, chronology)
  requestRoutes(app, chronology)
  importRoutes(app, services, chronology)
  entryRoutes(app, chronology)

  // The templates hold no case material: anyone may download them.
  const example = [
    '03/04/2024',
    '14:30',
    'Marlshire Police',
    'MP/24/012345',
    'Police officer',
    'Child M; Mother',
    'Brief factual headline of the contact, without opinion',
    'What was done, or why nothing was done',
    'Outcome or impact on the child',
    'Why it matters to the review',
  ]
  app.get('/chronology-template.csv', { config: { routeAccess: { access: 'public' } } }, async (_request, reply) => {
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="chronology-template.csv"')
      .send(toCsv(CHRONOLOGY_FIELDS, [example]))
  })
  app.get('/chronology-template.xlsx', { config: { routeAccess: { access: 'public' } } }, async (_request, reply) => {
    return reply
      .type(XLSX_TYPE)
      .header('Content-Disposition', 'attachment; filename="chronology-template.xlsx"')
      .send(await toXlsx([example], CHRONOLOGY_FIELDS))
  })
}
