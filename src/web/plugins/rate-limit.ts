import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import type { Config } from '../../config.ts'

/** Prefix of every rate-limit counter in Redis (several services may share one Redis). */
export const RATE_LIMIT_REDIS_PREFIX = 'case-review:rate-limit:'

/**
 * Registers `@fastify/rate-limit` (no global limit: routes opt in with `config.rateLimit`, and the
 * open API uses `app.createRateLimit`).
 *
 * Where counts live: with `config.redisUrl`, in Redis, so every instance behind a load balancer
 * counts against one limit per address; without it, in this process (one instance). When Redis does
 * not answer, requests are let through (`skipOnError`) and the failure is logged: an outage of
 * Redis must not stop everyone signing in, and the account lockout (in the database) still holds.
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
    ...(redis ? { redis, nameSpace: RATE_LIMIT_REDIS_PREFIX, skipOnError: true } : {}),
    // Plain-English answer; the error handler renders it as a page.
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again`,
    }),
  })
}

function connectRedis(app: FastifyInstance, url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast rather than hold a sign-in while Redis is away (the limit is then skipped, see above).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
  })
  let reported = false
  redis.on('error', (error: Error) => {
    // Once per outage: the client retries every few seconds and would otherwise log each time.
    if (!reported) app.log.error({ err: error }, 'Redis (rate limits) failed; limits are skipped until it answers')
    reported = true
  })
  redis.on('ready', () => {
    reported = false
  })
  return redis
}
