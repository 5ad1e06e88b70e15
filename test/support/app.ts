import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { composeServices, type Services } from '../../src/composition.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/db/database.ts'
import { DEMO_PASSWORD } from '../../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../../src/modules/auth/credentials.ts'
import type { Actor } from '../../src/modules/access/actor.ts'
import { buildApp } from '../../src/web/app.ts'

/** A running app for route tests (fastify.inject) on a given database, with a movable clock. */
export interface TestApp {
  app: FastifyInstance
  services: Services
  config: Config
  /** Move the app's clock forward. */
  advance(ms: number): void
  now(): Date
  close(): Promise<void>
}

/** Test configuration: demo seed on, no artificial delays, generous rate limits unless overridden. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', SESSION_SECRET: 'test-secret-test-secret-test-secret-1234' },
    {
      seedDemo: true,
      seedDemoReviews: false,
      seedDemoRepository: false,
      demoMode: true,
      failedSignInDelayMs: 0,
      signInRateLimitPerMinute: 1000,
      logLevel: 'silent',
      ...overrides,
    },
  )
}

/** Build the real app on `database` (seeded with the demo partnership and users). */
export async function startTestApp(
  database: DatabaseHandle,
  overrides: Partial<Config> = {},
  logger?: Parameters<typeof buildApp>[1] extends infer O ? (O extends { logger?: infer L } ? L : never) : never,
  /** Add routes before the app is ready (for testing error handling). */
  addRoutes?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  let offset = 0
  const now = () => new Date(Date.now() + offset)
  const config = testConfig(overrides)
  const services = await composeServices(config, { database, now })
  const app = await buildApp(services, logger === undefined ? { logger: false } : { logger })
  addRoutes?.(app)
  await app.ready()
  return {
    app,
    services,
    config,
    advance: (ms) => {
      offset += ms
    },
    now,
    close: async () => {
      await app.close()
      await services.close()
    },
  }
}

/** The value of the hidden `_csrf` field in a rendered form. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('No CSRF token in page')
  return match[1]
}

/**
 * A cookie-keeping client over `app.inject`, like a browser without JavaScript: it keeps cookies,
 * reads CSRF tokens from the last page, and submits forms.
 */
export class FormClient {
  readonly #app: FastifyInstance
  readonly cookies = new Map<string, string>()
  lastHtml = ''
  ip = '127.0.0.1'
  constructor(app: FastifyInstance) {
    this.#app = app
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.#app.inject({ method: 'GET', url, headers: this.#headers(), remoteAddress: this.ip })
    this.#keep(response)
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = response.body
    return response
  }

  /** POST a form; the CSRF token comes from the last page fetched (or from a fresh GET of `tokenFrom`). */
  async post(
    url: string,
    fields: Record<string, string>,
    options: { csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === undefined ? csrfTokenIn(this.lastHtml) : options.csrf
    const body = new URLSearchParams({ ...fields, ...(csrf === null ? {} : { _csrf: csrf }) }).toString()
    const response = await this.#app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { ...this.#headers(), 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: this.ip,
    })
    this.#keep(response)
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = response.body
    return response
  }

  #headers(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}
  }

  #keep(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())
      if (expired) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
  }
}

/**
 * Sign a demo user in completely (password, then enrolment or code) and return the client.
 * Returns the recovery codes when this sign-in enrolled the authenticator.
 */
export async function signIn(
  testApp: TestApp,
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ client: FormClient; recoveryCodes: string[] }> {
  const client = new FormClient(testApp.app)
  await client.get('/sign-in')
  const step1 = await client.post('/sign-in', { email, password })
  if (step1.statusCode !== 303) throw new Error(`Password step failed (${step1.statusCode})`)
  const next = String(step1.headers.location)
  await client.get(next)
  // Codes are computed for the app's clock; wait out a step so a code is never replayed in one test.
  const code = async () => {
    const user = await testApp.services.repositories.users.credentialsByEmail(email)
    return currentTotpCode(user!.totpSecret!, testApp.now())
  }
  if (next === '/sign-in/set-up-authenticator') {
    const response = await client.post(next, { code: await code() })
    if (response.statusCode !== 200) throw new Error(`Enrolment failed (${response.statusCode})`)
    const recoveryCodes = [...response.body.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map(
      (m) => m[1],
    )
    return { client, recoveryCodes }
  }
  // A code already used in this 30-second step would be refused as a replay: move on a step.
  testApp.advance(30_000)
  const response = await client.post('/sign-in/code', { code: await code() })
  if (response.statusCode !== 303) throw new Error(`Code step failed (${response.statusCode})`)
  return { client, recoveryCodes: [] }
}

/**
 * A user as a service actor, in their first partnership membership (role, partnership, agency):
 * for tests that call services directly. Throws when no such user exists.
 */
export async function actorFor(app: { services: Services }, email: string): Promise<Actor> {
  const user = await app.services.repositories.users.findByEmail(email)
  if (!user) throw new Error(`No user ${email}`)
  const [membership] = await app.services.repositories.users.memberships(user.id)
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: membership.role,
    partnershipId: membership.partnershipId,
    agencyId: membership.agencyId,
    ip: null,
    userAgent: null,
  }
}
