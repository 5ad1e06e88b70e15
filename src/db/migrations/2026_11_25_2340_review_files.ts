import { sql, SqliteAdapter, type Kysely } from 'kysely'

/** Files attached to a review (agency summaries for the rapid review, and later reports). Case material. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await db.schema
    .createTable('review_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('agency', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', sqlite ? 'blob' : sql`bytea`, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('review_file_review_idx').on('review_file').column('review_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_file').execute()
}
