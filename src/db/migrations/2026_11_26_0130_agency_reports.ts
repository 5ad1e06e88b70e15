import { sql, SqliteAdapter, type Kysely } from 'kysely'

/**
 * Agency reports (individual management reviews): one report per review and agency, written in a
 * structured form (the header in columns, the sections as JSON text) with an optimistic version
 * number, and optionally the agency's own Word document with its extracted text. Portable: text
 * timestamps and dates, JSON as text, binary content as blob (SQLite) or bytea (PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await db.schema
    .createTable('agency_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('author_independent', 'text')
    .addColumn('independence_explanation', 'text', (c) => c.notNull())
    .addColumn('request_date', 'text')
    .addColumn('records_secured_date', 'text')
    .addColumn('terms_of_reference', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('agency_report_unique', ['review_id', 'agency_id'])
    .execute()

  await db.schema
    .createTable('agency_report_document')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('agency_report.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', sqlite ? 'blob' : sql`bytea`, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_report_document').ifExists().execute()
  await db.schema.dropTable('agency_report').ifExists().execute()
}
