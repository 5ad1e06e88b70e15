import type { Kysely } from 'kysely'
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration'
import * as platform from './migrations/2026_11_25_2230_platform.ts'
import * as reviews from './migrations/2026_11_25_2300_reviews.ts'
import * as publishedRepository from './migrations/2026_11_25_2310_published_repository.ts'
import * as caseKnowledge from './migrations/2026_11_25_2320_case_knowledge.ts'
import * as chronology from './migrations/2026_11_25_2330_chronology.ts'
import * as reviewFiles from './migrations/2026_11_25_2340_review_files.ts'
import * as reviewDocuments from './migrations/2026_11_25_2350_review_documents.ts'
import * as reportsMigration from './migrations/2026_11_26_0100_reports.ts'
import * as recommendationsMigration from './migrations/2026_11_26_0110_recommendations.ts'
import * as publicationMigration from './migrations/2026_11_26_0120_publication.ts'
import * as agencyReportsMigration from './migrations/2026_11_26_0130_agency_reports.ts'
import * as chronologyPeopleEpisodes from './migrations/2026_11_26_0140_chronology_people_episodes.ts'
import * as outboxMigration from './migrations/2026_11_26_0150_outbox.ts'
import * as repositoryIngest from './migrations/2026_11_26_0160_repository_ingest.ts'
import * as chronologyImportStaging from './migrations/2026_11_26_0170_chronology_import_staging.ts'

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
  '2026_11_26_0100_reports': reportsMigration,
  '2026_11_26_0110_recommendations': recommendationsMigration,
  '2026_11_26_0120_publication': publicationMigration,
  '2026_11_26_0130_agency_reports': agencyReportsMigration,
  '2026_11_26_0140_chronology_people_episodes': chronologyPeopleEpisodes,
  '2026_11_26_0150_outbox': outboxMigration,
  '2026_11_26_0160_repository_ingest': repositoryIngest,
  '2026_11_26_0170_chronology_import_staging': chronologyImportStaging,
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
