import { createRequire } from 'node:module'
import fastifyRateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import type { Config } from '../../config.ts'

/** Prefix of every rate-limit counter in Redis (several services may share one Redis). */
export const RATE_LIMIT_REDIS_PREFIX = 'case-review:rate-limit:'

/**
 * Registers `@fastify/rate-limit` (no global limit: routes opt in with `config.rateLimit`, and the
 * open API uses `app.createRateLimit`).
 *
 * Where counts live: with `config.redisUrl`, in Redis, so every instance behind a load balancer
 * counts against one limit per address; without it, in this process (one instance).
 *
 * When Redis does not answer, each instance counts in its own memory until Redis is back (see
 * docs/decisions/0031): neither open (an outage of Redis would otherwise lift the limit on password
 * guessing across the fleet) nor closed (it would stop everyone signing in). With N instances an
 * address then gets at most N times the limit; the account lockout, in the database, still holds.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  const redis = config.redisUrl ? connectRedis(app, config.redisUrl) : null
  if (redis) {
    // Connected before the first request is counted; a failure here is logged and retried by the client.
    await redis.connect().catch((error: unknown) => app.log.error({ err: error }, 'Redis (rate limits) not reachable'))
    app.addHook('onClose', async () => {
      redis.disconnect()
    })
  }
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { store: redisStoreWithLocalFallback(redis, RATE_LIMIT_REDIS_PREFIX, app.log) } : {}),
    // Plain-English answer; the error handler renders it as a page.
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again`,
    }),
  })
}

type Counted = { current: number; ttl: number }
type StoreCallback = (error: Error | null, result?: Counted) => void
type RouteParams = Parameters<FastifyRateLimitStore['child']>[0]
/** `@fastify/rate-limit`'s own stores (plain CommonJS files of the package, without types). */
interface PluginStore extends FastifyRateLimitStore {
  read(key: string, callback: StoreCallback, timeWindow: number, max: number): void
  child(routeOptions: RouteParams): PluginStore
}
const requirePlugin = createRequire(import.meta.url)
const RedisStore = requirePlugin('@fastify/rate-limit/store/RedisStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: Redis,
  key: string,
) => PluginStore
const LocalStore = requirePlugin('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
) => PluginStore

/** Whether the shared store is failing, told once per outage (shared by a store and its children). */
interface FallbackState {
  failing: boolean
  log: FastifyBaseLogger
}

/** Counts in `shared` (Redis); while it fails, counts in `local` (this process) instead. */
class FallbackStore implements PluginStore {
  readonly #shared: PluginStore
  readonly #local: PluginStore
  readonly #state: FallbackState
  constructor(shared: PluginStore, local: PluginStore, state: FallbackState) {
    this.#shared = shared
    this.#local = local
    this.#state = state
  }
  incr(key: string, callback: StoreCallback, timeWindow: number, max: number): void {
    this.#shared.incr(
      key,
      this.#or(callback, () => this.#local.incr(key, callback, timeWindow, max)),
      timeWindow,
      max,
    )
  }
  read(key: string, callback: StoreCallback, timeWindow: number, max: number): void {
    this.#shared.read(
      key,
      this.#or(callback, () => this.#local.read(key, callback, timeWindow, max)),
      timeWindow,
      max,
    )
  }
  child(routeOptions: RouteParams): PluginStore {
    return new FallbackStore(this.#shared.child(routeOptions), this.#local.child(routeOptions), this.#state)
  }
  #or(callback: StoreCallback, fallback: () => void): StoreCallback {
    return (error, result) => {
      if (!error) {
        if (this.#state.failing) this.#state.log.info('Rate limits are counted in Redis again, shared by every server')
        this.#state.failing = false
        return callback(null, result)
      }
      if (!this.#state.failing)
        this.#state.log.error({ err: error }, 'Rate limits: Redis failed; this server counts its own until it answers')
      this.#state.failing = true
      fallback()
    }
  }
}

/**
 * The store `@fastify/rate-limit` constructs (it passes its options): counts in Redis under
 * `prefix`, and in this process while Redis fails. Contract: never fails a request for Redis.
 */
export function redisStoreWithLocalFallback(
  redis: Redis,
  prefix: string,
  log: FastifyBaseLogger,
): FastifyRateLimitStoreCtor {
  const state: FallbackState = { failing: false, log }
  return class extends FallbackStore {
    constructor(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const continueExceeding = options.continueExceeding ?? false
      const exponentialBackoff = options.exponentialBackoff ?? false
      super(
        new RedisStore(continueExceeding, exponentialBackoff, redis, prefix),
        new LocalStore(continueExceeding, exponentialBackoff),
        state,
      )
    }
  } as unknown as FastifyRateLimitStoreCtor
}

function connectRedis(app: FastifyInstance, url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast rather than hold a sign-in while Redis is away (counted in this process meanwhile, see above).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
  })
  let reported = false
  redis.on('error', (error: Error) => {
    // Once per outage: the client retries every few seconds and would otherwise log each time.
    if (!reported) app.log.error({ err: error }, 'Redis (rate limits) connection failed; retrying')
    reported = true
  })
  redis.on('ready', () => {
    reported = false
  })
  return redis
}
