/**
 * Tables of migration `2026_11_26_0160_repository_ingest`: curator uploads kept in the database
 * between upload and confirm, single files and bulk batches.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
export interface RepositoryIngestTables {
  repository_ingest_batch: RepositoryIngestBatchTable
  repository_ingest_file: RepositoryIngestFileTable
  /** Migration `2026_12_08_0300_change_counter` (the repository's is `published_repository`). */
  change_counter: ChangeCounterTable
}

/** A number raised on every change of one kind of shared data (see the migration). */
export interface ChangeCounterTable {
  name: string
  value: number
}

export interface RepositoryIngestBatchTable {
  id: string
  /** 'single' or 'bulk'. */
  kind: string
  created_by: string
  created_at: string
  expires_at: string
  confirming_at: string | null
  csv_file_name: string | null
  /** JSON of the proposed rows (see IngestRow). */
  rows_json: string
}

export interface RepositoryIngestFileTable {
  id: string
  batch_id: string
  position: number
  file_name: string
  content_type: string | null
  byte_size: number
  content: Uint8Array
}
