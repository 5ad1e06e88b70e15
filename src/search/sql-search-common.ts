import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import {
  FACET_NAMES,
  MULTI_FACETS,
  SINGLE_FACET_COLUMNS,
  SINGLE_FACETS,
  sortFacetCounts,
  type FacetCount,
  type FacetName,
  type SearchDocument,
  type SearchFilters,
  type SingleFacet,
} from './search-index.ts'

/**
 * SQL shared by both engines: filters, facet counting and the rows outside the full-text part.
 * Column names come only from the fixed SINGLE_FACET_COLUMNS map; every value is a parameter.
 */

/** Filters with empty values dropped and years as numbers. Never throws. */
export function cleanFilters(filters: SearchFilters | undefined): SearchFilters {
  const out: Record<string, unknown> = {}
  if (!filters) return {}
  for (const facet of SINGLE_FACETS) {
    const value = filters[facet]
    if (value === undefined || value === null || value === '') continue
    if (facet === 'year') {
      const year = Number(value)
      // A year that is not a number can match nothing; keep it as an impossible filter.
      out.year = Number.isInteger(year) ? year : -1
    } else out[facet] = String(value)
  }
  for (const facet of MULTI_FACETS) {
    const values = filters[facet]
    if (Array.isArray(values)) {
      const kept = [...new Set(values.filter((v) => typeof v === 'string' && v !== ''))]
      if (kept.length > 0) out[facet] = kept
    }
  }
  return out as SearchFilters
}

/** `and`-joined conditions on alias `d` for the single-valued filters, except `exclude`. */
export function singleFilterSql(filters: SearchFilters, exclude?: SingleFacet): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`]
  for (const facet of SINGLE_FACETS) {
    const value = filters[facet]
    if (value === undefined || facet === exclude) continue
    parts.push(sql`d.${sql.raw(SINGLE_FACET_COLUMNS[facet])} = ${value}`)
  }
  return sql.join(parts, sql` and `)
}

/** `and`-joined conditions on alias `d` requiring every selected theme and agency. */
export function multiFilterSql(filters: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`]
  for (const facet of MULTI_FACETS) {
    for (const value of filters[facet] ?? []) {
      parts.push(sql`d.doc_id in (select doc_id from search_facet where facet = ${facet} and value = ${value})`)
    }
  }
  return sql.join(parts, sql` and `)
}

/**
 * One statement that counts every facet and the total over `base` (a CTE of matched rows with the
 * single facet columns, already restricted by the query and the multi-valued filters).
 */
export async function countFacets(
  db: Kysely<Database>,
  baseCte: RawBuilder<unknown>,
  filters: SearchFilters,
): Promise<{ total: number; facets: Record<FacetName, FacetCount[]> }> {
  const branches: RawBuilder<unknown>[] = [
    sql`select '_total' as facet, '' as value, count(*) as n from base d where ${singleFilterSql(filters)}`,
  ]
  for (const facet of SINGLE_FACETS) {
    const column = sql.raw(SINGLE_FACET_COLUMNS[facet])
    branches.push(
      sql`select ${facet} as facet, cast(d.${column} as text) as value, count(*) as n from base d
          where d.${column} is not null and ${singleFilterSql(filters, facet)} group by d.${column}`,
    )
  }
  for (const facet of MULTI_FACETS) {
    branches.push(
      sql`select ${facet} as facet, f.value as value, count(*) as n from base d join search_facet f on f.doc_id = d.doc_id
          where f.facet = ${facet} and ${singleFilterSql(filters)} group by f.value`,
    )
  }
  const { rows } = await sql<{ facet: string; value: string; n: number | string }>`
    with base as materialized (${baseCte})
    ${sql.join(branches, sql` union all `)}`.execute(db)
  const facets = Object.fromEntries(FACET_NAMES.map((f) => [f, [] as FacetCount[]])) as Record<FacetName, FacetCount[]>
  let total = 0
  for (const row of rows) {
    if (row.facet === '_total') total = Number(row.n)
    else facets[row.facet as FacetName].push({ value: String(row.value), count: Number(row.n) })
  }
  for (const facet of FACET_NAMES) sortFacetCounts(facet, facets[facet])
  return { total, facets }
}

/** The single facet columns of `search_document`, selected from alias `d`. */
export const BASE_COLUMNS = sql.raw(
  ['d.doc_id', ...SINGLE_FACETS.map((f) => `d.${SINGLE_FACET_COLUMNS[f]}`)].join(', '),
)

/**
 * Replace a document's rows in `search_document` and `search_facet`; returns the new doc_id.
 * `extra` adds dialect columns to the insert (the PostgreSQL body and tsvector).
 */
export async function writeDocumentRows(
  trx: Transaction<Database>,
  document: SearchDocument,
  extra: { columns: string[]; values: RawBuilder<unknown>[] } = { columns: [], values: [] },
): Promise<number> {
  const f = document.facets
  const year = f.year === null || f.year === undefined || f.year === '' ? null : Number(f.year)
  const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? null : String(v))
  const columns = [
    'id',
    'title',
    'summary',
    'area',
    'published_at',
    'year',
    ...SINGLE_FACETS.filter((s) => s !== 'year').map((s) => SINGLE_FACET_COLUMNS[s]),
    ...extra.columns,
  ]
  const values: RawBuilder<unknown>[] = [
    sql`${document.id}`,
    sql`${document.title}`,
    sql`${document.summary}`,
    sql`${document.area}`,
    sql`${document.publishedAt}`,
    sql`${Number.isFinite(year) ? year : null}`,
    ...SINGLE_FACETS.filter((s) => s !== 'year').map((s) => sql`${text(f[s])}`),
    ...extra.values,
  ]
  const { rows } = await sql<{ doc_id: number | string }>`
    insert into search_document (${sql.raw(columns.join(', '))}) values (${sql.join(values)}) returning doc_id`.execute(
    trx,
  )
  const docId = Number(rows[0].doc_id)
  const facetRows = MULTI_FACETS.flatMap((facet) => [...new Set(f[facet] ?? [])].map((value) => ({ facet, value })))
  if (facetRows.length > 0) {
    await trx
      .insertInto('search_facet')
      .values(facetRows.map((r) => ({ doc_id: docId, facet: r.facet, value: r.value })))
      .execute()
  }
  return docId
}

/** Delete a document's rows by id; returns its old doc_id, or null when it was not indexed. */
export async function deleteDocumentRows(trx: Transaction<Database>, id: string): Promise<number | null> {
  const existing = await trx.selectFrom('search_document').select('doc_id').where('id', '=', id).executeTakeFirst()
  if (!existing) return null
  const docId = Number(existing.doc_id)
  await trx.deleteFrom('search_facet').where('doc_id', '=', docId).execute()
  await trx.deleteFrom('search_document').where('doc_id', '=', docId).execute()
  return docId
}

/** `order by` for the date sort on alias `d`. */
export const DATE_ORDER = sql`d.year desc, d.published_at desc, d.id`
