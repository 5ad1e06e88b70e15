import type { FastifyReply, FastifyRequest } from 'fastify'

/** Requests each client address may make to `/api/*` per window. */
export const API_REQUESTS_PER_MINUTE = 120
const WINDOW_MS = 60_000
/**
 * Most addresses remembered in one window. Beyond it, new addresses are counted together under
 * one shared key: memory stays bounded even when a flood comes from many addresses, and the flood
 * then limits itself rather than the server.
 */
const MAX_ADDRESSES = 100_000
const OVERFLOW_KEY = '*overflow*'

/**
 * A fixed-window request counter per client address for the open JSON API, answering `429` with
 * `Retry-After` and a plain JSON error when an address has used its allowance.
 *
 * Why not `@fastify/rate-limit` (registered by the app for sign-in): its errors go through the
 * app's error pages, which answer HTML; API clients need JSON. The counter is per server instance
 * (as the sign-in limits are): behind a load balancer with N instances an address can make up to
 * N times the allowance. Every route of the API shares one counter per address, so that spreading
 * requests over the API's routes does not multiply the allowance.
 */
export class ApiRateLimit {
  readonly #max: number
  readonly #windowMs: number
  readonly #now: () => number
  #windowStart = 0
  #counts = new Map<string, number>()

  constructor(options: { max?: number; windowMs?: number; now?: () => number } = {}) {
    this.#max = options.max ?? API_REQUESTS_PER_MINUTE
    this.#windowMs = options.windowMs ?? WINDOW_MS
    this.#now = options.now ?? Date.now
  }

  /**
   * Count one request from `address`. Returns the requests left in this window, or, when the
   * allowance is used up, the whole seconds until the window ends (at least 1). Never throws.
   */
  take(address: string): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number } {
    const now = this.#now()
    if (now - this.#windowStart >= this.#windowMs) {
      // A new window from this request on: forget every address (memory stays one map).
      this.#windowStart = now
      this.#counts = new Map()
    }
    const key = this.#counts.has(address) || this.#counts.size < MAX_ADDRESSES ? address : OVERFLOW_KEY
    const used = (this.#counts.get(key) ?? 0) + 1
    this.#counts.set(key, used)
    if (used <= this.#max) return { allowed: true, remaining: this.#max - used }
    const retryAfterSeconds = Math.max(1, Math.ceil((this.#windowStart + this.#windowMs - now) / 1000))
    return { allowed: false, retryAfterSeconds }
  }

  /** The allowance per window, for the `RateLimit-Limit` header. */
  get limit(): number {
    return this.#max
  }

  /**
   * A Fastify `onRequest` hook for the API's routes: counts the request against `request.ip`
   * (the client's address, or the forwarded one when the app trusts a proxy) and answers `429`
   * with JSON `{ error: "rate_limited", message }` and `Retry-After` once the allowance is used.
   */
  readonly hook = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const result = this.take(request.ip)
    reply.header('RateLimit-Limit', String(this.#max))
    if (result.allowed) {
      reply.header('RateLimit-Remaining', String(result.remaining))
      return
    }
    return reply
      .code(429)
      .header('RateLimit-Remaining', '0')
      .header('Retry-After', String(result.retryAfterSeconds))
      .header('Content-Type', 'application/json; charset=utf-8')
      .send({
        error: 'rate_limited',
        message: `Too many requests from your address: the API allows ${this.#max} a minute. Try again in ${result.retryAfterSeconds} seconds.`,
        retryAfterSeconds: result.retryAfterSeconds,
      })
  }
}
