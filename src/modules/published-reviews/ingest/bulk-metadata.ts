import { parse } from 'csv-parse/sync'
import { anonymousAreaProblem } from './ingest-checks.ts'
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  ETHNIC_GROUP_LABELS,
  ETHNIC_GROUPS,
  INCIDENT_NATURE_LABELS,
  INCIDENT_NATURES,
  REVIEW_TYPE_LABELS,
  REVIEW_TYPES,
  SEXES,
  THEME_LABELS,
  THEMES,
} from '../published-review.ts'
import type { MetadataSuggestions } from './suggest-metadata.ts'

/** Files one bulk upload may hold (besides the CSV). */
export const MAX_BULK_FILES = 50
/** Largest single report in a bulk upload (the same as a single upload). */
export const MAX_BULK_FILE_BYTES = 20 * 1024 * 1024
/** Largest total of the reports in one bulk upload. */
export const MAX_BULK_TOTAL_BYTES = 100 * 1024 * 1024
/** Largest metadata CSV. */
export const MAX_CSV_BYTES = 1024 * 1024

/**
 * The metadata CSV's columns (header names are matched ignoring case, spaces, hyphens and
 * underscores). Lists (themes, agencies, keywords) are separated by semicolons; recommendations
 * by a blank line or a vertical bar.
 */
export const CSV_COLUMNS = {
  file: 'The file name of the report, exactly as uploaded (required)',
  title: 'The title of the document (the file name without its extension if empty)',
  pseudonym: 'The child’s pseudonym, for example Child M',
  year: 'The year the review was published, for example 2024',
  area: 'The local authority area, or empty for Anonymous',
  partnership: 'The safeguarding partnership',
  region: 'The region',
  review_type: `The type of review: ${REVIEW_TYPES.join(', ')} (or its name)`,
  nature_of_incident: `${INCIDENT_NATURES.join(' or ')}`,
  child_age_band: `The child’s age band: ${AGE_BANDS.join(', ')} (or its name, for example "Under 1")`,
  sex: SEXES.join(', '),
  ethnic_group: ETHNIC_GROUPS.join(', '),
  review_model: 'The review model, for example systems',
  themes: 'Learning themes from the list, separated by semicolons',
  agencies: 'Agencies involved, separated by semicolons',
  keywords: 'Keywords, separated by semicolons',
  summary: 'A summary of the case',
  recommendations: 'Recommendations, separated by a blank line or a vertical bar (|)',
} as const
export type CsvColumn = keyof typeof CSV_COLUMNS

const ALIASES: Readonly<Record<string, CsvColumn>> = {
  filename: 'file',
  file: 'file',
  document: 'file',
  type: 'review_type',
  ageband: 'child_age_band',
  age: 'child_age_band',
  theme: 'themes',
  nature: 'nature_of_incident',
  ethnicity: 'ethnic_group',
  model: 'review_model',
}

/** What a row proposes to publish: the values of the confirm form, CSV first, suggestions next. */
export interface BulkRowValues {
  readonly title: string
  readonly pseudonym: string
  readonly year: number | null
  readonly area: string
  readonly partnership: string
  readonly region: string
  readonly reviewType: string
  readonly natureOfIncident: string
  readonly childAgeBand: string
  readonly sex: string
  readonly ethnicGroup: string
  readonly reviewModel: string
  readonly themes: readonly string[]
  readonly agencies: readonly string[]
  readonly keywords: readonly string[]
  readonly summary: string
  readonly recommendations: readonly string[]
}

/** Where each value came from, so the curator sees what the system guessed. */
export type ValueSource = 'csv' | 'suggested' | 'none'

/** One row of a bulk upload, matched to its file, with its problems in plain English. */
export interface BulkRow {
  /** The row's line in the CSV as a spreadsheet shows it (the header is line 1). */
  readonly line: number
  readonly fileName: string
  /** Position of the matched file among the uploaded files; null when none matched. */
  readonly fileIndex: number | null
  readonly values: BulkRowValues
  readonly sources: Readonly<
    Partial<
      Record<
        'pseudonym' | 'year' | 'reviewType' | 'childAgeBand' | 'themes' | 'summary' | 'recommendations',
        ValueSource
      >
    >
  >
  readonly problems: readonly string[]
}

/** The parsed CSV: rows as column → cell, and problems with the file as a whole. */
export interface ParsedMetadataCsv {
  readonly rows: readonly { readonly line: number; readonly cells: Readonly<Partial<Record<CsvColumn, string>>> }[]
  readonly problems: readonly string[]
  /** Columns the CSV has that are not used (mentioned, not refused). */
  readonly ignoredColumns: readonly string[]
}

function columnKey(header: string): CsvColumn | null {
  const key = header.toLowerCase().replace(/[\s_-]+/g, '')
  for (const column of Object.keys(CSV_COLUMNS) as CsvColumn[]) if (column.replace(/_/g, '') === key) return column
  return ALIASES[key] ?? null
}

/**
 * Read a metadata CSV (UTF-8, with or without a byte order mark; comma-separated, quoted cells
 * may hold line breaks). Never throws: a file that cannot be read gives a problem and no rows.
 */
export function parseMetadataCsv(bytes: Uint8Array): ParsedMetadataCsv {
  if (bytes.byteLength > MAX_CSV_BYTES)
    return { rows: [], problems: ['The CSV file must be 1 MB or smaller'], ignoredColumns: [] }
  let records: string[][]
  try {
    records = parse(Buffer.from(bytes), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch {
    return {
      rows: [],
      problems: [
        'The metadata file could not be read as CSV. Save it from your spreadsheet as “CSV UTF-8” and upload it again',
      ],
      ignoredColumns: [],
    }
  }
  if (records.length === 0) return { rows: [], problems: ['The CSV file is empty'], ignoredColumns: [] }
  const header = records[0].map((h) => columnKey(h))
  const ignoredColumns = records[0].filter((h, i) => header[i] === null && h !== '')
  if (!header.includes('file')) {
    return {
      rows: [],
      problems: ['The CSV must have a column called “file” with the file name of each report'],
      ignoredColumns,
    }
  }
  const rows = records.slice(1).map((record, i) => {
    const cells: Partial<Record<CsvColumn, string>> = {}
    header.forEach((column, c) => {
      if (column && record[c] !== undefined && record[c] !== '' && cells[column] === undefined)
        cells[column] = record[c]
    })
    return { line: i + 2, cells }
  })
  const problems: string[] = []
  if (rows.length === 0) problems.push('The CSV has a header but no rows: add one row for each report')
  if (rows.length > MAX_BULK_FILES)
    problems.push(`The CSV has ${rows.length} rows: upload at most ${MAX_BULK_FILES} reports at a time`)
  return { rows, problems, ignoredColumns }
}

/** Match a cell to a code of a vocabulary by its code or its label, ignoring case and punctuation. */
function matchCode<T extends string>(
  cell: string,
  codes: readonly T[],
  labels: Readonly<Partial<Record<T, string>>>,
): T | null {
  const norm = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  const wanted = norm(cell)
  for (const code of codes) if (norm(code) === wanted || (labels[code] && norm(labels[code]!) === wanted)) return code
  return null
}

function listCell(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** A report's text and suggestions, or why it could not be read. */
export type ReadFile =
  | { readonly fileName: string; readonly text: string; readonly suggestions: MetadataSuggestions }
  | { readonly fileName: string; readonly unreadable: string }

/**
 * Match every CSV row to its uploaded file and build the values to publish: a value given in the
 * CSV always wins over a suggestion from the text. Lists every problem of every row (missing file,
 * unknown theme, impossible year, nothing to use as a summary, …) and of the upload as a whole
 * (files no row names). Pure; never throws.
 */
export function buildBulkRows(
  csv: ParsedMetadataCsv,
  files: readonly ReadFile[],
  now: Date,
): { rows: BulkRow[]; problems: string[] } {
  const problems = [...csv.problems]
  const thisYear = now.getUTCFullYear()
  const byName = new Map<string, number>()
  files.forEach((f, i) => byName.set(f.fileName, i))
  const byLowerName = new Map<string, number>()
  files.forEach((f, i) => byLowerName.set(f.fileName.toLowerCase(), i))
  const used = new Set<number>()

  const rows = csv.rows.map(({ line, cells }): BulkRow => {
    const rowProblems: string[] = []
    const fileName = (cells.file ?? '').trim()
    let fileIndex: number | null = null
    if (!fileName) rowProblems.push('Enter the file name of the report in the “file” column')
    else {
      fileIndex = byName.get(fileName) ?? byLowerName.get(fileName.toLowerCase()) ?? null
      if (fileIndex === null)
        rowProblems.push(`No file called “${fileName}” was uploaded. Upload it, or correct the name in the CSV`)
      else if (used.has(fileIndex)) {
        rowProblems.push(`“${fileName}” is named by an earlier row too: each report needs one row`)
        fileIndex = null
      } else used.add(fileIndex)
    }
    const file = fileIndex === null ? null : files[fileIndex]
    if (file && 'unreadable' in file) rowProblems.push(file.unreadable)
    const suggested = file && 'suggestions' in file ? file.suggestions : null
    const text = file && 'text' in file ? file.text : ''

    const sources: Record<string, ValueSource> = {}
    // A cell given in the CSV wins, even when it is not valid (its problem is listed instead).
    const pick = <T>(name: string, given: boolean, fromCsv: T | null, fromText: T | null | undefined, empty: T): T => {
      if (given) {
        sources[name] = 'csv'
        return fromCsv ?? empty
      }
      if (fromText !== null && fromText !== undefined) {
        sources[name] = 'suggested'
        return fromText
      }
      sources[name] = 'none'
      return empty
    }

    let csvYear: number | null = null
    if (cells.year !== undefined) {
      if (!/^\d{4}$/.test(cells.year))
        rowProblems.push(`“${cells.year}” is not a year: enter the year as 4 digits, for example 2024`)
      else {
        csvYear = Number(cells.year)
        if (csvYear < 1945 || csvYear > thisYear) {
          rowProblems.push(`${csvYear} is not a possible year of publication: enter a year from 1945 to ${thisYear}`)
          csvYear = null
        }
      }
    }

    let csvType: string | null = null
    if (cells.review_type !== undefined) {
      csvType = matchCode(cells.review_type, REVIEW_TYPES, REVIEW_TYPE_LABELS)
      if (!csvType)
        rowProblems.push(`“${cells.review_type}” is not a type of review: use one of ${REVIEW_TYPES.join(', ')}`)
    }
    let csvBand: string | null = null
    if (cells.child_age_band !== undefined) {
      csvBand = matchCode(cells.child_age_band, AGE_BANDS, AGE_BAND_LABELS)
      if (!csvBand) rowProblems.push(`“${cells.child_age_band}” is not an age band: use one of ${AGE_BANDS.join(', ')}`)
    }
    let nature = ''
    if (cells.nature_of_incident !== undefined) {
      nature = matchCode(cells.nature_of_incident, INCIDENT_NATURES, INCIDENT_NATURE_LABELS) ?? ''
      if (!nature)
        rowProblems.push(`“${cells.nature_of_incident}” is not a nature of incident: use death or serious_harm`)
    }
    let sex = ''
    if (cells.sex !== undefined) {
      sex = matchCode(cells.sex, SEXES, {}) ?? ''
      if (!sex) rowProblems.push(`“${cells.sex}” is not a sex: use ${SEXES.join(', ')}`)
    }
    let ethnicGroup = ''
    if (cells.ethnic_group !== undefined) {
      ethnicGroup = matchCode(cells.ethnic_group, ETHNIC_GROUPS, ETHNIC_GROUP_LABELS) ?? ''
      if (!ethnicGroup)
        rowProblems.push(`“${cells.ethnic_group}” is not an ethnic group: use one of ${ETHNIC_GROUPS.join(', ')}`)
    }

    let csvThemes: string[] | null = null
    if (cells.themes !== undefined) {
      csvThemes = []
      for (const cell of listCell(cells.themes)) {
        const theme = matchCode(cell, THEMES, THEME_LABELS)
        if (theme) csvThemes.push(theme)
        else rowProblems.push(`“${cell}” is not a theme in the list. Use the themes listed on the upload page`)
      }
    }
    const csvRecommendations =
      cells.recommendations === undefined
        ? null
        : cells.recommendations
            .split(/\n\s*\n|\|/)
            .map((s) => s.trim())
            .filter(Boolean)
    const lead = text
      .split('\n')
      .find((p) => p.trim().length > 80)
      ?.trim()
      .slice(0, 1500)

    const values: BulkRowValues = {
      title: cells.title ?? fileName.replace(/\.[a-z0-9]+$/i, ''),
      pseudonym: pick('pseudonym', cells.pseudonym !== undefined, cells.pseudonym ?? null, suggested?.pseudonym, ''),
      year: pick<number | null>('year', cells.year !== undefined, csvYear, suggested?.year, null),
      area: cells.area ?? '',
      partnership: cells.partnership ?? '',
      region: cells.region ?? '',
      reviewType: pick<string>('reviewType', cells.review_type !== undefined, csvType, suggested?.reviewType, ''),
      natureOfIncident: nature,
      childAgeBand: pick<string>(
        'childAgeBand',
        cells.child_age_band !== undefined,
        csvBand,
        suggested?.childAgeBand,
        '',
      ),
      sex,
      ethnicGroup,
      reviewModel: cells.review_model ?? '',
      themes: [
        ...new Set(
          pick<string[]>(
            'themes',
            csvThemes !== null,
            csvThemes,
            suggested?.themes.map((t) => t.theme),
            [],
          ),
        ),
      ],
      agencies: listCell(cells.agencies),
      keywords: listCell(cells.keywords),
      summary: pick('summary', cells.summary !== undefined, cells.summary ?? null, lead, ''),
      recommendations: pick<readonly string[]>(
        'recommendations',
        csvRecommendations !== null,
        csvRecommendations,
        suggested?.recommendations,
        [],
      ),
    }
    if (file && !('unreadable' in file)) {
      if (!values.pseudonym)
        rowProblems.push('Add the child’s pseudonym in the “pseudonym” column: none was found in the report')
      if (values.year === null && cells.year === undefined)
        rowProblems.push('Add the year in the “year” column: none was found in the report')
      if (!values.reviewType && cells.review_type === undefined)
        rowProblems.push('Add the type of review in the “review_type” column: it was not found in the report')
      if (!values.summary) rowProblems.push('Add a summary in the “summary” column: the report has no paragraph to use')
    }
    if (values.pseudonym.length > 60) rowProblems.push('The pseudonym must be 60 characters or fewer')
    if (values.summary.length > 5000) rowProblems.push('The summary must be 5,000 characters or fewer')
    // An Anonymous row (no area) must not give its place away in the summary, as in a single upload.
    if (!values.area.trim()) {
      const leak = anonymousAreaProblem(values.summary, { partnership: values.partnership, region: values.region })
      if (leak) rowProblems.push(leak)
    }
    if (values.title.length > 200) rowProblems.push('The title must be 200 characters or fewer')
    for (const [name, text] of [
      ['area', values.area],
      ['partnership', values.partnership],
      ['region', values.region],
      ['review_model', values.reviewModel],
    ] as const)
      if (text.length > 200) rowProblems.push(`The “${name}” must be 200 characters or fewer`)
    return { line, fileName, fileIndex, values, sources, problems: rowProblems }
  })

  // When the CSV itself could not be used, saying that no row names each file adds nothing.
  const csvUnusable = csv.rows.length === 0 && csv.problems.length > 0
  files.forEach((f, i) => {
    if (!csvUnusable && !used.has(i) && !rows.some((r) => r.fileName.toLowerCase() === f.fileName.toLowerCase()))
      problems.push(
        `“${f.fileName}” was uploaded but no row of the CSV names it: add a row for it, or upload without it`,
      )
  })
  return { rows, problems }
}
