import type { Kysely } from 'kysely'

/**
 * Chronology import staging: an import's rows are validated as the file streams in and written here in
 * batches, so a 50,000-row file is never held in memory as rows; the preview pages read them back a page
 * at a time, and the commit copies them into `chronology_entry` with INSERT … SELECT in one transaction.
 * `chronology_import_stage` holds one import's summary (headers, column plan, notices, file problems,
 * counts). Portable: text timestamps, JSON as text, integers for flags.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chronology_import_stage')
    .addColumn('import_id', 'text', (c) => c.primaryKey().references('chronology_import.id').onDelete('cascade'))
    // The staging run whose rows are current (each check of a file writes its rows under a new id).
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('problem_count', 'integer', (c) => c.notNull())
    .addColumn('can_commit', 'integer', (c) => c.notNull())
    .addColumn('staged_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('chronology_import_row')
    .addColumn('import_id', 'text', (c) => c.notNull().references('chronology_import.id').onDelete('cascade'))
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('has_problems', 'integer', (c) => c.notNull())
    .addColumn('shown_date', 'text', (c) => c.notNull())
    .addColumn('shown_event', 'text', (c) => c.notNull())
    // The entry as it will be stored (null columns when the row has problems).
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('agency', 'text')
    .addColumn('date', 'text')
    .addColumn('sort_key', 'text')
    .addColumn('date_start', 'text')
    .addColumn('date_end', 'text')
    .addColumn('time', 'text')
    .addColumn('source_record', 'text')
    .addColumn('practitioner_role', 'text')
    .addColumn('people_involved', 'text')
    .addColumn('event', 'text')
    .addColumn('action_taken', 'text')
    .addColumn('outcome', 'text')
    .addColumn('significance', 'text')
    .addPrimaryKeyConstraint('chronology_import_row_pk', ['stage_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('chronology_import_row_problem_idx')
    .on('chronology_import_row')
    .columns(['stage_id', 'has_problems', 'seq'])
    .execute()
  await db.schema
    .createIndex('chronology_import_row_import_idx')
    .on('chronology_import_row')
    .column('import_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chronology_import_row').ifExists().execute()
  await db.schema.dropTable('chronology_import_stage').ifExists().execute()
}
