import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { parse } from 'csv-parse/sync'
import { startTestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import type { EntryInput } from './chronology-entry.ts'

const entry = (event: string, extra: Partial<EntryInput>): EntryInput => ({
  date: '4 October 2022',
  time: '22:40',
  sourceRecord: '',
  practitionerRole: 'Practitioner',
  peopleInvolved: 'Invented Mother; Invented Partner',
  event,
  actionTaken: '',
  outcome: '',
  significance: '',
  ...extra,
})

for (const database of testDatabases()) {
  describe(`chronology exports on ${database.name}`, () => {
    test('confirmed links appear in CSV, XLSX and DOCX as "Same event as"; XLSX dates are dates Excel can sort', async () => {
      const t = await startTestApp(await database.open())
      try {
        const service = t.services.chronology
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const reviewId = await createSubmittedReview(t, coordinator, { outline: 'Exports.', pseudonym: 'Child X' })
        const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
        const police = agencies.find((a) => a.name === 'Marlshire Police')!
        const csc = agencies.find((a) => a.name === "Marlshire Children's Social Care")!
        await service.entries.saveEntry(coordinator, reviewId, {
          ...entry('Domestic incident at home: argument between mother and partner, child present', {
            sourceRecord: 'MP/22/104455',
          }),
          agencyId: police.id,
        })
        await service.entries.saveEntry(coordinator, reviewId, {
          ...entry('Police notification of domestic incident at home, child present during argument', {
            sourceRecord: 'CSC-REF-7',
            time: '',
          }),
          agencyId: csc.id,
        })
        await service.entries.saveEntry(coordinator, reviewId, {
          ...entry('Approximate month entry', { date: 'March 2023', time: '', peopleInvolved: '' }),
          agencyId: csc.id,
        })
        await service.entries.submitDrafts(coordinator, reviewId, police.id)
        await service.entries.submitDrafts(coordinator, reviewId, csc.id)
        const { links } = await service.integrated.view(coordinator, reviewId)
        assert.equal(links.length, 1, 'the two reports of the incident are proposed as one event')
        await service.integrated.decideLink(coordinator, reviewId, links[0].entryIds, 'confirmed')

        const csv = parse(String((await service.exports.export(coordinator, reviewId, 'csv')).body), {
          bom: true,
          relax_column_count: true,
        }) as string[][]
        assert.deepEqual(csv[0], ['OFFICIAL-SENSITIVE'], 'the first line is the protective marking')
        const column = csv[1].indexOf('Same event as')
        assert.ok(column > 0, 'the CSV has a "Same event as" column')
        const policeRow = csv.find((r) => r.includes('MP/22/104455'))!
        const cscRow = csv.find((r) => r.includes('CSC-REF-7'))!
        assert.equal(policeRow[column], "4 October 2022, Marlshire Children's Social Care, CSC-REF-7")
        assert.equal(cscRow[column], '4 October 2022, Marlshire Police, MP/22/104455')
        assert.equal(csv.find((r) => r.includes('Approximate month entry'))![column], '')

        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(
          (await service.exports.export(coordinator, reviewId, 'xlsx')).body as unknown as ArrayBuffer,
        )
        const sheet = workbook.worksheets[0]
        // Row 1 is the protective marking, row 2 the header.
        const header = (sheet.getRow(2).values as unknown[]).slice(1)
        assert.deepEqual(header.slice(0, 3), ['Date', 'Date precision', 'Time'])
        const rows = [3, 4, 5].map((n) => sheet.getRow(n))
        for (const row of rows) {
          assert.ok(row.getCell(1).value instanceof Date, 'the date cell is a date')
          assert.equal(row.getCell(1).numFmt, 'dd/mm/yyyy')
        }
        assert.equal((rows[0].getCell(1).value as Date).toISOString().slice(0, 10), '2022-10-04')
        const month = rows.find((r) => (r.values as unknown[]).includes('Approximate month entry'))!
        assert.equal((month.getCell(1).value as Date).toISOString().slice(0, 10), '2023-03-01')
        assert.equal(month.getCell(2).value, 'Month only')
        const sameEvent = header.indexOf('Same event as') + 1
        assert.ok(sameEvent > 0)
        const xlsxPolice = rows.find((r) => (r.values as unknown[]).includes('MP/22/104455'))!
        assert.equal(xlsxPolice.getCell(sameEvent).value, "4 October 2022, Marlshire Children's Social Care, CSC-REF-7")

        const docx = (await service.exports.export(coordinator, reviewId, 'docx')).body as Buffer
        const { value: text } = await mammoth.extractRawText({ buffer: docx })
        assert.match(text, /Same event as/)
        assert.match(text, /4 October 2022, Marlshire Police, MP\/22\/104455/)
      } finally {
        await t.close()
      }
    })
  })
}
