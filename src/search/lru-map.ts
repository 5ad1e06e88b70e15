/**
 * A bounded map that forgets the least recently used entry first (a `Map` keeps insertion order;
 * reading an entry moves it to the end). Never throws.
 */
export class LruMap<K, V> {
  readonly #max: number
  readonly #entries = new Map<K, V>()

  /** `max` entries at most (at least 1). */
  constructor(max: number) {
    this.#max = Math.max(1, Math.floor(max))
  }

  get size(): number {
    return this.#entries.size
  }

  /** The value, marked as recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value === undefined) return undefined
    this.#entries.delete(key)
    this.#entries.set(key, value)
    return value
  }

  set(key: K, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as K)
  }

  delete(key: K): void {
    this.#entries.delete(key)
  }
}
