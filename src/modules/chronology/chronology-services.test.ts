import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { startTestApp, type TestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { AccessDeniedError } from '../access/access.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

/** Demo file → the demo partnership's agency it comes from, and its entry count (demo README). */
const DEMO_FILES: Array<{ file: string; agency: string; count: number }> = [
  { file: 'childrens_social_care.csv', agency: "Marlshire Children's Social Care", count: 55 },
  { file: 'gp.csv', agency: 'GP practices (Marlshire Integrated Care Board)', count: 43 },
  { file: 'health_visiting.csv', agency: 'Marlshire Health Visiting Service', count: 44 },
  { file: 'midwifery_and_hospital.csv', agency: 'Marlshire Hospitals NHS Foundation Trust', count: 49 },
  { file: 'nursery.csv', agency: 'Early years: Marlshire nurseries', count: 43 },
  { file: 'police.csv', agency: 'Marlshire Police', count: 46 },
  { file: 'substance_misuse_service.csv', agency: 'Marlshire Recovery Partnership', count: 41 },
]

/** A started app, a submitted review, the chronology services and the demo actors. */
async function setUp(t: TestApp) {
  const service = t.services.chronology
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    outline: 'Chronology test review.',
    pseudonym: 'Child M',
  })
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const agencyId = (name: string) => agencies.find((a) => a.name === name)!.id
  return { service, coordinator, police, panel, reviewId, agencyId }
}

const due = '2099-01-31'

for (const database of testDatabases()) {
  describe(`chronology services on ${database.name}`, () => {
    test('the seven demo files import with their counts and make one integrated chronology with linked events', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId } = await setUp(t)
        for (const demo of DEMO_FILES) {
          const data = readFileSync(sharedDataPath('demo-case', 'chronologies', demo.file))
          const preview = await service.imports.previewImport(coordinator, reviewId, {
            agencyId: agencyId(demo.agency),
            fileName: demo.file,
            data,
          })
          assert.equal(preview.preview.rowCount, demo.count, demo.file)
          assert.ok(preview.preview.canCommit, `${demo.file}: ${preview.preview.problems.map((p) => p.message)}`)
          const committed = await service.imports.commitImport(coordinator, reviewId, preview.importId, {})
          assert.equal(committed.count, demo.count)
          // A second commit of the same upload stores nothing.
          await assert.rejects(
            service.imports.commitImport(coordinator, reviewId, preview.importId, {}),
            ValidationError,
          )
          assert.equal(await service.entries.submitDrafts(coordinator, reviewId, agencyId(demo.agency)), demo.count)
        }
        const integrated = await service.integrated.view(coordinator, reviewId)
        assert.equal(integrated.entries.length, 321)
        // Earliest first; precision kept (CSC's "approx. spring 2020" comes first).
        assert.equal(integrated.entries[0].date.precision, 'season')
        assert.equal(integrated.entries[0].date.approximate, true)
        const keys = integrated.entries.map((e) => e.sortKey)
        assert.deepEqual(keys, [...keys].sort())
        // Each entry keeps its agency and source.
        assert.ok(integrated.entries.some((e) => e.agency === 'Marlshire Police' && /MP\/\d\d\//.test(e.sourceRecord)))
        // The domestic incident of 4 October 2022: police and nursery reports are linked.
        const byId = new Map(integrated.entries.map((e) => [e.id, e]))
        const linkedAgencies = (day: string) =>
          new Set(
            integrated.links
              .filter((l) => l.entryIds.some((id) => byId.get(id)!.date.start === day))
              .flatMap((l) => l.entryIds.map((id) => integrated.agencyNames.get(byId.get(id)!.agencyId))),
          )
        assert.ok(linkedAgencies('2022-10-04').has('Marlshire Police'))
        assert.ok(linkedAgencies('2023-07-12').size >= 2)
        // Gaps of the demo README: police none between 14/02/2024 and 18/03/2024.
        assert.ok(
          integrated.gaps.some(
            (g) => g.agency === 'Marlshire Police' && g.from === '2024-02-14' && g.to === '2024-03-18',
          ),
        )

        // Confirming a link is remembered; filters narrow the entries.
        const first = integrated.links[0]
        await service.integrated.decideLink(coordinator, reviewId, first.entryIds, 'confirmed')
        const again = await service.integrated.view(coordinator, reviewId, {
          agencyId: agencyId('Marlshire Police'),
          from: '2023-01-01',
          to: '2023-12-31',
        })
        assert.ok(again.entries.length > 0)
        assert.ok(again.entries.every((e) => e.agency === 'Marlshire Police' && e.date.start.startsWith('2023')))
        const all = await service.integrated.view(coordinator, reviewId)
        assert.equal(all.links.find((l) => l.entryIds.join() === first.entryIds.join())!.status, 'confirmed')
      } finally {
        await t.close()
      }
    })

    test('each broken demo file gives its message and imports nothing', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId } = await setUp(t)
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
          const text = [...result.preview.notices, ...result.preview.problems.map((p) => p.message)].join('\n')
          for (const m of messages) assert.match(text, m, file)
          await assert.rejects(
            service.imports.commitImport(coordinator, reviewId, result.importId, {}),
            ValidationError,
          )
        }
        const rows = await t.services.database.db.selectFrom('chronology_entry').select('id').execute()
        assert.equal(rows.length, 0)
      } finally {
        await t.close()
      }
    })

    test('an agency contributor sees only their own agency, and only when their agency was asked', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, panel, reviewId, agencyId } = await setUp(t)
        // Not asked yet: the review is not found for them.
        await assert.rejects(service.integrated.view(police, reviewId), NotFoundError)
        await service.requests.requestFromAgencies(coordinator, reviewId, {
          agencyIds: [agencyId('Marlshire Police')],
          kinds: ['chronology', 'agency_report'],
          dueDate: due,
        })
        // Another agency's draft and submitted entries.
        const gp = agencyId('GP practices (Marlshire Integrated Care Board)')
        const secret = {
          date: '03/04/2023',
          time: '',
          sourceRecord: 'EMIS',
          practitionerRole: 'GP',
          peopleInvolved: 'Chloe Calloway',
          actionTaken: '',
          outcome: '',
          significance: '',
        }
        await service.entries.saveEntry(coordinator, reviewId, {
          ...secret,
          agencyId: gp,
          event: 'GP submitted secret',
        })
        await service.entries.submitDrafts(coordinator, reviewId, gp)
        const gpDraft = await service.entries.saveEntry(coordinator, reviewId, {
          ...secret,
          agencyId: gp,
          event: 'GP draft secret',
        })
        // The police contributor's own entry (the agency given is ignored: it is always their own).
        const own = await service.entries.saveEntry(police, reviewId, {
          ...secret,
          agencyId: gp,
          event: 'Police welfare check',
        })
        assert.equal((await service.entries.draftEntry(police, reviewId, own)).agencyId, police.agencyId)
        await assert.rejects(service.entries.draftEntry(police, reviewId, gpDraft), NotFoundError)
        await assert.rejects(
          service.entries.saveEntry(police, reviewId, { ...secret, entryId: gpDraft, event: 'overwritten' }),
          NotFoundError,
        )
        assert.deepEqual(
          (await service.entries.drafts(police, reviewId)).map((e) => e.event),
          ['Police welfare check'],
        )
        await service.entries.submitDrafts(police, reviewId)
        const seen = await service.integrated.view(police, reviewId, { agencyId: gp })
        assert.deepEqual(
          seen.entries.map((e) => e.event),
          ['Police welfare check'],
        )
        const csv = String((await service.exports.export(police, reviewId, 'csv')).body)
        assert.doesNotMatch(csv, /secret/)
        // Requests: only their own agency's.
        const { requests } = await service.requests.listRequests(police, reviewId)
        assert.equal(requests.length, 2)
        assert.ok(requests.every((r) => r.agencyId === police.agencyId))
        // A panel member who is not a member of the review reads nothing; only coordinators ask agencies.
        await assert.rejects(service.integrated.view(panel, reviewId), NotFoundError)
        await assert.rejects(
          service.requests.requestFromAgencies(police, reviewId, {
            agencyIds: [gp],
            kinds: ['chronology'],
            dueDate: due,
          }),
          AccessDeniedError,
        )
        // Reads are audited.
        const audited = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', '=', 'chronology.read')
          .execute()
        assert.ok(audited.length >= 2)
      } finally {
        await t.close()
      }
    })

    test('exports escape formulas in CSV, XLSX and DOCX', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId } = await setUp(t)
        const police = agencyId('Marlshire Police')
        // Text typed as-is that a spreadsheet would run: the import and form refuse real formulas, but
        // "-", "+" and "@" at the start of ordinary text are stored and must be escaped on export.
        await service.entries.saveEntry(coordinator, reviewId, {
          agencyId: police,
          date: '3 April 2023',
          time: '14:30',
          sourceRecord: '@ref 22',
          practitionerRole: '+44 7700 900123',
          peopleInvolved: 'Chloe Calloway',
          event: '- seen at home',
          actionTaken: '-',
          outcome: '',
          significance: '',
        })
        // A formula written straight into the database (by an older import) is escaped too.
        await t.services.database.db
          .updateTable('chronology_entry')
          .set({ outcome: '=HYPERLINK("http://evil.example","x")' })
          .execute()
        await service.entries.submitDrafts(coordinator, reviewId, police)

        const csv = String((await service.exports.export(coordinator, reviewId, 'csv')).body)
        assert.match(csv, /'- seen at home/)
        assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil.example"",""x""\)"/)
        assert.match(csv, /'\+44 7700 900123/)

        const xlsx = (await service.exports.export(coordinator, reviewId, 'xlsx')).body as Buffer
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(xlsx as unknown as ArrayBuffer)
        // Row 1 is the marking, row 2 the header.
        const row = workbook.worksheets[0].getRow(3)
        const values = (row.values as unknown[]).slice(1)
        // The date is a real date (Excel sorts it); every other cell is text, none a formula.
        assert.ok(values[0] instanceof Date, 'the date is a date cell')
        assert.ok(
          values.slice(1).every((v) => typeof v === 'string'),
          'every other cell is text, none a formula',
        )
        assert.ok(values.includes("'- seen at home"))
        assert.ok(values.includes('\'=HYPERLINK("http://evil.example","x")'))

        const docx = (await service.exports.export(coordinator, reviewId, 'docx')).body as Buffer
        const { value: text } = await mammoth.extractRawText({ buffer: docx })
        assert.match(text, /'=HYPERLINK/)
        assert.match(text, /'- seen at home/)
        assert.match(text, /3 April 2023/)
      } finally {
        await t.close()
      }
    })

    test('entries typed in the browser are checked in plain English; mappings are remembered per agency', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewId, agencyId } = await setUp(t)
        const police = agencyId('Marlshire Police')
        await assert.rejects(
          service.entries.saveEntry(coordinator, reviewId, {
            agencyId: police,
            date: '31/02/2024',
            time: '25:61',
            sourceRecord: '',
            practitionerRole: '',
            peopleInvolved: '',
            event: '=cmd|x',
            actionTaken: '',
            outcome: '',
            significance: '',
          }),
          (error: unknown) => {
            assert.ok(error instanceof ValidationError)
            const text = error.errors.map((e) => `${e.field}: ${e.message}`).join('\n')
            assert.match(text, /date: 31\/02\/2024 is not a real date/)
            assert.match(text, /time: /)
            assert.match(text, /event: The event starts with "="/)
            return true
          },
        )
        const csv = 'When,What,Colour\n03/04/2024,Visit,blue\n'
        const first = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: police,
          fileName: 'a.csv',
          data: Buffer.from(csv),
        })
        assert.equal(first.preview.canCommit, false)
        assert.deepEqual(first.preview.unmappedHeaders.sort(), ['Colour', 'What', 'When'])
        const checked = await service.imports.checkImport(coordinator, reviewId, first.importId, {
          When: 'date',
          What: 'event',
          Colour: 'ignore',
        })
        assert.equal(checked.preview.canCommit, true)
        // The next upload from the same agency uses the remembered choices.
        const second = await service.imports.previewImport(coordinator, reviewId, {
          agencyId: police,
          fileName: 'b.csv',
          data: Buffer.from(csv),
        })
        assert.equal(second.preview.canCommit, true)
        assert.equal((await service.imports.commitImport(coordinator, reviewId, second.importId, {})).count, 1)
      } finally {
        await t.close()
      }
    })
  })
}
