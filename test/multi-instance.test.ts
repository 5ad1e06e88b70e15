import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { createServer, type AddressInfo } from 'node:net'
import { test } from 'node:test'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { openDatabase } from '../src/db/database.ts'
import { DEMO_PASSWORD } from '../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../src/modules/auth/credentials.ts'
import { OutboxRepository } from '../src/modules/outbox/outbox.repository.ts'
import { UserRepository } from '../src/modules/users/user.repository.ts'

// Two real server processes on one PostgreSQL and one Redis, as behind a load balancer.
const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const node = process.execPath
const DEADLINE_MS = 180_000

async function unavailable(): Promise<string | false> {
  if (!databaseUrl) return 'TEST_DATABASE_URL is not set (two instances need PostgreSQL)'
  const admin = openDatabase(databaseUrl)
  try {
    await sql`select 1`.execute(admin.db)
  } catch (error) {
    return `PostgreSQL at TEST_DATABASE_URL is not reachable (${(error as Error).message})`
  } finally {
    await admin.close()
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 })
  redis.on('error', () => {})
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    return `Redis at ${redisUrl} is not reachable (${(error as Error).message}); set TEST_REDIS_URL`
  } finally {
    redis.disconnect()
  }
  return false
}

const skip = await unavailable()

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Wait for `check` to be true, trying again after each failure, until the deadline. */
async function until(what: string, check: () => Promise<boolean>, deadlineMs = DEADLINE_MS): Promise<void> {
  const end = Date.now() + deadlineMs
  for (;;) {
    if (await check().catch(() => false)) return
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** A cookie-keeping HTTP client that can send its requests to either instance. */
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
    if (String(response.headers.get('content-type')).startsWith('text/html')) this.html = await response.clone().text()
    return response
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() })
}

function output(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })))
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
        stream.on('data', () => {})
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
      LOG_LEVEL: 'warn',
      CASE_REVIEW_DATA_DIR: '/nonexistent-demo-data',
      HOST: '127.0.0.1',
    }
    const servers: ChildProcess[] = []
    const db = openDatabase(url.toString())
    try {
      // Instance A migrates and seeds; B starts once A answers (migrations run once).
      const bases: string[] = []
      for (let i = 0; i < 2; i++) {
        const port = await freePort()
        const server = run(['src/server.ts'], { ...env, PORT: String(port), SEED_DEMO: i === 0 ? 'true' : 'false' })
        const log = output(server)
        servers.push(server)
        const base = `http://127.0.0.1:${port}`
        await until(`instance ${i + 1}`, async () => {
          if (server.exitCode !== null) throw new Error(`instance ${i + 1} exited: ${(await log).out}`)
          return (await fetch(`${base}/health`)).ok
        })
        bases.push(base)
      }
      const [a, b] = bases

      // Sign in on A (password), carry on on B (the authenticator), then both know the session.
      const email = 'coordinator@marlshire.example'
      const browser = new Browser(`198.51.100.${randomInt(1, 255)}`)
      await browser.request(a, '/sign-in')
      const password = await browser.request(a, '/sign-in', { email, password: DEMO_PASSWORD })
      assert.equal(password.status, 303)
      assert.equal(password.headers.get('location'), '/sign-in/set-up-authenticator')
      assert.equal((await browser.request(b, '/sign-in/set-up-authenticator')).status, 200)
      const credentials = await new UserRepository(db.db).credentialsByEmail(email)
      const enrolled = await browser.request(b, '/sign-in/set-up-authenticator', {
        code: await currentTotpCode(credentials!.totpSecret!, new Date()),
      })
      assert.equal(enrolled.status, 200, 'the code entered on B completes the sign-in begun on A')
      for (const base of [a, b]) {
        const dashboard = await browser.request(base, '/dashboard')
        assert.equal(dashboard.status, 200, `signed in on ${base}`)
        assert.match(await dashboard.text(), /Sign out/)
      }

      // 200 reminders queued; two sweeps at once (two processes of the app): each arrives exactly once.
      const outbox = new OutboxRepository(db.db, 'postgres')
      const now = new Date().toISOString()
      for (let i = 0; i < 200; i++) {
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
      const sweeps = await Promise.all([0, 1].map(() => output(run(['src/cli.ts', 'reminders'], env))))
      for (const sweep of sweeps) assert.equal(sweep.code, 0, sweep.out)
      await until('200 emails at the SMTP sink', async () => received.length >= 200)
      assert.equal(received.length, 200, 'no email twice')
      assert.equal(new Set(received).size, 200, 'every reminder once')
      const sent = await db.db
        .selectFrom('outbox_message')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
      assert.equal(Number(sent.n), 200)

      // 30 sign-in attempts from one address spread over both instances meet one limit of 20.
      const attacker = new Browser(`203.0.113.${randomInt(1, 255)}`)
      await attacker.request(a, '/sign-in')
      const statuses: number[] = []
      for (let i = 0; i < 30; i++) {
        const response = await attacker.request(i % 2 ? b : a, '/sign-in', {
          email: 'nobody@marlshire.example',
          password: 'wrong-password',
        })
        statuses.push(response.status)
        await response.arrayBuffer()
      }
      assert.deepEqual(
        statuses.map((s) => s === 429),
        [...Array(20).fill(false), ...Array(10).fill(true)],
        statuses.join(' '),
      )
    } finally {
      for (const server of servers) server.kill('SIGTERM')
      await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : null)))
      await db.close()
      await new Promise((resolve) => smtp.close(() => resolve(null)))
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db)
      await admin.close()
    }
  },
)
