/**
 * The partnership's year in figures for its annual report: pure types and rules (issue 15, part 5).
 * Every count is shown suppressed as the repository statistics are: 1 to 4 become "fewer than 5".
 */
import { suppress, type SuppressedCount } from '../published-reviews/published-review.ts'

export type { SuppressedCount }

/** Earliest and latest year the page accepts. */
export const FIRST_YEAR = 2018
export const LAST_YEAR = 2100

/** The raw counts of one year (before suppression). */
export interface YearCounts {
  readonly notified: number
  readonly decided: number
  readonly started: number
  readonly published: number
  readonly agenciesSharing: number
  readonly practitionersReached: number
  readonly auditsDone: number
  readonly impactShown: number
}

/** One row of a table: a label and its suppressed count. */
export interface YearFigure {
  readonly label: string
  readonly count: SuppressedCount
}

/** The year's tables, every count suppressed. */
export interface YearTables {
  readonly year: number
  readonly reviews: YearFigure[]
  readonly actions: YearFigure[]
  readonly dissemination: YearFigure[]
  readonly impact: YearFigure[]
}

/** The year asked for in `?year=`, or `fallback` when missing or outside FIRST_YEAR..LAST_YEAR. Pure. */
export function chosenYear(typed: string | undefined, fallback: number): number {
  const year = Number(typed)
  return typed && /^\d{4}$/.test(typed) && year >= FIRST_YEAR && year <= LAST_YEAR ? year : fallback
}

/** Builds the year's suppressed tables. Pure; never throws. */
export function yearTables(
  year: number,
  counts: YearCounts,
  actionsByStatus: ReadonlyArray<{ label: string; count: number }>,
): YearTables {
  const row = (label: string, count: number): YearFigure => ({ label, count: suppress(count) })
  return {
    year,
    reviews: [
      row('Serious incidents notified to the national Panel', counts.notified),
      row('Decisions made whether to review', counts.decided),
      row('Reviews started (commissioned)', counts.started),
      row('Reviews published', counts.published),
    ],
    actions: actionsByStatus.map((a) => row(a.label, a.count)),
    dissemination: [
      row('Agencies that recorded sharing the learning', counts.agenciesSharing),
      row('Practitioners the learning reached', counts.practitionersReached),
    ],
    impact: [
      row('Follow-up audits completed', counts.auditsDone),
      row('Recommendations with impact shown by an audit', counts.impactShown),
    ],
  }
}
