import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import {
  FACET_NAMES,
  MULTI_FACETS,
  SINGLE_FACET_COLUMNS,
  SINGLE_FACETS,
  sortFacetCounts,
  type FacetCount,
  type FacetName,
  type MultiFacet,
  type SearchFilters,
} from './search-index.ts'

/**
 * An in-memory copy of the facet columns of every indexed document (`search_document` without the
 * text, and `search_facet`), so that filtering, facet counting and ordering by date are done in
 * JavaScript over the ids the full-text engine matched, in one pass, instead of a dozen grouped SQL
 * statements over a materialised CTE of the matches.
 *
 * It is a cache of the database: the index drops it on its own writes, and checks a cheap version
 * (given by the engine) before each use, so writes by another connection or process are seen too.
 * Memory: about 1 KB per document (10,000 reviews ≈ 10 MB).
 */

export interface SnapshotDocument {
  readonly docId: number
  readonly id: string
  readonly year: number | null
  readonly publishedAt: string
  /** Values of the single facets in SINGLE_FACETS order (year as a string), null when absent. */
  readonly single: readonly (string | null)[]
  readonly multi: Readonly<Record<MultiFacet, ReadonlySet<string>>>
}

export class FacetSnapshot {
  readonly documents: readonly SnapshotDocument[]
  readonly byDocId: ReadonlyMap<number, SnapshotDocument>

  constructor(documents: SnapshotDocument[]) {
    this.documents = documents
    this.byDocId = new Map(documents.map((d) => [d.docId, d]))
  }

  /** Load every document's facets (two statements). Throws only on database failure. */
  static async load(db: Kysely<Database>): Promise<FacetSnapshot> {
    const columns = SINGLE_FACETS.map((f) => SINGLE_FACET_COLUMNS[f])
    const { rows } = await sql<Record<string, unknown>>`
      select doc_id, id, published_at, ${sql.raw(columns.join(', '))} from search_document`.execute(db)
    const facetRows = await db.selectFrom('search_facet').select(['doc_id', 'facet', 'value']).execute()
    const multi = new Map<number, Record<MultiFacet, Set<string>>>()
    for (const r of facetRows) {
      const docId = Number(r.doc_id)
      let m = multi.get(docId)
      if (!m) multi.set(docId, (m = { themes: new Set(), agencies: new Set() }))
      if ((MULTI_FACETS as readonly string[]).includes(r.facet)) m[r.facet as MultiFacet].add(r.value)
    }
    return new FacetSnapshot(
      rows.map((r) => {
        const docId = Number(r.doc_id)
        return {
          docId,
          id: String(r.id),
          year: r.year === null || r.year === undefined ? null : Number(r.year),
          publishedAt: String(r.published_at),
          single: columns.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))),
          multi: multi.get(docId) ?? { themes: new Set(), agencies: new Set() },
        }
      }),
    )
  }
}

/** Single filters as [position in SINGLE_FACETS, value as string]. */
function singleConditions(filters: SearchFilters): [number, string][] {
  const out: [number, string][] = []
  SINGLE_FACETS.forEach((facet, i) => {
    const value = filters[facet]
    if (value !== undefined) out.push([i, String(value)])
  })
  return out
}

function passesMulti(d: SnapshotDocument, filters: SearchFilters): boolean {
  for (const facet of MULTI_FACETS)
    for (const value of filters[facet] ?? []) if (!d.multi[facet].has(value)) return false
  return true
}

/**
 * Total and facet counts over `candidates` (the documents the text matched, or all), with the
 * semantics of the former SQL: a single facet counted with every filter except its own, themes and
 * agencies with every filter. Also returns the documents passing every filter. Never throws.
 */
export function countAndFilter(
  candidates: Iterable<SnapshotDocument>,
  filters: SearchFilters,
): { matched: SnapshotDocument[]; facets: Record<FacetName, FacetCount[]> } {
  const conditions = singleConditions(filters)
  const counts = FACET_NAMES.map(() => new Map<string, number>())
  const singleCount = SINGLE_FACETS.length
  const matched: SnapshotDocument[] = []
  for (const d of candidates) {
    if (!passesMulti(d, filters)) continue
    // Which single conditions fail: none → matched; exactly one → counts for that facet only.
    let failed = -1
    let failures = 0
    for (const [i, value] of conditions) {
      if (d.single[i] !== value) {
        failures++
        failed = i
        if (failures > 1) break
      }
    }
    if (failures > 1) continue
    if (failures === 1) {
      const v = d.single[failed]
      if (v !== null) counts[failed].set(v, (counts[failed].get(v) ?? 0) + 1)
      continue
    }
    matched.push(d)
    for (let i = 0; i < singleCount; i++) {
      const v = d.single[i]
      if (v !== null) counts[i].set(v, (counts[i].get(v) ?? 0) + 1)
    }
    MULTI_FACETS.forEach((facet, j) => {
      const map = counts[singleCount + j]
      for (const v of d.multi[facet]) map.set(v, (map.get(v) ?? 0) + 1)
    })
  }
  const facets = Object.fromEntries(
    FACET_NAMES.map((facet, i) => [
      facet,
      sortFacetCounts(
        facet,
        [...counts[i]].map(([value, count]) => ({ value, count })),
      ),
    ]),
  ) as Record<FacetName, FacetCount[]>
  return { matched, facets }
}

/** Code-point order of two strings (as SQLite's binary collation). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The date order (year desc, published_at desc, id). `nullYearsFirst` follows the engine's
 * `desc` (PostgreSQL puts nulls first, SQLite last). Never throws.
 */
export function dateOrder(nullYearsFirst: boolean): (a: SnapshotDocument, b: SnapshotDocument) => number {
  return (a, b) => {
    if (a.year !== b.year) {
      if (a.year === null) return nullYearsFirst ? -1 : 1
      if (b.year === null) return nullYearsFirst ? 1 : -1
      return b.year - a.year
    }
    return compare(b.publishedAt, a.publishedAt) || compare(a.id, b.id)
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
 * `version` must change whenever another connection or process changes the search tables.
 */
export class SnapshotCache {
  readonly #db: Kysely<Database>
  readonly #version: () => Promise<string>
  #current: { version: string; snapshot: Promise<FacetSnapshot> } | null = null

  constructor(db: Kysely<Database>, version: () => Promise<string>) {
    this.#db = db
    this.#version = version
  }

  async get(): Promise<FacetSnapshot> {
    const version = `${generationOf(this.#db)}:${await this.#version()}`
    if (this.#current?.version !== version) {
      const snapshot = FacetSnapshot.load(this.#db)
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
