/**
 * Escaping for every CSV and XLSX export (chronologies, the audit log, open data) so that no spreadsheet runs a cell as a formula.
 *
 * The rule (OWASP "CSV injection"): a cell whose first character is `=`, `+`, `-`, `@`, tab, carriage
 * return or line feed — or their full-width forms `＝ ＋ － ＠`, which some spreadsheet locales also accept —
 * gets a single quote `'` in front. Spreadsheets treat a leading `'` as "this is text", so `=HYPERLINK(...)`
 * or `=cmd|' /C calc'!A0` is shown, never run. Every exported cell is text, so a negative number such as
 * `-2` is exported as `'-2`: a visible apostrophe is a small price for never running a formula. The same rule
 * applies to XLSX string cells: Excel would not evaluate a string cell, but a user editing the cell, or saving
 * the sheet as CSV, would.
 */
import { stringify } from 'csv-stringify/sync'

/** First characters that make a spreadsheet read a cell as a formula (or split it into one). */
export const FORMULA_TRIGGER_CHARACTERS: readonly string[] = Object.freeze([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
])

/** Whether a spreadsheet could read `value` as a formula (its first character is a trigger). Never throws. */
export function startsLikeFormula(value: string): boolean {
  return value.length > 0 && FORMULA_TRIGGER_CHARACTERS.includes(value[0])
}

/**
 * Makes a cell safe to open in a spreadsheet: prefixes `'` when it starts with a formula trigger, otherwise
 * returns it unchanged. Null and undefined become ''. Never throws.
 */
export function escapeSpreadsheetCell(value: string | null | undefined): string {
  if (value == null) return ''
  return startsLikeFormula(value) ? `'${value}` : value
}

/** UTF-8 byte-order mark: put it first in an exported CSV so Excel reads the file as UTF-8. */
export const CSV_BOM = '\uFEFF'

/** Options for {@link toCsv}. */
export interface CsvOptions {
  /**
   * A protective marking (e.g. "OFFICIAL-SENSITIVE") written as a single-cell first line, before the
   * header, so case material says what it is even when opened as plain text. Omit for exports that are
   * not case material (open data, the audit log, import templates).
   */
  marking?: string
}

/**
 * The one CSV writer (csv-stringify): a whole document with a BOM, an optional single-cell marking line
 * (`options.marking`), a header and rows, every field escaped against formulas by
 * {@link escapeSpreadsheetCell} as csv-stringify's `cast`, quoted (RFC 4180) when it holds a comma,
 * quote, line break or leading/trailing space, lines ending in CRLF (what Excel writes). Null and
 * undefined become empty fields. Never throws.
 */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly (string | null | undefined)[]>,
  options: CsvOptions = {},
): string {
  const lines = [...(options.marking === undefined ? [] : [[options.marking]]), header, ...rows]
  return (
    CSV_BOM +
    stringify(lines as (string | null | undefined)[][], {
      cast: { string: (value) => escapeSpreadsheetCell(value) },
      record_delimiter: 'windows',
      quoted_match: /^\s|\s$|[\r\n]/,
    })
  )
}
