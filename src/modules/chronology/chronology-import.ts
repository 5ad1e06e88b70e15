/**
 * Importing an agency's chronology from CSV or XLSX into a preview: every row with its problems in plain
 * English, and whether the whole file can be committed. Import is all-or-nothing: `canCommit` is true only
 * when every row is valid and every column is accounted for.
 *
 * Limits (stated to users and enforced): {@link DEFAULT_IMPORT_LIMITS}. The byte stream is read with the
 * size limit enforced as bytes arrive, so an oversized upload is stopped early; the file is then parsed
 * with csv-parse (CSV) or exceljs' streaming reader (XLSX, after the package checks in `xlsx-package.ts`).
 */
import {
  CHRONOLOGY_FIELDS,
  DEFAULT_IMPORT_LIMITS,
  type ChronologyEntryDraft,
  type ImportOptions,
  type ImportPreview,
} from './chronology-import-fields.ts'
import { emptyPreview } from './chronology-import-builder.ts'
import { previewCsvImport, readLimited, tooBigMessage } from './chronology-import-csv.ts'
import { previewXlsxImport } from './chronology-import-xlsx.ts'

export * from './chronology-import-fields.ts'
export { looksLikeFormula } from './chronology-import-builder.ts'
export { detectDelimiter, previewCsvImport, uploadProblem } from './chronology-import-csv.ts'
export { previewXlsxImport } from './chronology-import-xlsx.ts'

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
