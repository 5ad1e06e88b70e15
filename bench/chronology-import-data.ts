/**
 * Synthetic chronologies for the import bench: deterministic (the same seed gives the same file), in the
 * template's columns, with mixed UK date styles, mostly common words and some rarer ones (as real entries
 * have), and invented people. CSV and XLSX (shared strings, as Excel writes them; every fourth date a real
 * date cell).
 */
import ExcelJS from 'exceljs'
import { monthName } from '../src/modules/clocks/plain-date.ts'
import { toCsv } from '../src/modules/export/spreadsheet-escape.ts'

// Month names from the same place the app's date formatting uses.
const MONTHS = Array.from({ length: 12 }, (_, i) => monthName(i + 1))
const WORDS =
  'home visit call referral school nursery bruise mother partner father child sibling police officer health visitor GP appointment missed attended concern strategy discussion assessment plan review meeting safeguarding domestic incident alcohol cannabis weight feeding sleep injury hospital attendance letter report'.split(
    ' ',
  )
const PEOPLE = [
  'Chloe Calloway',
  'Harley Calloway',
  'Maisie Calloway',
  'Dean Hollis',
  'Ryan Ashworth',
  'Lorraine Calloway',
]

/** The template's header. */
export const HEADER = [
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

/** A deterministic pseudo-random generator (so every run imports the same file). */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

/** The rows of a synthetic chronology: cells as text, and each row's date as a UTC date. */
export function* generateRows(rows: number, seed = 1): Generator<{ cells: string[]; date: Date }> {
  const r = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const start = Date.UTC(2020, 0, 1)
  for (let i = 0; i < rows; i++) {
    const d = new Date(start + Math.floor(r() * 1_500) * 86_400_000)
    const [day, month, year] = [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()]
    const style = i % 3
    const date =
      style === 0
        ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
        : style === 1
          ? `${day} ${MONTHS[month - 1]} ${year}`
          : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const words = Array.from({ length: 12 + Math.floor(r() * 20) }, () =>
      r() < 0.6 ? pick(WORDS) : `term${Math.floor(r() ** 2 * 3000)}`,
    ).join(' ')
    yield {
      date: d,
      cells: [
        date,
        r() < 0.7
          ? `${String(8 + Math.floor(r() * 10)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`
          : '',
        'Marlshire Police',
        `MP/${String(year).slice(2)}/${100000 + i}`,
        pick(['Police officer', 'Detective constable', 'Sergeant, MASH']),
        `${pick(PEOPLE)}; ${pick(PEOPLE)}`,
        words.replace(/^./, (c) => c.toUpperCase()) + '.',
        r() < 0.8 ? 'Referred to MASH, "PPN" submitted.' : '',
        r() < 0.5 ? 'No further action.' : '',
        r() < 0.1 ? 'DASH risk: Medium' : '',
      ],
    }
  }
}

/** A chronology CSV of `rows` rows. */
export function generateCsv(rows: number, seed = 1): Buffer {
  return Buffer.from(
    toCsv(
      HEADER,
      Array.from(generateRows(rows, seed), (row) => row.cells),
    ),
  )
}

/** A chronology XLSX of `rows` rows, written with exceljs' streaming writer to `path`. */
export async function writeXlsx(path: string, rows: number, seed = 1): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true })
  const sheet = workbook.addWorksheet('Chronology')
  sheet.addRow(HEADER).commit()
  let i = 0
  for (const { cells, date } of generateRows(rows, seed)) {
    const row = sheet.addRow(i++ % 4 === 0 ? [date, ...cells.slice(1)] : cells)
    if (i % 4 === 1) row.getCell(1).numFmt = 'dd/mm/yyyy'
    row.commit()
  }
  sheet.commit()
  await workbook.commit()
}
