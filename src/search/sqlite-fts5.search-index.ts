import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { parseQuery, toFts5Query } from './search-query.ts'
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  indexableText,
  normalisePaging,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
  type SearchOptions,
  type SearchResponse,
} from './search-index.ts'
import { cleanFilters, deleteDocumentRows, writeDocumentRows } from './sql-search-common.ts'
import { SnapshotCache, type EngineMatches } from './facet-snapshot.ts'

/**
 * BM25 weights of the FTS5 columns (title, summary, body): a word in the title counts ten times a
 * word in the body, in the summary five times, so a review about neglect outranks one that
 * mentions it once in 40 pages.
 */
const BM25 = sql.raw('bm25(search_fts, 10.0, 5.0, 1.0)')
/** Tokens of context around the matched words in a snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 32
/**
 * Characters of the body kept in `search_snippet_fts` for snippet() (see #snippets). Keep equal to
 * SNIPPET_WINDOW_CHARACTERS in migration 2026_12_08_0030 (snippet() scores every matched word
 * against every other, so its cost grows with the square of a common word's count in the window).
 */
const SNIPPET_WINDOW = 4_000

/**
 * The SQLite FTS5 search index: porter stemming over unicode61 tokens, BM25 ranking, snippet().
 * Uses the tables made by migration 2026_11_25_2310 (`search_document`, `search_facet`, `search_fts`)
 * and `search_snippet_fts` (migration 2026_11_26_0160).
 */
export class SqliteFts5SearchIndex implements SearchIndex {
  readonly #db: Kysely<Database>
  readonly #snapshots: SnapshotCache

  constructor(db: Kysely<Database>) {
    this.#db = db
    // Another connection's commit changes data_version; count and max(doc_id) are a second check.
    // Scalar subqueries, so that count(*) and max() each take SQLite's shortcut (0.3 ms → 0.05 ms).
    this.#snapshots = new SnapshotCache(db, {
      version: async () => {
        const { rows } = await sql<{ v: number; n: number; m: number | null }>`
          select (select data_version from pragma_data_version) as v, (select count(*) from search_document) as n,
                 (select max(doc_id) from search_document) as m`.execute(db)
        return `${rows[0].v}:${rows[0].n}:${rows[0].m}`
      },
      // SQLite's `desc` puts null years last.
      nullYearsFirst: false,
    })
  }

  async index(document: SearchDocument): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const old = await deleteDocumentRows(trx, document.id)
      if (old !== null) await sql`delete from search_fts where rowid = ${old}`.execute(trx)
      if (old !== null) await sql`delete from search_snippet_fts where rowid = ${old}`.execute(trx)
      const docId = await writeDocumentRows(trx, document)
      const title = indexableText(document.title)
      const summary = indexableText(document.summary)
      const body = indexableText(document.body)
      await sql`insert into search_fts (rowid, title, summary, body)
                values (${docId}, ${title}, ${summary}, ${body})`.execute(trx)
      await sql`insert into search_snippet_fts (rowid, title, summary, body)
                values (${docId}, ${title}, ${summary}, ${body.slice(0, SNIPPET_WINDOW)})`.execute(trx)
    })
    this.#snapshots.invalidate()
  }

  async remove(id: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const old = await deleteDocumentRows(trx, id)
      if (old !== null) await sql`delete from search_fts where rowid = ${old}`.execute(trx)
      if (old !== null) await sql`delete from search_snippet_fts where rowid = ${old}`.execute(trx)
    })
    this.#snapshots.invalidate()
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const match = toFts5Query(parseQuery(query))
    const filters = cleanFilters(options.filters)
    const sort = options.sort ?? (match ? 'relevance' : 'date')
    const { page, pageSize, offset } = normalisePaging(options)
    const snapshot = await this.#snapshots.get()
    const ordered = await snapshot.matches(match, match !== null && sort === 'relevance', (ranked) =>
      this.#match(match as string, ranked),
    )
    const { passing, facets } = snapshot.filterAndCount(ordered, filters)
    const total = passing.length
    const results =
      pageSize > 0 && offset < total
        ? await snapshot.results(passing.subarray(offset, offset + pageSize), match, (docIds) =>
            this.#snippets(docIds, match as string),
          )
        : []
    return {
      total,
      page,
      pageSize,
      totalPages: pageSize > 0 ? Math.max(1, Math.ceil(total / pageSize)) : 1,
      sort,
      results,
      facets,
    }
  }

  async matchingIds(query: string, filters?: SearchFilters, limit = 100_000): Promise<string[]> {
    const match = toFts5Query(parseQuery(query))
    const snapshot = await this.#snapshots.get()
    const ordered = await snapshot.matches(match, false, (ranked) => this.#match(match as string, ranked))
    const { passing } = snapshot.filterAndCount(ordered, cleanFilters(filters))
    return snapshot
      .idsAt(passing)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
  }

  /** The doc_ids the text matches, from one full-text pass, with BM25 scores (lower is better) when ranked. */
  async #match(match: string, ranked: boolean): Promise<EngineMatches> {
    if (!ranked) {
      const { rows } = await sql<{ doc_id: number }>`
        select rowid as doc_id from search_fts where search_fts match ${match}`.execute(this.#db)
      return { docIds: rows.map((r) => r.doc_id), scores: null }
    }
    const { rows } = await sql<{ doc_id: number; score: number }>`
      select rowid as doc_id, ${BM25} as score from search_fts where search_fts match ${match}`.execute(this.#db)
    return { docIds: rows.map((r) => r.doc_id), scores: rows.map((r) => r.score) }
  }

  /**
   * Snippets of the page's documents, without re-reading whole long bodies (`snippet()` over a
   * 70 KB body costs about 1 ms): from `search_snippet_fts`, which holds each document's title,
   * summary and first SNIPPET_WINDOW characters of the body, indexed once when the document is.
   * The summary's snippet is preferred; otherwise the best of the three columns. A document whose
   * match lies only beyond the window gets no snippet here (the caller shows the start of its
   * summary), like ts_headline's bound on PostgreSQL.
   */
  async #snippets(docIds: number[], match: string): Promise<Map<number, string>> {
    const snippets = new Map<number, string>()
    const summary = sql`snippet(search_snippet_fts, 1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ' … ', ${SNIPPET_TOKENS})`
    // The three-column snippet tokenizes the whole window: made only when the summary has no match.
    const { rows } = await sql<{ doc_id: number; snippet: string }>`
      select rowid as doc_id,
             case when instr(${summary}, ${HIGHLIGHT_START}) > 0 then ${summary}
                  else snippet(search_snippet_fts, -1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ' … ', ${SNIPPET_TOKENS}) end as snippet
      from search_snippet_fts where search_snippet_fts match ${match} and rowid in (${sql.join(docIds)})`.execute(
      this.#db,
    )
    for (const r of rows) if (r.snippet.includes(HIGHLIGHT_START)) snippets.set(Number(r.doc_id), r.snippet)
    return snippets
  }
}
