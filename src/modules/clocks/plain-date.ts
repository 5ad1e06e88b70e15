/**
 * Calendar dates as ISO `YYYY-MM-DD` strings.
 *
 * Statutory clocks and chronologies deal in days, not instants: a timestamp at midnight British Summer Time
 * is 23:00 the day before in UTC, so arithmetic on `Date` objects in local time can silently shift a day.
 * Every function here works on the proleptic Gregorian calendar through UTC day numbers, so the result
 * never depends on the process time zone.
 */

import { MONTH_NAMES } from '../../anonymisation/months.ts'

/** A calendar date written `YYYY-MM-DD` (for example `2024-04-03`). Validate with {@link isIsoDate}. */
export type IsoDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

/** Number of days in a month. `month` is 1–12. Never throws. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Whether a year is a leap year in the Gregorian calendar. Never throws. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Whether year, month (1–12) and day form a real calendar date (years 1–9999). Never throws. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

/** Whether `text` is a real date in `YYYY-MM-DD` form (`2023-02-29` is not). Never throws. */
export function isIsoDate(text: string): text is IsoDate {
  const m = ISO_DATE.exec(text)
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Builds an ISO date from parts. Throws RangeError when the parts are not a real date. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  if (!isRealDate(year, month, day)) throw new RangeError(`${year}-${month}-${day} is not a real date`)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Splits an ISO date into numbers. Throws RangeError when `date` is not a real `YYYY-MM-DD` date. */
export function isoDateParts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date)
  if (m === null || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`${date} is not a real date in YYYY-MM-DD form`)
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

/** Days since 1970-01-01 for an ISO date. Throws RangeError for an invalid date. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = isoDateParts(date)
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/** ISO date for a day number (days since 1970-01-01). Never throws for integers in range. */
export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Adds (or, if negative, subtracts) calendar days. Throws RangeError for an invalid date. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/**
 * Adds calendar months, clamping to the last day of a shorter month: 31 January + 1 month is 28 (or 29)
 * February, 29 February 2024 + 12 months is 28 February 2025. Negative `months` subtracts.
 * Throws RangeError for an invalid date or a non-integer number of months.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`)
  const { year, month, day } = isoDateParts(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)))
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). Throws RangeError for invalid dates. */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

/** Day of the week, 0 = Sunday … 6 = Saturday. Throws RangeError for an invalid date. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7
}

/** Compares two ISO dates for sorting (negative, 0, positive). Never throws: ISO strings sort as text. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Today's date in England (Europe/London), whatever the process time zone.
 * `now` defaults to the current instant. Never throws.
 */
export function todayInEngland(now: Date = new Date()): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/** English month name for 1–12 (`April`). Throws RangeError outside 1–12. */
export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1]
  if (name === undefined) throw new RangeError(`month must be 1-12, got ${month}`)
  return name
}

/** Formats a date the GOV.UK way: `3 April 2024`. Throws RangeError for an invalid date. */
export function formatLongDate(date: IsoDate): string {
  const { year, month, day } = isoDateParts(date)
  return `${day} ${monthName(month)} ${year}`
}
