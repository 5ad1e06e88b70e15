import type { Kysely } from 'kysely'

/**
 * Chronology entries linked to people in the case, key practice episodes, sharing the integrated
 * chronology with agencies (a history of share and withdraw events), and corrections of submitted
 * entries (the previous text kept). Portable: text timestamps, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chronology_entry_person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('chronology_entry.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('case_person.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('chronology_entry_person_unique', ['entry_id', 'person_id'])
    .execute()
  await db.schema
    .createIndex('chronology_entry_person_review_idx')
    .on('chronology_entry_person')
    .columns(['review_id', 'person_id'])
    .execute()

  await db.schema
    .createTable('chronology_episode')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('chronology_episode_review_idx').on('chronology_episode').column('review_id').execute()

  await db.schema
    .createTable('chronology_episode_entry')
    .addColumn('episode_id', 'text', (c) => c.notNull().references('chronology_episode.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('chronology_entry.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('chronology_episode_entry_pk', ['episode_id', 'entry_id'])
    .execute()

  await db.schema
    .createTable('chronology_share_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('acted_by', 'text', (c) => c.notNull())
    .addColumn('acted_at', 'text', (c) => c.notNull())
    // Two changes in the same millisecond still have an order; two at once cannot both be next.
    .addUniqueConstraint('chronology_share_event_unique', ['review_id', 'seq'])
    .execute()

  await db.schema
    .createTable('chronology_entry_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('chronology_entry.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('previous', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('chronology_entry_revision_unique', ['entry_id', 'version'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'chronology_entry_revision',
    'chronology_share_event',
    'chronology_episode_entry',
    'chronology_episode',
    'chronology_entry_person',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
