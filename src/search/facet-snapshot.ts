import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { LruMap } from './lru-map.ts'
import {
  FACET_NAMES,
  HIGHLIGHT_START,
  leadSnippet,
  MULTI_FACETS,
  SINGLE_FACET_COLUMNS,
  SINGLE_FACETS,
  sortFacetCounts,
  toSegments,
  type FacetCount,
  type FacetName,
  type SearchFilters,
  type SearchResult,
  type SnippetSegment,
} from './search-index.ts'

/**
 * An in-memory copy of what a search needs besides the full-text match, for every indexed
 * document: its facet values coded as integers in typed arrays, its place in the date order, and
 * what a result shows (title, area, the start of the summary). With it, filtering, counting every
 * facet and ordering are one pass over the ids the full-text engine matched, instead of a dozen
 * grouped SQL statements, and a page needs no further SQL except its snippets.
 *
 * It also keeps, for as long as it lives, the ordered match lists of recent queries and the
 * snippets of recently shown results (as Solr's query result and document caches), so that paging,
 * filtering or re-sorting the same query does not repeat the match or the ranking.
 *
 * It is a cache of the database: {@link SnapshotCache} checks a version read from the database
 * before each use and loads a new snapshot (with empty caches) when it changed, so a write by
 * another connection, process or instance is seen on the next search. Memory: about 1.5 KB per
 * document (10,000 reviews ≈ 15 MB), plus at most MATCH_LISTS lists of positions and
 * SNIPPETS snippets.
 */

/** Ordered match lists kept (each at most 4 bytes per matching document). */
const MATCH_LISTS = 256
/** Snippets kept (query × document). */
const SNIPPETS = 20_000
/** Code of a document without a value for a facet. */
const NONE = -1
/** Code of a filter value that no document has: equal to nothing. */
const ABSENT = -2

/** What a result shows, except its snippet. */
type ResultFields = Omit<SearchResult, 'snippet'>

/** Values of one facet and their integer codes (0, 1, …). */
class Codes {
  readonly values: string[] = []
  readonly #codeOf = new Map<string, number>()

  code(value: string): number {
    let code = this.#codeOf.get(value)
    if (code === undefined) {
      code = this.values.length
      this.values.push(value)
      this.#codeOf.set(value, code)
    }
    return code
  }

  /** The code of a value, or ABSENT when no document has it. */
  find(value: string): number {
    return this.#codeOf.get(value) ?? ABSENT
  }
}

/** Code-point order of two strings (as SQLite's binary collation). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The engine's full-text answer: matching doc_ids, with scores (lower is better) when ranked. */
export interface EngineMatches {
  readonly docIds: ArrayLike<number>
  readonly scores: ArrayLike<number> | null
}

export class FacetSnapshot {
  /** Documents, in date order: a document's position is its rank by date. */
  readonly size: number
  readonly #docIds: Int32Array
  readonly #ids: readonly string[]
  readonly #results: readonly ResultFields[]
  readonly #leads: readonly SnippetSegment[][]
  readonly #positionOf: Map<number, number>
  /** [single facet][position] → code or NONE. */
  readonly #single: Int32Array[]
  readonly #singleCodes: Codes[]
  /** [multi facet]: the codes of position p are #multiValues[j][#multiStart[j][p] … #multiStart[j][p + 1]). */
  readonly #multiStart: Int32Array[]
  readonly #multiValues: Int32Array[]
  readonly #multiCodes: Codes[]
  readonly #all: Int32Array
  readonly #matches = new LruMap<string, Promise<Int32Array>>(MATCH_LISTS)
  readonly #snippets = new LruMap<string, SnippetSegment[] | null>(SNIPPETS)

  private constructor(
    rows: readonly Record<string, unknown>[],
    facetRows: readonly { doc_id: unknown; facet: string; value: string }[],
    nullYearsFirst: boolean,
  ) {
    const columns = SINGLE_FACETS.map((f) => SINGLE_FACET_COLUMNS[f])
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v))
    const year = (r: Record<string, unknown>) => (r.year === null || r.year === undefined ? null : Number(r.year))
    // The date order of the former SQL: year desc (nulls where the engine puts them), published_at desc, id.
    const sorted = [...rows].sort((a, b) => {
      const ya = year(a)
      const yb = year(b)
      if (ya !== yb) {
        if (ya === null) return nullYearsFirst ? -1 : 1
        if (yb === null) return nullYearsFirst ? 1 : -1
        return yb - ya
      }
      return compare(String(b.published_at), String(a.published_at)) || compare(String(a.id), String(b.id))
    })
    const n = sorted.length
    this.size = n
    this.#docIds = new Int32Array(n)
    this.#positionOf = new Map()
    this.#single = columns.map(() => new Int32Array(n))
    this.#singleCodes = columns.map(() => new Codes())
    const ids: string[] = []
    const results: ResultFields[] = []
    const leads: SnippetSegment[][] = []
    sorted.forEach((r, p) => {
      const docId = Number(r.doc_id)
      this.#docIds[p] = docId
      this.#positionOf.set(docId, p)
      ids.push(String(r.id))
      results.push({
        id: String(r.id),
        title: String(r.title),
        year: year(r),
        area: String(r.area),
        reviewType: text(r.review_type),
        publishedAt: String(r.published_at),
      })
      leads.push(leadSnippet(String(r.summary ?? '')))
      columns.forEach((c, i) => {
        const v = text(r[c])
        this.#single[i][p] = v === null ? NONE : this.#singleCodes[i].code(v)
      })
    })
    this.#ids = ids
    this.#results = results
    this.#leads = leads

    // Multi-valued facets: each document's distinct codes, in compressed rows.
    const perDoc = MULTI_FACETS.map(() => new Map<number, Set<number>>())
    this.#multiCodes = MULTI_FACETS.map(() => new Codes())
    for (const r of facetRows) {
      const j = (MULTI_FACETS as readonly string[]).indexOf(r.facet)
      const p = this.#positionOf.get(Number(r.doc_id))
      if (j < 0 || p === undefined) continue
      let set = perDoc[j].get(p)
      if (!set) perDoc[j].set(p, (set = new Set()))
      set.add(this.#multiCodes[j].code(r.value))
    }
    this.#multiStart = []
    this.#multiValues = []
    perDoc.forEach((byPosition, j) => {
      const start = new Int32Array(n + 1)
      let total = 0
      for (let p = 0; p < n; p++) {
        start[p] = total
        total += byPosition.get(p)?.size ?? 0
      }
      start[n] = total
      const values = new Int32Array(total)
      for (const [p, set] of byPosition) values.set([...set], start[p])
      this.#multiStart[j] = start
      this.#multiValues[j] = values
    })
    this.#all = Int32Array.from({ length: n }, (_, p) => p)
  }

  /**
   * Load every indexed document (two statements). `nullYearsFirst` follows the engine's `desc`
   * (PostgreSQL puts nulls first, SQLite last). Throws only on database failure.
   */
  static async load(db: Kysely<Database>, nullYearsFirst: boolean): Promise<FacetSnapshot> {
    const columns = [...new Set(['year', 'review_type', ...SINGLE_FACETS.map((f) => SINGLE_FACET_COLUMNS[f])])]
    const { rows } = await sql<Record<string, unknown>>`
      select doc_id, id, title, area, summary, published_at, ${sql.raw(columns.join(', '))}
      from search_document`.execute(db)
    const facetRows = await db.selectFrom('search_facet').select(['doc_id', 'facet', 'value']).execute()
    return new FacetSnapshot(rows, facetRows, nullYearsFirst)
  }

  /**
   * Positions of the documents a query matches, in the order shown: by score (then date) when
   * `ranked`, by date otherwise. `key` is the engine's rendering of the query (null: no text, every
   * document). Lists are kept per key and order for the snapshot's life; concurrent callers share
   * one load, and a failed load is not kept. Throws only when `load` does.
   */
  matches(key: string | null, ranked: boolean, load: (ranked: boolean) => Promise<EngineMatches>): Promise<Int32Array> {
    if (key === null) return Promise.resolve(this.#all)
    const cacheKey = `${ranked ? 'r' : 'd'}:${key}`
    let list = this.#matches.get(cacheKey)
    if (list) return list
    // The date order of a query already ranked needs only a sort of its positions.
    const ranking = ranked ? undefined : this.#matches.get(`r:${key}`)
    list = ranking ? ranking.then((r) => Int32Array.from(r).sort()) : load(ranked).then((m) => this.#ordered(m, ranked))
    this.#matches.set(cacheKey, list)
    list.catch(() => {
      if (this.#matches.get(cacheKey) === list) this.#matches.delete(cacheKey)
    })
    return list
  }

  #ordered(m: EngineMatches, ranked: boolean): Int32Array {
    const positions: number[] = []
    const scores: number[] = []
    for (let i = 0; i < m.docIds.length; i++) {
      const p = this.#positionOf.get(Number(m.docIds[i]))
      if (p === undefined) continue
      positions.push(p)
      if (ranked && m.scores) scores.push(Number(m.scores[i]))
    }
    if (!ranked || !m.scores) return Int32Array.from(positions).sort()
    const order = positions.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || positions[a] - positions[b])
    return Int32Array.from(order, (i) => positions[i])
  }

  /**
   * Total, facet counts and the positions passing every filter (in the order given), over the
   * positions `ordered` (a query's matches). A single-valued facet is counted with every filter
   * except its own, themes and agencies with every filter. Never throws.
   */
  filterAndCount(
    ordered: Int32Array,
    filters: SearchFilters,
  ): { passing: Int32Array; facets: Record<FacetName, FacetCount[]> } {
    const singleCount = SINGLE_FACETS.length
    const conditions: [number, number][] = []
    SINGLE_FACETS.forEach((facet, i) => {
      const value = filters[facet]
      if (value !== undefined) conditions.push([i, this.#singleCodes[i].find(String(value))])
    })
    const required = MULTI_FACETS.map((facet, j) => (filters[facet] ?? []).map((v) => this.#multiCodes[j].find(v)))
    const counts = [
      ...this.#singleCodes.map((c) => new Int32Array(c.values.length)),
      ...this.#multiCodes.map((c) => new Int32Array(c.values.length)),
    ]
    const passing = new Int32Array(ordered.length)
    let total = 0
    next: for (let k = 0; k < ordered.length; k++) {
      const p = ordered[k]
      for (let j = 0; j < required.length; j++) {
        if (required[j].length === 0) continue
        const start = this.#multiStart[j][p]
        const end = this.#multiStart[j][p + 1]
        const values = this.#multiValues[j]
        for (const code of required[j]) {
          let found = false
          for (let q = start; q < end; q++) if (values[q] === code) found = true
          if (!found) continue next
        }
      }
      // Which single conditions fail: none → passing; exactly one → counts for that facet only.
      let failed = -1
      let failures = 0
      for (const [i, code] of conditions) {
        if (this.#single[i][p] !== code) {
          failures++
          failed = i
          if (failures > 1) continue next
        }
      }
      if (failures === 1) {
        const c = this.#single[failed][p]
        if (c !== NONE) counts[failed][c]++
        continue
      }
      passing[total++] = p
      for (let i = 0; i < singleCount; i++) {
        const c = this.#single[i][p]
        if (c !== NONE) counts[i][c]++
      }
      for (let j = 0; j < MULTI_FACETS.length; j++) {
        const values = this.#multiValues[j]
        const end = this.#multiStart[j][p + 1]
        for (let q = this.#multiStart[j][p]; q < end; q++) counts[singleCount + j][values[q]]++
      }
    }
    const codes = [...this.#singleCodes, ...this.#multiCodes]
    const facets = Object.fromEntries(
      FACET_NAMES.map((facet, i) => {
        const list: FacetCount[] = []
        counts[i].forEach((count, c) => {
          if (count > 0) list.push({ value: codes[i].values[c], count })
        })
        return [facet, sortFacetCounts(facet, list)]
      }),
    ) as Record<FacetName, FacetCount[]>
    return { passing: passing.subarray(0, total), facets }
  }

  /** Ids of the documents at these positions. */
  idsAt(positions: ArrayLike<number>): string[] {
    return Array.from(positions, (p) => this.#ids[p])
  }

  /**
   * The results at these positions, with the snippet of each for `key` (the engine's query; null
   * for none). Snippets not kept are fetched with `load` (doc_ids → text marked with
   * HIGHLIGHT_START/END) for those documents only; a result without a highlighted snippet shows the
   * start of its summary. Throws only when `load` does.
   */
  async results(
    positions: ArrayLike<number>,
    key: string | null,
    load: (docIds: number[]) => Promise<ReadonlyMap<number, string>>,
  ): Promise<SearchResult[]> {
    const list = Array.from(positions)
    const snippets: (SnippetSegment[] | null)[] = list.map(() => null)
    if (key !== null) {
      const missing: number[] = []
      list.forEach((p, i) => {
        const kept = this.#snippets.get(`${key}\u0000${p}`)
        if (kept === undefined) missing.push(i)
        else snippets[i] = kept
      })
      if (missing.length > 0) {
        const fetched = await load(missing.map((i) => this.#docIds[list[i]]))
        for (const i of missing) {
          const marked = fetched.get(this.#docIds[list[i]])
          const segments = marked !== undefined && marked.includes(HIGHLIGHT_START) ? toSegments(marked) : null
          this.#snippets.set(`${key}\u0000${list[i]}`, segments)
          snippets[i] = segments
        }
      }
    }
    return list.map((p, i) => ({ ...this.#results[p], snippet: snippets[i] ?? this.#leads[p] }))
  }
}

/**
 * Writes made through any index in this process, per database: an index compares it (with the
 * engine's own version) before reusing its snapshot, so two indexes on one connection agree.
 */
const generations = new WeakMap<object, number>()
export function bumpGeneration(db: object): void {
  generations.set(db, (generations.get(db) ?? 0) + 1)
}
export function generationOf(db: object): number {
  return generations.get(db) ?? 0
}

/**
 * A snapshot kept while `version()` (the in-process generation is added to it) is unchanged.
 * `version` must change whenever another connection, process or instance changes the search
 * tables; it is read once per search, before the snapshot is used, so a snapshot is never
 * labelled with a version newer than its data.
 */
export class SnapshotCache {
  readonly #db: Kysely<Database>
  readonly #version: () => Promise<string>
  readonly #nullYearsFirst: boolean
  #current: { version: string; snapshot: Promise<FacetSnapshot> } | null = null

  constructor(db: Kysely<Database>, options: { version: () => Promise<string>; nullYearsFirst: boolean }) {
    this.#db = db
    this.#version = options.version
    this.#nullYearsFirst = options.nullYearsFirst
  }

  async get(): Promise<FacetSnapshot> {
    const version = `${generationOf(this.#db)}:${await this.#version()}`
    if (this.#current?.version !== version) {
      const snapshot = FacetSnapshot.load(this.#db, this.#nullYearsFirst)
      this.#current = { version, snapshot }
      snapshot.catch(() => {
        if (this.#current?.snapshot === snapshot) this.#current = null
      })
    }
    return this.#current.snapshot
  }

  /** After a write through this process. */
  invalidate(): void {
    bumpGeneration(this.#db)
    this.#current = null
  }
}
