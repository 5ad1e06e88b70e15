import type { SearchOptions, SearchResponse } from '../../search/search-index.ts'

/**
 * Whole public search responses, keyed by the query text and the options, in a bounded LRU with a
 * short time to live. Published data changes rarely, and the service clears the cache on every
 * publish and unpublish in this process.
 *
 * Several instances: each caches on its own and clearing is per instance, so a review published
 * or withdrawn through another instance shows on this one within `ttlMs` at most (default 30 s).
 * Responses are shared between callers and must not be mutated.
 */
export class SearchResponseCache {
  readonly #max: number
  readonly #ttlMs: number
  readonly #now: () => number
  readonly #entries = new Map<string, { at: number; response: Promise<SearchResponse> }>()

  constructor(options: { max?: number; ttlMs?: number; now?: () => number } = {}) {
    this.#max = options.max ?? 500
    this.#ttlMs = options.ttlMs ?? 30_000
    this.#now = options.now ?? Date.now
  }

  /** The cached response, or `load()`'s (shared by concurrent callers; failures are not kept). */
  get(query: string, options: SearchOptions, load: () => Promise<SearchResponse>): Promise<SearchResponse> {
    if (this.#max <= 0) return load()
    const key = cacheKey(query, options)
    const now = this.#now()
    const hit = this.#entries.get(key)
    if (hit && now - hit.at < this.#ttlMs) {
      this.#entries.delete(key)
      this.#entries.set(key, hit)
      return hit.response
    }
    const response = load()
    const entry = { at: now, response }
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    response.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key)
    })
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!)
    return response
  }

  clear(): void {
    this.#entries.clear()
  }
}

/** Key of a query and options: the text as parsed (first 500 characters), filters in a fixed order. */
function cacheKey(query: string, options: SearchOptions): string {
  const text = typeof query === 'string' ? query.slice(0, 500).trim().replace(/\s+/g, ' ') : ''
  const filters = options.filters ?? {}
  const sortedFilters = Object.keys(filters)
    .sort()
    .map((k) => [k, (filters as Record<string, unknown>)[k]])
  return JSON.stringify([text, sortedFilters, options.sort ?? null, options.page ?? null, options.pageSize ?? null])
}
