import type { ClockStatus } from '../clocks/clock.ts'
import { suppress, type SuppressedCount } from '../published-reviews/published-review.ts'
import { DECISION_OUTCOME_NAMES, DECISION_OUTCOMES, type DecisionOutcome } from '../reviews/review.ts'

/**
 * The national figures as pure arithmetic over one row per submitted notification: counts by region,
 * every count that is shown (cells, totals and chart bars) passed through the one small-number rule
 * (`suppress`: 1–4 become "fewer than 5"), so no published number can identify a child.
 */

/** What the figures read of one notification (no names, no dates of birth). */
export interface FigureRow {
  region: string
  decision: DecisionOutcome | null
  published: boolean
  /** The serious incident notification clock (5 working days from the local authority becoming aware). */
  notificationClock: ClockStatus | null
  /** The rapid review clock (15 working days from the notification). */
  rapidReviewClock: ClockStatus | null
  /** The Panel's first answer to a decision not to review: `agrees`, `challenges`, or null. */
  panelOnDecision: string | null
}

/** One table (and its chart): a row per region, a column per category, a total row. */
export interface Figure {
  key: string
  title: string
  /** What the numbers count, for the chart's axis. */
  counts: string
  columns: string[]
  rows: Array<{ region: string; cells: SuppressedCount[] }>
  totals: SuppressedCount[]
  /** The national totals per column as chart bars (null when suppressed: not drawn). */
  chart: Array<{ category: string; value: number | null }>
}

type Column = { name: string; counts: (row: FigureRow) => boolean }

const TIMELINESS = (clock: (row: FigureRow) => ClockStatus | null): Column[] => [
  { name: 'On time', counts: (r) => clock(r) === 'met_on_time' },
  { name: 'Late', counts: (r) => clock(r) === 'met_late' },
  { name: 'Overdue, not yet done', counts: (r) => clock(r) === 'overdue' },
]

const FIGURES: Array<{ key: string; title: string; counts: string; columns: Column[] }> = [
  {
    key: 'notifications',
    title: 'Serious incident notifications',
    counts: 'Notifications',
    columns: [{ name: 'Notifications', counts: () => true }],
  },
  {
    key: 'decisions',
    title: 'Decisions whether to hold a review',
    counts: 'Decisions',
    columns: DECISION_OUTCOMES.map((o) => ({ name: DECISION_OUTCOME_NAMES[o], counts: (r) => r.decision === o })),
  },
  {
    key: 'panel-on-decisions',
    title: 'The Panel’s view of decisions not to review',
    counts: 'Decisions',
    columns: [
      { name: 'Agreed', counts: (r) => r.panelOnDecision === 'agrees' },
      { name: 'Challenged', counts: (r) => r.panelOnDecision === 'challenges' },
    ],
  },
  {
    key: 'published',
    title: 'Reviews published',
    counts: 'Reviews',
    columns: [{ name: 'Published', counts: (r) => r.published }],
  },
  {
    key: 'notification-timeliness',
    title: 'Notifications within 5 working days',
    counts: 'Notifications',
    columns: TIMELINESS((r) => r.notificationClock),
  },
  {
    key: 'rapid-review-timeliness',
    title: 'Rapid reviews within 15 working days',
    counts: 'Rapid reviews',
    columns: TIMELINESS((r) => r.rapidReviewClock),
  },
]

/**
 * Every national figure from the rows, regions in alphabetical order. Contract: pure; every count shown
 * is suppressed by `suppress` (1–4 → "fewer than 5"); never throws.
 */
export function nationalFigures(rows: readonly FigureRow[]): Figure[] {
  const regions = [...new Set(rows.map((r) => r.region))].sort((a, b) => a.localeCompare(b))
  return FIGURES.map((figure) => {
    const count = (subset: readonly FigureRow[], column: Column) => subset.filter(column.counts).length
    const totals = figure.columns.map((c) => count(rows, c))
    const byRegion = regions.map((region) => {
      const subset = rows.filter((r) => r.region === region)
      return { region, cells: figure.columns.map((c) => suppress(count(subset, c))) }
    })
    // One-column figures chart the regions; others chart the national total of each column.
    const chart =
      figure.columns.length === 1
        ? byRegion.map((r) => ({ category: r.region, value: r.cells[0].value }))
        : figure.columns.map((c, i) => ({ category: c.name, value: suppress(totals[i]).value }))
    return {
      key: figure.key,
      title: figure.title,
      counts: figure.counts,
      columns: figure.columns.map((c) => c.name),
      rows: byRegion,
      totals: totals.map(suppress),
      chart,
    }
  })
}
