import type { Kysely } from 'kysely'

/**
 * Outbox claims: an instance that is about to send a message first writes its claim (who and until
 * when) in one statement, so that two instances sending at once never both send it, and a claim left
 * by an instance that stopped mid-send runs out. Portable: text columns, no dialect-specific types.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox_message').addColumn('claimed_by', 'text').execute()
  await db.schema.alterTable('outbox_message').addColumn('claim_expires_at', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox_message').dropColumn('claim_expires_at').execute()
  await db.schema.alterTable('outbox_message').dropColumn('claimed_by').execute()
}
