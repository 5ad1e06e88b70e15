import type { Kysely } from 'kysely'

/** Documents of a review being anonymised (overview report, executive summary, …) and the reviewer's decisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('anonymised_text', 'text')
    .addColumn('marked_by', 'text')
    .addColumn('marked_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('review_document_review_idx').on('review_document').column('review_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_document').execute()
}
