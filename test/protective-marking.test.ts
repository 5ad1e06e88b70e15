/**
 * Every export of case material the app offers carries its protective marking, read back from the file
 * as a user would open it; the publication export of a report carries none (issue 11).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { extractText, getDocumentProxy } from 'unpdf'
import { sharedDataPath } from '../src/shared-data.ts'
import { planFixture } from './fixtures/recommendation.fixture.ts'
import { startTestApp } from './support/app.ts'
import { testDatabases } from './support/databases.ts'
import { withoutDraftingMarkers } from './support/drafting-markers.ts'
import { zipPartsText } from './support/zip-read.ts'

const demo = (file: string) => readFileSync(sharedDataPath('demo-case', file), 'utf8')
const bytes = (text: string) => new TextEncoder().encode(text)
const SENSITIVE = /OFFICIAL-SENSITIVE/
const DRAFT_MARK = 'OFFICIAL-SENSITIVE | DRAFT version 1'

async function pdfText(data: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(data)), { mergePages: true })
  return text
}

/** The DOCX's page header and footer parts, as XML text. */
const headerAndFooter = (data: Uint8Array) => zipPartsText(data, /word\/(header|footer)\d*\.xml$/)

for (const database of testDatabases()) {
  describe(`protective marking on ${database.name}`, () => {
    test('every case-material export is marked OFFICIAL-SENSITIVE (drafts with their version); the publication export is not', async () => {
      const t = await startTestApp(await database.open())
      try {
        const f = await planFixture(t)
        const { coordinator, lead, reviewId } = f
        const chronology = t.services.chronology
        const reports = t.services.reports

        // A submitted chronology entry, an action and a draft overview report on one review.
        await chronology.entries.saveEntry(coordinator, reviewId, {
          date: '4 October 2022',
          time: '22:40',
          sourceRecord: 'MP/22/1',
          practitionerRole: 'Response officer',
          peopleInvolved: 'Invented Mother',
          event: 'Welfare check at the family home',
          actionTaken: '',
          outcome: '',
          significance: '',
          agencyId: f.policeAgency.id,
        })
        await chronology.entries.submitDrafts(coordinator, reviewId, f.policeAgency.id)
        const finding = await f.service.addFinding(lead, reviewId, {
          title: 'Information was not shared',
          text: 'Agencies held pieces of the picture.',
          theme: 'information_sharing',
        })
        const recommendation = await f.service.addRecommendation(lead, reviewId, {
          addressedTo: 'The Marlshire Safeguarding Children Partnership',
          action: 'Seek assurance that agencies share information',
          measureOfSuccess: 'an audit of 20 cases',
          timescale: 'within 6 months',
          findingIds: [finding.id],
        })
        await f.service.addAction(coordinator, reviewId, recommendation.id, {
          description: 'Audit 20 cases',
          agencyId: f.policeAgency.id,
          owner: 'Head of safeguarding',
          dueDate: '2027-02-01',
        })
        await t.services.caseKnowledge.importFiles(coordinator, reviewId, demo('cast.json'), demo('places.json'))
        const draft = withoutDraftingMarkers(demo('overview-report-draft.md'))
        await reports.importDraft(lead, reviewId, 'overview_report', { fileName: 'overview.md', data: bytes(draft) }, 0)

        // Chronology CSV: a single-cell first line, then the header.
        const csv = parse(String((await chronology.exports.export(coordinator, reviewId, 'csv')).body), {
          bom: true,
          relax_column_count: true,
        }) as string[][]
        assert.deepEqual(csv[0], ['OFFICIAL-SENSITIVE'])
        assert.equal(csv[1][0], 'Date')
        assert.ok(csv.some((row) => row.includes('Welfare check at the family home')))

        // Chronology XLSX: the first row, and the header and footer of every printed page.
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(
          (await chronology.exports.export(coordinator, reviewId, 'xlsx')).body as unknown as ArrayBuffer,
        )
        const sheet = workbook.worksheets[0]
        assert.match(String(sheet.getRow(1).getCell(1).value), /^OFFICIAL-SENSITIVE/)
        assert.equal(sheet.getRow(2).getCell(1).value, 'Date')
        assert.match(sheet.headerFooter.oddHeader ?? '', SENSITIVE)
        assert.match(sheet.headerFooter.oddFooter ?? '', SENSITIVE)

        // Chronology DOCX: the page header and footer; plain case material, not a draft.
        const chronologyDocx = (await chronology.exports.export(coordinator, reviewId, 'docx')).body as Buffer
        const chronologyParts = await headerAndFooter(chronologyDocx)
        assert.equal(chronologyParts.length, 2, 'one header part and one footer part')
        for (const xml of chronologyParts) {
          assert.match(xml, SENSITIVE)
          assert.doesNotMatch(xml, /DRAFT/)
        }
        assert.match((await mammoth.extractRawText({ buffer: chronologyDocx })).value, /Welfare check/)

        // Action plan CSV.
        const actions = parse(await f.service.dashboardCsv(coordinator), {
          bom: true,
          relax_column_count: true,
        }) as string[][]
        assert.deepEqual(actions[0], ['OFFICIAL-SENSITIVE'])
        assert.ok(actions.some((row) => row.includes('Audit 20 cases')))

        // Draft report: PDF, DOCX and HTML carry OFFICIAL-SENSITIVE and the draft's version.
        const pdf = await reports.exportDocument(coordinator, reviewId, 'overview_report', 'pdf', 'draft')
        assert.ok((await pdfText(pdf.data)).includes(DRAFT_MARK))
        const docx = await reports.exportDocument(coordinator, reviewId, 'overview_report', 'docx', 'draft')
        const reportParts = await headerAndFooter(docx.data)
        assert.equal(reportParts.filter((xml) => xml.includes(DRAFT_MARK)).length, 2)
        const html = await reports.exportDocument(coordinator, reviewId, 'overview_report', 'html', 'draft')
        assert.ok(new TextDecoder().decode(html.data).includes(DRAFT_MARK))

        // Anonymised and marked so, the same report exported for publication carries no marking.
        const id = await reports.sendForAnonymisation(lead, reviewId, 'overview_report')
        const { document } = await t.services.caseKnowledge.documentView(lead, reviewId, id)
        await t.services.caseKnowledge.markAnonymised(lead, reviewId, id, document.version, true)
        const published = [
          await pdfText(
            (await reports.exportDocument(coordinator, reviewId, 'overview_report', 'pdf', 'publication')).data,
          ),
          (
            await mammoth.extractRawText({
              buffer: Buffer.from(
                (await reports.exportDocument(coordinator, reviewId, 'overview_report', 'docx', 'publication')).data,
              ),
            })
          ).value,
          ...(await headerAndFooter(
            (await reports.exportDocument(coordinator, reviewId, 'overview_report', 'docx', 'publication')).data,
          )),
          new TextDecoder().decode(
            (await reports.exportDocument(coordinator, reviewId, 'overview_report', 'html', 'publication')).data,
          ),
        ]
        assert.match(published[0], /Publication version/)
        for (const text of published) assert.doesNotMatch(text, /OFFICIAL-SENSITIVE|DRAFT/)
      } finally {
        await t.close()
      }
    })
  })
}
