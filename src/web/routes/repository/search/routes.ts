import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { FacetName, SearchResponse } from '../../../../search/search-index.ts'
import { MULTI_FACETS } from '../../../../search/search-index.ts'
import { REVIEW_TYPE_LABELS, type ReviewType } from '../../../../modules/published-reviews/published-review.ts'
import {
  FACET_ORDER,
  FACET_TITLES,
  facetValueLabel,
  publicAccess,
  readSearchState,
  searchQueryString,
  type SearchState,
} from '../common.ts'

/** Results per page on the search page. */
const PAGE_SIZE = 20
/** Values shown per facet; the rest are reachable by searching. */
const MAX_FACET_VALUES = 30

/** The GOV.UK pagination component's items: first, last, current ± 1, with ellipses. */
function paginationFor(state: SearchState, response: SearchResponse) {
  const last = Math.min(response.totalPages, Math.ceil(10_000 / PAGE_SIZE))
  if (last <= 1) return null
  const current = Math.min(state.page, last)
  const href = (page: number) => `/repository${searchQueryString({ ...state, page })}`
  const items: Array<Record<string, unknown>> = []
  let previousShown = 0
  for (let page = 1; page <= last; page++) {
    if (page === 1 || page === last || Math.abs(page - current) <= 1) {
      if (previousShown && page - previousShown > 1) items.push({ ellipsis: true })
      items.push({ number: page, href: href(page), current: page === current })
      previousShown = page
    }
  }
  return {
    items,
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < last ? { href: href(current + 1) } : undefined,
    landmarkLabel: 'Search results pages',
  }
}

/** The facet sections of the filter form: checkboxes for themes and agencies, radios otherwise. */
function facetSections(state: SearchState, response: SearchResponse) {
  return FACET_ORDER.map((facet: FacetName) => {
    const multi = (MULTI_FACETS as readonly string[]).includes(facet)
    const selected = new Set(
      multi
        ? ((state.filters[facet as 'themes'] ?? []) as readonly string[])
        : state.filters[facet as 'year'] !== undefined
          ? [String(state.filters[facet as 'year'])]
          : [],
    )
    const counts = response.facets[facet]
    const shown = counts.slice(0, MAX_FACET_VALUES)
    // A selected value with no matches still shows, so it can be unticked.
    for (const value of selected) if (!shown.some((c) => c.value === value)) shown.push({ value, count: 0 })
    const items = shown.map((c) => ({
      value: c.value,
      text: `${facetValueLabel(facet, c.value)} (${c.count})`,
      checked: selected.has(c.value),
    }))
    return {
      name: facet,
      title: FACET_TITLES[facet],
      multi,
      items: multi ? items : [{ value: '', text: 'Any', checked: selected.size === 0 }, ...items],
      open: selected.size > 0,
      hidden: counts.length === 0 && selected.size === 0,
    }
  }).filter((s) => !s.hidden)
}

/** The selected filters as removable tags (each a link to the search without it). */
function selectedFilters(state: SearchState) {
  const out: Array<{ facet: string; label: string; href: string }> = []
  for (const facet of FACET_ORDER) {
    const value = state.filters[facet]
    if (value === undefined) continue
    const values = Array.isArray(value) ? (value as string[]) : [String(value)]
    for (const v of values) {
      const filters = { ...state.filters } as Record<string, unknown>
      if (Array.isArray(value)) {
        const rest = (value as string[]).filter((x) => x !== v)
        if (rest.length) filters[facet] = rest
        else delete filters[facet]
      } else delete filters[facet]
      out.push({
        facet: FACET_TITLES[facet],
        label: facetValueLabel(facet, v),
        href: `/repository${searchQueryString({ ...state, filters, page: 1 })}`,
      })
    }
  }
  return out
}

/** `GET /repository`: search published reviews, with facets, sort and pages, all in the URL. */
export function searchRoutes(app: FastifyInstance, services: Services): void {
  app.get('/repository', { config: publicAccess }, async (request, reply) => {
    const state = readSearchState(request.query)
    const response = await services.publishedReviews.search(state.q, {
      filters: state.filters,
      sort: state.sort ?? undefined,
      page: state.page,
      pageSize: PAGE_SIZE,
    })
    const results = response.results.map((r) => ({
      ...r,
      reviewTypeLabel: r.reviewType ? (REVIEW_TYPE_LABELS[r.reviewType as ReviewType] ?? r.reviewType) : null,
    }))
    const first = (response.page - 1) * response.pageSize + 1
    const hasFilters = Object.keys(state.filters).length > 0
    return reply.page('routes/repository/search/view.njk', {
      pageTitle: state.q ? `Search results for ${state.q.slice(0, 80)}` : 'Find a published review',
      state,
      response,
      results,
      first,
      lastShown: first + results.length - 1,
      facets: facetSections(state, response),
      selected: selectedFilters(state),
      hasFilters,
      // Before anyone has searched, the page lists the latest reviews (newest first).
      searched: Boolean(state.q.trim()) || hasFilters,
      pagination: paginationFor(state, response),
      clearFiltersHref: `/repository${searchQueryString({ q: state.q, sort: state.sort, page: 1, filters: {} })}`,
      sortHref: {
        relevance: `/repository${searchQueryString({ ...state, sort: 'relevance', page: 1 })}`,
        date: `/repository${searchQueryString({ ...state, sort: 'date', page: 1 })}`,
      },
      statisticsHref: `/repository/statistics${searchQueryString({ ...state, sort: null, page: 1 })}`,
    })
  })
}
