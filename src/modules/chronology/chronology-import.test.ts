import { sharedDataPath } from '../../shared-data.ts'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createReadStream, readdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { crc32, deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import {
  detectDelimiter,
  entriesToCommit,
  looksLikeFormula,
  matchHeader,
  previewChronologyImport,
  previewCsvImport,
  type ImportPreview,
} from './chronology-import.ts'
import { readZipDirectory, readZipEntry } from './xlsx-package.ts'
import { toCsv } from '../export/spreadsheet-escape.ts'

// The demo case lives beside the repository: /work/main → /work/shared/data/demo-case.
const DEMO = sharedDataPath('demo-case') + '/'

const AGENCY_BY_FILE: Record<string, string> = {
  'police.csv': 'Marlshire Police',
  'childrens_social_care.csv': "Marlshire County Council children's social care",
}

async function demo(dir: string, file: string): Promise<ImportPreview> {
  return previewChronologyImport(createReadStream(`${DEMO}${dir}/${file}`), { defaultAgency: AGENCY_BY_FILE[file] })
}

function precisions(preview: ImportPreview): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const row of preview.rows) {
    if (!row.entry) continue
    const key = `${row.entry.date.precision}${row.entry.date.approximate ? ' (approx.)' : ''}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

// [file, entries, precision counts]
const GOOD_FILES: [string, number, Record<string, number>][] = [
  ['childrens_social_care.csv', 55, { 'season (approx.)': 1, month: 1, day: 53 }],
  ['gp.csv', 43, { day: 43 }],
  ['health_visiting.csv', 44, { day: 43, month: 1 }],
  ['midwifery_and_hospital.csv', 49, { day: 49 }],
  ['nursery.csv', 43, { day: 37, month: 6 }],
  ['police.csv', 46, { day: 46 }],
  ['substance_misuse_service.csv', 41, { 'season (approx.)': 1, month: 1, day: 39 }],
]

for (const [file, count, expected] of GOOD_FILES) {
  test(`demo chronology ${file} imports ${count} entries with their precision`, async () => {
    const preview = await demo('chronologies', file)
    assert.deepEqual(preview.problems, [])
    assert.equal(preview.canCommit, true)
    assert.equal(preview.rowCount, count)
    assert.equal(entriesToCommit(preview).length, count)
    assert.deepEqual(precisions(preview), expected)
    for (const entry of entriesToCommit(preview)) {
      assert.ok(entry.agency !== '', `row ${entry.row} has an agency`)
      assert.ok(entry.event !== '', `row ${entry.row} has an event`)
      for (const value of Object.values(entry)) {
        if (typeof value === 'string') assert.ok(!value.includes('\r') && !value.startsWith('\uFEFF'), `${entry.row}`)
      }
    }
  })
}

test('all seven demo chronologies together hold 321 entries', async () => {
  const files = readdirSync(`${DEMO}chronologies`).filter((f) => f.endsWith('.csv'))
  assert.equal(files.length, 7)
  let total = 0
  for (const file of files) total += (await demo('chronologies', file)).rowCount
  assert.equal(total, 321)
})

test("the police file's own header is mapped and its columns joined", async () => {
  const preview = await demo('chronologies', 'police.csv')
  assert.deepEqual(preview.unmappedHeaders, [])
  const first = preview.rows[0].entry!
  assert.equal(first.row, 2)
  assert.equal(first.date.start, '2021-03-14')
  assert.equal(first.time, '22:05')
  assert.equal(first.sourceRecord, 'MP/21/031877')
  assert.equal(first.practitionerRole, 'PC 1874 Webb')
  assert.match(first.event, /^Domestic - assault ABH — Stacey LOMAX reports partner Dean HOLLIS punched her/)
  assert.equal(first.significance, 'DASH risk: Medium')
  assert.equal(first.agency, 'Marlshire Police')
  const noRecord = preview.rows.map((r) => r.entry!).filter((e) => e.time === null)
  assert.ok(noRecord.length >= 1, 'the "No record" row has a blank time')
})

test("children's social care: BOM stripped, own header mapped, approximate and month dates kept", async () => {
  const preview = await demo('chronologies', 'childrens_social_care.csv')
  assert.equal(preview.headers[0], 'Date of contact')
  const [first, second, third] = preview.rows.map((r) => r.entry!)
  assert.deepEqual(
    [first.date.precision, first.date.approximate, first.date.season, first.date.year],
    ['season', true, 'spring', 2020],
  )
  assert.deepEqual([second.date.precision, second.date.start], ['month', '2021-05-01'])
  assert.equal(third.date.start, '2022-10-11')
  assert.match(third.event, /^MASH contact — PPN\/22\/6641 received/)
  assert.equal(third.practitionerRole, 'Aisha Rahman (MASH SW)')
})

test('people involved are split on semicolons', async () => {
  const preview = await demo('chronologies', 'gp.csv')
  const entry = preview.rows.map((r) => r.entry!).find((e) => e.peopleInvolved.length === 2)!
  assert.deepEqual(entry.peopleInvolved, ['Harley Calloway', 'Chloe Calloway'])
})

// [file, exact problems]
const BAD_FILES: [string, string[]][] = [
  ['nursery_empty.csv', ['The selected file is empty']],
  [
    'health_visiting_long_cell_unclosed_quotes.csv',
    [
      'Row 3: the event is 20,000 characters long. A cell can have up to 10,000 characters',
      'Row 4: 31/02/2024 is not a real date',
      'Row 6: the quote opened here is never closed. Add the closing quote mark, or remove the opening one',
      'Row 8: the quote opened here is never closed. Add the closing quote mark, or remove the opening one',
    ],
  ],
  [
    'police_export_semicolons_bad_dates.csv',
    [
      'Row 2: 31/02/2024 is not a real date',
      'Row 3: 30/02/2023 is not a real date',
      'Row 4: 2023-13-05 is not a real date',
      'Row 5: 00/01/2024 is not a real date',
      'Row 6: 25:61 is not a real time',
      'Row 7: a quote mark is in the middle of a cell. Put the whole cell in quotes and double each quote mark inside it ("")',
      'Row 7: the date starts with "=" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "=" at the start',
      'Row 8: the event starts with "=" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "=" at the start',
      'Row 9: the event starts with "+" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "+" at the start',
      'Row 9: the action taken starts with "@" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "@" at the start',
      'Row 9: the outcome starts with "-" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "-" at the start',
      'Row 10: 29/02/2023 is not a real date',
    ],
  ],
]

for (const [file, expected] of BAD_FILES) {
  test(`bad demo file ${file} gives its messages and nothing can be committed`, async () => {
    const preview = await demo('chronologies-bad', file)
    assert.deepEqual(
      preview.problems.map((p) => p.message),
      expected,
    )
    assert.equal(preview.canCommit, false)
    assert.throws(() => entriesToCommit(preview), /cannot be committed/)
  })
}

test('the semicolon file is detected and reported as a notice', async () => {
  const preview = await demo('chronologies-bad', 'police_export_semicolons_bad_dates.csv')
  assert.equal(preview.delimiter, ';')
  assert.deepEqual(preview.notices, [
    'The file uses semicolons to separate columns, not commas. It has been read that way: check the columns below',
  ])
  // The one good row is still shown as valid in the preview.
  assert.deepEqual(
    preview.rows.filter((r) => r.entry).map((r) => r.row),
    [11],
  )
})

const HEADER = 'date,time,agency,event\n'

async function csv(text: string | Buffer, options: Parameters<typeof previewCsvImport>[1] = {}) {
  return previewCsvImport(typeof text === 'string' ? Buffer.from(text) : text, options)
}

// [description, csv text, options, expected problems, expected rows with entries]
const CSV_CASES: [string, string | Buffer, Parameters<typeof previewCsvImport>[1], string[], number[]][] = [
  ['a minimal valid file', HEADER + '03/04/2024,10:00,Police,Seen\n', {}, [], [2]],
  ['CRLF and a final line without a newline', 'date,event,agency\r\n3 April 2024,Seen,GP', {}, [], [2]],
  [
    'blank lines are skipped but still counted',
    HEADER + '03/04/2024,,Police,Seen\n\n,,,\n04/04/2024,,Police,Seen again\n',
    {},
    [],
    [2, 5],
  ],
  ['header only', HEADER, {}, ['The selected file has a header row but no entries'], []],
  ['only whitespace', ' \r\n \n', {}, ['The selected file is empty'], []],
  ['a BOM and nothing else', '\uFEFF', {}, ['The selected file is empty'], []],
  [
    'an unknown column needs a decision',
    'date,event,agency,Colour\n03/04/2024,Seen,GP,blue\n',
    {},
    ['The column "Colour" does not match a chronology field. Choose a field for it, or choose to leave it out'],
    [2],
  ],
  [
    'the user maps the unknown column',
    'date,event,agency,Colour\n03/04/2024,Seen,GP,blue\n',
    { mapping: { Colour: 'significance' } },
    [],
    [2],
  ],
  [
    'the user leaves it out',
    'date,event,agency,Colour\n03/04/2024,Seen,GP,blue\n',
    { mapping: { Colour: 'ignore' } },
    [],
    [2],
  ],
  ['an empty unknown column needs no decision', 'date,event,agency,\n03/04/2024,Seen,GP,\n', {}, [], [2]],
  [
    'no date column',
    'when,event,agency\n03/04/2024,Seen,GP\n',
    {},
    [
      'The file has no date column. Choose which column holds the date',
      'The column "when" does not match a chronology field. Choose a field for it, or choose to leave it out',
    ],
    [],
  ],
  [
    'two date columns',
    'date,Occurrence Date,event,agency\n03/04/2024,03/04/2024,Seen,GP\n',
    {},
    ['"date" and "Occurrence Date" are both matched to the date. Choose one of them'],
    [],
  ],
  [
    'duplicate header names',
    'date,event,agency,notes,notes\n03/04/2024,Seen,GP,a,b\n',
    { mapping: { notes: 'ignore' } },
    ['Two columns are both called "notes". Rename one and upload the file again'],
    [2],
  ],
  [
    'missing event and agency',
    HEADER + '03/04/2024,,,\n',
    {},
    ['Row 2: enter the event (what happened)', 'Row 2: enter the agency'],
    [],
  ],
  ['the default agency fills a blank agency', HEADER + '03/04/2024,,,Seen\n', { defaultAgency: 'GP' }, [], [2]],
  ['a missing date', HEADER + ',10:00,GP,Seen\n', {}, ['Row 2: enter a date'], []],
  [
    'extra cells',
    HEADER + '03/04/2024,,GP,Seen,extra\n',
    {},
    ['Row 2 has more cells than the header row has columns. Check for a missing quote mark or an extra separator'],
    [],
  ],
  ['extra blank cells are fine', HEADER + '03/04/2024,,GP,Seen,,\n', {}, [], [2]],
  [
    'fewer cells are fine',
    HEADER + '03/04/2024,,GP,Seen\n04/04/2024\n',
    {},
    ['Row 3: enter the event (what happened)', 'Row 3: enter the agency'],
    [2],
  ],
  [
    'too many rows',
    HEADER + '03/04/2024,,GP,a\n03/04/2024,,GP,b\n03/04/2024,,GP,c\n',
    { limits: { maxRows: 2 } },
    ['The file has more than 2 rows. Split it into files of up to 2 rows'],
    [2, 3],
  ],
  [
    'a cell too long',
    HEADER + `03/04/2024,,GP,${'x'.repeat(51)}\n`,
    { limits: { maxCellChars: 50 } },
    ['Row 2: the event is 51 characters long. A cell can have up to 50 characters'],
    [],
  ],
  [
    'a file too big',
    HEADER + '03/04/2024,,GP,Seen\n',
    { limits: { maxBytes: 20 } },
    ['The selected file must be smaller than 0 MB'],
    [],
  ],
  [
    'ordinary text starting with - or + is not a formula',
    HEADER + '03/04/2024,,GP,- seen by GP\n04/04/2024,,GP,+44 7700 900123 called\n05/04/2024,,GP,-\n',
    {},
    [],
    [2, 3, 4],
  ],
  [
    'a quote in the middle of a cell',
    HEADER + '03/04/2024,,GP,Harley said "police"\n04/04/2024,,GP,Seen\n',
    {},
    [
      'Row 2: a quote mark is in the middle of a cell. Put the whole cell in quotes and double each quote mark inside it ("")',
    ],
    [3],
  ],
  [
    'a closing quote followed by text',
    HEADER + '03/04/2024,,GP,"Harley said "police" today"\n04/04/2024,,GP,Seen\n',
    {},
    [
      'Row 2: a quote mark in this row is not closed properly. Put the whole cell in quotes and double each quote mark inside it ("")',
    ],
    [3],
  ],
  [
    'an unclosed quote at the end of the file',
    HEADER + '03/04/2024,,GP,Seen\n04/04/2024,,GP,"Unclosed\n',
    {},
    ['Row 3: the quote opened here is never closed. Add the closing quote mark, or remove the opening one'],
    [2],
  ],
  [
    'a quoted cell over several lines is fine',
    HEADER + '03/04/2024,,GP,"Seen.\nPlan: review, then ""discuss"""\n04/04/2024,,GP,Next\n',
    {},
    [],
    [2, 3],
  ],
  ['a tab-separated file', 'date\ttime\tagency\tevent\n03/04/2024\t\tGP\tSeen, then left\n', {}, [], [2]],
  [
    'Windows-1252 bytes are read as such',
    Buffer.concat([Buffer.from(HEADER + '03/04/2024,,GP,Fee '), Buffer.from([0xa3]), Buffer.from('5\n')]),
    {},
    [],
    [2],
  ],
]

for (const [description, text, options, expectedProblems, expectedRows] of CSV_CASES) {
  test(`CSV import: ${description}`, async () => {
    const preview = await csv(text, options)
    assert.deepEqual(
      preview.problems.map((p) => p.message),
      expectedProblems,
    )
    assert.deepEqual(
      preview.rows.filter((r) => r.entry).map((r) => r.row),
      expectedRows,
    )
    assert.equal(preview.canCommit, expectedProblems.length === 0 && expectedRows.length > 0)
  })
}

test('Windows-1252 input is decoded with a notice', async () => {
  const bytes = Buffer.concat([Buffer.from(HEADER + '03/04/2024,,GP,Fee '), Buffer.from([0xa3]), Buffer.from('5\n')])
  const preview = await csv(bytes)
  assert.equal(preview.rows[0].entry?.event, 'Fee £5')
  assert.match(preview.notices[0], /not saved as UTF-8/)
})

test('a byte stream split inside multi-byte characters reads the same', async () => {
  const bytes = Buffer.from(HEADER + '03/04/2024,,Gwasanaeth Iechyd,Café visit — “seen” £5\n')
  const chunks = [...bytes].map((b) => Buffer.from([b]))
  const preview = await previewCsvImport(Readable.from(chunks))
  assert.equal(preview.rows[0].entry?.event, 'Café visit — “seen” £5')
})

test('a stream is stopped as soon as it passes the size limit', async () => {
  let pulled = 0
  async function* endless() {
    for (;;) {
      pulled++
      yield Buffer.alloc(1024, 0x61)
    }
  }
  const preview = await previewCsvImport(endless(), { limits: { maxBytes: 10 * 1024 * 1024 } })
  assert.deepEqual(
    preview.problems.map((p) => p.message),
    ['The selected file must be smaller than 10 MB'],
  )
  assert.ok(pulled <= 10 * 1024 + 1)
})

// [header, field]
const SYNONYMS: [string, string | null][] = [
  ['Occurrence Date', 'date'],
  ['Date of contact', 'date'],
  ['Time', 'time'],
  ['Occurrence Ref', 'source_record'],
  ['Incident Type', 'event'],
  ['Officer', 'practitioner_role'],
  ['Summary', 'event'],
  ['Action / Outcome', 'action_taken'],
  ['DASH Risk', 'significance'],
  ['Contact type', 'event'],
  ['Details', 'event'],
  ['Worker', 'practitioner_role'],
  ['source_record', 'source_record'],
  ['People Involved', 'people_involved'],
  ['Outcome / impact on the child', 'outcome'],
  ['Colour', null],
]

for (const [header, field] of SYNONYMS) {
  test(`header "${header}" matches ${field}`, () => assert.equal(matchHeader(header), field))
}

// [cell, is formula]
const FORMULAS: [string, boolean][] = [
  ['=1+1', true],
  ['=HYPERLINK("x")', true],
  ['+SUM(1+1)*cmd', true],
  ['@SUM(A1:A9)', true],
  ['-2+3', true],
  ["-cmd|' /C calc'!A0", true],
  ['+A1', true],
  ['- seen by GP', false],
  ['-', false],
  ['+44 7700 900123', false],
  ['@home visit', false],
  ['-ve pregnancy test', false],
  ['Plan = review', false],
]

for (const [cell, expected] of FORMULAS) {
  test(`looksLikeFormula(${JSON.stringify(cell)}) is ${expected}`, () => assert.equal(looksLikeFormula(cell), expected))
}

// [first line, delimiter]
const DELIMITER_CASES: [string, string][] = [
  ['date,time,agency', ','],
  ['date;time;agency', ';'],
  ['date\ttime\tagency', '\t'],
  ['"a;b",c,d', ','],
  ['date', ','],
]

for (const [line, expected] of DELIMITER_CASES) {
  test(`detectDelimiter(${JSON.stringify(line)})`, () => assert.equal(detectDelimiter(line), expected))
}

// ---- XLSX ----

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  fill(wb.addWorksheet('Chronology'))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const TEMPLATE_HEADER = [
  'date',
  'time',
  'agency',
  'source_record',
  'practitioner_role',
  'people_involved',
  'event',
  'action_taken',
  'outcome',
  'significance',
]

test('XLSX: text dates, date cells and time cells import with their precision', async () => {
  const file = await workbook((sheet) => {
    sheet.addRow(TEMPLATE_HEADER)
    sheet.addRow(['03/04/2024', '10:15', 'GP', 'EMIS', 'GP', 'Chloe Calloway; Maisie Calloway', 'Seen'])
    sheet.addRow([new Date(Date.UTC(2024, 3, 4)), new Date(Date.UTC(1899, 11, 30, 14, 30)), 'GP', '', '', '', 'Next'])
    sheet.addRow(['approx. spring 2023', '', 'GP', '', '', '', 'Earlier'])
    sheet.addRow([45387, 0.5, 'GP', '', '', '', 'Serial date'])
    sheet.getCell('A3').numFmt = 'dd/mm/yyyy'
    sheet.getCell('B3').numFmt = 'hh:mm'
  })
  const preview = await previewChronologyImport(file)
  assert.equal(preview.format, 'xlsx')
  assert.deepEqual(preview.problems, [])
  const entries = entriesToCommit(preview)
  assert.deepEqual(
    entries.map((e) => [e.row, e.date.precision, e.date.start, e.time]),
    [
      [2, 'day', '2024-04-03', '10:15'],
      [3, 'day', '2024-04-04', '14:30'],
      [4, 'season', '2023-03-01', null],
      [5, 'day', '2024-04-05', '12:00'], // Excel serial 45387
    ],
  )
  assert.deepEqual(entries[0].peopleInvolved, ['Chloe Calloway', 'Maisie Calloway'])
})

test('XLSX: formulas, errors, impossible dates and formula-like text are reported', async () => {
  const file = await workbook((sheet) => {
    sheet.addRow(TEMPLATE_HEADER)
    sheet.addRow(['31/02/2024', '', 'GP', '', '', '', 'Impossible'])
    sheet.addRow(['03/04/2024', '', 'GP', '', '', '', { formula: 'A1&"x"', result: 'datex' }])
    sheet.addRow(['03/04/2024', '', 'GP', '', '', '', { error: '#N/A' }])
    sheet.addRow(['03/04/2024', '', 'GP', '', '', '', '@SUM(A1:A9)'])
    sheet.addRow(['03/04/2024', '', 'GP', '', '', '', { text: 'Record', hyperlink: 'https://records.example/1' }])
  })
  const preview = await previewChronologyImport(file)
  assert.deepEqual(
    preview.problems.map((p) => p.message),
    [
      'Row 2: 31/02/2024 is not a real date',
      'Row 3: the event is a spreadsheet formula. Replace it with its value (copy the cells, then paste as values)',
      'Row 4: the event shows the spreadsheet error #N/A. Correct the cell',
      'Row 5: the event starts with "@" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "@" at the start',
    ],
  )
  assert.equal(preview.rows.find((r) => r.row === 6)?.entry?.event, 'Record')
  assert.deepEqual(preview.notices, ['Links in cells have not been imported: only their text has'])
  assert.equal(preview.canCommit, false)
})

test('XLSX: the police header is mapped as in CSV', async () => {
  const file = await workbook((sheet) => {
    sheet.addRow([
      'Occurrence Date',
      'Time',
      'Occurrence Ref',
      'Incident Type',
      'Officer',
      'Summary',
      'Action / Outcome',
      'DASH Risk',
    ])
    sheet.addRow(['14/03/2021', '22:05', 'MP/21/031877', 'Domestic', 'PC 1874 Webb', 'Report', 'Arrested', 'Medium'])
  })
  const preview = await previewChronologyImport(file, { defaultAgency: 'Marlshire Police' })
  assert.deepEqual(preview.problems, [])
  const [entry] = entriesToCommit(preview)
  assert.equal(entry.event, 'Domestic — Report')
  assert.equal(entry.significance, 'DASH risk: Medium')
})

type ZipInput = { name: string; data: Buffer; declaredSize?: number; store?: boolean }

/** A minimal ZIP writer for crafting hostile packages. */
function makeZip(entries: ZipInput[], hidden: ZipInput[] = []): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  const write = (entry: ZipInput, listed: boolean) => {
    const compressed = entry.store ? entry.data : deflateRawSync(entry.data)
    const name = Buffer.from(entry.name)
    const size = entry.declaredSize ?? entry.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(entry.store ? 0 : 8, 8)
    local.writeUInt32LE(crc32(entry.data), 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, compressed)
    if (listed) {
      const central = Buffer.alloc(46)
      central.writeUInt32LE(0x02014b50, 0)
      central.writeUInt16LE(20, 4)
      central.writeUInt16LE(20, 6)
      central.writeUInt16LE(entry.store ? 0 : 8, 10)
      central.writeUInt32LE(crc32(entry.data), 16)
      central.writeUInt32LE(compressed.length, 20)
      central.writeUInt32LE(size, 24)
      central.writeUInt16LE(name.length, 28)
      central.writeUInt32LE(offset, 42)
      centrals.push(central, name)
    }
    offset += 30 + name.length + compressed.length
  }
  entries.forEach((e) => write(e, true))
  hidden.forEach((e) => write(e, false))
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

async function validXlsxEntries(): Promise<ZipInput[]> {
  const file = await workbook((sheet) => {
    sheet.addRow(TEMPLATE_HEADER)
    sheet.addRow(['03/04/2024', '', 'GP', '', '', '', 'Seen'])
  })
  return readZipDirectory(file).map((e) => ({ name: e.name, data: readZipEntry(file, e) }))
}

test('XLSX: a package rebuilt by the test writer is accepted (the control case)', async () => {
  const preview = await previewChronologyImport(makeZip(await validXlsxEntries()))
  assert.deepEqual(preview.problems, [])
  assert.equal(preview.canCommit, true)
})

const BOMB = Buffer.alloc(5 * 1024 * 1024, 0x20)
const LIMITS = { xlsx: { maxUncompressedBytes: 4 * 1024 * 1024, maxCompressionRatio: 200, maxEntries: 100 } }

// [description, build the package, options, expected message pattern]
const HOSTILE: [string, () => Promise<Buffer>, Parameters<typeof previewChronologyImport>[1], RegExp][] = [
  [
    'a zip bomb (5 MB of spaces in a few KB)',
    async () => makeZip([...(await validXlsxEntries()), { name: 'xl/media/bomb.bin', data: BOMB }]),
    {},
    /^The selected file expands to far more than its size \(a part is \d+ times bigger unpacked\)/,
  ],
  [
    'more unpacked data than the limit',
    async () => makeZip([...(await validXlsxEntries()), { name: 'xl/media/big.bin', data: BOMB, store: true }]),
    { limits: LIMITS },
    /^The selected file is too big when unpacked \(6 MB; the limit is 4 MB\)/,
  ],
  [
    'a part that is bigger than its header says',
    async () =>
      makeZip([
        ...(await validXlsxEntries()),
        { name: 'xl/media/liar.bin', data: Buffer.alloc(100_000), declaredSize: 100 },
      ]),
    {},
    /^The selected file is damaged or unsafe: a part \("xl\/media\/liar.bin"\) is larger than it says/,
  ],
  [
    'a part hidden from the central directory',
    async () => makeZip(await validXlsxEntries(), [{ name: 'xl/worksheets/sheet9.xml', data: Buffer.from('<x/>') }]),
    {},
    /^The selected file is not an Excel workbook/,
  ],
  [
    'too many parts',
    async () =>
      makeZip([
        ...(await validXlsxEntries()),
        ...Array.from({ length: 100 }, (_, i) => ({ name: `xl/media/${i}.bin`, data: Buffer.from('x') })),
      ]),
    { limits: LIMITS },
    /^The selected file has too many parts \(more than 100\)/,
  ],
  [
    'a link to another workbook',
    async () =>
      makeZip([
        ...(await validXlsxEntries()),
        { name: 'xl/externalLinks/externalLink1.xml', data: Buffer.from('<externalLink/>') },
      ]),
    {},
    /^The selected file links to other workbooks \(external references\)/,
  ],
  [
    'an external relationship',
    async () =>
      makeZip(
        (await validXlsxEntries()).map((e) =>
          e.name === 'xl/_rels/workbook.xml.rels'
            ? {
                ...e,
                data: Buffer.from(
                  e.data
                    .toString()
                    .replace(
                      '</Relationships>',
                      '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/secret.xlsx" TargetMode="External"/></Relationships>',
                    ),
                ),
              }
            : e,
        ),
      ),
    {},
    /^The selected file refers to other files or web addresses \(external references\)/,
  ],
  [
    'a data connection',
    async () =>
      makeZip([...(await validXlsxEntries()), { name: 'xl/connections.xml', data: Buffer.from('<connections/>') }]),
    {},
    /^The selected file contains data connections/,
  ],
  [
    'macros',
    async () => makeZip([...(await validXlsxEntries()), { name: 'xl/vbaProject.bin', data: Buffer.from('x') }]),
    {},
    /^The selected file contains macros/,
  ],
  [
    'an old .xls or password-protected file',
    async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]),
    {},
    /^The selected file is password protected or in the old Excel 97-2003 \(.xls\) format/,
  ],
  [
    'a ZIP that is not a workbook',
    async () => makeZip([{ name: 'hello.txt', data: Buffer.from('hello') }]),
    {},
    /^The selected file is not an Excel workbook \(.xlsx\)/,
  ],
  [
    'a truncated ZIP',
    async () =>
      (await validXlsxEntries()).length > 0 ? makeZip(await validXlsxEntries()).subarray(0, 200) : Buffer.alloc(0),
    {},
    /^The selected file is not an Excel workbook \(.xlsx\)/,
  ],
]

for (const [description, build, options, pattern] of HOSTILE) {
  test(`XLSX refused: ${description}`, async () => {
    const preview = await previewChronologyImport(await build(), options)
    assert.equal(preview.canCommit, false)
    assert.equal(preview.rows.length, 0, 'nothing is read from a refused package')
    assert.match(preview.problems[0]?.message ?? '', pattern)
  })
}

test('a chronology exported with its protective marking imports again: the marking line is skipped', async () => {
  const marked = toCsv(
    ['Date', 'Agency', 'Event', 'Source record'],
    [['03/04/2024', 'Police', 'Home visit', 'MP/24/1']],
    {
      marking: 'OFFICIAL-SENSITIVE',
    },
  )
  const fromCsv = await previewChronologyImport(Buffer.from(marked))
  assert.equal(fromCsv.problems.length, 0, JSON.stringify(fromCsv.problems))
  assert.equal(fromCsv.canCommit, true)
  assert.deepEqual(
    entriesToCommit(fromCsv).map((e) => e.event),
    ['Home visit'],
  )
  // A semicolon file with the marking line still has its separator found on the header line.
  const semicolons = await previewChronologyImport(
    Buffer.from('OFFICIAL-SENSITIVE\nDate;Agency;Event\n03/04/2024;Police;Home visit\n'),
  )
  assert.equal(semicolons.canCommit, true, JSON.stringify(semicolons.problems))

  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('Chronology')
  sheet.addRow(['OFFICIAL-SENSITIVE: case material, handle and store securely'])
  sheet.addRow(['Date', 'Agency', 'Event'])
  sheet.addRow(['03/04/2024', 'Police', 'Home visit'])
  const fromXlsx = await previewChronologyImport(Buffer.from(await wb.xlsx.writeBuffer()))
  assert.equal(fromXlsx.canCommit, true, JSON.stringify(fromXlsx.problems))
  assert.equal(fromXlsx.rows.length, 1)
  // A one-cell first row that is not a marking is still the header.
  const notMarking = await previewChronologyImport(Buffer.from('Event\nHome visit\n'))
  assert.equal(notMarking.canCommit, false)
})
