/**
 * Periods of the integrated chronology (issue 11): a long chronology is read a year at a time, or, when a
 * year has more entries than fit on a readable page, a run of consecutive months at a time ("March 2020 to
 * September 2021", "March 2023"), with a navigation between periods. Pure: no database. An entry belongs to
 * the period of its date's first day (a "March 2024" entry is in March 2024; an "approx. 2023" entry in
 * January 2023 when months are used).
 */
import { monthName } from '../clocks/plain-date.ts'
import type { ChronologyDate } from './chronology-date.ts'

/** A page of the chronology: a year, or consecutive months. */
export interface Period {
  /** `YYYY`, `YYYY-MM`, or `YYYY-MM_YYYY-MM` (first and last month): the query string's `period`. */
  key: string
  /** "2023", "March 2023", or "March 2020 to September 2021". */
  label: string
  count: number
}

/** Entries on one page at most before the chronology is paged by months instead of by year. */
export const MAX_ENTRIES_PER_YEAR_PAGE = 150

/** Entries a page of months is filled up to (a busy month is a page of its own, however many it has). */
export const MONTH_PAGE_ENTRIES = 40

/**
 * The periods of entries, earliest first: years, or (when any year has more than `maxPerYear` entries) runs of
 * consecutive months holding up to `monthPage` entries each. Empty for no entries. Never throws.
 */
export function periodsOf(
  entries: ReadonlyArray<{ date: ChronologyDate }>,
  maxPerYear = MAX_ENTRIES_PER_YEAR_PAGE,
  monthPage = MONTH_PAGE_ENTRIES,
): Period[] {
  const years = sortedCounts(entries, (e) => e.date.start.slice(0, 4))
  if (years.every(([, n]) => n <= maxPerYear)) return years.map(([key, count]) => ({ key, label: key, count }))
  // Consecutive months, filled up to `monthPage` entries: [first month, last month, count].
  const runs: Array<[string, string, number]> = []
  for (const [month, count] of sortedCounts(entries, (e) => e.date.start.slice(0, 7))) {
    const last = runs.at(-1)
    if (last && last[2] + count <= monthPage) runs[runs.length - 1] = [last[0], month, last[2] + count]
    else runs.push([month, month, count])
  }
  const periods = runs.map(([first, last, count]) => {
    const key = first === last ? first : `${first}_${last}`
    return { key, label: periodLabel(key), count }
  })
  return periods
}

/** Whether an entry is in the period `key` (`YYYY`, `YYYY-MM` or `YYYY-MM_YYYY-MM`). */
export function inPeriod(entry: { date: ChronologyDate }, key: string): boolean {
  const month = entry.date.start.slice(0, 7)
  if (/^\d{4}$/.test(key)) return entry.date.start.startsWith(key)
  if (/^\d{4}-\d{2}$/.test(key)) return month === key
  const range = /^(\d{4}-\d{2})_(\d{4}-\d{2})$/.exec(key)
  return range !== null && month >= range[1] && month <= range[2]
}

/** "2023", "March 2023", or "March 2020 to September 2021". */
export function periodLabel(key: string): string {
  const month = (ym: string) => {
    const m = Number(ym.slice(5, 7))
    return m >= 1 && m <= 12 ? `${monthName(m)} ${ym.slice(0, 4)}` : ym
  }
  if (/^\d{4}$/.test(key)) return key
  const [first, last] = key.split('_')
  return last ? `${month(first)} to ${month(last)}` : month(first)
}

function sortedCounts<T>(items: readonly T[], keyOf: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))
}
