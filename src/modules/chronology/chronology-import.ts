/**
 * Importing an agency's chronology from CSV or XLSX into a preview: every row with its problems in plain
 * English, and whether the whole file can be committed. Import is all-or-nothing: `canCommit` is true only
 * when every row is valid and every column is accounted for.
 *
 * Limits (stated to users and enforced): {@link DEFAULT_IMPORT_LIMITS}. The byte stream is read with the
 * size limit enforced as bytes arrive, so an oversized upload is stopped early; the file is then parsed
 * with csv-parse (CSV) or exceljs' streaming reader (XLSX, after the package checks in `xlsx-package.ts`).
 */
import { isUtf8 } from 'node:buffer'
import { Readable } from 'node:stream'
import { parse as parseCsv, type CsvError } from 'csv-parse'
import ExcelJS from 'exceljs'
import {
  chronologyDateFromIso,
  parseChronologyDate,
  parseChronologyTime,
  type ChronologyDate,
} from './chronology-date.ts'
import { checkXlsxPackage, DEFAULT_XLSX_PACKAGE_LIMITS, type XlsxPackageLimits } from './xlsx-package.ts'
import { isoDate, type IsoDate } from '../clocks/plain-date.ts'

/** The template's columns, in order (the header of the downloadable template). */
export const CHRONOLOGY_FIELDS = [
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
] as const
/** A chronology field. */
export type ChronologyField = (typeof CHRONOLOGY_FIELDS)[number]

/** How each field is named in messages ("Row 3: the source record is …"). */
export const CHRONOLOGY_FIELD_LABELS: Readonly<Record<ChronologyField, string>> = Object.freeze({
  date: 'date',
  time: 'time',
  agency: 'agency',
  source_record: 'source record',
  practitioner_role: 'practitioner role',
  people_involved: 'people involved',
  event: 'event',
  action_taken: 'action taken',
  outcome: 'outcome',
  significance: 'significance',
})

/** Where a file's column goes: a field, or nowhere. */
export type ColumnTarget = ChronologyField | 'ignore'

/** A user's choices, keyed by the column's header exactly as in the file (trimmed). */
export type ColumnMapping = Readonly<Record<string, ColumnTarget>>

/** Limits on an import. Sizes in bytes; cell length in characters (UTF-16 code units). */
export type ImportLimits = {
  maxBytes: number
  /** Rows of entries, not counting the header. */
  maxRows: number
  maxCellChars: number
  xlsx: XlsxPackageLimits
}

/** 20 MB, 50,000 rows, 10,000 characters a cell; XLSX packages as in `xlsx-package.ts`. */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  maxCellChars: 10_000,
  xlsx: DEFAULT_XLSX_PACKAGE_LIMITS,
})

/** Options for a preview. */
export type ImportOptions = {
  limits?: Partial<ImportLimits>
  /** The user's column choices; they override the automatic matching. */
  mapping?: ColumnMapping
  /** The agency the chronology comes from, used when a row has no agency (or the file no agency column). */
  defaultAgency?: string
  /**
   * Where rows go as they are read. Without a sink the preview keeps every row (small files, tests); with
   * one, rows are handed over in file order and written in batches, and the preview keeps only counts and
   * the first {@link KEPT_PROBLEMS} row problems, so a 50,000-row file is never held in memory as rows.
   */
  sink?: PreviewRowSink
}

/** Receives a preview's rows as they are read (for example to write them to a staging table in batches). */
export interface PreviewRowSink {
  /** Takes a row, in file order. The row may still gain a problem until the next {@link flush}. */
  add(row: PreviewRow): void
  /** Rows added and not yet written. */
  readonly pending: number
  /** Writes the rows added so far. Awaited between chunks of the file, so memory stays bounded. */
  flush(): Promise<void>
}

/** Row problems a streamed preview keeps in memory (every one is in the sink). */
export const KEPT_PROBLEMS = 1_000

/**
 * Rows handed to a sink before the reader waits for them to be written. Small on purpose: rows that wait
 * long enough to survive a young-generation collection are promoted, and the old generation then grows
 * with garbage (measured on a 50,000-row XLSX: peak RSS 543–557 MB with 500, 508–516 MB with 100).
 */
const SINK_BATCH = 100

/** A chronology entry ready to be stored. */
export type ChronologyEntryDraft = {
  /** Row in the file (the header is row 1). */
  row: number
  date: ChronologyDate
  /** `HH:MM` or null. */
  time: string | null
  agency: string
  sourceRecord: string
  practitionerRole: string
  peopleInvolved: string[]
  event: string
  actionTaken: string
  outcome: string
  significance: string
}

/** A problem to show the user; `message` is complete ("Row 14: 31/02/2024 is not a real date"). */
export type ImportProblem = { row: number | null; field: ChronologyField | null; message: string }

/** One row of the preview: the mapped cell text, the entry when valid, and the row's problems. */
export type PreviewRow = {
  row: number
  cells: Record<ChronologyField, string>
  entry: ChronologyEntryDraft | null
  problems: string[]
}

/** What the user sees before committing an import. */
export type ImportPreview = {
  format: 'csv' | 'xlsx'
  /** The column separator found in a CSV (null for XLSX). */
  delimiter: ',' | ';' | '\t' | '|' | null
  headers: string[]
  /** Header → where its column goes; null when it still needs the user's choice. */
  mapping: Record<string, ColumnTarget | null>
  unmappedHeaders: string[]
  rows: PreviewRow[]
  /**
   * Every problem: file-level ones (row null) first, then by row. With a sink, only the first
   * {@link KEPT_PROBLEMS} row problems (the rest are in the sink); `problemCount` is always the total.
   */
  problems: ImportProblem[]
  /** How many problems there are in all (file-level and row problems). */
  problemCount: number
  /** Rows with at least one problem. */
  problemRowCount: number
  /** Things the user should know that do not block the import. */
  notices: string[]
  /** Rows of entries read (not counting the header or blank rows). */
  rowCount: number
  /** True only when there is at least one row and nothing is wrong. */
  canCommit: boolean
}

type HeaderMatch = { field: ChronologyField; label?: string }

/** Known headers (normalised: lowercase letters and digits, single spaces) and where they go. */
const HEADER_SYNONYMS: Readonly<Record<string, HeaderMatch>> = Object.freeze({
  ...Object.fromEntries(CHRONOLOGY_FIELDS.map((f) => [f.replace(/_/g, ' '), { field: f }])),
  'date of contact': { field: 'date' },
  'contact date': { field: 'date' },
  'occurrence date': { field: 'date' },
  'incident date': { field: 'date' },
  'date of incident': { field: 'date' },
  'event date': { field: 'date' },
  'date of event': { field: 'date' },
  'entry date': { field: 'date' },
  'time of contact': { field: 'time' },
  'occurrence time': { field: 'time' },
  'incident time': { field: 'time' },
  organisation: { field: 'agency' },
  organization: { field: 'agency' },
  service: { field: 'agency' },
  'agency name': { field: 'agency' },
  source: { field: 'source_record' },
  'source of information': { field: 'source_record' },
  'record reference': { field: 'source_record' },
  reference: { field: 'source_record' },
  ref: { field: 'source_record' },
  'occurrence ref': { field: 'source_record' },
  'occurrence reference': { field: 'source_record' },
  'incident number': { field: 'source_record' },
  'case reference': { field: 'source_record' },
  system: { field: 'source_record' },
  practitioner: { field: 'practitioner_role' },
  role: { field: 'practitioner_role' },
  worker: { field: 'practitioner_role' },
  officer: { field: 'practitioner_role' },
  'staff member': { field: 'practitioner_role' },
  professional: { field: 'practitioner_role' },
  'recorded by': { field: 'practitioner_role' },
  people: { field: 'people_involved' },
  'persons involved': { field: 'people_involved' },
  'person s involved': { field: 'people_involved' },
  'who was involved': { field: 'people_involved' },
  subjects: { field: 'people_involved' },
  // Type columns and narrative columns both describe the event; they are joined in column order.
  'incident type': { field: 'event' },
  'contact type': { field: 'event' },
  'type of contact': { field: 'event' },
  summary: { field: 'event' },
  details: { field: 'event' },
  description: { field: 'event' },
  'event details': { field: 'event' },
  'what happened': { field: 'event' },
  narrative: { field: 'event' },
  action: { field: 'action_taken' },
  actions: { field: 'action_taken' },
  'actions taken': { field: 'action_taken' },
  'action and outcome': { field: 'action_taken' },
  'action outcome': { field: 'action_taken' },
  response: { field: 'action_taken' },
  'outcome impact': { field: 'outcome' },
  'outcome impact on the child': { field: 'outcome' },
  'outcome impact on child': { field: 'outcome' },
  impact: { field: 'outcome' },
  'significance to the review': { field: 'significance' },
  relevance: { field: 'significance' },
  'dash risk': { field: 'significance', label: 'DASH risk' },
  'dash risk level': { field: 'significance', label: 'DASH risk' },
})

/** Fields that one column at most may fill (text fields take several columns, joined). */
const SINGLE_COLUMN_FIELDS: readonly ChronologyField[] = ['date', 'time']
const REQUIRED_COLUMNS: readonly ChronologyField[] = ['date', 'event']

/** Header text normalised for matching: `Action / Outcome` → `action outcome`. Never throws. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** The automatic match for a header, or null when it is unknown. Never throws. */
export function matchHeader(header: string): ChronologyField | null {
  return HEADER_SYNONYMS[normaliseHeader(header)]?.field ?? null
}

/** Where one column of a file goes, and the label its values get ("DASH risk: Medium"). */
export type ColumnPlan = { header: string; target: ColumnTarget | null; label?: string }

/**
 * Where each header's column goes: the user's choice, else the known synonym, else null (undecided).
 * Two imports of the same headers with equal plans read every row the same way. Never throws.
 */
export function columnPlan(headers: readonly string[], mapping: ColumnMapping): ColumnPlan[] {
  return headers.map((header) => {
    const chosen = mapping[header]
    if (chosen !== undefined) return { header, target: chosen }
    const match = HEADER_SYNONYMS[normaliseHeader(header)]
    return match ? { header, target: match.field, label: match.label } : { header, target: null }
  })
}

/** A cell as read from a file: text, or something a spreadsheet produced that text cannot say. */
type RawCell = string | { formula: true } | { error: string } | { date: IsoDate; time: string | null }

const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * Whether a cell's text looks like a spreadsheet formula: it starts with `=` (always), or with `+`, `-` or
 * `@` followed by a function call, a DDE pipe, a cell reference or arithmetic (`-2+3`, `@SUM(A1:A9)`).
 * Ordinary text such as `- seen by GP`, `-` or `+44 7700 900123` is not flagged: it is stored as typed and
 * escaped on export. Never throws.
 */
export function looksLikeFormula(text: string): boolean {
  if (!FORMULA_START.test(text)) return false
  if (text[0] === '=' || text[0] === '\uFF1D') return true
  const rest = text.slice(1).trim()
  return (
    /^[A-Za-z_][A-Za-z0-9_.]*\s*\(/.test(rest) ||
    rest.includes('|') ||
    /^\$?[A-Za-z]{1,3}\$?\d+\b/.test(rest) ||
    /^[\d.]+\s*[-+*/^&]\s*[\d.(A-Za-z]/.test(rest)
  )
}

function lowerFirstIfInstruction(message: string): string {
  return message.startsWith('Enter ') ? `enter ${message.slice(6)}` : message
}

function formatCount(n: number): string {
  return n.toLocaleString('en-GB')
}

function emptyCells(): Record<ChronologyField, string> {
  return Object.fromEntries(CHRONOLOGY_FIELDS.map((f) => [f, ''])) as Record<ChronologyField, string>
}

/** Builds a preview from a header and rows of cells, whatever the file format. */
class PreviewBuilder {
  readonly limits: ImportLimits
  readonly options: ImportOptions
  readonly format: 'csv' | 'xlsx'
  delimiter: ImportPreview['delimiter'] = null
  headers: string[] = []
  plan: ColumnPlan[] = []
  fileProblems: ImportProblem[] = []
  notices: string[] = []
  rows: PreviewRow[] = []
  /** The row added last: a broken CSV row may gain a second problem just after it is added. */
  lastRow: PreviewRow | null = null
  /** Rows added (kept or handed to the sink). */
  rowsAdded = 0
  rowProblemCount = 0
  problemRowCount = 0
  /** Row problems in row order: all of them without a sink, the first {@link KEPT_PROBLEMS} with one. */
  keptProblems: ImportProblem[] = []
  rowCount = 0
  tooManyRows = false
  /** Non-blank cells seen per column, so unmatched empty columns need no decision. */
  nonBlank: number[] = []
  /** Per-row checks of a field only make sense when exactly one column (date, time) or any column feeds it. */
  checkDate = true
  checkTime = true
  checkEvent = true

  constructor(format: 'csv' | 'xlsx', options: ImportOptions) {
    this.format = format
    this.options = options
    this.limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits }
  }

  refuse(message: string): void {
    this.fileProblems.push({ row: null, field: null, message })
  }

  setHeader(raw: RawCell[]): void {
    this.headers = raw.map((cell, i) => {
      const text = typeof cell === 'string' ? cell.replace(/\s+/g, ' ').trim() : ''
      return text === '' ? `Column ${columnLetter(i)}` : text
    })
    const seen = new Set<string>()
    for (const h of this.headers) {
      if (seen.has(h)) this.refuse(`Two columns are both called "${h}". Rename one and upload the file again`)
      seen.add(h)
    }
    this.plan = columnPlan(this.headers, this.options.mapping ?? {})
    this.nonBlank = this.headers.map(() => 0)
    for (const field of SINGLE_COLUMN_FIELDS) {
      const columns = this.plan.filter((c) => c.target === field).map((c) => `"${c.header}"`)
      if (columns.length > 1) {
        this.refuse(
          `${columns.join(' and ')} are both matched to the ${CHRONOLOGY_FIELD_LABELS[field]}. Choose one of them`,
        )
      }
    }
    const columnsFor = (field: ChronologyField) => this.plan.filter((c) => c.target === field).length
    this.checkDate = columnsFor('date') === 1
    this.checkTime = columnsFor('time') <= 1
    this.checkEvent = columnsFor('event') >= 1
    for (const field of REQUIRED_COLUMNS) {
      if (!this.plan.some((c) => c.target === field)) {
        this.refuse(
          `The file has no ${CHRONOLOGY_FIELD_LABELS[field]} column. Choose which column holds the ${CHRONOLOGY_FIELD_LABELS[field]}`,
        )
      }
    }
  }

  addRow(rowNumber: number, raw: RawCell[]): void {
    if (raw.every((c) => typeof c === 'string' && c.trim() === '')) return
    this.rowCount++
    if (this.rowCount > this.limits.maxRows) {
      if (!this.tooManyRows) {
        this.tooManyRows = true
        this.refuse(
          `The file has more than ${formatCount(this.limits.maxRows)} rows. Split it into files of up to ${formatCount(this.limits.maxRows)} rows`,
        )
      }
      return
    }
    const problems: string[] = []
    const cells = emptyCells()
    const special: Partial<Record<ChronologyField, RawCell>> = {}
    raw.forEach((cell, i) => {
      const blank = typeof cell === 'string' && cell.trim() === ''
      if (i >= this.plan.length) {
        if (!blank) {
          problems.push(
            `Row ${rowNumber} has more cells than the header row has columns. Check for a missing quote mark or an extra separator`,
          )
        }
        return
      }
      if (!blank) this.nonBlank[i]++
      const column = this.plan[i]
      if (column.target === null || column.target === 'ignore' || blank) return
      const field = column.target
      const label = CHRONOLOGY_FIELD_LABELS[field]
      if (typeof cell !== 'string') {
        special[field] = cell
        if ('formula' in cell) {
          problems.push(
            `Row ${rowNumber}: the ${label} is a spreadsheet formula. Replace it with its value (copy the cells, then paste as values)`,
          )
        } else if ('error' in cell) {
          problems.push(`Row ${rowNumber}: the ${label} shows the spreadsheet error ${cell.error}. Correct the cell`)
        } else {
          cells[field] = field === 'time' ? (cell.time ?? '') : cell.date
        }
        return
      }
      const text = cell.trim()
      if (text.length > this.limits.maxCellChars) {
        problems.push(
          `Row ${rowNumber}: the ${label} is ${formatCount(text.length)} characters long. A cell can have up to ${formatCount(this.limits.maxCellChars)} characters`,
        )
        cells[field] = ''
        special[field] = { formula: true } // blocks parsing of a cell already reported
        return
      }
      if (looksLikeFormula(text)) {
        problems.push(
          `Row ${rowNumber}: the ${label} starts with "${text[0]}" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "${text[0]}" at the start`,
        )
        special[field] = { formula: true }
      }
      const value = column.label ? `${column.label}: ${text}` : text
      cells[field] = cells[field] === '' ? value : `${cells[field]} — ${value}`
    })
    // Each field is checked once, after all columns are joined.
    let date: ChronologyDate | null = null
    let time: string | null = null
    const dateSpecial = special.date
    if (dateSpecial !== undefined && typeof dateSpecial !== 'string' && 'date' in dateSpecial) {
      date = chronologyDateFromIso(dateSpecial.date)
      if (dateSpecial.time !== null && cells.time === '') time = dateSpecial.time
    } else if (dateSpecial === undefined && this.checkDate) {
      const parsed = parseChronologyDate(cells.date)
      if (parsed.ok) date = parsed.value
      else problems.push(`Row ${rowNumber}: ${lowerFirstIfInstruction(parsed.message)}`)
    }
    const timeSpecial = special.time
    if (timeSpecial !== undefined && typeof timeSpecial !== 'string' && 'date' in timeSpecial) {
      time = timeSpecial.time
    } else if (timeSpecial === undefined && cells.time !== '' && this.checkTime) {
      const parsed = parseChronologyTime(cells.time)
      if (parsed.ok) time = parsed.value
      else problems.push(`Row ${rowNumber}: ${parsed.message}`)
    }
    if (cells.event === '' && special.event === undefined && this.checkEvent) {
      problems.push(`Row ${rowNumber}: enter the event (what happened)`)
    }
    if (cells.agency === '' && this.options.defaultAgency) cells.agency = this.options.defaultAgency
    if (cells.agency === '' && special.agency === undefined) problems.push(`Row ${rowNumber}: enter the agency`)
    const entry: ChronologyEntryDraft | null =
      problems.length === 0 && date !== null
        ? {
            row: rowNumber,
            date,
            time,
            agency: cells.agency,
            sourceRecord: cells.source_record,
            practitionerRole: cells.practitioner_role,
            peopleInvolved: splitPeople(cells.people_involved),
            event: cells.event,
            actionTaken: cells.action_taken,
            outcome: cells.outcome,
            significance: cells.significance,
          }
        : null
    this.#emit({ row: rowNumber, cells, entry, problems: [...new Set(problems)] })
  }

  /** A problem found while reading the file that belongs to a row (a broken quote). */
  addRowProblem(rowNumber: number, message: string): void {
    this.rowCount++
    this.#emit({ row: rowNumber, cells: emptyCells(), entry: null, problems: [message] })
  }

  /** Adds a further problem to a row already added (the last one, or any kept row). */
  addProblemToRow(rowNumber: number, message: string): void {
    const row = this.lastRow?.row === rowNumber ? this.lastRow : this.rows.find((r) => r.row === rowNumber)
    if (!row || row.problems.includes(message)) return
    if (row.problems.length === 0) this.problemRowCount++
    row.problems.push(message)
    this.#countProblem(rowNumber, message)
  }

  #emit(row: PreviewRow): void {
    this.rowsAdded++
    this.lastRow = row
    if (row.problems.length > 0) this.problemRowCount++
    for (const message of row.problems) this.#countProblem(row.row, message)
    if (this.options.sink) this.options.sink.add(row)
    else this.rows.push(row)
  }

  #countProblem(row: number, message: string): void {
    this.rowProblemCount++
    if (!this.options.sink || this.keptProblems.length < KEPT_PROBLEMS) {
      this.keptProblems.push({ row, field: null, message })
    }
  }

  /** Set when the sink failed to write: that error is thrown, never reported as a problem with the file. */
  sinkFailed = false

  /** Lets the sink write its rows once it has a batch (or always, with `force`). */
  async drain(force = false): Promise<void> {
    const sink = this.options.sink
    if (!sink || (!force && sink.pending < SINK_BATCH)) return
    try {
      await sink.flush()
    } catch (error) {
      this.sinkFailed = true
      throw error
    }
  }

  /** Writes the last rows to the sink, then builds the preview. */
  async done(): Promise<ImportPreview> {
    await this.drain(true)
    return this.finish()
  }

  finish(): ImportPreview {
    const mapping: Record<string, ColumnTarget | null> = {}
    const unmappedHeaders: string[] = []
    this.plan.forEach((column, i) => {
      if (column.target === null && this.nonBlank[i] === 0) {
        // An unknown column with nothing in it needs no decision.
        mapping[column.header] = 'ignore'
        return
      }
      mapping[column.header] = column.target
      if (column.target === null) unmappedHeaders.push(column.header)
    })
    if (unmappedHeaders.length > 0 && this.headers.length > 0) {
      for (const header of unmappedHeaders) {
        this.fileProblems.push({
          row: null,
          field: null,
          message: `The column "${header}" does not match a chronology field. Choose a field for it, or choose to leave it out`,
        })
      }
    }
    if (this.headers.length > 0 && this.rowCount === 0 && this.fileProblems.length === 0) {
      this.refuse('The selected file has a header row but no entries')
    }
    this.rows.sort((a, b) => a.row - b.row)
    const problems: ImportProblem[] = [...this.fileProblems, ...[...this.keptProblems].sort((a, b) => a.row! - b.row!)]
    const problemCount = this.fileProblems.length + this.rowProblemCount
    return {
      format: this.format,
      delimiter: this.delimiter,
      headers: this.headers,
      mapping,
      unmappedHeaders,
      rows: this.rows,
      problems,
      problemCount,
      problemRowCount: this.problemRowCount,
      notices: this.notices,
      rowCount: this.rowCount,
      canCommit: problemCount === 0 && this.rowsAdded > 0,
    }
  }
}

function splitPeople(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function emptyPreview(format: 'csv' | 'xlsx', message: string): ImportPreview {
  const builder = new PreviewBuilder(format, {})
  builder.refuse(message)
  return builder.finish()
}

/**
 * Reads a byte stream into memory, stopping as soon as it passes `maxBytes`. Returns null when too big.
 */
async function readLimited(source: AsyncIterable<Uint8Array> | Uint8Array, maxBytes: number): Promise<Buffer | null> {
  if (source instanceof Uint8Array) {
    // A view of the same bytes, not a copy: a 15 MB upload is not held twice (or three times) while read.
    return source.length > maxBytes ? null : Buffer.from(source.buffer, source.byteOffset, source.length)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of source) {
    total += chunk.length
    if (total > maxBytes) return null
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

function tooBigMessage(maxBytes: number): string {
  return `The selected file must be smaller than ${Math.round(maxBytes / (1024 * 1024))} MB`
}

/** Separators tried on the header line, in order of preference when counts tie. */
const DELIMITERS = [',', ';', '\t', '|'] as const
const DELIMITER_NAMES: Record<(typeof DELIMITERS)[number], string> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
  '|': 'vertical bars',
}

/** The separator used on a CSV's first line (outside quotes); commas when nothing else is more frequent. */
export function detectDelimiter(firstLine: string): (typeof DELIMITERS)[number] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let inQuotes = false
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best: (typeof DELIMITERS)[number] = ','
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d
  return best
}

type CsvSegmentResult = { error: CsvError | null; lastBytes: number }

/**
 * Parses `buffer` from `start` with csv-parse, handing each record to `onRecord` and awaiting `afterChunk`
 * after each 64 KB. Resolves on end or on a CSV error; rejects only when `afterChunk` fails.
 */
function parseCsvSegment(
  buffer: Buffer,
  start: number,
  delimiter: string,
  onRecord: (record: string[], index: number) => boolean,
  afterChunk: () => Promise<void>,
): Promise<CsvSegmentResult> {
  return new Promise((resolve, reject) => {
    let lastBytes = 0
    let stopped = false
    let failed = false
    const parser = parseCsv({
      delimiter,
      relax_column_count: true,
      // Strict quotes: a stray quote is reported, never silently merged into the following rows.
      relax_quotes: false,
      // Blank lines still count, so row numbers match what a spreadsheet shows; blank rows are skipped later.
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        if (stopped) return null
        lastBytes = context.bytes
        if (!onRecord(record, context.records)) {
          stopped = true
          parser.end()
        }
        return null
      },
    })
    parser.on('error', (error: CsvError) => {
      failed = true
      resolve({ error, lastBytes })
    })
    parser.on('end', () => resolve({ error: null, lastBytes }))
    parser.resume()
    // Feed in chunks so csv-parse streams rather than holding one huge string; csv-parse handles each
    // chunk's records synchronously, so between chunks the rows read so far can be written out.
    const CHUNK = 64 * 1024
    const feed = async () => {
      for (let i = start; i < buffer.length && !stopped && !failed; i += CHUNK) {
        parser.write(buffer.subarray(i, Math.min(buffer.length, i + CHUNK)))
        await afterChunk()
      }
      if (!stopped && !failed) parser.end()
    }
    // A sink that cannot write (the database) is not a problem with the file: it is thrown, not reported.
    feed().catch((error: unknown) => {
      failed = true
      parser.destroy()
      reject(error)
    })
  })
}

/** True when the bytes are only spaces, tabs and line ends (an empty file), without decoding them. */
/**
 * Why an uploaded file cannot be a chronology before it is read, or null: empty (or only spaces), or not a
 * spreadsheet at all. A workbook is recognised by its container (ZIP or the old OLE format, as
 * {@link previewChronologyImport} does); anything else must be text: a PDF, an image or a program renamed
 * `.csv` has NUL or other control bytes that no CSV (UTF-8 or Windows-1252) has. Only the first 64 KB are
 * checked. Never throws.
 */
export function uploadProblem(data: Uint8Array): string | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (isBlank(buffer)) return 'The selected file is empty'
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50
  const isOle = buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0
  if (isZip || isOle) return null
  return looksLikeText(buffer) ? null : 'The selected file must be a CSV or Excel file'
}

/** No C0 control bytes but tab, line feed, form feed and carriage return (and 0x1A, an old end-of-file mark). */
function looksLikeText(buffer: Buffer): boolean {
  const end = Math.min(buffer.length, 64 * 1024)
  for (let i = 0; i < end; i++) {
    const byte = buffer[i]
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1a) return false
  }
  return true
}

function isBlank(buffer: Buffer): boolean {
  for (const byte of buffer) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false
  }
  return true
}

function countLines(buffer: Buffer, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (buffer[i] === 0x0a) n++
  return n
}

/** A cell that holds a line break followed by what looks like the start of another row: a runaway quote. */
function swallowedRows(record: string[], delimiter: string, columns: number): boolean {
  if (columns < 3) return false
  return record.some((cell) =>
    cell.split('\n').some((line, i) => {
      if (i === 0) return false
      const separators = line.split(delimiter).length - 1
      return separators >= columns - 2 && /^\s*\S{1,30}\s*$/.test(line.split(delimiter)[0] ?? '')
    }),
  )
}

/**
 * Previews a CSV chronology. Accepts a byte stream (a Node Readable, a web stream's async iterator) or
 * bytes. Handles a UTF-8 byte-order mark, CRLF or LF line ends, separators other than commas (reported as a
 * notice), and files not saved as UTF-8 (read as Windows-1252, with a notice). A broken quote is reported
 * on the row where it opened; reading then resumes on the next line so later rows are still checked.
 * Never throws (unless `options.sink` fails to write): every problem is in the preview.
 */
export async function previewCsvImport(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const builder = new PreviewBuilder('csv', options)
  const limits = builder.limits
  let buffer = await readLimited(source, limits.maxBytes)
  if (buffer === null) return emptyPreview('csv', tooBigMessage(limits.maxBytes))
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    buffer = buffer.subarray(3)
  }
  if (isBlank(buffer)) return emptyPreview('csv', 'The selected file is empty')
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return emptyPreview('csv', 'The selected file is an Excel workbook, not a CSV file. Upload it as .xlsx')
  }
  if (!looksLikeText(buffer)) return emptyPreview('csv', 'The selected file must be a CSV or Excel file')
  // Checked on the bytes: decoding a 15 MB file just to check it would double the memory it takes.
  if (!isUtf8(buffer)) {
    // Excel's plain "CSV" (not "CSV UTF-8") is Windows-1252 on UK machines.
    buffer = Buffer.from(new TextDecoder('windows-1252').decode(buffer), 'utf8')
    builder.notices.push(
      'The file was not saved as UTF-8, so it has been read as Western European (Windows-1252). Check that characters such as £ and é look right',
    )
  }
  const newline = buffer.indexOf(0x0a)
  const firstLine = buffer.subarray(0, newline < 0 ? buffer.length : newline).toString('utf8')
  const delimiter = detectDelimiter(firstLine)
  builder.delimiter = delimiter
  if (delimiter !== ',') {
    builder.notices.push(
      `The file uses ${DELIMITER_NAMES[delimiter]} to separate columns, not commas. It has been read that way: check the columns below`,
    )
  }

  let start = 0
  let firstRow = 1
  let headerSeen = false
  for (;;) {
    const segmentStartRow = firstRow
    const result = await parseCsvSegment(
      buffer,
      start,
      delimiter,
      (record, index) => {
        const row = segmentStartRow + index - 1
        if (!headerSeen) {
          headerSeen = true
          builder.setHeader(record)
          return true
        }
        if (swallowedRows(record, delimiter, builder.headers.length)) {
          builder.addRowProblem(
            row,
            `Row ${row}: a quote opened in this row runs on into the rows after it. Check the quote marks in this row`,
          )
          return true
        }
        builder.addRow(row, record)
        return !builder.tooManyRows
      },
      () => builder.drain(),
    )
    if (result.error === null || builder.tooManyRows) break
    // The broken record starts just after the last good one.
    const brokenStart = start + result.lastBytes
    // csv-parse puts its counters on the error object; its type declares them `unknown`.
    const brokenRow = segmentStartRow + Number(result.error.records ?? 0)
    const errorLine = Number(result.error.lines ?? 0)
    const startLine = countLines(buffer, start, brokenStart) + 1
    const code = result.error.code
    let message: string
    if (code === 'CSV_QUOTE_NOT_CLOSED' || (code === 'CSV_INVALID_CLOSING_QUOTE' && errorLine > startLine)) {
      message = `Row ${brokenRow}: the quote opened here is never closed. Add the closing quote mark, or remove the opening one`
    } else if (code === 'INVALID_OPENING_QUOTE') {
      message = `Row ${brokenRow}: a quote mark is in the middle of a cell. Put the whole cell in quotes and double each quote mark inside it ("")`
    } else if (code === 'CSV_INVALID_CLOSING_QUOTE') {
      message = `Row ${brokenRow}: a quote mark in this row is not closed properly. Put the whole cell in quotes and double each quote mark inside it ("")`
    } else {
      message = `Row ${brokenRow}: this row could not be read. Check its quote marks and separators`
    }
    if (!headerSeen) {
      builder.refuse(`The header row could not be read. ${message.replace(/^Row \d+: /, '')}`)
      break
    }
    builder.addRowProblem(brokenRow, message)
    // The broken row cannot be split reliably, but a formula at the start of one of its cells is still worth
    // naming: it is the usual reason for a stray quote (=HYPERLINK("…")).
    const lineEnd = buffer.indexOf(0x0a, brokenStart)
    const rawLine = buffer.subarray(brokenStart, lineEnd < 0 ? buffer.length : lineEnd).toString('utf8')
    rawLine.split(delimiter).forEach((cell, i) => {
      const text = cell.trim()
      const column = builder.plan[i]
      if (column?.target && column.target !== 'ignore' && looksLikeFormula(text)) {
        builder.addProblemToRow(
          brokenRow,
          `Row ${brokenRow}: the ${CHRONOLOGY_FIELD_LABELS[column.target]} starts with "${text[0]}" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "${text[0]}" at the start`,
        )
      }
    })
    // Resume on the line after the one where the broken row started.
    const nextLine = buffer.indexOf(0x0a, brokenStart)
    if (nextLine < 0) break
    start = nextLine + 1
    firstRow = brokenRow + 1
  }
  return builder.done()
}

/** Days between Excel's day 0 (30 December 1899, allowing for its 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569

function excelSerialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null
  const d = new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * 86_400_000))
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

function timeFromFraction(fraction: number): string {
  const minutes = Math.round((fraction - Math.floor(fraction)) * 24 * 60) % (24 * 60)
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Converts an exceljs cell value to a raw cell; `field` decides how numbers and dates are read. */
function xlsxCell(value: ExcelJS.CellValue, field: ColumnTarget | null, state: { hyperlinks: boolean }): RawCell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') {
    if (field === 'date') {
      const iso = excelSerialToIso(value)
      if (iso !== null) return { date: iso, time: value % 1 === 0 ? null : timeFromFraction(value) }
    }
    if (field === 'time' && value >= 0 && value < 1) return { date: '1899-12-30', time: timeFromFraction(value) }
    return String(value)
  }
  if (value instanceof Date) {
    // exceljs gives date cells as UTC instants of the spreadsheet's wall-clock value.
    const iso = isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate())
    const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0
    const time = hasTime
      ? `${String(value.getUTCHours()).padStart(2, '0')}:${String(value.getUTCMinutes()).padStart(2, '0')}`
      : null
    if (field === 'date' || field === 'time') return { date: iso, time: field === 'time' ? (time ?? '00:00') : time }
    return iso
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true }
    if ('error' in value) return { error: String(value.error) }
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('hyperlink' in value) {
      state.hyperlinks = true
      const text = (value as { text?: unknown }).text
      if (typeof text === 'string') return text
      if (text && typeof text === 'object' && 'richText' in text) {
        return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
      }
      return ''
    }
  }
  return String(value)
}

/**
 * Previews an XLSX chronology: the package is checked first (size, zip bombs, external links, macros —
 * see `xlsx-package.ts`), then the first worksheet is read with exceljs' streaming reader. Cells holding
 * formulas or errors are reported; date cells keep their date. Never throws (unless `options.sink` fails to write): every problem is in
 * the preview.
 */
export async function previewXlsxImport(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const builder = new PreviewBuilder('xlsx', options)
  const limits = builder.limits
  const buffer = await readLimited(source, limits.maxBytes)
  if (buffer === null) return emptyPreview('xlsx', tooBigMessage(limits.maxBytes))
  if (buffer.length === 0) return emptyPreview('xlsx', 'The selected file is empty')
  const check = checkXlsxPackage(buffer, limits.xlsx)
  if (!check.ok) {
    for (const problem of check.problems) builder.refuse(problem)
    return builder.finish()
  }
  builder.notices.push(...check.notices)
  const state = { hyperlinks: false }
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    })
    let sheets = 0
    for await (const worksheet of reader) {
      sheets++
      if (sheets > 1) {
        // Drain the remaining sheets: only the first is read.
        for await (const _row of worksheet) void _row
        continue
      }
      let headerSeen = false
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1)
        if (!headerSeen) {
          if (values.every((v) => v === null || v === undefined || v === '')) continue
          headerSeen = true
          builder.setHeader(values.map((v) => xlsxCell(v, null, state)))
          continue
        }
        const cells = values.map((v, i) => xlsxCell(v, builder.plan[i]?.target ?? null, state))
        builder.addRow(row.number, cells)
        if (builder.tooManyRows) break
        await builder.drain()
      }
      if (builder.tooManyRows) break
    }
    if (sheets > 1) builder.notices.push('Only the first worksheet has been read. Put every entry on one worksheet')
    if (sheets === 0 || builder.headers.length === 0) builder.refuse('The selected file is empty')
  } catch (error) {
    if (builder.sinkFailed) throw error
    builder.refuse(
      'The selected file could not be read as an Excel workbook. Save it as .xlsx or CSV and upload it again',
    )
  }
  return builder.done()
}

/**
 * Previews a chronology file of either kind, told apart by its first bytes (an XLSX is a ZIP package),
 * not by its name. Never throws (unless `options.sink` fails to write).
 */
export async function previewChronologyImport(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits }
  const buffer = await readLimited(source, limits.maxBytes)
  if (buffer === null) return emptyPreview('csv', tooBigMessage(limits.maxBytes))
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50
  const isOle = buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0
  return isZip || isOle ? previewXlsxImport(buffer, options) : previewCsvImport(buffer, options)
}

/**
 * The entries to store, all or nothing. Throws Error when the preview cannot be committed (a caller must
 * check `canCommit` and show the problems instead).
 */
export function entriesToCommit(preview: ImportPreview): ChronologyEntryDraft[] {
  if (!preview.canCommit) throw new Error('This import has problems and cannot be committed')
  return preview.rows.map((r) => r.entry!)
}

/** The template's header line, for the downloadable template. */
export const TEMPLATE_HEADER: readonly string[] = CHRONOLOGY_FIELDS
