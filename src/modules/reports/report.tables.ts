/**
 * Tables of migration `2026_11_26_0100_reports`: Overview report and executive summary: sections, versions, comments.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportTables {}
