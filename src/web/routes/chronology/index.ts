import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { CHRONOLOGY_FIELDS } from '../../../modules/chronology/chronology-import.ts'
import { toXlsx, XLSX_TYPE } from '../../../modules/chronology/chronology-export.ts'
import { toCsv } from '../../../modules/export/spreadsheet-escape.ts'
import { correctRoutes } from './correct/routes.ts'
import { draftsRoutes } from './drafts/routes.ts'
import { entryRoutes } from './entries/routes.ts'
import { entryPageRoutes } from './entry/routes.ts'
import { episodeRoutes } from './episode/routes.ts'
import { episodesRoutes } from './episodes/routes.ts'
import { importRoutes } from './import/routes.ts'
import { integratedRoutes } from './integrated/routes.ts'
import { requestRoutes } from './requests/routes.ts'
import { sharingRoutes } from './sharing/routes.ts'

/**
 * Agency contributions and the integrated chronology (issue 5). Registered by `src/web/app.ts`.
 *
 * - `/reviews/:id/chronology` (table and timeline, filters, gaps, links), `.csv`, `.xlsx`, `.docx`
 * - `/reviews/:id/chronology/requests` (coordinators ask agencies)
 * - `/reviews/:id/chronology/import` (upload, preview, map columns, commit)
 * - `/reviews/:id/chronology/entries/new` (type or edit an entry), `/reviews/:id/chronology/submit` (confirm, then
 *   submit), `/reviews/:id/chronology/drafts/discard` (confirm, then discard every draft)
 * - `/reviews/:id/chronology/entries/:entryId` (an entry, its people, its history), `…/people`, `…/correct`
 * - `/reviews/:id/chronology/episodes` (key practice episodes; make one), `/reviews/:id/chronology/episodes/:episodeId`
 * - `/reviews/:id/chronology/sharing` (share with agencies, or withdraw), `/reviews/:id/chronology/people/match`
 * - `/chronology-template.csv`, `/chronology-template.xlsx`
 */
export function chronologyRoutes(app: FastifyInstance, services: Services): void {
  const chronology = services.chronology
  const integratedPage = integratedRoutes(app, chronology)
  requestRoutes(app, chronology)
  importRoutes(app, services, chronology)
  entryRoutes(app, chronology)
  entryPageRoutes(app, chronology)
  correctRoutes(app, chronology)
  episodesRoutes(app, chronology, integratedPage)
  episodeRoutes(app, chronology)
  sharingRoutes(app, chronology)
  draftsRoutes(app, chronology, integratedPage)

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
