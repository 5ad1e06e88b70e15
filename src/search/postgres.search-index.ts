import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.ts'
import { parseQuery, toWebsearchQuery } from './search-query.ts'
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
 * ts_headline re-parses the text it is given, so it gets the summary and the start of the body
 * only: enough for a useful snippet, bounded cost per result.
 */
const HEADLINE_CHARACTERS = 20_000
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`

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
 * The PostgreSQL full-text search index: an `english` tsvector weighted title A, summary B, body C
 * with a GIN index, `websearch_to_tsquery` (fed only sanitised words), `ts_rank`, `ts_headline`.
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly #db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async index(document: SearchDocument): Promise<void> {
    const title = indexableText(document.title)
    const summary = indexableText(document.summary)
    const body = indexableText(document.body)
    await this.#db.transaction().execute(async (trx) => {
      await deleteDocumentRows(trx, document.id)
      await writeDocumentRows(trx, document, {
        columns: ['body', 'tsv'],
        values: [
          sql`${body}`,
          sql`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${summary}), 'B') || setweight(to_tsvector('english', ${body}), 'C')`,
        ],
      })
    })
  }

  async remove(id: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await deleteDocumentRows(trx, id)
    })
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const websearch = toWebsearchQuery(parseQuery(query))
    const filters = cleanFilters(options.filters)
    const sort = options.sort ?? (websearch ? 'relevance' : 'date')
    const { page, pageSize, offset } = normalisePaging(options)
    const { total, facets } = await countFacets(this.#db, this.#base(websearch, filters), filters)

    let results: SearchResult[] = []
    if (pageSize > 0 && offset < total) {
      const where = sql`${multiFilterSql(filters)} and ${singleFilterSql(filters)}`
      const rows = websearch
        ? (
            await sql<ResultRow>`
              with q as (select websearch_to_tsquery('english', ${websearch}) as q),
              page as (
                select d.doc_id, ts_rank(d.tsv, q.q) as rank, d.year, d.published_at, d.id
                from search_document d, q where d.tsv @@ q.q and ${where}
                order by ${sort === 'relevance' ? sql`rank desc, ${DATE_ORDER}` : DATE_ORDER}
                limit ${pageSize} offset ${offset})
              select d.id, d.title, d.year, d.area, d.review_type, d.published_at, d.summary,
                     ts_headline('english', d.summary || ' ' || left(d.body, ${HEADLINE_CHARACTERS}), q.q, ${HEADLINE_OPTIONS}) as snippet
              from page p join search_document d on d.doc_id = p.doc_id, q
              order by ${sort === 'relevance' ? sql`p.rank desc, ${DATE_ORDER}` : DATE_ORDER}`.execute(this.#db)
          ).rows
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
        snippet:
          row.snippet && row.snippet.includes(HIGHLIGHT_START) ? toSegments(row.snippet) : leadSnippet(row.summary),
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
    const websearch = toWebsearchQuery(parseQuery(query))
    const clean = cleanFilters(filters)
    const { rows } = await sql<{ id: string }>`
      with base as materialized (${this.#base(websearch, clean)})
      select s.id from base d join search_document s on s.doc_id = d.doc_id
      where ${singleFilterSql(clean)} order by s.id limit ${Math.max(0, Math.floor(limit))}`.execute(this.#db)
    return rows.map((r) => r.id)
  }

  #base(websearch: string | null, filters: SearchFilters): RawBuilder<unknown> {
    return websearch
      ? sql`select ${BASE_COLUMNS} from search_document d
            where d.tsv @@ websearch_to_tsquery('english', ${websearch}) and ${multiFilterSql(filters)}`
      : sql`select ${BASE_COLUMNS} from search_document d where ${multiFilterSql(filters)}`
  }
}
