import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { databaseAnswers, openDatabase, type DatabaseHandle } from '../src/db/database.ts'
import { DEMO_PASSWORD } from '../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../src/modules/auth/credentials.ts'
import { OutboxRepository } from '../src/modules/outbox/outbox.repository.ts'
import { UserRepository } from '../src/modules/users/user.repository.ts'

// Two real server processes on one PostgreSQL and one Redis, as behind a load balancer, and two
// `case-review reminders` processes (cron on two machines) sending to a local SMTP sink.
//
// Why it once hung: the sweep sent one batch of 100 and stopped, so the test waited for 200 emails
// that never came. The sweep now sends everything due; each step below waits for an event (a
// process's "running" line, its exit, an HTTP answer), never for time to pass.
const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const node = process.execPath
const EMAILS = 200

async function unavailable(): Promise<string | false> {
  if (!databaseUrl) return 'TEST_DATABASE_URL is not set (two instances need PostgreSQL)'
  const admin = openDatabase(databaseUrl)
  try {
    if (!(await databaseAnswers(admin.db, 3000))) return `PostgreSQL at TEST_DATABASE_URL is not reachable`
  } finally {
    await admin.close().catch(() => {})
  }
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    return `Redis at ${redisUrl} is not reachable (${(error as Error).message}); start it or set TEST_REDIS_URL`
  } finally {
    redis.disconnect()
  }
  return false
}

const skip = await unavailable()

/** A process of the app, with everything it printed. */
interface AppProcess {
  readonly child: ChildProcess
  /** Resolves when the process has exited, with its exit code and output. */
  readonly exited: Promise<{ code: number | null; out: string }>
  output(): string
}

function run(args: string[], env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  // 'close' rather than 'exit': the pipes have been read to the end.
  const exited = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, out })),
  )
  return { child, exited, output: () => out }
}

/** Start a server on a free port (PORT=0); resolves with its base URL once it says it is running. */
async function startServer(env: NodeJS.ProcessEnv, label: string): Promise<AppProcess & { base: string }> {
  const server = run(['src/server.ts'], { ...env, PORT: '0' })
  const lines = createInterface({ input: server.child.stdout! })
  const base = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const port = /Case Review is running at http:\/\/localhost:(\d+)/.exec(line)?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
    void server.exited.then(({ code, out }) => reject(new Error(`${label} exited (${code}) before it ran:\n${out}`)))
  })
  lines.close()
  return { ...server, base }
}

/** Ask a process to stop and wait until it has; a process that ignores SIGTERM is killed. */
async function stop(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return
  app.child.kill('SIGTERM')
  const killer = setTimeout(() => app.child.kill('SIGKILL'), 20_000)
  await app.exited
  clearTimeout(killer)
}

/** A cookie-keeping HTTP client, like a browser without JavaScript, that can send each request to either instance. */
class Browser {
  readonly cookies = new Map<string, string>()
  html = ''
  readonly forwardedFor: string
  constructor(forwardedFor: string) {
    this.forwardedFor = forwardedFor
  }
  async request(base: string, path: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.forwardedFor }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    let body: string | undefined
    if (form) {
      const token = /name="_csrf" value="([^"]+)"/.exec(this.html)?.[1] ?? ''
      body = new URLSearchParams({ ...form, _csrf: token }).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    const response = await fetch(base + path, { method: form ? 'POST' : 'GET', headers, body, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair.indexOf('=')
      const value = pair.slice(at + 1)
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(pair.slice(0, at))
      else this.cookies.set(pair.slice(0, at), value)
    }
    // Read every body, so no connection is left waiting on an unread response.
    const text = await response.text()
    if (String(response.headers.get('content-type')).startsWith('text/html')) this.html = text
    return new Response(response.status === 204 || response.status === 304 ? null : text, {
      status: response.status,
      headers: response.headers,
    })
  }
}

/** A documentation address (RFC 3849) no other run uses, so the rate-limit counters in Redis are this run's own. */
function freshAddress(): string {
  const hex = randomBytes(8).toString('hex')
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}:${hex.slice(12, 16)}::1`
}

/** Sign in with the password on `first` and enrol the authenticator on `second`: one session, two instances. */
async function signInAcross(db: DatabaseHandle, email: string, first: string, second: string): Promise<Browser> {
  const browser = new Browser(freshAddress())
  await browser.request(first, '/sign-in')
  const password = await browser.request(first, '/sign-in', { email, password: DEMO_PASSWORD })
  assert.equal(password.status, 303)
  assert.equal(password.headers.get('location'), '/sign-in/set-up-authenticator')
  assert.equal((await browser.request(second, '/sign-in/set-up-authenticator')).status, 200)
  const credentials = await new UserRepository(db.db).credentialsByEmail(email)
  const enrolled = await browser.request(second, '/sign-in/set-up-authenticator', {
    code: await currentTotpCode(credentials!.totpSecret!, new Date()),
  })
  assert.equal(enrolled.status, 200, `the code entered on ${second} completes the sign-in begun on ${first}`)
  return browser
}

test(
  'two instances on one PostgreSQL and Redis: a session carries across, each reminder is sent once, one sign-in limit',
  { skip, timeout: 600_000 },
  async () => {
    const name = `case_review_mi_${randomBytes(5).toString('hex')}`
    const admin = openDatabase(databaseUrl!)
    await sql`create database ${sql.id(name)} template template0`.execute(admin.db)
    const url = new URL(databaseUrl!)
    url.pathname = `/${name}`
    const received: string[] = []
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume()
        stream.on('end', () => {
          for (const rcpt of session.envelope.rcptTo) received.push(rcpt.address)
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const smtpPort = (smtp.server.address() as AddressInfo).port
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TZ: 'Europe/London',
      NODE_ENV: 'development',
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      SESSION_SECRET: 'multi-instance-test-secret-shared-by-every-instance',
      SECURE_COOKIES: 'false',
      TRUST_PROXY: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      REMINDER_SWEEP_MINUTES: '0',
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '20',
      FAILED_SIGN_IN_DELAY_MS: '0',
      // Info: the server's "running at" line is what the test waits for.
      LOG_LEVEL: 'info',
      CASE_REVIEW_DATA_DIR: '/nonexistent-demo-data',
      HOST: '127.0.0.1',
    }
    const processes: AppProcess[] = []
    const db = openDatabase(url.toString())
    try {
      // Instance A migrates and seeds the demo; B starts once A runs (migrations run once), without seeding.
      const instanceA = await startServer({ ...env, SEED_DEMO: 'true' }, 'instance A')
      processes.push(instanceA)
      const instanceB = await startServer({ ...env, SEED_DEMO: 'false' }, 'instance B')
      processes.push(instanceB)
      const [a, b] = [instanceA.base, instanceB.base]

      // Sign in on A (password), carry on on B (the authenticator); then both know the session.
      const coordinator = await signInAcross(db, 'coordinator@marlshire.example', a, b)
      for (const base of [a, b]) {
        const dashboard = await coordinator.request(base, '/dashboard')
        assert.equal(dashboard.status, 200, `signed in on ${base}`)
        assert.match(await dashboard.text(), /Sign out/)
      }
      const administrator = await signInAcross(db, 'admin@marlshire.example', b, a)
      await administrator.request(a, '/admin/outbox')

      // 200 reminders queued. At once: two sweeps (two `case-review reminders` processes) and an
      // administrator's "send now" on each instance. The sweeps' fleet lock lets one run; the
      // claims keep every sender apart. Each email arrives exactly once.
      const outbox = new OutboxRepository(db.db, 'postgres')
      const now = new Date().toISOString()
      for (let i = 0; i < EMAILS; i++) {
        await outbox.insert({
          id: randomUUID(),
          partnership_id: null,
          review_id: null,
          kind: 'request.reminder',
          dedupe_key: `multi-instance:${i}`,
          recipient: `contributor${i}@agency.example`,
          subject: 'Reminder: chronology due',
          body: 'The chronology is due.',
          status: 'queued',
          attempts: 0,
          last_error: null,
          created_at: now,
          next_attempt_at: now,
          sent_at: null,
        })
      }
      const sweeps = [0, 1].map(() => run(['src/cli.ts', 'reminders'], { ...env, LOG_LEVEL: 'warn' }))
      processes.push(...sweeps)
      const sendNow = await Promise.all([a, b].map((base) => administrator.request(base, '/admin/outbox/send', {})))
      for (const response of sendNow) assert.equal(response.status, 303)
      const outcomes = await Promise.all(sweeps.map((sweep) => sweep.exited))
      for (const outcome of outcomes) assert.equal(outcome.code, 0, outcome.out)
      // Every sender has finished, and a send finishes only when the sink has accepted the message.
      const ours = received.filter((address) => /^contributor\d+@agency\.example$/.test(address))
      assert.equal(ours.length, EMAILS, `no email twice, none lost (sweeps said: ${outcomes.map((o) => o.out.trim())})`)
      assert.equal(new Set(ours).size, EMAILS, 'every reminder once')
      // The sweep also queued and sent the demo's own due reminders: each of those once too.
      const sent = await db.db
        .selectFrom('outbox_message')
        .select((eb) => [
          eb.fn.countAll<number>().as('all'),
          eb.fn.count<number>('id').filterWhere('dedupe_key', 'like', 'multi-instance:%').as('ours'),
        ])
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
      assert.equal(Number(sent.ours), EMAILS)
      assert.equal(received.length, Number(sent.all), 'every email the outbox sent arrived once')

      // 30 sign-in attempts from one address spread over both instances meet one limit of 20.
      const attacker = new Browser(freshAddress())
      await attacker.request(a, '/sign-in')
      const statuses: number[] = []
      for (let i = 0; i < 30; i++) {
        const response = await attacker.request(i % 2 ? b : a, '/sign-in', {
          email: 'nobody@marlshire.example',
          password: 'wrong-password',
        })
        statuses.push(response.status)
      }
      assert.deepEqual(
        statuses.map((s) => (s === 429 ? 'limited' : s)),
        [...Array(20).fill(401), ...Array(10).fill('limited')],
        statuses.join(' '),
      )
    } finally {
      await Promise.all(processes.map(stop))
      await db.close()
      await new Promise<void>((resolve) => smtp.close(() => resolve()))
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db)
      await admin.close()
    }
  },
)
