import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import {
  MULTI_FACETS,
  SINGLE_FACET_COLUMNS,
  SINGLE_FACETS,
  type SearchDocument,
  type SearchFilters,
} from './search-index.ts'

/**
 * SQL shared by both engines: cleaning filters and writing the rows outside the full-text part.
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
