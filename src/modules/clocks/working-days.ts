/**
 * Working days in England and Wales: Monday to Friday, except bank holidays.
 *
 * Bank holidays come from the maintained `date-holidays` library (country GB, region ENG), never a
 * hand-written list. It models England and Wales' bank holidays as type `public`, including substitute days
 * (Christmas Day on a Saturday moves to the Monday, Boxing Day to the Tuesday) and the one-off days
 * (Queen's Platinum Jubilee 3 June 2022, the Queen's funeral 19 September 2022, the coronation 8 May 2023,
 * VE Day 8 May 2020 replacing the early May bank holiday). England and Wales share one list; Scotland and
 * Northern Ireland differ and are not used.
 */
import Holidays from 'date-holidays'
import { addCalendarDays, dayOfWeek, isoDateParts, toDayNumber, type IsoDate } from './plain-date.ts'

/** A bank holiday: its date and name as the library gives it (`Boxing Day (substitute day)`). */
export type BankHoliday = { date: IsoDate; name: string; substitute: boolean }

let holidayLibrary: Holidays | undefined
const holidaysByYear = new Map<number, Map<IsoDate, BankHoliday>>()

function holidaysOf(year: number): Map<IsoDate, BankHoliday> {
  let map = holidaysByYear.get(year)
  if (map === undefined) {
    holidayLibrary ??= new Holidays('GB', 'ENG')
    map = new Map()
    for (const h of holidayLibrary.getHolidays(year)) {
      // Types 'observance' (Mother's Day, Easter Sunday) and 'optional' are not days off.
      if (h.type !== 'public' && h.type !== 'bank') continue
      // The library's `date` is 'YYYY-MM-DD hh:mm:ss' in the region's local time: the first 10 characters are
      // the calendar date, unaffected by the process time zone.
      const date = h.date.slice(0, 10)
      map.set(date, { date, name: h.name, substitute: Boolean(h.substitute) })
    }
    holidaysByYear.set(year, map)
  }
  return map
}

/** The bank holiday on `date` in England and Wales, or null. Throws RangeError for an invalid date. */
export function bankHoliday(date: IsoDate): BankHoliday | null {
  return holidaysOf(isoDateParts(date).year).get(date) ?? null
}

/** Whether `date` is a bank holiday in England and Wales. Throws RangeError for an invalid date. */
export function isBankHoliday(date: IsoDate): boolean {
  return bankHoliday(date) !== null
}

/** Bank holidays of England and Wales in a calendar year, in date order. Never throws for years 1–9999. */
export function bankHolidaysInYear(year: number): BankHoliday[] {
  return [...holidaysOf(year).values()].sort((a, b) => (a.date < b.date ? -1 : 1))
}

/** Whether `date` is a working day: Monday–Friday and not a bank holiday. Throws RangeError for an invalid date. */
export function isWorkingDay(date: IsoDate): boolean {
  const dow = dayOfWeek(date)
  return dow !== 0 && dow !== 6 && !isBankHoliday(date)
}

/**
 * The date `n` working days after `date` (before it when `n` is negative); `date` itself is never counted,
 * so "within 5 working days of Friday 1 March 2024" is Friday 8 March 2024, and a start on a weekend or bank
 * holiday counts from the next working day. `n = 0` returns `date` unchanged.
 * Throws RangeError for an invalid date or a non-integer `n`.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`)
  const step = n < 0 ? -1 : 1
  let remaining = Math.abs(n)
  let current = date
  isoDateParts(date) // validates even when n is 0
  while (remaining > 0) {
    current = addCalendarDays(current, step)
    if (isWorkingDay(current)) remaining--
  }
  return current
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to`; when `to` is earlier, minus
 * the count from `to` to `from` (so "overdue by 4 working days" counts the days after the due date up to
 * today). The inverse of {@link addWorkingDays}: `workingDaysBetween(d, addWorkingDays(d, n)) === n` for
 * n ≥ 0, and for n < 0 when `d` is a working day.
 * Throws RangeError for invalid dates.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const a = toDayNumber(from)
  const b = toDayNumber(to)
  if (a === b) return 0
  if (b < a) return 0 - workingDaysBetween(to, from) // 0 - x, not -x: never -0
  let count = 0
  let current = from
  for (let i = a; i < b; i++) {
    current = addCalendarDays(current, 1)
    if (isWorkingDay(current)) count++
  }
  return count
}

/** The first working day on or after `date`. Throws RangeError for an invalid date. */
export function nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
  let current = date
  while (!isWorkingDay(current)) current = addCalendarDays(current, 1)
  return current
}
