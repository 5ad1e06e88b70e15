/**
 * Tables of migration `2026_11_26_0120_publication`: Sign-off and publication steps, in order, each with who and when.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PublicationTables {}
