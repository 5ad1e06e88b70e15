import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { testDatabases } from '../../test/support/databases.ts'
import type { DatabaseHandle } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Database } from '../db/schema.ts'
import { createSearchIndex } from './create-search-index.ts'
import { parseQuery, toFts5Query, toWebsearchQuery } from './search-query.ts'
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
  type SearchSort,
} from './search-index.ts'
import { pick, reviewText, rng } from './synthetic-corpus.ts'

/**
 * The in-memory path (facet snapshot, ordered match lists, kept snippets) against plain SQL on the
 * same seeded set: totals, every facet's counts, the order and each page must be the ones that
 * GROUP BY, ORDER BY and LIMIT/OFFSET give.
 */

const THEMES = ['neglect', 'domestic_abuse', 'criminal_exploitation', 'mental_health', 'information_sharing']
const AGENCIES = ['police', 'health', 'education', 'housing']
const REGIONS = ['North West', 'London', 'South East', null]

function corpus(size: number): SearchDocument[] {
  const r = rng(5)
  return Array.from({ length: size }, (_, i) => {
    const themes = [...new Set([pick(r, THEMES), pick(r, THEMES)])]
    // Some documents without a year or region; several with the same date (ties ordered by id).
    const year = r() < 0.1 ? null : 2015 + Math.floor(r() * 8)
    return {
      id: `doc-${String(i).padStart(4, '0')}`,
      title: `Review ${i}`,
      summary: reviewText(r, themes, 30),
      body: reviewText(r, themes, 400),
      publishedAt: `20${15 + Math.floor(r() * 8)}-0${1 + Math.floor(r() * 3)}-01T00:00:00.000Z`,
      area: `Area ${i % 7}`,
      facets: {
        year,
        region: pick(r, REGIONS),
        partnership: null,
        reviewType: pick(r, ['lcspr', 'scr', 'other']),
        natureOfIncident: pick(r, ['death', 'serious_harm']),
        childAgeBand: pick(r, ['under_1', '1_4', '10_15', null]),
        sex: pick(r, ['female', 'male']),
        ethnicGroup: null,
        reviewModel: null,
        themes,
        agencies: [...new Set([pick(r, AGENCIES), pick(r, AGENCIES)])],
      },
    }
  })
}

/** The answer plain SQL gives: matches, filters as WHERE, counts by GROUP BY, order and page by SQL. */
async function sqlAnswer(
  handle: DatabaseHandle,
  query: string,
  filters: SearchFilters,
  sort: SearchSort,
  page: number,
  pageSize: number,
): Promise<{ total: number; ids: string[]; facets: Record<FacetName, FacetCount[]> }> {
  const db = handle.db as Kysely<Database>
  const postgres = handle.kind === 'postgres'
  const fts = toFts5Query(parseQuery(query))
  const websearch = toWebsearchQuery(parseQuery(query))
  const hasText = postgres ? websearch !== null : fts !== null
  const tsquery = sql`websearch_to_tsquery('english', ${websearch})`
  const matchCondition = !hasText
    ? sql`1 = 1`
    : postgres
      ? sql`d.tsv @@ ${tsquery}`
      : sql`d.doc_id in (select rowid from search_fts where search_fts match ${fts})`
  const conditions = (except: FacetName | null) => {
    const parts = [matchCondition]
    for (const facet of SINGLE_FACETS) {
      const value = filters[facet]
      if (value === undefined || facet === except) continue
      parts.push(sql`d.${sql.raw(SINGLE_FACET_COLUMNS[facet])} = ${facet === 'year' ? Number(value) : String(value)}`)
    }
    for (const facet of MULTI_FACETS)
      for (const value of filters[facet] ?? [])
        parts.push(
          sql`exists (select 1 from search_facet f where f.doc_id = d.doc_id and f.facet = ${facet} and f.value = ${value})`,
        )
    return sql.join(parts, sql` and `)
  }
  const facets = {} as Record<FacetName, FacetCount[]>
  for (const facet of FACET_NAMES) {
    const multi = (MULTI_FACETS as readonly string[]).includes(facet)
    const { rows } = multi
      ? await sql<{ value: string; count: number }>`
          select g.value as value, count(*) as count from search_document d
          join search_facet g on g.doc_id = d.doc_id and g.facet = ${facet}
          where ${conditions(null)} group by g.value`.execute(db)
      : await sql<{ value: string; count: number }>`
          select d.${sql.raw(SINGLE_FACET_COLUMNS[facet as 'year'])} as value, count(*) as count from search_document d
          where ${conditions(facet)} and d.${sql.raw(SINGLE_FACET_COLUMNS[facet as 'year'])} is not null
          group by d.${sql.raw(SINGLE_FACET_COLUMNS[facet as 'year'])}`.execute(db)
    facets[facet] = sortFacetCounts(
      facet,
      rows.map((r) => ({ value: String(r.value), count: Number(r.count) })),
    )
  }
  const ranked = hasText && sort === 'relevance'
  const dateOrder = postgres
    ? sql`d.year desc, d.published_at collate "C" desc, d.id collate "C"`
    : sql`d.year desc, d.published_at desc, d.id`
  const { rows } = !ranked
    ? await sql<{ id: string }>`select d.id from search_document d where ${conditions(null)}
        order by ${dateOrder} limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db)
    : postgres
      ? await sql<{ id: string }>`select d.id from search_document d where ${conditions(null)}
          order by ts_rank(d.rank_tsv, ${tsquery}) desc, ${dateOrder} limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(
          db,
        )
      : await sql<{ id: string }>`select d.id from search_document d join search_fts on search_fts.rowid = d.doc_id
          where search_fts match ${fts} and ${conditions(null)}
          order by bm25(search_fts, 10.0, 5.0, 1.0), ${dateOrder} limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(
          db,
        )
  const { rows: counted } = await sql<{ n: number }>`
    select count(*) as n from search_document d where ${conditions(null)}`.execute(db)
  return { total: Number(counted[0].n), ids: rows.map((r) => r.id), facets }
}

const QUERIES = ['', 'neglect', 'county lines', 'MARAC OR grooming', '"information sharing"', 'supervision -housing']
const FILTERS: SearchFilters[] = [
  {},
  { themes: ['neglect'] },
  { themes: ['neglect', 'domestic_abuse'], agencies: ['police'] },
  { region: 'London' },
  { year: 2019, childAgeBand: 'under_1' },
  { reviewType: 'scr', themes: ['mental_health'] },
  { region: 'Nowhere' },
]

for (const database of testDatabases()) {
  describe(`in-memory search path on ${database.name}`, () => {
    test('totals, facet counts, order and pages equal plain SQL on a seeded set', async () => {
      const handle = await database.open()
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        const index = createSearchIndex(handle)
        for (const d of corpus(240)) await index.index(d)
        let compared = 0
        for (const query of QUERIES)
          for (const filters of FILTERS)
            for (const sort of ['relevance', 'date'] as const)
              // Pages 1, 2 and 3 of 7: paging through the same kept match list.
              for (const page of [1, 2, 3]) {
                const label = JSON.stringify({ query, filters, sort, page })
                const got = await index.search(query, { filters, sort, page, pageSize: 7 })
                const want = await sqlAnswer(handle, query, filters, sort, page, 7)
                assert.equal(got.total, want.total, label)
                assert.deepEqual(
                  got.results.map((r) => r.id),
                  want.ids,
                  label,
                )
                assert.deepEqual(got.facets, want.facets, label)
                compared++
              }
        assert.equal(compared, QUERIES.length * FILTERS.length * 2 * 3)
        // Something was found for most of them (the test is not comparing empty answers).
        assert.ok((await index.search('neglect')).total > 50)
      } finally {
        await handle.close()
      }
    })
  })
}
