import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { startTestApp, type TestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { AccessDeniedError } from '../access/access.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { KEPT_PROBLEMS, previewChronologyImport } from './chronology-import.ts'
import { ChronologyImportRepository } from './chronology-import.repository.ts'
import { PROBLEM_ROWS_PER_PAGE } from './chronology-imports.service.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

const DEMO_FILES: Array<{ file: string; agency: string }> = [
  { file: 'childrens_social_care.csv', agency: "Marlshire Children's Social Care" },
  { file: 'gp.csv', agency: 'GP practices (Marlshire Integrated Care Board)' },
  { file: 'health_visiting.csv', agency: 'Marlshire Health Visiting Service' },
  { file: 'midwifery_and_hospital.csv', agency: 'Marlshire Hospitals NHS Foundation Trust' },
  { file: 'nursery.csv', agency: 'Early years: Marlshire nurseries' },
  { file: 'police.csv', agency: 'Marlshire Police' },
  { file: 'substance_misuse_service.csv', agency: 'Marlshire Recovery Partnership' },
]

/** The chronology service with imports staged in the database, a review, and the demo actors. */
async function setUp(t: TestApp) {
  const db = t.services.database.db
  const service = t.services.chronology
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    outline: 'Staged import test review.',
    pseudonym: 'Child S',
  })
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const agencyId = (name: string) => agencies.find((a) => a.name === name)!.id
  const count = async (table: 'chronology_entry' | 'chronology_import_row' | 'chronology_import_stage') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return { service, coordinator, police, panel, reviewId, agencyId, count, db }
}

/** A CSV of `good` valid rows then `bad` rows with an impossible date. */
function csvWith(good: number, bad: number): Buffer {
  const lines = ['Date,Event']
  for (let i = 0; i < good; i++) lines.push(`0${(i % 9) + 1}/04/2024,Home visit ${i}`)
  for (let i = 0; i < bad; i++) lines.push(`31/02/2024,Visit ${i}`)
  return Buffer.from(lines.join('\n') + '\n')
}

for (const database of testDatabases()) {
  describe(`chronology import staged in the database on ${database.name}`, () => {
    test('each demo file is staged and committed with exactly the entries the file reads as, then the stage is gone', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count, db } = await setUp(t)
        for (const demo of DEMO_FILES) {
          const data = readFileSync(sharedDataPath('demo-case', 'chronologies', demo.file))
          const expected = await previewChronologyImport(data, { defaultAgency: demo.agency })
          const result = await service.imports.previewImport(coordinator, reviewId, {
            agencyId: agencyId(demo.agency),
            fileName: demo.file,
            data,
          })
          assert.ok(result.preview.canCommit, demo.file)
          // The service's preview keeps no rows: they are in the stage.
          assert.equal(result.preview.rows.length, 0)
          assert.equal(await count('chronology_import_row'), expected.rows.length, demo.file)
          const committed = await service.imports.commitImport(coordinator, reviewId, result.importId, {})
          assert.equal(committed.count, expected.rows.length, demo.file)
          const stored = await db
            .selectFrom('chronology_entry')
            .selectAll()
            .where('import_id', '=', result.importId)
            .orderBy('import_row')
            .execute()
          assert.deepEqual(
            stored.map((e) => ({
              row: Number(e.import_row),
              date: JSON.parse(e.date),
              time: e.time,
              agency: e.agency,
              event: e.event,
              people: JSON.parse(e.people_involved),
              significance: e.significance,
              status: e.status,
            })),
            expected.rows.map((r) => ({
              row: r.row,
              date: r.entry!.date,
              time: r.entry!.time,
              agency: r.entry!.agency,
              event: r.entry!.event,
              people: r.entry!.peopleInvolved,
              significance: r.entry!.significance,
              status: 'draft',
            })),
            demo.file,
          )
          assert.equal(await count('chronology_import_row'), 0)
          assert.equal(await count('chronology_import_stage'), 0)
          await assert.rejects(
            service.imports.commitImport(coordinator, reviewId, result.importId, {}),
            ValidationError,
          )
        }
      } finally {
        await t.close()
      }
    })

    test('every broken demo file gives its message on the preview page and imports nothing', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count } = await setUp(t)
        const expected: Record<string, RegExp[]> = {
          'police_export_semicolons_bad_dates.csv': [/semicolons/, /31\/02\/2024 is not a real date/, /formula/],
          'health_visiting_long_cell_unclosed_quotes.csv': [/10,000 characters/, /never closed/],
          'nursery_empty.csv': [/The selected file is empty/],
        }
        for (const [file, messages] of Object.entries(expected)) {
          const data = readFileSync(sharedDataPath('demo-case', 'chronologies-bad', file))
          const result = await service.imports.previewImport(coordinator, reviewId, {
            agencyId: agencyId('Marlshire Police'),
            fileName: file,
            data,
          })
          assert.equal(result.preview.canCommit, false, file)
          const page = await service.imports.importPage(coordinator, reviewId, result.importId)
          const text = [
            ...page.summary.notices,
            ...page.summary.fileProblems,
            ...page.problemRows.flatMap((r) => r.problems),
          ].join('\n')
          for (const m of messages) assert.match(text, m, file)
          await assert.rejects(
            service.imports.commitImport(coordinator, reviewId, result.importId, {}),
            ValidationError,
          )
        }
        assert.equal(await count('chronology_entry'), 0)
      } finally {
        await t.close()
      }
    })

    test('every problem of a file is on exactly one page, in row order; the preview keeps only the first ones', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count } = await setUp(t)
        const bad = KEPT_PROBLEMS + 150
        const result = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: agencyId('Marlshire Police'),
          fileName: 'many.csv',
          data: csvWith(30, bad),
        })
        assert.equal(result.preview.problemCount, bad)
        assert.equal(result.preview.problemRowCount, bad)
        assert.equal(result.preview.problems.length, KEPT_PROBLEMS)
        const first = await service.imports.importPage(coordinator, reviewId, result.importId, 1)
        assert.equal(first.pageCount, Math.ceil(bad / PROBLEM_ROWS_PER_PAGE))
        assert.equal(first.firstRows[0].row, 2)
        assert.deepEqual(first.firstRows[0].problems, [])
        const seen: number[] = []
        for (let page = 1; page <= first.pageCount; page++) {
          const p = await service.imports.importPage(coordinator, reviewId, result.importId, page)
          assert.equal(p.page, page)
          for (const r of p.problemRows) {
            assert.deepEqual(r.problems, [`Row ${r.row}: 31/02/2024 is not a real date`])
            seen.push(r.row)
          }
        }
        // Rows 2–31 are good; the bad ones follow, each once.
        assert.deepEqual(
          seen,
          Array.from({ length: bad }, (_, i) => 32 + i),
        )
        // A page past the end shows the last page.
        const past = await service.imports.importPage(coordinator, reviewId, result.importId, 999)
        assert.equal(past.page, first.pageCount)
        await assert.rejects(service.imports.commitImport(coordinator, reviewId, result.importId, {}), ValidationError)
        assert.equal(await count('chronology_entry'), 0)
      } finally {
        await t.close()
      }
    })

    test('an XLSX of more rows than one batch is staged and committed; a formula cell is its row problem', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count } = await setUp(t)
        const workbook = async (formulaAt: number | null) => {
          const book = new ExcelJS.Workbook()
          const sheet = book.addWorksheet('Chronology')
          sheet.addRow(['Date', 'Event'])
          for (let i = 0; i < 1_200; i++) {
            sheet.addRow([
              new Date(Date.UTC(2024, 0, 1 + (i % 300))),
              i === formulaAt ? { formula: 'A1', result: 'x' } : `Visit ${i}`,
            ])
          }
          return Buffer.from(await book.xlsx.writeBuffer())
        }
        const broken = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: agencyId('Marlshire Police'),
          fileName: 'broken.xlsx',
          data: await workbook(700),
        })
        assert.equal(broken.preview.canCommit, false)
        const page = await service.imports.importPage(coordinator, reviewId, broken.importId)
        assert.deepEqual(
          page.problemRows.map((r) => r.problems),
          [
            [
              'Row 702: the event is a spreadsheet formula. Replace it with its value (copy the cells, then paste as values)',
            ],
          ],
        )
        const good = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: agencyId('Marlshire Police'),
          fileName: 'good.xlsx',
          data: await workbook(null),
        })
        assert.equal((await service.imports.commitImport(coordinator, reviewId, good.importId, {})).count, 1_200)
        assert.equal(await count('chronology_entry'), 1_200)
      } finally {
        await t.close()
      }
    })

    test('checking again with other columns replaces the stage; a commit with other columns reads the file again', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count, db } = await setUp(t)
        const csv = Buffer.from('When,What,Colour\n03/04/2024,Visit,blue\n04/04/2024,Call,red\n')
        const first = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: agencyId('Marlshire Police'),
          fileName: 'a.csv',
          data: csv,
        })
        assert.equal(first.preview.canCommit, false)
        assert.deepEqual([...first.preview.unmappedHeaders].sort(), ['Colour', 'What', 'When'])
        const checked = await service.imports.checkImport(coordinator, reviewId, first.importId, {
          When: 'date',
          What: 'event',
          Colour: 'ignore',
        })
        assert.equal(checked.preview.canCommit, true)
        // Only the current stage's rows are kept.
        assert.equal(await count('chronology_import_row'), 2)
        // Committing with the colour as the significance reads the file again with that choice.
        const committed = await service.imports.commitImport(coordinator, reviewId, first.importId, {
          Colour: 'significance',
        })
        assert.equal(committed.count, 2)
        const stored = await db
          .selectFrom('chronology_entry')
          .select(['event', 'significance'])
          .orderBy('import_row')
          .execute()
        assert.deepEqual(
          stored.map((r) => ({ event: r.event, significance: r.significance })),
          [
            { event: 'Visit', significance: 'blue' },
            { event: 'Call', significance: 'red' },
          ],
        )
      } finally {
        await t.close()
      }
    })

    test('a preview untouched for a week gives its staged rows back, and is read again when it is next opened', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count } = await setUp(t)
        const police = agencyId('Marlshire Police')
        const old = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: police,
          fileName: 'old.csv',
          data: csvWith(5, 1),
        })
        assert.equal(await count('chronology_import_row'), 6)
        t.advance(8 * 24 * 60 * 60 * 1000)
        await service.imports.previewImport(coordinator, reviewId, {
          agencyId: police,
          fileName: 'new.csv',
          data: csvWith(2, 0),
        })
        // Only the new preview's rows are left.
        assert.equal(await count('chronology_import_row'), 2)
        const page = await service.imports.importPage(coordinator, reviewId, old.importId)
        assert.deepEqual(
          page.problemRows.map((r) => r.row),
          [7],
        )
        assert.equal(await count('chronology_import_row'), 8)
      } finally {
        await t.close()
      }
    })

    test('a commit of a stage that is no longer current stores nothing', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId, count, db } = await setUp(t)
        const result = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: agencyId('Marlshire Police'),
          fileName: 'a.csv',
          data: csvWith(3, 0),
        })
        const imports = new ChronologyImportRepository(db)
        const owner = { reviewId, agencyId: agencyId('Marlshire Police'), createdBy: coordinator.userId }
        assert.equal(await imports.commitStage(result.importId, 'another-stage', owner, new Date()), 'changed')
        // Rows of the stage that went missing (another check deleting them) roll the commit back.
        const stage = (await imports.findStage(result.importId))!
        await db.deleteFrom('chronology_import_row').where('seq', '=', 0).execute()
        assert.equal(await imports.commitStage(result.importId, stage.stageId, owner, new Date()), 'changed')
        assert.equal(await count('chronology_entry'), 0)
        const status = await db
          .selectFrom('chronology_import')
          .select('status')
          .where('id', '=', result.importId)
          .executeTakeFirstOrThrow()
        assert.equal(status.status, 'previewed')
      } finally {
        await t.close()
      }
    })

    test("an agency contributor cannot see another agency's import; a panel member cannot see any; reads are audited", async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, panel, reviewId, agencyId, db } = await setUp(t)
        await service.requests.requestFromAgencies(coordinator, reviewId, {
          agencyIds: [police.agencyId!],
          kinds: ['chronology'],
          dueDate: '2099-01-31',
        })
        const gp = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: agencyId('GP practices (Marlshire Integrated Care Board)'),
          fileName: 'gp.csv',
          data: csvWith(2, 1),
        })
        await assert.rejects(service.imports.importPage(police, reviewId, gp.importId), NotFoundError)
        await assert.rejects(service.imports.commitImport(police, reviewId, gp.importId, {}), NotFoundError)
        await assert.rejects(service.imports.importPage(panel, reviewId, gp.importId), AccessDeniedError)
        const own = await service.imports.previewImport(police, reviewId, {
          fileName: 'police.csv',
          data: csvWith(2, 0),
        })
        const page = await service.imports.importPage(police, reviewId, own.importId)
        assert.equal(page.agency.id, police.agencyId)
        const reads = await db
          .selectFrom('audit_event')
          .select(['action', 'actor_email'])
          .where('action', '=', 'chronology.import.read')
          .execute()
        assert.deepEqual(
          reads.map((r) => r.actor_email),
          ['police.contributor@marlshire.example'],
        )
      } finally {
        await t.close()
      }
    })
  })
}
