/**
 * Search benchmark: a synthetic collection of published reviews, indexed on SQLite (file in /tmp)
 * and on PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set). Prints indexing
 * throughput, index size, and the median / p95 of 50 mixed queries (facets, snippets, pagination)
 * beside the floor measured in the same run: the same text queries against the bare full-text
 * index (top 20 by rank, no facets, no snippets).
 *
 *   ./node_modules/.bin/node bench/search.bench.ts --reviews 10000 --min-pages 20 --max-pages 60 --words-per-page 300
 *
 * Flags (defaults): --reviews 10000, --min-pages 20, --max-pages 60, --words-per-page 300, --queries 50,
 * --slowest 0 (print the N slowest queries), --only sqlite|postgres (one backend), --pg-schema NAME (keep the
 * PostgreSQL collection in that schema and reuse it when it exists), --sqlite-file PATH (keep the SQLite file and reuse it
 * when it exists, skipping indexing and PostgreSQL: for iterating on queries).
 */
import { existsSync, rmSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { parseQuery, toFts5Query, toWebsearchQuery } from '../src/search/search-query.ts'
import { createSearchIndex } from '../src/search/create-search-index.ts'
import type { SearchDocument, SearchOptions } from '../src/search/search-index.ts'
import { AGE_BANDS, ETHNIC_GROUPS, REVIEW_TYPES, THEMES } from '../src/modules/published-reviews/published-review.ts'
import { pick, reviewText, rng } from '../src/search/synthetic-corpus.ts'

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '10000' },
    'min-pages': { type: 'string', default: '20' },
    'max-pages': { type: 'string', default: '60' },
    'words-per-page': { type: 'string', default: '300' },
    queries: { type: 'string', default: '50' },
    /** Keep the SQLite file here and reuse it when it exists (indexing skipped): for iterating on queries. */
    'sqlite-file': { type: 'string' },
    /** Print the slowest N mixed queries. */
    slowest: { type: 'string', default: '0' },
    /** Keep the PostgreSQL collection in this schema and reuse it when it exists (indexing skipped). */
    'pg-schema': { type: 'string' },
    /** Run one backend only: `sqlite` or `postgres` (both by default). */
    only: { type: 'string' },
  },
})
const REVIEWS = Number(values.reviews)
const MIN_PAGES = Number(values['min-pages'])
const MAX_PAGES = Number(values['max-pages'])
const WORDS_PER_PAGE = Number(values['words-per-page'])
const QUERIES = Number(values.queries)

const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
]
const AGENCIES = [
  'police',
  'childrens_social_care',
  'health_visiting',
  'gp',
  'education',
  'early_years',
  'midwifery',
  'emergency_department',
  'camhs',
  'adult_mental_health',
  'substance_misuse',
  'housing',
  'probation',
  'youth_justice',
]
const MODELS = ['systems (SCIE Learning Together)', 'traditional', 'appreciative inquiry', 'hybrid']

function generate(i: number): SearchDocument {
  const r = rng(i + 1)
  const year = 2012 + Math.floor(r() * 14)
  const pages = MIN_PAGES + Math.floor(r() * (MAX_PAGES - MIN_PAGES + 1))
  const words = pages * WORDS_PER_PAGE
  const themes = [...new Set(Array.from({ length: 2 + Math.floor(r() * 5) }, () => pick(r, THEMES)))]
  const summary = reviewText(r, themes, 120)
  const body = reviewText(r, themes, words)
  const partnership = `${pick(r, ['Northam', 'Westbury', 'Eastleigh', 'Southmoor', 'Midvale', 'Hartland', 'Kelby', 'Ransford'])} Safeguarding Children Partnership`
  const area = r() < 0.3 ? 'Anonymous' : partnership.replace(' Safeguarding Children Partnership', '')
  const pseudonym = `${pick(r, ['Child', 'Baby'])} ${String.fromCharCode(65 + (i % 26))}${i % 7 === 0 ? String.fromCharCode(65 + (i % 23)) : ''}`
  return {
    id: `review-${i}`,
    title: `${year} – ${area} – ${pseudonym}`,
    summary,
    body,
    publishedAt: `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15T00:00:00.000Z`,
    area,
    facets: {
      year,
      region: pick(r, REGIONS),
      partnership: area === 'Anonymous' ? null : partnership,
      reviewType: pick(r, REVIEW_TYPES),
      natureOfIncident: r() < 0.45 ? 'death' : 'serious_harm',
      childAgeBand: pick(r, AGE_BANDS),
      sex: r() < 0.5 ? 'female' : 'male',
      ethnicGroup: pick(r, ETHNIC_GROUPS),
      reviewModel: pick(r, MODELS),
      themes,
      agencies: [...new Set(Array.from({ length: 3 + Math.floor(r() * 5) }, () => pick(r, AGENCIES)))],
    },
  }
}

const TEXT_QUERIES = [
  'neglect',
  'neglected',
  '"voice of the child"',
  'domestic abuse',
  'safer sleep',
  'county lines',
  'strategy discussion',
  'cannabis',
  'bruising baby',
  'supervision',
  'threshold',
  'MARAC',
  '"temporary accommodation"',
  'grooming',
  'self-harm',
  'early help',
  'mother partner',
  'attendance',
  'escalated',
  'fabricated illness',
  '',
  'neglect OR abuse',
  'information -MARAC',
  'information sharing',
  'FGM',
  'subdural haemorrhage',
  'Snapchat',
  '"disguised compliance"',
  'child protection plan',
]

function mixedQueries(): { text: string; options: SearchOptions }[] {
  const r = rng(4242)
  return Array.from({ length: QUERIES }, (_, i) => {
    const filters: Record<string, unknown> = {}
    if (r() < 0.5) filters.themes = [pick(r, THEMES)]
    if (r() < 0.3) filters.year = 2012 + Math.floor(r() * 14)
    if (r() < 0.3) filters.region = pick(r, REGIONS)
    if (r() < 0.2) filters.childAgeBand = pick(r, AGE_BANDS)
    if (r() < 0.2) filters.agencies = [pick(r, AGENCIES)]
    return {
      text: TEXT_QUERIES[i % TEXT_QUERIES.length],
      options: { filters, page: 1 + Math.floor(r() * 3), pageSize: 20, sort: r() < 0.8 ? 'relevance' : 'date' },
    }
  })
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const fmt = (ms: number) => `${ms.toFixed(1)} ms`

async function run(name: string, handle: DatabaseHandle, sizeOf: () => Promise<number>, reuse = false): Promise<void> {
  await migrateToLatest(handle.db as never, handle.schema)
  const index = createSearchIndex(handle)
  let words = 0
  const started = performance.now()
  for (let i = 0; i < (reuse ? 0 : REVIEWS); i++) {
    const d = generate(i)
    words += (d.body.length + d.summary.length) / 6
    await index.index(d)
    if ((i + 1) % 1000 === 0) process.stderr.write(`  ${name}: indexed ${i + 1}\n`)
  }
  const seconds = (performance.now() - started) / 1000
  if (handle.kind === 'postgres') await sql`analyze`.execute(handle.db)
  const size = await sizeOf()

  const queries = mixedQueries()
  for (const q of queries.slice(0, 5)) await index.search(q.text, q.options) // warm caches
  const full: number[] = []
  const floor: number[] = []
  const timed: { ms: number; q: (typeof queries)[number] }[] = []
  for (const q of queries) {
    let t = performance.now()
    await index.search(q.text, q.options)
    full.push(performance.now() - t)
    timed.push({ ms: full[full.length - 1], q })
    const parsed = parseQuery(q.text)
    t = performance.now()
    if (handle.kind === 'sqlite') {
      const match = toFts5Query(parsed)
      if (match)
        await sql`select rowid from search_fts where search_fts match ${match} order by bm25(search_fts, 10.0, 5.0, 1.0) limit 20`.execute(
          handle.db,
        )
      else await sql`select doc_id from search_document order by year desc limit 20`.execute(handle.db)
    } else {
      const ws = toWebsearchQuery(parsed)
      if (ws)
        await sql`select doc_id from search_document, websearch_to_tsquery('english', ${ws}) q where tsv @@ q order by ts_rank(tsv, q) desc limit 20`.execute(
          handle.db,
        )
      else await sql`select doc_id from search_document order by year desc limit 20`.execute(handle.db)
    }
    floor.push(performance.now() - t)
  }
  // How common each text is: share of the collection it matches (realistic: a few near 100%, most far fewer).
  const share: string[] = []
  for (const text of TEXT_QUERIES.filter(Boolean)) {
    const { total } = await index.search(text, { pageSize: 0 })
    share.push(`${text} ${Math.round((100 * total) / REVIEWS)}%`)
  }
  timed.sort((a, b) => b.ms - a.ms)
  for (const { ms, q } of timed.slice(0, Number(values.slowest)))
    console.log(`  slow: ${fmt(ms)} ${JSON.stringify(q.text)} ${JSON.stringify(q.options)}`)
  full.sort((a, b) => a - b)
  floor.sort((a, b) => a - b)
  console.log(
    `\n${name}: ${REVIEWS} reviews, ${MIN_PAGES}–${MAX_PAGES} pages of ~${WORDS_PER_PAGE} words (~${Math.round(words / 1e6)}M words)`,
  )
  if (reuse) console.log('  indexing: skipped (collection reused)')
  else
    console.log(
      `  indexing: ${seconds.toFixed(1)} s, ${(REVIEWS / seconds).toFixed(1)} reviews/s, ${Math.round(words / seconds / 1000)}k words/s`,
    )
  console.log(`  share of reviews matched: ${share.join(', ')}`)
  console.log(`  size (tables and indexes): ${(size / 1024 / 1024).toFixed(0)} MB`)
  console.log(
    `  ${QUERIES} mixed queries (facets, snippets, paging): median ${fmt(percentile(full, 50))}, p95 ${fmt(percentile(full, 95))}`,
  )
  console.log(
    `  floor, same text on the bare full-text index:        median ${fmt(percentile(floor, 50))}, p95 ${fmt(percentile(floor, 95))}`,
  )
}

const file = values['sqlite-file'] ?? `/tmp/case-review-search-bench-${process.pid}.db`
const reuse = values['sqlite-file'] !== undefined && existsSync(file)
const sqliteHandle = openDatabase(`sqlite:${file}`)
try {
  if (values.only !== 'postgres')
    await run(
      'SQLite FTS5',
      sqliteHandle,
      async () => {
        await sql`pragma wal_checkpoint(truncate)`.execute(sqliteHandle.db)
        return statSync(file).size
      },
      reuse,
    )
} finally {
  await sqliteHandle.close()
  if (values['sqlite-file'] === undefined)
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (url && values['sqlite-file'] === undefined && values.only !== 'sqlite') {
  const keep = values['pg-schema'] !== undefined
  const schema = values['pg-schema'] ?? `bench_${process.pid}`
  const admin = openDatabase(url)
  const { rows: existing } = await sql<{
    n: number
  }>`select count(*) as n from information_schema.tables where table_schema = ${schema} and table_name = 'search_document'`.execute(
    admin.db,
  )
  const reusePg = keep && Number(existing[0].n) > 0
  await sql`create schema if not exists ${sql.id(schema)}`.execute(admin.db)
  const handle = openDatabase(url, { schema })
  try {
    await run(
      'PostgreSQL',
      handle,
      async () => {
        const { rows } = await sql<{
          n: number
        }>`select sum(pg_total_relation_size(c.oid))::bigint as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = ${schema} and c.relkind = 'r'`.execute(
          handle.db,
        )
        return Number(rows[0].n)
      },
      reusePg,
    )
  } finally {
    await handle.close()
    if (!keep) await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db)
    await admin.close()
  }
} else {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)')
}
