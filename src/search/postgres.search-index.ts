import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { parseQuery, toWebsearchQuery } from './search-query.ts'
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
 * ts_headline re-parses the text it is given, so it gets the summary and the start of the body
 * only: enough for a useful snippet, bounded cost per result.
 */
const HEADLINE_CHARACTERS = 8_000
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`

/**
 * Characters of the body that the ranking vector `rank_tsv` covers (with the title and summary).
 * Keep equal to RANK_BODY_CHARACTERS in migration 2026_11_26_0160.
 */
export const RANK_BODY_CHARACTERS = 8_000

/**
 * The PostgreSQL full-text search index: an `english` tsvector weighted title A, summary B, body C
 * with a GIN index, `websearch_to_tsquery` (fed only sanitised words), `ts_rank`, `ts_headline`.
 * Matching uses the full vector; ranking uses `rank_tsv`, the same over the title, the summary and
 * the first {@link RANK_BODY_CHARACTERS} characters of the body (ADR 0015): a review that matches
 * only further in is still found, and ranks as if it matched weakly.
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly #db: Kysely<Database>
  readonly #snapshots: SnapshotCache

  constructor(db: Kysely<Database>) {
    this.#db = db
    // doc_id is a serial, never reused: any write elsewhere changes the count or the maximum.
    this.#snapshots = new SnapshotCache(db, async () => {
      const { rows } = await sql<{ n: string; m: number | null }>`
        select count(*) as n, max(doc_id) as m from search_document`.execute(db)
      return `${rows[0].n}:${rows[0].m}`
    })
  }

  async index(document: SearchDocument): Promise<void> {
    const title = indexableText(document.title)
    const summary = indexableText(document.summary)
    const body = indexableText(document.body)
    await this.#db.transaction().execute(async (trx) => {
      await deleteDocumentRows(trx, document.id)
      await writeDocumentRows(trx, document, {
        columns: ['body', 'tsv', 'rank_tsv'],
        values: [
          sql`${body}`,
          sql`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${summary}), 'B') || setweight(to_tsvector('english', ${body}), 'C')`,
          sql`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${summary}), 'B') || setweight(to_tsvector('english', ${body.slice(0, RANK_BODY_CHARACTERS)}), 'C')`,
        ],
      })
    })
    this.#snapshots.invalidate()
  }

  async remove(id: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await deleteDocumentRows(trx, id)
    })
    this.#snapshots.invalidate()
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const websearch = toWebsearchQuery(parseQuery(query))
    const filters = cleanFilters(options.filters)
    const sort = options.sort ?? (websearch ? 'relevance' : 'date')
    const { page, pageSize, offset } = normalisePaging(options)
    const ranked = websearch !== null && sort === 'relevance'
    const candidates = await this.#candidates(websearch)
    const { matched, facets } = countAndFilter(candidates, filters)
    const total = matched.length

    let results: SearchResult[] = []
    if (pageSize > 0 && offset < total) {
      // PostgreSQL sorts null years first in `desc`; kept so that the order is the one SQL gave.
      const byDate = dateOrder(true)
      // Ranked after filtering: ts_rank reads each vector, so only documents that pass the filters are read.
      const scores = ranked ? await this.#scores(websearch, matched) : new Map<number, number>()
      matched.sort(ranked ? (a, b) => (scores.get(b.docId) ?? 0) - (scores.get(a.docId) ?? 0) || byDate(a, b) : byDate)
      const docIds = matched.slice(offset, offset + pageSize).map((d) => d.docId)
      const { rows } = websearch
        ? await sql<ResultRow & { doc_id: number }>`
            select d.doc_id, d.id, d.title, d.year, d.area, d.review_type, d.published_at, d.summary,
                   ts_headline('english', d.summary || ' ' || left(d.body, ${HEADLINE_CHARACTERS}),
                               websearch_to_tsquery('english', ${websearch}), ${HEADLINE_OPTIONS}) as snippet
            from search_document d where d.doc_id = any(${docIds})`.execute(this.#db)
        : await sql<ResultRow & { doc_id: number }>`
            select d.doc_id, d.id, d.title, d.year, d.area, d.review_type, d.published_at, d.summary, null as snippet
            from search_document d where d.doc_id = any(${docIds})`.execute(this.#db)
      const byDocId = new Map(rows.map((r) => [Number(r.doc_id), r]))
      results = docIds.flatMap((id) => {
        const row = byDocId.get(id)
        if (!row) return []
        return [
          {
            id: row.id,
            title: row.title,
            year: row.year === null ? null : Number(row.year),
            area: row.area,
            reviewType: row.review_type,
            publishedAt: row.published_at,
            snippet:
              row.snippet && row.snippet.includes(HIGHLIGHT_START) ? toSegments(row.snippet) : leadSnippet(row.summary),
          },
        ]
      })
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
    const websearch = toWebsearchQuery(parseQuery(query))
    const candidates = await this.#candidates(websearch)
    const { matched } = countAndFilter(candidates, cleanFilters(filters))
    return matched
      .map((d) => d.id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
  }

  /** The documents the text matches (all documents without text), through the GIN index. */
  async #candidates(websearch: string | null): Promise<SnapshotDocument[]> {
    const snapshot = await this.#snapshots.get()
    if (websearch === null) return [...snapshot.documents]
    const rows = await this.#db.transaction().execute(async (trx) => {
      // The heap of search_document is small (the text lives in TOAST), so the planner prefers a
      // sequential scan that detoasts every document's full vector to test @@ (~400 ms at 10,000
      // reviews); the GIN index answers the same in a few ms. Only for this statement.
      await sql`set local enable_seqscan = off`.execute(trx)
      const result = await sql<{ doc_id: number }>`
        select d.doc_id from search_document d where d.tsv @@ websearch_to_tsquery('english', ${websearch})`.execute(
        trx,
      )
      return result.rows
    })
    const candidates: SnapshotDocument[] = []
    for (const row of rows) {
      const d = snapshot.byDocId.get(Number(row.doc_id))
      if (d) candidates.push(d)
    }
    return candidates
  }

  /**
   * ts_rank of the given documents (higher is better) over `rank_tsv`, the compact ranking vector
   * (title, summary, the start of the body).
   */
  async #scores(websearch: string | null, documents: readonly SnapshotDocument[]): Promise<Map<number, number>> {
    const scores = new Map<number, number>()
    if (websearch === null || documents.length === 0) return scores
    const { rows } = await sql<{ doc_id: number; score: number }>`
      select d.doc_id, ts_rank(d.rank_tsv, websearch_to_tsquery('english', ${websearch})) as score
      from search_document d where d.doc_id = any(${documents.map((d) => d.docId)})`.execute(this.#db)
    for (const row of rows) scores.set(Number(row.doc_id), Number(row.score))
    return scores
  }
}
