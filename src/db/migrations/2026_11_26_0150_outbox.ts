import type { Kysely } from 'kysely'

/** Email outbox: reminders queued, seen by administrators, sent through SMTP when configured. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text')
    .addColumn('review_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    // Unique: a reminder queued twice with the same key is queued once (NULLs never clash).
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema
    .createIndex('outbox_message_status_idx')
    .on('outbox_message')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('outbox_message_partnership_idx')
    .on('outbox_message')
    .columns(['partnership_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox_message').execute()
}
