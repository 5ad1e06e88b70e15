import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.ts'
import { parseQuery, toFts5Query } from './search-query.ts'
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  indexableText,
  leadSnippet,
  normalisePaging,
  toSegments,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
  type SearchOptions,
  type SearchResponse,
  type SearchResult,
} from './search-index.ts'
import {
  BASE_COLUMNS,
  DATE_ORDER,
  cleanFilters,
  countFacets,
  deleteDocumentRows,
  multiFilterSql,
  singleFilterSql,
  writeDocumentRows,
} from './sql-search-common.ts'

/**
 * BM25 weights of the FTS5 columns (title, summary, body): a word in the title counts ten times a
 * word in the body, in the summary five times, so a review about neglect outranks one that
 * mentions it once in 40 pages.
 */
const BM25 = sql.raw('bm25(search_fts, 10.0, 5.0, 1.0)')
/** Tokens of context around the matched words in a snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 32

interface ResultRow {
  id: string
  title: string
  year: number | null
  area: string
  review_type: string | null
  published_at: string
  summary: string
  snippet: string | null
}

/**
 * The SQLite FTS5 search index: porter stemming over unicode61 tokens, BM25 ranking, snippet().
 * Uses the tables made by migration 2026_11_25_2310 (`search_document`, `search_facet`, `search_fts`).
 */
export class SqliteFts5SearchIndex implements SearchIndex {
  readonly #db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async index(document: SearchDocument): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const old = await deleteDocumentRows(trx, document.id)
      if (old !== null) await sql`delete from search_fts where rowid = ${old}`.execute(trx)
      const docId = await writeDocumentRows(trx, document)
      await sql`insert into search_fts (rowid, title, summary, body)
                values (${docId}, ${indexableText(document.title)}, ${indexableText(document.summary)}, ${indexableText(document.body)})`.execute(
        trx,
      )
    })
  }

  async remove(id: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const old = await deleteDocumentRows(trx, id)
      if (old !== null) await sql`delete from search_fts where rowid = ${old}`.execute(trx)
    })
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const match = toFts5Query(parseQuery(query))
    const filters = cleanFilters(options.filters)
    const sort = options.sort ?? (match ? 'relevance' : 'date')
    const { page, pageSize, offset } = normalisePaging(options)
    const { total, facets } = await countFacets(this.#db, this.#base(match, filters), filters)

    let results: SearchResult[] = []
    if (pageSize > 0 && offset < total) {
      const where = sql`${multiFilterSql(filters)} and ${singleFilterSql(filters)}`
      const rows = match
        ? await this.#pageWithSnippets(
            sql`
              select d.doc_id, d.id, d.title, d.year, d.area, d.review_type, d.published_at, d.summary
              from search_fts join search_document d on d.doc_id = search_fts.rowid
              where search_fts match ${match} and ${where}
              order by ${sort === 'relevance' ? sql`${BM25}, ${DATE_ORDER}` : DATE_ORDER}
              limit ${pageSize} offset ${offset}`,
            match,
          )
        : (
            await sql<ResultRow>`
              select d.id, d.title, d.year, d.area, d.review_type, d.published_at, d.summary, null as snippet
              from search_document d where ${where}
              order by ${DATE_ORDER} limit ${pageSize} offset ${offset}`.execute(this.#db)
          ).rows
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
    const clean = cleanFilters(filters)
    const { rows } = await sql<{ id: string }>`
      with base as materialized (${this.#base(match, clean)})
      select s.id from base d join search_document s on s.doc_id = d.doc_id
      where ${singleFilterSql(clean)} order by s.id limit ${Math.max(0, Math.floor(limit))}`.execute(this.#db)
    return rows.map((r) => r.id)
  }

  /**
   * The page's rows, then the snippets of those rows only: `snippet()` in the ranked query would be
   * computed for every match before the sort and limit (about 5 ms per long report).
   */
  async #pageWithSnippets(page: RawBuilder<unknown>, match: string): Promise<ResultRow[]> {
    const rows = (await (page as RawBuilder<ResultRow & { doc_id: number }>).execute(this.#db)).rows
    if (rows.length === 0) return []
    const snippets = new Map(
      (
        await sql<{ doc_id: number; snippet: string }>`
          select search_fts.rowid as doc_id,
                 snippet(search_fts, -1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ' … ', ${SNIPPET_TOKENS}) as snippet
          from search_fts
          where search_fts match ${match} and search_fts.rowid in (${sql.join(rows.map((r) => Number(r.doc_id)))})`.execute(
          this.#db,
        )
      ).rows.map((r) => [Number(r.doc_id), r.snippet]),
    )
    return rows.map((r) => ({ ...r, snippet: snippets.get(Number(r.doc_id)) ?? null }))
  }

  /** Matched documents with their facet columns, restricted by the multi-valued filters. */
  #base(match: string | null, filters: SearchFilters): RawBuilder<unknown> {
    return match
      ? sql`select ${BASE_COLUMNS} from search_fts join search_document d on d.doc_id = search_fts.rowid
            where search_fts match ${match} and ${multiFilterSql(filters)}`
      : sql`select ${BASE_COLUMNS} from search_document d where ${multiFilterSql(filters)}`
  }
}
