import type { Kysely } from 'kysely'

/**
 * Dissemination of a review's learning (issue 15, part 3): the coordinator asks agencies to share the
 * learning by a date; each agency records how it was shared (team meeting, training, bulletin), when, and
 * how many practitioners it reached. One request per agency and review; any number of records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dissemination_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dissemination_request_agency_unique', ['review_id', 'agency_id'])
    .execute()
  await db.schema
    .createTable('dissemination_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('dissemination_request.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('shared_on', 'text', (c) => c.notNull())
    .addColumn('practitioners', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('dissemination_record_request_idx')
    .on('dissemination_record')
    .column('request_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dissemination_record').execute()
  await db.schema.dropTable('dissemination_request').execute()
}
