import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { parseQuery, toWebsearchQuery } from './search-query.ts'
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
 * ts_headline re-parses the text it is given, so it gets the summary and the start of the body
 * only: enough for a useful snippet, bounded cost per result. The same window as SQLite's
 * snippet table (SNIPPET_WINDOW in sqlite-fts5.search-index.ts), so both engines show the same.
 */
const HEADLINE_CHARACTERS = 4_000
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
    this.#snapshots = new SnapshotCache(db, {
      version: async () => {
        const { rows } = await sql<{ n: string; m: number | null }>`
          select (select count(*) from search_document) as n, (select max(doc_id) from search_document) as m`.execute(
          db,
        )
        return `${rows[0].n}:${rows[0].m}`
      },
      // PostgreSQL's `desc` puts null years first; kept so that the order is the one SQL gave.
      nullYearsFirst: true,
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
    const snapshot = await this.#snapshots.get()
    const ordered = await snapshot.matches(websearch, websearch !== null && sort === 'relevance', (ranked) =>
      this.#match(websearch as string, ranked),
    )
    const { passing, facets } = snapshot.filterAndCount(ordered, filters)
    const total = passing.length
    const results =
      pageSize > 0 && offset < total
        ? await snapshot.results(passing.subarray(offset, offset + pageSize), websearch, (docIds) =>
            this.#headlines(docIds, websearch as string),
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
    const websearch = toWebsearchQuery(parseQuery(query))
    const snapshot = await this.#snapshots.get()
    const ordered = await snapshot.matches(websearch, false, (ranked) => this.#match(websearch as string, ranked))
    const { passing } = snapshot.filterAndCount(ordered, cleanFilters(filters))
    return snapshot
      .idsAt(passing)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
  }

  /**
   * The doc_ids the text matches, through the GIN index, with ts_rank over `rank_tsv` (the compact
   * ranking vector: title, summary, the start of the body) negated (lower is better) when ranked.
   */
  async #match(websearch: string, ranked: boolean): Promise<EngineMatches> {
    const rows = await this.#db.transaction().execute(async (trx) => {
      // The heap of search_document is small (the text lives in TOAST), so the planner prefers a
      // sequential scan that detoasts every document's full vector to test @@ (~400 ms at 10,000
      // reviews); the GIN index answers the same in a few ms. Only for this statement.
      await sql`set local enable_seqscan = off`.execute(trx)
      const query = sql`websearch_to_tsquery('english', ${websearch})`
      const result = ranked
        ? await sql<{ doc_id: number; score: number }>`
            select d.doc_id, ts_rank(d.rank_tsv, ${query}) as score
            from search_document d where d.tsv @@ ${query}`.execute(trx)
        : await sql<{ doc_id: number; score: number }>`
            select d.doc_id, 0 as score from search_document d where d.tsv @@ ${query}`.execute(trx)
      return result.rows
    })
    return { docIds: rows.map((r) => r.doc_id), scores: ranked ? rows.map((r) => -Number(r.score)) : null }
  }

  /** ts_headline of the given documents, over the summary and the start of the body. */
  async #headlines(docIds: number[], websearch: string): Promise<Map<number, string>> {
    const { rows } = await sql<{ doc_id: number; snippet: string | null }>`
      select d.doc_id, ts_headline('english', d.summary || ' ' || left(d.body, ${HEADLINE_CHARACTERS}),
                                   websearch_to_tsquery('english', ${websearch}), ${HEADLINE_OPTIONS}) as snippet
      from search_document d where d.doc_id = any(${docIds})`.execute(this.#db)
    const snippets = new Map<number, string>()
    for (const r of rows) if (r.snippet) snippets.set(Number(r.doc_id), r.snippet)
    return snippets
  }
}
