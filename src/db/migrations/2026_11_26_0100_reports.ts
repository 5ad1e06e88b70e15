import type { Kysely } from 'kysely'

/**
 * Overview report and executive summary: whole-document versions (every save is a new row; the
 * unique version number per review and kind refuses a save based on an old version), comments on
 * sections (resolved, never deleted), and where each document was sent for anonymisation.
 * Portable: text timestamps, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_version_unique', ['review_id', 'kind', 'version'])
    .execute()

  await db.schema
    .createTable('report_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('section_key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_by_name', 'text')
    .addColumn('resolved_at', 'text')
    .execute()
  await db.schema.createIndex('report_comment_review_idx').on('report_comment').columns(['review_id', 'kind']).execute()

  await db.schema
    .createTable('report_anonymisation')
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('review_document.id'))
    .addColumn('sent_version', 'integer', (c) => c.notNull())
    .addColumn('sent_text_sha256', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_anonymisation_pk', ['review_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_anonymisation').execute()
  await db.schema.dropTable('report_comment').execute()
  await db.schema.dropTable('report_version').execute()
}
