import type { Kysely } from 'kysely'
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration'
import * as platform from './migrations/2026_11_25_2230_platform.ts'
import * as reviews from './migrations/2026_11_25_2300_reviews.ts'
import * as publishedRepository from './migrations/2026_11_25_2310_published_repository.ts'
import * as caseKnowledge from './migrations/2026_11_25_2320_case_knowledge.ts'
import * as chronology from './migrations/2026_11_25_2330_chronology.ts'
import * as reviewFiles from './migrations/2026_11_25_2340_review_files.ts'
import * as reviewDocuments from './migrations/2026_11_25_2350_review_documents.ts'

/**
 * Every migration, in order. Listed explicitly (not read from the folder) so that the set is the
 * same wherever the code runs and a typo is a type error, not a silently skipped file.
 * Names follow `YYYY_MM_DD_HHMM_name`.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_25_2230_platform': platform,
  '2026_11_25_2300_reviews': reviews,
  '2026_11_25_2310_published_repository': publishedRepository,
  '2026_11_25_2320_case_knowledge': caseKnowledge,
  '2026_11_25_2330_chronology': chronology,
  '2026_11_25_2340_review_files': reviewFiles,
  '2026_11_25_2350_review_documents': reviewDocuments,
}

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}

/**
 * Bring the database to the newest schema.
 * @throws Error naming the failed migration when one fails (the migrator rolls that one back).
 */
export async function migrateToLatest(db: Kysely<never>, schema?: string): Promise<MigrationResultSet> {
  // Kysely looks for its own bookkeeping tables in `schema` (PostgreSQL's search_path is not enough).
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed: ${String((result.error as Error)?.message ?? result.error)}`, {
      cause: result.error,
    })
  }
  return result
}
