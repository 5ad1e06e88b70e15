import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError } from '../../../../modules/errors.ts'
import { toCsv } from '../../../../modules/export/spreadsheet-escape.ts'
import type { ThematicStatistics } from '../../../../modules/published-reviews/published-review.service.ts'
import {
  suppress,
  THEME_LABELS,
  THEMES,
  type AgeBand,
  type Theme,
} from '../../../../modules/published-reviews/published-review.ts'
import type { SearchFilters } from '../../../../search/search-index.ts'
import { barChartOrNote } from '../charts.ts'
import {
  FACET_ORDER,
  FACET_TITLES,
  facetValueLabel,
  publicAccess,
  readSearchState,
  searchQueryString,
} from '../common.ts'

/**
 * "Ages of concern" (Ofsted's analysis: babies under one and young people 14+). The age bands we
 * hold are under 1, 1–4, 5–9, 10–15, 16–17 and care leavers, so the older group here is 16 and over.
 */
const AGE_GROUPS: ReadonlyArray<{ label: string; bands: readonly AgeBand[] }> = [
  { label: 'Babies under 1', bands: ['under_1'] },
  { label: 'Children aged 1 to 15', bands: ['1_4', '5_9', '10_15'] },
  { label: 'Young people aged 16 and over (including care leavers)', bands: ['16_17', 'care_leaver_18_24'] },
]

/** Raw (unsuppressed) band counts come from the facet; sums of groups are suppressed after adding. */
async function agesOfConcern(services: Services, q: string, filters: SearchFilters) {
  const { childAgeBand: _ignored, ...rest } = filters
  const response = await services.publishedReviews.search(q, { filters: rest, pageSize: 0 })
  const counts = new Map(response.facets.childAgeBand.map((f) => [f.value, f.count]))
  return AGE_GROUPS.map((g) => ({
    label: g.label,
    count: suppress(g.bands.reduce((sum, b) => sum + (counts.get(b) ?? 0), 0)),
  }))
}

/** The charts of a statistics page: each a chart, or a sentence when there is nothing to draw. */
async function charts(stats: ThematicStatistics) {
  const byYear = [...stats.byYear].reverse()
  return {
    year: await barChartOrNote(
      byYear.map((y) => ({ category: y.year, value: y.count.value })),
      { title: 'Reviews by year', axisTitle: 'Reviews' },
    ),
    age: await barChartOrNote(
      stats.byAgeBand.map((a) => ({ category: a.label, value: a.count.value })),
      { title: 'Reviews by age of the child', axisTitle: 'Reviews' },
    ),
    themes: stats.coOccurringThemes.length
      ? await barChartOrNote(
          stats.coOccurringThemes.slice(0, 12).map((t) => ({ category: t.label, value: t.count.value })),
          { title: 'Themes found together with this selection', axisTitle: 'Reviews' },
        )
      : null,
  }
}

/** The statistics as CSV sections (every cell escaped against spreadsheet formulas). */
function statisticsCsv(stats: ThematicStatistics, ages: Awaited<ReturnType<typeof agesOfConcern>>): string {
  const lines: string[][] = [['Reviews matching', stats.total.label], [], ['Year', 'Reviews']]
  for (const y of stats.byYear) lines.push([y.year, y.count.label])
  lines.push([], ['Age of the child', 'Reviews'])
  for (const a of stats.byAgeBand) lines.push([a.label, a.count.label])
  lines.push([], ['Ages of concern', 'Reviews'])
  for (const a of ages) lines.push([a.label, a.count.label])
  lines.push([], ['Theme found together', 'Reviews'])
  for (const t of stats.coOccurringThemes) lines.push([t.label, t.count.label])
  lines.push([], ['Repeated recommendation', 'Reviews that made it', 'Made in'])
  for (const r of stats.repeatedRecommendations)
    lines.push([r.text, r.reviews.label, r.examples.map((e) => e.reviewTitle).join('; ')])
  return toCsv(lines[0], lines.slice(1))
}

/** A description of the selection, e.g. "Neglect; Year: 2023". */
function selectionText(q: string, filters: SearchFilters): string {
  const parts: string[] = []
  if (q) parts.push(`reviews matching “${q.slice(0, 100)}”`)
  for (const facet of FACET_ORDER) {
    const value = filters[facet]
    if (value === undefined) continue
    const values = Array.isArray(value) ? (value as string[]) : [String(value)]
    parts.push(`${FACET_TITLES[facet]}: ${values.map((v) => facetValueLabel(facet, v)).join(' and ')}`)
  }
  return parts.length ? parts.join('; ') : 'all published reviews'
}

/** `GET /repository/statistics` (with CSV) and the printable briefing `GET /repository/themes/:theme`. */
export function statisticsRoutes(app: FastifyInstance, services: Services): void {
  app.get('/repository/statistics', { config: publicAccess }, async (request, reply) => {
    const state = readSearchState(request.query)
    const stats = await services.publishedReviews.statistics(state.q, state.filters)
    const query = searchQueryString({ ...state, sort: null, page: 1 })
    return reply.page('routes/repository/statistics/view.njk', {
      pageTitle: 'Thematic learning from published reviews',
      state,
      stats,
      ages: await agesOfConcern(services, state.q, state.filters),
      charts: await charts(stats),
      selection: selectionText(state.q, state.filters),
      csvHref: `/repository/statistics.csv${query}`,
      searchHref: `/repository${query}`,
      themes: THEMES.map((t) => ({ value: t, text: THEME_LABELS[t], selected: state.filters.themes?.includes(t) })),
    })
  })

  app.get('/repository/statistics.csv', { config: publicAccess }, async (request, reply) => {
    const state = readSearchState(request.query)
    const stats = await services.publishedReviews.statistics(state.q, state.filters)
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="thematic-learning.csv"')
      .send('\uFEFF' + statisticsCsv(stats, await agesOfConcern(services, state.q, state.filters)))
  })

  app.get<{ Params: { theme: string } }>(
    '/repository/themes/:theme',
    { config: publicAccess },
    async (request, reply) => {
      const theme = request.params.theme
      if (!(THEMES as readonly string[]).includes(theme)) throw new NotFoundError('No such theme')
      const label = THEME_LABELS[theme as Theme]
      const filters = { themes: [theme] }
      const stats = await services.publishedReviews.statistics('', filters)
      const latest = await services.publishedReviews.search('', { filters, sort: 'date', pageSize: 10 })
      return reply.page('routes/repository/statistics/briefing.njk', {
        pageTitle: `${label}: thematic briefing`,
        theme,
        label,
        stats,
        ages: await agesOfConcern(services, '', filters),
        charts: await charts(stats),
        latest: latest.results,
        statisticsHref: `/repository/statistics?themes=${encodeURIComponent(theme)}`,
        csvHref: `/repository/statistics.csv?themes=${encodeURIComponent(theme)}`,
        generatedAt: new Date().toISOString(),
      })
    },
  )
}
