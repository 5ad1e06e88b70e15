/** The chronology import's fields, limits and result types, and how a file's headers map to fields. */
import { type ChronologyDate } from './chronology-date.ts'
import { DEFAULT_XLSX_PACKAGE_LIMITS, type XlsxPackageLimits } from './xlsx-package.ts'

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
export const SINK_BATCH = 100

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
export const SINGLE_COLUMN_FIELDS: readonly ChronologyField[] = ['date', 'time']
export const REQUIRED_COLUMNS: readonly ChronologyField[] = ['date', 'event']

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
