/**
 * Tables of migration `2026_11_26_0170_chronology_import_staging`: Chronology import staging (streamed rows, so large files are not held in memory).
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChronologyImportTables {}
