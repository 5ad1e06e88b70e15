import { sql, SqliteAdapter, type Kysely } from 'kysely'

/**
 * Characters of a review's body that its PostgreSQL ranking vector covers (see `rank_tsv` below
 * and ADR 0015). Keep equal to RANK_BODY_CHARACTERS in src/search/postgres.search-index.ts.
 */
const RANK_BODY_CHARACTERS = 8_000

/**
 * Characters of a review's body that its SQLite snippet table covers. Keep equal to
 * SNIPPET_WINDOW in src/search/sqlite-fts5.search-index.ts (changed to 4,000 by migration 2026_12_08_0030).
 */
const SNIPPET_WINDOW_CHARACTERS = 8_000

/**
 * Curator uploads kept in the database between upload and confirm (so that any server instance
 * can confirm and a restart loses nothing), single files and bulk batches alike: the batch (who,
 * when, until when, the rows proposed for publishing as JSON) and its files' bytes. And two
 * additions to the search index for speed at scale (ADR 0015): on SQLite a snippet table, on
 * PostgreSQL a compact ranking vector.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter

  await db.schema
    .createTable('repository_ingest_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'single' (one file, confirmed through the metadata form) or 'bulk' (files and a metadata CSV).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // Set when a confirm starts, so that two confirms of the same batch cannot both publish.
    .addColumn('confirming_at', 'text')
    .addColumn('csv_file_name', 'text')
    // The proposed reviews (metadata and problems per row) as JSON: rebuilt only on a new upload.
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('repository_ingest_batch_expires_idx')
    .on('repository_ingest_batch')
    .column('expires_at')
    .execute()

  await db.schema
    .createTable('repository_ingest_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('repository_ingest_batch.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('content', sqlite ? 'blob' : sql`bytea`, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('repository_ingest_file_batch_idx')
    .on('repository_ingest_file')
    .columns(['batch_id', 'position'])
    .execute()

  if (sqlite) {
    // Public search throughput (ADR 0015): snippets come from this small FTS5 table of each
    // review's title, summary and the start of its body, written once at indexing, instead of
    // copying and tokenising those texts into a temporary table on every search.
    await sql`create virtual table search_snippet_fts
              using fts5(title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db)
    await sql`insert into search_snippet_fts (rowid, title, summary, body)
              select rowid, title, summary, substr(body, 1, ${sql.lit(SNIPPET_WINDOW_CHARACTERS)}) from search_fts`.execute(
      db,
    )
  } else {
    // Search at scale on PostgreSQL (ADR 0015): a compact vector used only for ranking (title A,
    // summary B, the start of the body C). ts_rank must read the whole vector of every match, and
    // the full one of a long report is ~45 KB of TOAST; this one is about a fifth of it (the same start of the body that ts_headline reads for snippets).
    await sql`alter table search_document add column rank_tsv tsvector not null default ''::tsvector`.execute(db)
    await sql`update search_document set rank_tsv =
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') ||
        setweight(to_tsvector('english', left(body, ${sql.lit(RANK_BODY_CHARACTERS)})), 'C')`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`drop table search_snippet_fts`.execute(db)
  else await sql`alter table search_document drop column rank_tsv`.execute(db)
  await db.schema.dropTable('repository_ingest_file').execute()
  await db.schema.dropTable('repository_ingest_batch').execute()
}
