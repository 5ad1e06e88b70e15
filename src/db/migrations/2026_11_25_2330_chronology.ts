import { sql, SqliteAdapter, type Kysely } from 'kysely'

/**
 * Agency contributions and the integrated chronology: requests to agencies, chronology entries (a
 * date's precision kept as JSON beside a sortable key), imports (the uploaded file is kept until it is
 * committed, so several servers can preview and commit), column mappings remembered per agency, and
 * links between agencies' reports of the same event. Portable: text timestamps, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await db.schema
    .createTable('agency_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('agency_request_unique', ['review_id', 'agency_id', 'kind'])
    .execute()

  await db.schema
    .createTable('chronology_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', sqlite ? 'blob' : sql`bytea`)
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .execute()
  await db.schema.createIndex('chronology_import_review_idx').on('chronology_import').column('review_id').execute()

  await db.schema
    .createTable('chronology_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('date_start', 'text', (c) => c.notNull())
    .addColumn('date_end', 'text', (c) => c.notNull())
    .addColumn('time', 'text')
    .addColumn('source_record', 'text', (c) => c.notNull())
    .addColumn('practitioner_role', 'text', (c) => c.notNull())
    .addColumn('people_involved', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('action_taken', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('significance', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.references('chronology_import.id'))
    .addColumn('import_row', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute()
  await db.schema
    .createIndex('chronology_entry_order_idx')
    .on('chronology_entry')
    .columns(['review_id', 'status', 'sort_key'])
    .execute()
  await db.schema
    .createIndex('chronology_entry_agency_idx')
    .on('chronology_entry')
    .columns(['review_id', 'agency_id', 'status'])
    .execute()

  await db.schema
    .createTable('agency_column_mapping')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agency_column_mapping_pk', ['partnership_id', 'agency_id'])
    .execute()

  await db.schema
    .createTable('chronology_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('entry_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('chronology_link_unique', ['review_id', 'entry_key'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'chronology_link',
    'agency_column_mapping',
    'chronology_entry',
    'chronology_import',
    'agency_request',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
