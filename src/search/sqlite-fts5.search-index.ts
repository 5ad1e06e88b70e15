import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { parseQuery, toFts5Query } from './search-query.ts'
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  indexableText,
  leadSnippet,
  normalisePaging,
  toSegments,
  type ResultRow,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
  type SearchOptions,
  type SearchResponse,
  type SearchResult,
} from './search-index.ts'
import { cleanFilters, deleteDocumentRows, writeDocumentRows } from './sql-search-common.ts'
import { countAndFilter, dateOrder, SnapshotCache, type SnapshotDocument } from './facet-snapshot.ts'

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
 * SNIPPET_WINDOW_CHARACTERS in migration 2026_11_26_0160.
 */
const SNIPPET_WINDOW = 8_000

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
    this.#snapshots = new SnapshotCache(db, async () => {
      const { rows } = await sql<{ v: number; n: number; m: number | null }>`
        select (select data_version from pragma_data_version) as v, count(*) as n, max(doc_id) as m from search_document`.execute(
        db,
      )
      return `${rows[0].v}:${rows[0].n}:${rows[0].m}`
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
    const ranked = match !== null && sort === 'relevance'
    const { candidates, scores } = await this.#candidates(match, ranked)
    const { matched, facets } = countAndFilter(candidates, filters)
    const total = matched.length

    let results: SearchResult[] = []
    if (pageSize > 0 && offset < total) {
      const byDate = dateOrder(false)
      matched.sort(ranked ? (a, b) => scores.get(a.docId)! - scores.get(b.docId)! || byDate(a, b) : byDate)
      const pageDocs = matched.slice(offset, offset + pageSize)
      const rows = await this.#pageRows(
        pageDocs.map((d) => d.docId),
        match,
      )
      results = rows.map((row) => ({
        id: row.id,
        title: row.title,
        year: row.year === null ? null : Number(row.year),
        area: row.area,
        reviewType: row.review_type,
        publishedAt: row.published_at,
        snippet: row.snippet ? toSegments(row.snippet) : leadSnippet(row.summary),
      }))
    }
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
    const { candidates } = await this.#candidates(match, false)
    const { matched } = countAndFilter(candidates, cleanFilters(filters))
    return matched
      .map((d) => d.id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
  }

  /**
   * The documents the text matches (all documents without text), from one full-text pass, with
   * their BM25 scores when ranked (lower is better).
   */
  async #candidates(
    match: string | null,
    ranked: boolean,
  ): Promise<{ candidates: SnapshotDocument[]; scores: Map<number, number> }> {
    const snapshot = await this.#snapshots.get()
    const scores = new Map<number, number>()
    if (match === null) return { candidates: [...snapshot.documents], scores }
    const { rows } = ranked
      ? await sql<{ doc_id: number; score: number }>`
          select rowid as doc_id, ${BM25} as score from search_fts where search_fts match ${match}`.execute(this.#db)
      : await sql<{ doc_id: number; score: number }>`
          select rowid as doc_id, 0 as score from search_fts where search_fts match ${match}`.execute(this.#db)
    const candidates: SnapshotDocument[] = []
    for (const row of rows) {
      const d = snapshot.byDocId.get(Number(row.doc_id))
      if (!d) continue
      candidates.push(d)
      scores.set(d.docId, Number(row.score))
    }
    return { candidates, scores }
  }

  /** The page's rows in the given order, with snippets computed for those rows only. */
  async #pageRows(docIds: number[], match: string | null): Promise<ResultRow[]> {
    if (docIds.length === 0) return []
    const { rows } = await sql<ResultRow & { doc_id: number }>`
      select d.doc_id, d.id, d.title, d.year, d.area, d.review_type, d.published_at, d.summary
      from search_document d where d.doc_id in (${sql.join(docIds)})`.execute(this.#db)
    const snippets = match === null ? new Map<number, string>() : await this.#snippets(docIds, match)
    const byDocId = new Map(rows.map((r) => [Number(r.doc_id), r]))
    return docIds.flatMap((id) => {
      const row = byDocId.get(id)
      return row ? [{ ...row, snippet: snippets.get(id) ?? null }] : []
    })
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
    const { rows } = await sql<{ doc_id: number; from_summary: string; from_any: string }>`
      select rowid as doc_id,
             snippet(search_snippet_fts, 1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ' … ', ${SNIPPET_TOKENS}) as from_summary,
             snippet(search_snippet_fts, -1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ' … ', ${SNIPPET_TOKENS}) as from_any
      from search_snippet_fts where search_snippet_fts match ${match} and rowid in (${sql.join(docIds)})`.execute(
      this.#db,
    )
    for (const r of rows) {
      const snippet = r.from_summary.includes(HIGHLIGHT_START) ? r.from_summary : r.from_any
      if (snippet.includes(HIGHLIGHT_START)) snippets.set(Number(r.doc_id), snippet)
    }
    return snippets
  }
}
