import type { Kysely } from 'kysely'

/**
 * Lifting the embargo is a recorded decision: the "embargo cleared" step keeps its outcome (criminal
 * proceedings concluded, charge not pursued, court lifted the reporting restriction, other) and, for
 * "other", the words typed. The date lifted is the step's `happened_on`, the reason its `note`.
 * Two nullable text columns: portable to SQLite and PostgreSQL; other steps leave them null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('publication_step').addColumn('outcome', 'text').execute()
  await db.schema.alterTable('publication_step').addColumn('outcome_detail', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('publication_step').dropColumn('outcome_detail').execute()
  await db.schema.alterTable('publication_step').dropColumn('outcome').execute()
}
