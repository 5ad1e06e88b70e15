/**
 * The search backend of the published repository: one interface, two implementations
 * (SQLite FTS5 in `sqlite-fts5.search-index.ts`, PostgreSQL full text in `postgres.search-index.ts`)
 * that answer the same questions the same way. The same test bodies run on both.
 */

/** Facets with one value per review. */
export const SINGLE_FACETS = [
  'year',
  'region',
  'partnership',
  'reviewType',
  'natureOfIncident',
  'childAgeBand',
  'sex',
  'ethnicGroup',
  'reviewModel',
] as const
export type SingleFacet = (typeof SINGLE_FACETS)[number]

/** Facets with several values per review; filtering on several values requires all of them. */
export const MULTI_FACETS = ['themes', 'agencies'] as const
export type MultiFacet = (typeof MULTI_FACETS)[number]

export type FacetName = SingleFacet | MultiFacet
export const FACET_NAMES: readonly FacetName[] = [...SINGLE_FACETS, ...MULTI_FACETS]

/** A published review as the index sees it. All text must already be anonymised and published. */
export interface SearchDocument {
  readonly id: string
  readonly title: string
  readonly summary: string
  /** Everything else searchable: the documents' text, recommendations, keywords. */
  readonly body: string
  /** ISO 8601 timestamp; the "date" sort is by year, then this. */
  readonly publishedAt: string
  /** Publishing area (partnership name) or "Anonymous"; shown in results. */
  readonly area: string
  readonly facets: Readonly<Record<SingleFacet, string | number | null>> &
    Readonly<Record<MultiFacet, readonly string[]>>
}

/** Filters: single facets take one value; themes and agencies any number (all must hold). */
export type SearchFilters = Partial<Record<SingleFacet, string | number>> &
  Partial<Record<MultiFacet, readonly string[]>>

export type SearchSort = 'relevance' | 'date'

export interface SearchOptions {
  readonly filters?: SearchFilters
  /** Default `relevance` when there is a text query, else `date`. */
  readonly sort?: SearchSort
  /** 1-based; values below 1 or not integers become 1. */
  readonly page?: number
  /** Default 20; clamped to 0–100 (0 gives only the total and facets). */
  readonly pageSize?: number
}

/** A run of snippet text, highlighted when it is a matched word. The web layer escapes `text`. */
export interface SnippetSegment {
  readonly text: string
  readonly highlighted: boolean
}

export interface SearchResult {
  readonly id: string
  readonly title: string
  readonly year: number | null
  readonly area: string
  readonly reviewType: string | null
  readonly publishedAt: string
  readonly snippet: readonly SnippetSegment[]
}

export interface FacetCount {
  readonly value: string
  readonly count: number
}

export interface SearchResponse {
  readonly total: number
  readonly page: number
  readonly pageSize: number
  /** At least 1 (an empty result has one empty page). */
  readonly totalPages: number
  readonly sort: SearchSort
  readonly results: readonly SearchResult[]
  /**
   * Counts for every facet, combined with the query and the filters: for a single-valued facet,
   * with every filter except its own (so the other values show what choosing them would give);
   * for themes and agencies, with every filter (what adding that value would give).
   */
  readonly facets: Readonly<Record<FacetName, readonly FacetCount[]>>
}

/** The search backend. */
export interface SearchIndex {
  /** Add or replace a document (same id replaces). Throws only on database failure. */
  index(document: SearchDocument): Promise<void>
  /** Remove a document; removing an unknown id does nothing. Throws only on database failure. */
  remove(id: string): Promise<void>
  /**
   * Search. Contract: never throws for any `query` text (hostile input is reduced to words; see
   * `search-query.ts`) or out-of-range paging; throws only on database failure. An empty query
   * lists every document matching the filters.
   */
  search(query: string, options?: SearchOptions): Promise<SearchResponse>
  /** Ids of every document matching the query and filters (for statistics), at most `limit` (default 100,000). */
  matchingIds(query: string, filters?: SearchFilters, limit?: number): Promise<string[]>
}

/** Page size used when none is given. */
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
/** Results beyond this position are never fetched (deep paging is refused, not slow). */
export const MAX_RESULT_POSITION = 10_000

/** Normalised paging: page ≥ 1, pageSize 0–100. Never throws. */
export function normalisePaging(options: SearchOptions): { page: number; pageSize: number; offset: number } {
  const page = Number.isInteger(options.page) && (options.page as number) >= 1 ? (options.page as number) : 1
  const requested = options.pageSize ?? DEFAULT_PAGE_SIZE
  const pageSize = Number.isFinite(requested)
    ? Math.max(0, Math.min(MAX_PAGE_SIZE, Math.floor(requested)))
    : DEFAULT_PAGE_SIZE
  return { page, pageSize, offset: Math.min((page - 1) * pageSize, MAX_RESULT_POSITION) }
}

/** Start and end markers the engines put around matched words; removed from indexed text first. */
export const HIGHLIGHT_START = '\uE000'
export const HIGHLIGHT_END = '\uE001'

/** Text safe to index: the private-use marker characters removed. Never throws. */
export function indexableText(text: string): string {
  return text.replace(/[\uE000\uE001]/g, ' ')
}

/** Split engine output with markers into segments. Never throws; unbalanced markers are dropped. */
export function toSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = []
  let highlighted = false
  let current = ''
  const push = () => {
    if (current === '') return
    const last = segments[segments.length - 1]
    if (last && last.highlighted === highlighted)
      segments[segments.length - 1] = { text: last.text + current, highlighted }
    else segments.push({ text: current, highlighted })
    current = ''
  }
  for (const ch of marked) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      push()
      highlighted = ch === HIGHLIGHT_START
    } else current += ch
  }
  push()
  return segments
}

/** The first words of a summary as an unhighlighted snippet (for searches without text). */
export function leadSnippet(summary: string, words = 40): SnippetSegment[] {
  const parts = summary.split(/\s+/).filter(Boolean)
  const text = parts.slice(0, words).join(' ') + (parts.length > words ? ' …' : '')
  return text ? [{ text, highlighted: false }] : []
}

/** Database column of each single-valued facet in `search_document`. */
export const SINGLE_FACET_COLUMNS: Readonly<Record<SingleFacet, string>> = {
  year: 'year',
  region: 'region',
  partnership: 'partnership',
  reviewType: 'review_type',
  natureOfIncident: 'nature_of_incident',
  childAgeBand: 'child_age_band',
  sex: 'sex',
  ethnicGroup: 'ethnic_group',
  reviewModel: 'review_model',
}

/** Facet counts sorted for display: years newest first, others by count then value. Never throws. */
export function sortFacetCounts(facet: FacetName, counts: FacetCount[]): FacetCount[] {
  return facet === 'year'
    ? counts.sort((a, b) => b.value.localeCompare(a.value))
    : counts.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
}
