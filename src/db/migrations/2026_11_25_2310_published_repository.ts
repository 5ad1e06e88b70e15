import { sql, SqliteAdapter, type Kysely } from 'kysely'

/**
 * The published repository: published reviews, their recommendations and documents (portable
 * tables), and the search index (`search_document`, `search_facet`, plus the dialect's full-text
 * structure: an FTS5 table on SQLite, a weighted `tsvector` column with a GIN index on PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter

  await db.schema
    .createTable('published_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('partnership', 'text')
    .addColumn('region', 'text')
    .addColumn('review_type', 'text', (c) => c.notNull())
    .addColumn('nature_of_incident', 'text')
    .addColumn('child_age_band', 'text')
    .addColumn('sex', 'text')
    .addColumn('ethnic_group', 'text')
    .addColumn('review_model', 'text')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('agencies', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('keep_until', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('published_review_year_idx')
    .on('published_review')
    .columns(['year', 'published_at'])
    .execute()

  await db.schema
    .createTable('published_recommendation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('published_review.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('published_recommendation_review_idx')
    .on('published_recommendation')
    .column('review_id')
    .execute()

  await db.schema
    .createTable('published_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('published_review.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('content', sqlite ? 'blob' : sql`bytea`)
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('published_document_review_idx').on('published_document').column('review_id').execute()

  // The search index. doc_id is an integer because FTS5 keys its rows by integer rowid.
  await db.schema
    .createTable('search_document')
    .addColumn('doc_id', sqlite ? 'integer' : 'serial', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('region', 'text')
    .addColumn('partnership', 'text')
    .addColumn('review_type', 'text')
    .addColumn('nature_of_incident', 'text')
    .addColumn('child_age_band', 'text')
    .addColumn('sex', 'text')
    .addColumn('ethnic_group', 'text')
    .addColumn('review_model', 'text')
    .execute()
  await db.schema
    .createIndex('search_document_date_idx')
    .on('search_document')
    .columns(['year', 'published_at'])
    .execute()

  await db.schema
    .createTable('search_facet')
    .addColumn('doc_id', 'integer', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_facet_pk', ['doc_id', 'facet', 'value'])
    .execute()
  await db.schema
    .createIndex('search_facet_value_idx')
    .on('search_facet')
    .columns(['facet', 'value', 'doc_id'])
    .execute()

  if (sqlite) {
    // Porter stemming over unicode61 words; rowid = search_document.doc_id. The table keeps its own
    // copy of the text because snippet() needs it.
    await sql`create virtual table search_fts using fts5(title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
      db,
    )
  } else {
    // Body kept for ts_headline; the tsvector weights title A, summary B, body C.
    await sql`alter table search_document add column body text not null default '', add column tsv tsvector not null default ''::tsvector`.execute(
      db,
    )
    await sql`create index search_document_tsv_idx on search_document using gin (tsv)`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  if (sqlite) await sql`drop table if exists search_fts`.execute(db)
  for (const table of [
    'search_facet',
    'search_document',
    'published_document',
    'published_recommendation',
    'published_review',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
