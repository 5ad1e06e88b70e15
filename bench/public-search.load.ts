/**
 * Load test of the public search page: seeds a SQLite file with synthetic published reviews,
 * starts the real server on it, and measures `GET /repository` with wrk (20 connections, 20 s by
 * default) beside the floor `GET /health`, measured the same way in the same run.
 *
 *   ./node_modules/.bin/node bench/public-search.load.ts --reviews 400 --db /tmp/repo-load.db --port 3400
 *
 * Needs `wrk` (Debian: apt-get install -y wrk).
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { composeServices } from '../src/composition.ts'
import { loadConfig } from '../src/config.ts'
import type { Actor } from '../src/modules/access/actor.ts'
import { AGE_BANDS, REVIEW_TYPES, THEMES } from '../src/modules/repository/published-review.ts'

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

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const WORDS =
  'neglect bruising school nurse health visitor police social worker assessment referral strategy meeting child protection plan mother father partner housing mental health alcohol drugs domestic abuse missing exploitation county lines hospital emergency department injury fracture sleep infant baby teenager escalation supervision information sharing voice of the child'.split(
    ' ',
  )

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
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const text = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ')
  const started = performance.now()
  for (let i = 0; i < reviews; i++) {
    const themes = [...new Set([pick(THEMES), pick(THEMES), pick(THEMES)])]
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

function wrk(url: string): { requestsPerSecond: number; latency: string; errors: string } {
  const out = execFileSync('wrk', ['-t2', `-c${values.connections}`, `-d${values.duration}s`, '--latency', url], {
    encoding: 'utf8',
  })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  const latency = /Latency Distribution[\s\S]*?50%\s+(\S+)[\s\S]*?99%\s+(\S+)/.exec(out)
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors:[^\n]+/.exec(out)?.[0] ?? 'none'
  return { requestsPerSecond: rps, latency: latency ? `p50 ${latency[1]}, p99 ${latency[2]}` : '?', errors }
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
  console.log(`wrk -t2 -c${values.connections} -d${values.duration}s, ${reviews} reviews, SQLite`)
  for (const path of [
    '/health',
    '/repository?q=neglect',
    '/repository?q=neglect&themes=information_sharing',
    '/repository',
    '/repository?q=%22school+nurse%22&sort=date&page=2',
  ]) {
    const r = wrk(base + path)
    console.log(
      `${path.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  ${r.latency}  errors: ${r.errors}`,
    )
  }
} finally {
  server.kill('SIGTERM')
}
