import type { SearchFilters, SearchSort } from '../../../search/search-index.ts'
import { MULTI_FACETS, SINGLE_FACETS, type FacetName } from '../../../search/search-index.ts'
import {
  AGE_BAND_LABELS,
  ETHNIC_GROUP_LABELS,
  INCIDENT_NATURE_LABELS,
  REVIEW_TYPE_LABELS,
  THEME_LABELS,
} from '../../../modules/published-reviews/published-review.ts'

/** Route config of the public pages: anyone, signed in or not. */
export const publicAccess = { routeAccess: { access: 'public' } } as const

/** Route config of the curators' pages. */
export const curatorAccess = { routeAccess: { access: 'authenticated', permission: 'repository.curate' } } as const

/** What a search asks for, read from the query string (shareable URLs). */
export interface SearchState {
  readonly q: string
  readonly sort: SearchSort | null
  readonly page: number
  readonly filters: SearchFilters
}

/** Longest query text kept from the URL; the search parser keeps at most 500 characters anyway. */
const MAX_QUERY_CHARS = 2000
const MAX_VALUE_CHARS = 200

function firstString(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : undefined
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return [
    ...new Set(
      list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.slice(0, MAX_VALUE_CHARS)),
    ),
  ].slice(0, 30)
}

/**
 * Read a search from a parsed query string. Never throws: unknown parameters are ignored, bad
 * numbers become defaults, long values are cut.
 */
export function readSearchState(query: unknown): SearchState {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>
  const q = (firstString(raw.q) ?? '').slice(0, MAX_QUERY_CHARS)
  const sortText = firstString(raw.sort)
  const sort: SearchSort | null = sortText === 'date' || sortText === 'relevance' ? sortText : null
  const pageNumber = Number.parseInt(firstString(raw.page) ?? '1', 10)
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1
  const filters: Record<string, unknown> = {}
  for (const facet of SINGLE_FACETS) {
    const value = firstString(raw[facet])?.trim().slice(0, MAX_VALUE_CHARS)
    if (!value) continue
    if (facet === 'year') {
      const year = Number.parseInt(value, 10)
      if (Number.isInteger(year) && year >= 1900 && year <= 2200) filters.year = year
    } else filters[facet] = value
  }
  for (const facet of MULTI_FACETS) {
    const values = strings(raw[facet])
    if (values.length) filters[facet] = values
  }
  return { q, sort, page, filters: filters as SearchFilters }
}

/** The query string of a search state (page 1 is left out). */
export function searchQueryString(state: SearchState): string {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  for (const facet of SINGLE_FACETS) {
    const value = state.filters[facet]
    if (value !== undefined) params.set(facet, String(value))
  }
  for (const facet of MULTI_FACETS) for (const value of state.filters[facet] ?? []) params.append(facet, value)
  if (state.sort) params.set('sort', state.sort)
  if (state.page > 1) params.set('page', String(state.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Headings of the facets, in the order they are shown. */
export const FACET_TITLES: Readonly<Record<FacetName, string>> = {
  themes: 'Learning themes',
  year: 'Year',
  reviewType: 'Type of review',
  natureOfIncident: 'Nature of incident',
  childAgeBand: 'Age of the child',
  sex: 'Sex of the child',
  ethnicGroup: 'Ethnic group',
  region: 'Region',
  partnership: 'Safeguarding partnership',
  agencies: 'Agencies involved',
  reviewModel: 'Review model',
}

export const FACET_ORDER: readonly FacetName[] = Object.keys(FACET_TITLES) as FacetName[]

const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', not_stated: 'Not stated' }

const VALUE_LABELS: Partial<Record<FacetName, Record<string, string>>> = {
  themes: THEME_LABELS,
  reviewType: REVIEW_TYPE_LABELS,
  natureOfIncident: INCIDENT_NATURE_LABELS,
  childAgeBand: AGE_BAND_LABELS,
  sex: SEX_LABELS,
  ethnicGroup: ETHNIC_GROUP_LABELS,
}

/** The plain-English label of a facet value (the value itself when it has none). Never throws. */
export function facetValueLabel(facet: FacetName, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  return VALUE_LABELS[facet]?.[String(value)] ?? String(value)
}

/** A review id as stored: a UUID. Anything else is "not found" without asking the database. */
export function isReviewId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
}

/** Plain text of snippet segments (for JSON and feeds). */
export function snippetText(segments: readonly { text: string }[]): string {
  return segments.map((s) => s.text).join('')
}

/** "1.2 MB", "340 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
