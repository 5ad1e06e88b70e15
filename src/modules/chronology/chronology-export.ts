/**
 * The integrated chronology as files: CSV, XLSX and DOCX, every cell escaped so no spreadsheet runs it as a
 * formula, and the protective marking of case material on each. Pure builders: the use case (access, audit)
 * is `chronology-export.service.ts`.
 */
import ExcelJS from 'exceljs'
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { ProtectiveMarking } from '../export/protective-marking.ts'
import { escapeSpreadsheetCell } from '../export/spreadsheet-escape.ts'
import { formatChronologyDate, type ChronologyDate } from './chronology-date.ts'
import type { ChronologyEntry } from './chronology.ts'

/** A file to download. */
export interface ExportFile {
  fileName: string
  contentType: string
  body: Buffer | string
}

/** Column headings of exports. */
export const EXPORT_HEADER = [
  'Date',
  'Time',
  'Agency',
  'Source record',
  'Practitioner role',
  'People involved',
  'Event',
  'Action taken',
  'Outcome',
  'Significance',
  // Confirmed links (issue 11): the other agencies' entries of the same event, by date, agency and record.
  'Same event as',
] as const

/** The XLSX export's headings: a real date cell, then how exact the date is (month, season, approximate). */
export const XLSX_EXPORT_HEADER = ['Date', 'Date precision', ...EXPORT_HEADER.slice(1)] as const

/** Content type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Entry id → the other entries of its confirmed links ("3 April 2023, Marlshire Police, MP/23/1234; …"). A
 * linked entry outside the filters is read by id: links are only proposed between entries in the actor's scope.
 */
export async function confirmedLinkLabels(
  entries: readonly ChronologyEntry[],
  links: ReadonlyArray<{ entryIds: readonly string[]; status: string }>,
  find: (id: string) => Promise<ChronologyEntry | undefined>,
): Promise<Map<string, string>> {
  const byId = new Map(entries.map((e) => [e.id, e]))
  const label = (e: ChronologyEntry) =>
    [formatChronologyDate(e.date), e.agency, e.sourceRecord].filter((part) => part.trim() !== '').join(', ')
  const others = new Map<string, string[]>()
  for (const link of links.filter((l) => l.status === 'confirmed')) {
    for (const id of link.entryIds) {
      if (!byId.has(id)) continue
      for (const otherId of link.entryIds.filter((o) => o !== id)) {
        const other = byId.get(otherId) ?? (await find(otherId))
        if (other) others.set(id, [...(others.get(id) ?? []), label(other)])
      }
    }
  }
  return new Map([...others].map(([id, labels]) => [id, labels.join('; ')]))
}

/** How exact an entry's date is, for the XLSX column beside the real date. */
function datePrecision(date: ChronologyDate): string {
  const exact = { day: 'Day', month: 'Month only', season: 'Season only', year: 'Year only' }[date.precision]
  return date.approximate ? `Approximate (${exact.toLowerCase()})` : exact
}

/**
 * The chronology export as XLSX: the marking in the first row and in the printed page header and footer,
 * then the column names; the date a real date cell (its first day, formatted dd/mm/yyyy, so Excel sorts
 * and filters by it), then how exact it is; every text cell escaped against formulas.
 */
export async function toChronologyXlsx(
  entries: readonly ChronologyEntry[],
  rows: readonly (readonly string[])[],
  marking: ProtectiveMarking,
) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Chronology')
  markWorksheet(sheet, marking)
  sheet.addRow([...XLSX_EXPORT_HEADER]).font = { bold: true }
  entries.forEach((e, i) => {
    const [y, m, d] = e.date.start.split('-').map(Number)
    // Midnight UTC: exceljs turns a Date into a serial day number in UTC, so this is the calendar day itself.
    const row = sheet.addRow([
      new Date(Date.UTC(y, m - 1, d)),
      datePrecision(e.date),
      ...rows[i].slice(1).map((cell) => escapeSpreadsheetCell(cell)),
    ])
    row.getCell(1).numFmt = 'dd/mm/yyyy'
  })
  sheet.columns.forEach((column, i) => {
    column.width = i >= 7 ? 50 : 18
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * Puts the marking in the sheet's first row (seen on screen) and in the header and footer of every printed
 * page (`&C` centres it; `&&` is a literal ampersand in Excel's header codes).
 */
function markWorksheet(sheet: ExcelJS.Worksheet, marking: ProtectiveMarking): void {
  const code = (text: string) => `&C${text.replaceAll('&', '&&')}`
  sheet.headerFooter = { oddHeader: code(marking.header), oddFooter: code(marking.footer) }
  sheet.addRow([escapeSpreadsheetCell(marking.header)]).font = { bold: true }
}

export function exportRow(e: ChronologyEntry): string[] {
  return [
    formatChronologyDate(e.date),
    e.time ?? '',
    e.agency,
    e.sourceRecord,
    e.practitionerRole,
    e.peopleInvolved.join('; '),
    e.event,
    e.actionTaken,
    e.outcome,
    e.significance,
  ]
}

/** An XLSX of text cells, each escaped against formulas. */
export async function toXlsx(rows: readonly (readonly string[])[], header: readonly string[] = EXPORT_HEADER) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Chronology')
  sheet.addRow([...header]).font = { bold: true }
  for (const row of rows) sheet.addRow(row.map((cell) => escapeSpreadsheetCell(cell)))
  sheet.columns.forEach((column, i) => {
    column.width = i >= 6 ? 50 : 18
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The chronology as a DOCX table under `title`, the marking in the header and footer of every page. */
export async function toDocx(
  title: string,
  rows: readonly (readonly string[])[],
  marking: ProtectiveMarking,
): Promise<Buffer> {
  const line = (text: string) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: true })] })
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text: escapeSpreadsheetCell(text), bold })] })],
    })
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: EXPORT_HEADER.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  })
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [line(marking.header)] }) },
        footers: { default: new Footer({ children: [line(marking.footer)] }) },
        children: [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }), table],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
