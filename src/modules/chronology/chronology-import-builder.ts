/** Builds an import preview from a header and rows of cells, whatever the file format: every row with its problems. */
import {
  chronologyDateFromIso,
  parseChronologyDate,
  parseChronologyTime,
  type ChronologyDate,
} from './chronology-date.ts'
import { type IsoDate } from '../clocks/plain-date.ts'
import { splitPeople } from './people-links.ts'
import {
  CHRONOLOGY_FIELDS,
  CHRONOLOGY_FIELD_LABELS,
  type ChronologyEntryDraft,
  type ChronologyField,
  type ColumnPlan,
  type ColumnTarget,
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  type ImportOptions,
  type ImportPreview,
  type ImportProblem,
  KEPT_PROBLEMS,
  type PreviewRow,
  REQUIRED_COLUMNS,
  SINGLE_COLUMN_FIELDS,
  SINK_BATCH,
  columnPlan,
} from './chronology-import-fields.ts'

/** A cell as read from a file: text, or something a spreadsheet produced that text cannot say. */
export type RawCell = string | { formula: true } | { error: string } | { date: IsoDate; time: string | null }

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
export class PreviewBuilder {
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

function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

export function emptyPreview(format: 'csv' | 'xlsx', message: string): ImportPreview {
  const builder = new PreviewBuilder(format, {})
  builder.refuse(message)
  return builder.finish()
}

/**
 * True for a row that is only a protective marking ("OFFICIAL-SENSITIVE", or the longer marking line
 * Case Review's own exports start with): skipped before the header, so an exported chronology can be
 * imported again. Never throws.
 */
export function isProtectiveMarkingRow(cells: readonly unknown[]): boolean {
  const filled = cells.filter((c) => typeof c === 'string' && c.trim() !== '') as string[]
  return filled.length === 1 && /^OFFICIAL(?:[-\s]SENSITIVE)?\b/i.test(filled[0].trim())
}
