/**
 * Make a cell value safe to open in a spreadsheet (CSV/XLSX formula injection, OWASP).
 *
 * Contract: a value starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it;
 * every other value is returned unchanged. Never throws.
 */
export function escapeSpreadsheetCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
