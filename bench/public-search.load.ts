/**
 * Load test of the public search page: seeds a SQLite file with synthetic published reviews,
 * starts the real server on it, and measures `GET /repository` with wrk (20 connections, 20 s by
 * default) beside the floor `GET /health`, measured the same way in the same run. The same URLs
 * repeated are answered from the response cache after the first request; the last line, varied
 * searches, measures search itself (most requests miss the cache). Text from `synthetic-corpus.ts`.
 *
 *   ./node_modules/.bin/node bench/public-search.load.ts --reviews 400 --db /tmp/repo-load.db --port 3400
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

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '400' },
    db: { type: 'string', default: '/tmp/repo-load.db' },
    port: { type: 'string', default: '3400' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
  },
})
const reviews = Number(values.reviews)
const databaseUrl = `sqlite:${values.db}`

async function seed(): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${values.db}${suffix}`, { force: true })
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
 * A wrk script that asks a different search on each request (a query word or phrase, a theme
 * filter or none, a page of 1–3: ~3,700 combinations), so that most answers are not in the
 * server's response cache: the throughput of search itself.
 */
const VARIED_SCRIPT = `/tmp/public-search-varied-${process.pid}.lua`
writeFileSync(
  VARIED_SCRIPT,
  `local words = {${WORDS.map((w) => `"${w}"`).join(',')}}
local themes = {${THEMES.map((t) => `"${t}"`).join(',')}}
math.randomseed(os.time())
request = function()
  local path = "/repository?q=" .. words[math.random(#words)] .. "&page=" .. math.random(3)
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
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors:[^\n]+/.exec(out)?.[0] ?? 'none'
  return { requestsPerSecond: rps, latency: latency ? `p50 ${latency[1]}, p99 ${latency[2]}` : '?', errors }
}

/** A varied search path, as the wrk script makes them. */
function variedPath(random: () => number): string {
  let path = `/repository?q=${pickFrom(random, WORDS)}&page=${1 + Math.floor(random() * 3)}`
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

await seed()
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
  console.log(
    `${HAVE_WRK ? 'wrk -t2' : 'built-in load generator (wrk not installed),'} ${values.connections} connections, ${values.duration} s each, ${reviews} reviews, SQLite`,
  )
  for (const path of [
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
  const r = await load(`${base}/repository`, true)
  console.log(
    `${'varied searches (~3,700 kinds, mostly not cached)'.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  ${r.latency}  errors: ${r.errors}`,
  )
} finally {
  server.kill('SIGTERM')
  rmSync(VARIED_SCRIPT, { force: true })
}
