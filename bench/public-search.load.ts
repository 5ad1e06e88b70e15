/**
 * Load test of the public search page: seeds a database with synthetic published reviews, starts
 * the real server on it, and measures `GET /repository` with wrk (20 connections, 20 s by default)
 * beside the floor `GET /health`, measured the same way in the same run, and the bare full-text
 * query (the match alone, in this process, on the same database). The same URLs repeated are
 * answered from the response cache after the first request; the last line, varied searches, asks
 * a different query, theme and sort on each request (~7,400 combinations, mostly not cached):
 * search itself. Text from `synthetic-corpus.ts`.
 *
 *   ./node_modules/.bin/node bench/public-search.load.ts --reviews 10000 --db /tmp/repo-load.db --reuse
 *   ./node_modules/.bin/node bench/public-search.load.ts --reviews 10000 --database postgres://postgres@127.0.0.1:5432/bench --reuse
 *
 * Flags (defaults): --reviews 400, --db /tmp/repo-load.db (a SQLite file), --database URL (instead of
 * --db: any DATABASE_URL, e.g. an empty PostgreSQL database of its own), --reuse (keep a database that already holds exactly --reviews published reviews
 * instead of seeding again), --seed-only, --varied-only (skip the fixed URLs), --port 3400,
 * --connections 20, --duration 20.
 *
 * Uses `wrk` when it is installed (Debian: apt-get install -y wrk), otherwise a built-in load
 * generator with the same connections and duration (it says which in its first line).
 */
import { execFileSync, spawn } from 'node:child_process'
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { composeServices } from '../src/composition.ts'
import { loadConfig } from '../src/config.ts'
import type { Actor } from '../src/modules/access/actor.ts'
import { AGE_BANDS, REVIEW_TYPES, THEMES } from '../src/modules/published-reviews/published-review.ts'
import { pick as pickFrom, reviewText, rng } from '../src/search/synthetic-corpus.ts'
import { parseQuery, toFts5Query, toWebsearchQuery } from '../src/search/search-query.ts'
import { openDatabase } from '../src/db/database.ts'
import { sql } from 'kysely'

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '400' },
    db: { type: 'string', default: '/tmp/repo-load.db' },
    port: { type: 'string', default: '3400' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
    database: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
    'varied-only': { type: 'boolean', default: false },
  },
})
const reviews = Number(values.reviews)
const databaseUrl = values.database ?? `sqlite:${values.db}`
const postgres = /^postgres(ql)?:/.test(databaseUrl)

async function seed(): Promise<void> {
  if (values.reuse) {
    const services = await composeServices(
      loadConfig({ ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' }),
    )
    const { total } = await services.publishedReviews.search('', { pageSize: 0 })
    await services.close()
    // The demo's own published reviews (36) are there too.
    if (total >= reviews && total < reviews + 100) {
      console.log(
        `reusing ${databaseUrl.replace(/\/\/[^@]*@/, '//')}: ${total} published reviews (the demo's included)`,
      )
      return
    }
    if (postgres) throw new Error(`${databaseUrl} holds ${total} published reviews: give an empty database of its own`)
    console.log(`the database holds ${total} published reviews, not ${reviews}: seeding again`)
  }
  if (!postgres) for (const suffix of ['', '-wal', '-shm']) rmSync(`${values.db}${suffix}`, { force: true })
  const services = await composeServices(
    loadConfig({ ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' }),
  )
  const user = (await services.repositories.users.findByEmail('coordinator@marlshire.example'))!
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: 'coordinator',
    partnershipId: null,
    agencyId: null,
    ip: null,
    userAgent: null,
  }
  const random = rng(7)
  const pick = <T>(list: readonly T[]): T => pickFrom(random, list)
  const started = performance.now()
  for (let i = 0; i < reviews; i++) {
    const themes = [...new Set([pick(THEMES), pick(THEMES), pick(THEMES)])]
    const text = (n: number) => reviewText(random, themes, n)
    await services.publishedReviews.publish(actor, {
      pseudonym: `Child ${i}`,
      year: 2012 + Math.floor(random() * 14),
      area: `Area ${Math.floor(random() * 40)}`,
      region: `Region ${Math.floor(random() * 9)}`,
      reviewType: pick(REVIEW_TYPES),
      childAgeBand: pick(AGE_BANDS),
      themes,
      summary: text(80),
      recommendations: Array.from({ length: 5 }, () => text(20)),
      // About 20 pages of 300 words each.
      documents: [{ title: 'Overview report', html: `<p>${text(6000)}</p>` }],
      confirmedAnonymised: true,
    })
  }
  console.log(`seeded ${reviews} reviews in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  await services.close()
}

/** Query texts of the varied searches (URL-encoded). */
const WORDS = [
  'neglect',
  'county+lines',
  'MARAC',
  'safer+sleep',
  'grooming',
  'FGM',
  'supervision',
  'cannabis',
  'self-harm',
  '%22voice+of+the+child%22',
  'information+sharing',
  'domestic+abuse',
  'escalation',
  'bruising',
  'Snapchat',
  'radicalisation',
  'autism',
  'eviction',
  'interpreter',
  'fabricated',
  'strategy+meeting',
  'school+nurse',
  'housing',
  'alcohol',
  'threshold',
  'foster+placement',
  'knife',
  'overdose',
  'hidden+men',
  'poverty',
  'mental+health',
  'early+help',
  'missing',
  'disclosure',
  'methadone',
  'co-sleeping',
  'ligature',
  'Prevent',
  'head+trauma',
  'disguised+compliance',
]

/**
 * A wrk script that asks a different search on each request, as people search: a query word or
 * phrase, a theme filter or none, sorted by relevance or by date, a page of 1–3 (~7,400
 * combinations), so that most answers are not in the server's response cache: the throughput of
 * search itself.
 */
const VARIED_SCRIPT = `/tmp/public-search-varied-${process.pid}.lua`
writeFileSync(
  VARIED_SCRIPT,
  `local words = {${WORDS.map((w) => `"${w}"`).join(',')}}
local themes = {${THEMES.map((t) => `"${t}"`).join(',')}}
local sorts = {"relevance", "date"}
math.randomseed(os.time())
request = function()
  local path = "/repository?q=" .. words[math.random(#words)] .. "&sort=" .. sorts[math.random(2)] .. "&page=" .. math.random(3)
  if math.random() < 0.5 then path = path .. "&themes=" .. themes[math.random(#themes)] end
  return wrk.format("GET", path)
end
`,
)

function runWrk(url: string, script?: string): { requestsPerSecond: number; latency: string; errors: string } {
  const args = [
    '-t2',
    `-c${values.connections}`,
    `-d${values.duration}s`,
    '--latency',
    ...(script ? ['-s', script] : []),
  ]
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  const latency = /Latency Distribution[\s\S]*?50%\s+(\S+)[\s\S]*?99%\s+(\S+)/.exec(out)
  const errors =
    [/Socket errors:[^\n]+/.exec(out)?.[0], /Non-2xx or 3xx responses: \d+/.exec(out)?.[0]]
      .filter(Boolean)
      .join('; ') || 'none'
  return { requestsPerSecond: rps, latency: latency ? `p50 ${latency[1]}, p99 ${latency[2]}` : '?', errors }
}

/** A varied search path, as the wrk script makes them. */
function variedPath(random: () => number): string {
  let path = `/repository?q=${pickFrom(random, WORDS)}&sort=${random() < 0.5 ? 'relevance' : 'date'}&page=${1 + Math.floor(random() * 3)}`
  if (random() < 0.5) path += `&themes=${pickFrom(random, THEMES)}`
  return path
}

/** One GET on a kept-alive connection; resolves with the status once the body has been read. */
function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

/**
 * The same measure as wrk without wrk (when it is not installed): `connections` kept-alive
 * connections, each sending its next request as soon as the last answer is read, for the duration.
 * It runs in this process, beside the server's, so it takes CPU from the server like wrk does.
 */
async function runNodeLoad(
  url: string,
  varied: boolean,
): Promise<{ requestsPerSecond: number; latency: string; errors: string }> {
  const connections = Number(values.connections)
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const random = rng(11)
  const latencies: number[] = []
  let failed = 0
  const started = performance.now()
  const end = started + Number(values.duration) * 1000
  async function connection(): Promise<void> {
    while (performance.now() < end) {
      const target = varied ? url + variedPath(random).slice('/repository'.length) : url
      const t = performance.now()
      const status = await get(target, agent).catch(() => 0)
      latencies.push(performance.now() - t)
      if (status < 200 || status >= 400) failed++
    }
  }
  await Promise.all(Array.from({ length: connections }, connection))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (p: number) =>
    `${latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1)}ms`
  return {
    requestsPerSecond: latencies.length / seconds,
    latency: `p50 ${at(0.5)}, p99 ${at(0.99)}`,
    errors: failed ? `Non-2xx or 3xx responses: ${failed}` : 'none',
  }
}

const HAVE_WRK = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
})()

/** Measure with wrk when installed, otherwise with the built-in load generator. */
async function load(
  url: string,
  varied = false,
): Promise<{ requestsPerSecond: number; latency: string; errors: string }> {
  if (HAVE_WRK) return runWrk(url, varied ? VARIED_SCRIPT : undefined)
  return runNodeLoad(url, varied)
}

/**
 * The floor: the bare full-text match of each query word (every matching id, nothing else; and
 * the top 20 by rank), timed in this process on the same database, 5 times each, median per
 * word. Returns the mean and the slowest word's median, in ms.
 */
async function bareQueries(): Promise<string> {
  const handle = openDatabase(databaseUrl)
  const texts = WORDS.map((w) => decodeURIComponent(w.replace(/\+/g, ' ')))
  const timed = async (run: (text: string) => Promise<unknown>) => {
    const medians: number[] = []
    for (const text of texts) {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const t = performance.now()
        await run(text)
        times.push(performance.now() - t)
      }
      medians.push(times.sort((a, b) => a - b)[2])
    }
    const mean = medians.reduce((a, b) => a + b, 0) / medians.length
    return `mean ${mean.toFixed(1)} ms, slowest word ${Math.max(...medians).toFixed(1)} ms`
  }
  try {
    if (handle.kind === 'sqlite') {
      const match = (text: string) => toFts5Query(parseQuery(text))
      const all = await timed((text) =>
        sql`select rowid from search_fts where search_fts match ${match(text)}`.execute(handle.db),
      )
      const top = await timed((text) =>
        sql`select rowid from search_fts where search_fts match ${match(text)}
            order by bm25(search_fts, 10.0, 5.0, 1.0) limit 20`.execute(handle.db),
      )
      return `every match: ${all}; top 20 by bm25: ${top}`
    }
    const inTransaction = (statement: (text: string) => ReturnType<typeof sql>) => (text: string) =>
      handle.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx)
        return statement(text).execute(trx)
      })
    const websearch = (text: string) => toWebsearchQuery(parseQuery(text))
    const all = await timed(
      inTransaction(
        (text) =>
          sql`select doc_id from search_document where tsv @@ websearch_to_tsquery('english', ${websearch(text)})`,
      ),
    )
    const top = await timed(
      inTransaction(
        (
          text,
        ) => sql`select doc_id from search_document where tsv @@ websearch_to_tsquery('english', ${websearch(text)})
                      order by ts_rank(rank_tsv, websearch_to_tsquery('english', ${websearch(text)})) desc limit 20`,
      ),
    )
    return `every match: ${all}; top 20 by ts_rank: ${top}`
  } finally {
    await handle.close()
  }
}

await seed()
if (values['seed-only']) process.exit(0)
const server = spawn(process.execPath, ['src/server.ts'], {
  // Production mode, as served: templates are compiled once (in development they are recompiled on every request).
  env: {
    ...process.env,
    PORT: values.port,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
    SECURE_COOKIES: 'true',
    SESSION_SECRET: randomBytes(32).toString('hex'),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const base = `http://127.0.0.1:${values.port}`
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (i > 600) throw new Error('server did not start')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // The first search after a start loads the facet snapshot (as on any server after its first
  // request); done once here so that the first measured line does not time out waiting for it.
  // No match list or snippet is kept by it (it has no query text).
  await fetch(`${base}/repository?sort=date&page=2`).then((r) => r.text())
  console.log(
    `${HAVE_WRK ? 'wrk -t2' : 'built-in load generator (wrk not installed),'} ${values.connections} connections, ${values.duration} s each, ${reviews} reviews, ${postgres ? 'PostgreSQL' : 'SQLite'}`,
  )
  for (const path of values['varied-only']
    ? ['/health']
    : [
        '/health',
        '/repository?q=neglect',
        '/repository?q=neglect&themes=information_sharing',
        '/repository',
        '/repository?q=%22school+nurse%22&sort=date&page=2',
      ]) {
    const r = await load(base + path)
    console.log(
      `${path.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  ${r.latency}  errors: ${r.errors}`,
    )
  }
  console.log(`bare full-text query of the ${WORDS.length} words (in the bench, idle server): ${await bareQueries()}`)
  const r = await load(`${base}/repository`, true)
  console.log(
    `${'varied searches (query, theme, sort, page: ~7,400)'.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  ${r.latency}  errors: ${r.errors}`,
  )
  const after = await load(`${base}/health`)
  console.log(
    `${'/health (again, after)'.padEnd(52)} ${after.requestsPerSecond.toFixed(0).padStart(6)} req/s  ${after.latency}  errors: ${after.errors}`,
  )
} finally {
  server.kill('SIGTERM')
  rmSync(VARIED_SCRIPT, { force: true })
}
