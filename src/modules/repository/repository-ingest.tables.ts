/**
 * Tables of migration `2026_11_26_0160_repository_ingest`: Curator uploads kept in the database between upload and confirm; bulk batches.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RepositoryIngestTables {}
