import { sql, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely'
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
import * as publicationEmbargoOutcome from './migrations/2026_12_07_1800_publication_embargo_outcome.ts'
import * as partnerSignOff from './migrations/2026_12_07_1800_partner_sign_off.ts'
import * as outboxClaim from './migrations/2026_12_07_2100_outbox_claim.ts'
import * as snippetWindow from './migrations/2026_12_08_0030_snippet_window.ts'
import * as nationalPanel from './migrations/2026_12_08_0100_national_panel.ts'
import * as changeCounter from './migrations/2026_12_08_0300_change_counter.ts'
import * as childrenAtRisk from './migrations/2026_12_08_0400_children_at_risk.ts'
import * as dissemination from './migrations/2026_12_08_0410_dissemination.ts'
import * as impact from './migrations/2026_12_08_0500_impact.ts'

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
  '2026_12_07_1800_publication_embargo_outcome': publicationEmbargoOutcome,
  '2026_12_07_1800_partner_sign_off': partnerSignOff,
  '2026_12_07_2100_outbox_claim': outboxClaim,
  '2026_12_08_0030_snippet_window': snippetWindow,
  '2026_12_08_0100_national_panel': nationalPanel,
  '2026_12_08_0300_change_counter': changeCounter,
  '2026_12_08_0400_children_at_risk': childrenAtRisk,
  '2026_12_08_0410_dissemination': dissemination,
  '2026_12_08_0500_impact': impact,
}

/**
 * The database as the migrator sees it, looking for tables in `schema` only.
 *
 * Why: Kysely's PostgreSQL introspector lists the columns of every table in every schema, calling
 * functions that look each one up by name; when another process drops a schema at that moment
 * (tests and benchmarks each work in a schema of their own and drop it when done), the whole query
 * fails with "schema … does not exist". The migrator only needs to know whether its own two tables
 * are in `schema`, which one catalogue query answers without touching other schemas.
 */
export function withSchemaIntrospection(db: Kysely<never>, schema: string): Kysely<never> {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    async getTables(): Promise<TableMetadata[]> {
      const result = await sql<{ name: string }>`
        select c.relname as name from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p')`.execute(db)
      return result.rows.map((row) => ({ name: row.name, schema, isView: false, isForeign: false, columns: [] }))
    },
  }
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection
      // Kysely keeps its state in private fields: read and call everything else on the real instance.
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
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
  const migrator = new Migrator({
    db: schema ? withSchemaIntrospection(db, schema) : db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed: ${String((result.error as Error)?.message ?? result.error)}`, {
      cause: result.error,
    })
  }
  return result
}
