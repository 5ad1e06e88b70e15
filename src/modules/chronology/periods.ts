/**
 * Periods of the integrated chronology (issue 11): a long chronology is read a year at a time (or a month
 * at a time when a year has more entries than fit on a readable page), with a navigation between periods.
 * Pure: no database. An entry belongs to the period of its date's first day (a "March 2024" entry is in
 * March 2024; an "approx. 2023" entry in January 2023 when months are used).
 */
import { monthName } from '../clocks/plain-date.ts'
import type { ChronologyDate } from './chronology-date.ts'

/** A page of the chronology: a year ("2023") or a month ("2023-03"). */
export interface Period {
  /** `YYYY` or `YYYY-MM`: the query string's `period`. */
  key: string
  /** "2023", or "March 2023". */
  label: string
  count: number
}

/** Entries on one page at most before the chronology is paged by month instead of by year. */
export const MAX_ENTRIES_PER_YEAR_PAGE = 150

/**
 * The periods of entries in chronology order, earliest first: years, or months when any year has more than
 * `maxPerYear` entries. Empty for no entries. Never throws.
 */
export function periodsOf(
  entries: ReadonlyArray<{ date: ChronologyDate }>,
  maxPerYear = MAX_ENTRIES_PER_YEAR_PAGE,
): Period[] {
  const years = countBy(entries, (e) => e.date.start.slice(0, 4))
  const byMonth = [...years.values()].some((n) => n > maxPerYear)
  const counts = byMonth ? countBy(entries, (e) => e.date.start.slice(0, 7)) : years
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, label: periodLabel(key), count }))
}

/** Whether an entry is in the period `key` (`YYYY` or `YYYY-MM`). */
export function inPeriod(entry: { date: ChronologyDate }, key: string): boolean {
  return entry.date.start.startsWith(key) && (key.length === 4 || key.length === 7)
}

/** "2023" or "March 2023". */
export function periodLabel(key: string): string {
  if (key.length === 4) return key
  const month = Number(key.slice(5, 7))
  return month >= 1 && month <= 12 ? `${monthName(month)} ${key.slice(0, 4)}` : key
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1)
  return counts
}
