/**
 * Tables of migration `2026_11_26_0130_agency_reports`: Agency reports (individual management reviews): structured form or uploaded DOCX.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AgencyReportTables {}
