import type { SearchOptions, SearchResponse } from '../../search/search-index.ts'

/**
 * Whole public search responses, keyed by the query text and the options, in a bounded LRU, for
 * one change number of the published repository.
 *
 * Several instances: the change number is the database's (`change_counter`, raised by whichever
 * instance publishes or unpublishes), read by the caller on every search. A response is used only
 * for the number it was made under; when the number moves, everything kept is dropped. So no
 * instance answers from a repository another instance has changed (ADR 0031). Responses are shared
 * between callers and must not be mutated.
 */
export class SearchResponseCache {
  readonly #max: number
  #changeNumber: number | null = null
  readonly #entries = new Map<string, Promise<SearchResponse>>()

  constructor(options: { max?: number } = {}) {
    this.#max = options.max ?? 500
  }

  /**
   * The response kept for `changeNumber`, or `load()`'s (shared by concurrent callers; failures are
   * not kept). Contract: never answers with a response made under another change number.
   */
  get(
    changeNumber: number,
    query: string,
    options: SearchOptions,
    load: () => Promise<SearchResponse>,
  ): Promise<SearchResponse> {
    // A caller that read the number just before a change is answered without the cache (not kept).
    if (this.#max <= 0 || (this.#changeNumber !== null && changeNumber < this.#changeNumber)) return load()
    if (changeNumber !== this.#changeNumber) {
      this.#entries.clear()
      this.#changeNumber = changeNumber
    }
    const key = cacheKey(query, options)
    const hit = this.#entries.get(key)
    if (hit) {
      this.#entries.delete(key)
      this.#entries.set(key, hit)
      return hit
    }
    const response = load()
    this.#entries.set(key, response)
    response.catch(() => {
      if (this.#entries.get(key) === response) this.#entries.delete(key)
    })
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!)
    return response
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
