import { sql, SqliteAdapter, type Kysely } from 'kysely'

/**
 * Characters of a review's body that its SQLite snippet table covers, down from 8,000 (ADR 0015):
 * FTS5's snippet() scores every matched word against every other in the text it is given, so a
 * common word in 8,000 characters cost up to 0.8 ms a result, 4,000 about a tenth of that. Keep
 * equal to SNIPPET_WINDOW in src/search/sqlite-fts5.search-index.ts. PostgreSQL keeps no copy (its
 * ts_headline window is a constant in the code), so nothing changes there.
 */
const SNIPPET_WINDOW_CHARACTERS = 4_000
const FORMER_WINDOW_CHARACTERS = 8_000

async function rewrite(db: Kysely<unknown>, characters: number): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return
  await sql`delete from search_snippet_fts`.execute(db)
  await sql`insert into search_snippet_fts (rowid, title, summary, body)
            select rowid, title, summary, substr(body, 1, ${sql.lit(characters)}) from search_fts`.execute(db)
  await sql`insert into search_snippet_fts (search_snippet_fts) values ('optimize')`.execute(db)
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rewrite(db, SNIPPET_WINDOW_CHARACTERS)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rewrite(db, FORMER_WINDOW_CHARACTERS)
}
