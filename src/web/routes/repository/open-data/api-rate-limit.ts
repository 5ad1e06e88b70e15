import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** Requests each client address may make to `/api/*` per window. */
export const API_REQUESTS_PER_MINUTE = 120
const WINDOW_MS = 60_000

/**
 * A Fastify `onRequest` hook for the open JSON API's routes: counts each request against
 * `request.ip` (the client's address, or the forwarded one when the app trusts a proxy) with one
 * counter for every route of the API (so spreading requests over its routes does not multiply the
 * allowance), and answers `429` with `Retry-After` and JSON `{ error: "rate_limited", message }`
 * once the allowance is used.
 *
 * The counting is `@fastify/rate-limit`'s (`app.createRateLimit`), so the counts live where the
 * app's other limits do: in Redis, shared by every instance, when `REDIS_URL` is set, otherwise in
 * this process (bounded LRU). Only the answer is ours: the plugin's own errors go through the
 * app's error pages, which answer HTML, and API clients need JSON.
 */
export function apiRateLimitHook(
  app: FastifyInstance,
  max = API_REQUESTS_PER_MINUTE,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void> {
  const limiter = app.createRateLimit({ max, timeWindow: WINDOW_MS })
  return async (request, reply) => {
    const result = await limiter(request)
    if (result.isAllowed) return
    reply.header('RateLimit-Limit', String(max))
    if (!result.isExceeded) {
      reply.header('RateLimit-Remaining', String(result.remaining))
      return
    }
    const retryAfterSeconds = Math.max(1, result.ttlInSeconds)
    return reply
      .code(429)
      .header('RateLimit-Remaining', '0')
      .header('Retry-After', String(retryAfterSeconds))
      .header('Content-Type', 'application/json; charset=utf-8')
      .send({
        error: 'rate_limited',
        message: `Too many requests from your address: the API allows ${max} a minute. Try again in ${retryAfterSeconds} seconds.`,
        retryAfterSeconds,
      })
  }
}
