/**
 * Dates and times as agencies write them in chronologies, parsed strictly with their precision kept.
 *
 * Agencies send `03/04/2024`, `3rd Apr 24`, `2024-04-03`, `April 2023`, `approx. spring 2021`. A date is
 * read as day/month/year (never American month/day); an impossible date (`31/02/2024`) is refused with a
 * plain-English message, never rolled over into March. Known patterns are matched by hand so that an
 * impossible date gets the right message; `chrono-node` (en-GB) is a fallback for other wordings
 * ("the 3rd of April, 2024") and is only trusted when it reads the whole text with day, month and year.
 */
import * as chrono from 'chrono-node'
import { MONTH_NUMBERS } from '../../anonymisation/months.ts'
import {
  dayOfWeek,
  daysInMonth,
  formatLongDate,
  isoDate,
  isRealDate,
  monthName,
  type IsoDate,
} from '../clocks/plain-date.ts'

/** How precisely a chronology date is known, finest last. */
export const DATE_PRECISIONS = ['year', 'season', 'month', 'day'] as const
/** How precisely a chronology date is known. */
export type DatePrecision = (typeof DATE_PRECISIONS)[number]

/** Meteorological seasons as used in the UK: spring is March–May, …, winter is December–February. */
export const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const
/** A meteorological season. */
export type Season = (typeof SEASONS)[number]

/** A parsed chronology date: what is known, and the range of days it covers. */
export type ChronologyDate = {
  precision: DatePrecision
  /** The agency said "approx.", "c.", "about" (or similar). */
  approximate: boolean
  year: number
  /** 1–12, null unless precision is month or day. */
  month: number | null
  day: number | null
  season: Season | null
  /** First day the date could be (inclusive). For winter 2023 this is 1 December 2023. */
  start: IsoDate
  /** Last day the date could be (inclusive). */
  end: IsoDate
}

/** Result of a parse: the value, or a plain-English message saying what is wrong. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** Earliest and latest years accepted: a chronology may reach back to a parent's childhood, not further. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2100

// Names and abbreviations ("jan", "sept") come from the one month table.
const MONTHS: Record<string, number> = Object.fromEntries(MONTH_NUMBERS)
const WEEKDAYS: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
}
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

// Longest names first, so "september" is tried before "sep".
const MONTH_WORD = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`
const WEEKDAY_WORD = `(?:(${Object.keys(WEEKDAYS).join('|')})\\.?,?\\s+)?`

const NUMERIC_DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/
const NUMERIC_YMD = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/
const NUMERIC_YM = /^(\d{4})-(\d{1,2})$/
const NUMERIC_MY = /^(\d{1,2})[/.-](\d{4})$/
const WORD_DMY = new RegExp(
  `^${WEEKDAY_WORD}(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH_WORD},?[\\s-]+(\\d{4}|\\d{2})$`,
  'i',
)
const WORD_MDY = new RegExp(`^${WEEKDAY_WORD}${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'i')
const WORD_MY = new RegExp(`^${MONTH_WORD},?\\s+(\\d{4})$`, 'i')
// Excel's "mmm-yy" display format: Apr-24 is April 2024.
const EXCEL_MY = new RegExp(`^${MONTH_WORD}-(\\d{2})$`, 'i')
const WORD_M_YY = new RegExp(`^${MONTH_WORD}\\s+(\\d{2})$`, 'i')
const SEASON_Y = /^(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?$/i
const QUALIFIED_YEAR = /^(early|mid|late)[\s-]+(\d{4})$/i
const YEAR_ONLY = /^(\d{4})$/
const APPROXIMATE_PREFIX =
  /^(?:approx(?:imately)?\.?|approx|circa|c\.|ca\.|c(?=\s)|about|around|roughly|estimated|est\.|~)\s*/i
const APPROXIMATE_SUFFIX = /\s*\((?:approx(?:imately|imate)?\.?|estimated|circa)\)$/i

const EXAMPLES = 'Enter a date like 3 April 2024, 03/04/2024, April 2024 or approx. spring 2023'

/**
 * Two-digit years follow Excel's rule (00–29 → 2000s, 30–99 → 1900s), the rule the agency's spreadsheet
 * used when it displayed them.
 */
export function expandTwoDigitYear(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy
}

function yearOf(text: string): number {
  return text.length === 2 ? expandTwoDigitYear(Number(text)) : Number(text)
}

function seasonRange(season: Season, year: number): { start: IsoDate; end: IsoDate } {
  switch (season) {
    case 'spring':
      return { start: isoDate(year, 3, 1), end: isoDate(year, 5, 31) }
    case 'summer':
      return { start: isoDate(year, 6, 1), end: isoDate(year, 8, 31) }
    case 'autumn':
      return { start: isoDate(year, 9, 1), end: isoDate(year, 11, 30) }
    case 'winter':
      return { start: isoDate(year, 12, 1), end: isoDate(year + 1, 2, daysInMonth(year + 1, 2)) }
  }
}

/** A day-precision chronology date for an ISO date (e.g. from a spreadsheet date cell). Throws RangeError if invalid. */
export function chronologyDateFromIso(date: IsoDate, approximate = false): ChronologyDate {
  const [y, m, d] = date.split('-').map(Number)
  const start = isoDate(y, m, d)
  return { precision: 'day', approximate, year: y, month: m, day: d, season: null, start, end: start }
}

function dayDate(text: string, y: number, m: number, d: number, approximate: boolean): ParseResult<ChronologyDate> {
  if (!isRealDate(y, m, d)) return { ok: false, message: `${text} is not a real date` }
  if (y < MIN_YEAR || y > MAX_YEAR) return yearOutOfRange(text)
  return { ok: true, value: chronologyDateFromIso(isoDate(y, m, d), approximate) }
}

function monthDate(text: string, y: number, m: number, approximate: boolean): ParseResult<ChronologyDate> {
  if (m < 1 || m > 12) return { ok: false, message: `${text} is not a real date` }
  if (y < MIN_YEAR || y > MAX_YEAR) return yearOutOfRange(text)
  return {
    ok: true,
    value: {
      precision: 'month',
      approximate,
      year: y,
      month: m,
      day: null,
      season: null,
      start: isoDate(y, m, 1),
      end: isoDate(y, m, daysInMonth(y, m)),
    },
  }
}

function yearDate(text: string, y: number, approximate: boolean): ParseResult<ChronologyDate> {
  if (y < MIN_YEAR || y > MAX_YEAR) return yearOutOfRange(text)
  return {
    ok: true,
    value: {
      precision: 'year',
      approximate,
      year: y,
      month: null,
      day: null,
      season: null,
      start: isoDate(y, 1, 1),
      end: isoDate(y, 12, 31),
    },
  }
}

function yearOutOfRange(text: string): ParseResult<ChronologyDate> {
  return { ok: false, message: `${text}: the year must be between ${MIN_YEAR} and ${MAX_YEAR}` }
}

function checkWeekday(text: string, result: ParseResult<ChronologyDate>, weekday: string | undefined) {
  if (!result.ok || weekday === undefined) return result
  const expected = WEEKDAYS[weekday.toLowerCase()]
  const actual = dayOfWeek(result.value.start)
  if (expected === actual) return result
  return {
    ok: false as const,
    message: `${text} is not a real date: ${formatLongDate(result.value.start)} is a ${WEEKDAY_NAMES[actual]}`,
  }
}

/**
 * Parses a chronology date in any common UK style, keeping its precision:
 * day (`03/04/2024`, `3/4/24`, `3 April 2024`, `3rd Apr 24`, `2024-04-03`, `Monday 3 April 2024`),
 * month (`April 2024`, `Apr 2024`, `Apr-24`, `04/2024`, `2024-04`), season (`spring 2023`, `winter 2023/24`),
 * year (`2021`), each optionally approximate (`approx. spring 2023`, `c. March 2021`, `about 2020`,
 * `early 2021`). Numeric dates are day/month/year. `Apr 24` is refused as unclear (April 2024 or 24 April?).
 * Never throws: problems come back as `{ ok: false, message }` ("31/02/2024 is not a real date").
 */
export function parseChronologyDate(input: string): ParseResult<ChronologyDate> {
  const text = input.trim().replace(/\s+/g, ' ')
  if (text === '') return { ok: false, message: 'Enter a date' }

  let core = text
  let approximate = false
  const prefix = APPROXIMATE_PREFIX.exec(core)
  if (prefix !== null && prefix[0].length < core.length) {
    approximate = true
    core = core.slice(prefix[0].length)
  }
  const suffix = APPROXIMATE_SUFFIX.exec(core)
  if (suffix !== null) {
    approximate = true
    core = core.slice(0, suffix.index)
  }
  core = core.replace(/[.,]$/, '')

  let m: RegExpExecArray | null
  if ((m = NUMERIC_DMY.exec(core))) return dayDate(text, yearOf(m[3]), Number(m[2]), Number(m[1]), approximate)
  if ((m = NUMERIC_YMD.exec(core))) return dayDate(text, Number(m[1]), Number(m[2]), Number(m[3]), approximate)
  if ((m = NUMERIC_YM.exec(core))) return monthDate(text, Number(m[1]), Number(m[2]), approximate)
  if ((m = NUMERIC_MY.exec(core))) return monthDate(text, Number(m[2]), Number(m[1]), approximate)
  if ((m = WORD_DMY.exec(core))) {
    const result = dayDate(text, yearOf(m[4]), MONTHS[m[3].toLowerCase()], Number(m[2]), approximate)
    return checkWeekday(text, result, m[1])
  }
  if ((m = WORD_MDY.exec(core))) {
    const result = dayDate(text, Number(m[4]), MONTHS[m[2].toLowerCase()], Number(m[3]), approximate)
    return checkWeekday(text, result, m[1])
  }
  if ((m = WORD_MY.exec(core))) return monthDate(text, Number(m[2]), MONTHS[m[1].toLowerCase()], approximate)
  if ((m = EXCEL_MY.exec(core))) return monthDate(text, yearOf(m[2]), MONTHS[m[1].toLowerCase()], approximate)
  if ((m = WORD_M_YY.exec(core))) {
    const month = monthName(MONTHS[m[1].toLowerCase()])
    const year = expandTwoDigitYear(Number(m[2]))
    return {
      ok: false,
      message: `${text} is unclear: write ${month} ${year} for the month, or the full date such as ${Number(m[2])} ${month} ${year}`,
    }
  }
  if ((m = SEASON_Y.exec(core))) {
    const name = m[1].toLowerCase()
    const season: Season = name === 'fall' ? 'autumn' : (name as Season)
    const year = Number(m[2])
    if (m[3] !== undefined) {
      // "winter 2023/24" names both years; other seasons do not span a year end.
      const second = m[3].length === 2 ? Math.floor(year / 100) * 100 + Number(m[3]) : Number(m[3])
      if (season !== 'winter' || second !== year + 1) return { ok: false, message: `${text} is not a real season` }
    }
    if (year < MIN_YEAR || year > MAX_YEAR) return yearOutOfRange(text)
    const range = seasonRange(season, year)
    return {
      ok: true,
      value: { precision: 'season', approximate, year, month: null, day: null, season, ...range },
    }
  }
  if ((m = QUALIFIED_YEAR.exec(core))) return yearDate(text, Number(m[2]), true)
  if ((m = YEAR_ONLY.exec(core))) return yearDate(text, Number(m[1]), approximate)
  return parseWithChrono(text, core, approximate)
}

function parseWithChrono(text: string, core: string, approximate: boolean): ParseResult<ChronologyDate> {
  const unrecognised = { ok: false as const, message: `${text} is not a date we recognise. ${EXAMPLES}` }
  // Anything with digits in an odd arrangement ("2023-13-05" is caught above; "13.2023.5" here) is refused
  // rather than guessed at.
  const results = chrono.en.GB.parse(core, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false })
  if (results.length !== 1) return unrecognised
  const [result] = results
  const leftover = (core.slice(0, result.index) + core.slice(result.index + result.text.length))
    .replace(/\b(the|on|of)\b/gi, '')
    .replace(/[\s,.]/g, '')
  if (leftover !== '' || result.end != null) return unrecognised
  const c = result.start
  if (!c.isCertain('year') || !c.isCertain('month')) return unrecognised
  if (c.isCertain('hour') || c.isCertain('minute')) return unrecognised
  const y = c.get('year')!
  const mo = c.get('month')!
  if (c.isCertain('day')) return dayDate(text, y, mo, c.get('day')!, approximate)
  return monthDate(text, y, mo, approximate)
}

/**
 * Parses a time of day: `14:30`, `9:05`, `14.30`, `1430`, `14:30:00`, `2pm`, `2:30 pm`. A blank cell is
 * "no time" (`{ ok: true, value: null }`). Returns `HH:MM` (24-hour clock).
 * Never throws: `25:61` gives `{ ok: false, message: '25:61 is not a real time' }`.
 */
export function parseChronologyTime(input: string): ParseResult<string | null> {
  const text = input.trim()
  if (text === '') return { ok: true, value: null }
  let m: RegExpExecArray | null
  let hour: number
  let minute: number
  if ((m = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/.exec(text)) || (m = /^(\d{2})(\d{2})$/.exec(text))) {
    hour = Number(m[1])
    minute = Number(m[2])
    if (hour > 23 || minute > 59 || (m[3] !== undefined && Number(m[3]) > 59)) {
      return { ok: false, message: `${text} is not a real time` }
    }
  } else if ((m = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$/i.exec(text))) {
    hour = Number(m[1])
    minute = m[2] === undefined ? 0 : Number(m[2])
    if (hour < 1 || hour > 12 || minute > 59) return { ok: false, message: `${text} is not a real time` }
    hour = (hour % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0)
  } else {
    return {
      ok: false,
      message: `${text} is not a time we recognise. Enter a time using the 24-hour clock, for example 14:30`,
    }
  }
  return { ok: true, value: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` }
}

/**
 * How a chronology date reads in the service: `3 April 2024`, `April 2024`, `spring 2023`,
 * `winter 2023 to 2024`, `2021`, with `approx. ` in front when approximate. Never throws.
 */
export function formatChronologyDate(date: ChronologyDate): string {
  let label: string
  switch (date.precision) {
    case 'day':
      label = formatLongDate(date.start)
      break
    case 'month':
      label = `${monthName(date.month!)} ${date.year}`
      break
    case 'season':
      label = date.season === 'winter' ? `winter ${date.year} to ${date.year + 1}` : `${date.season} ${date.year}`
      break
    case 'year':
      label = String(date.year)
      break
  }
  return date.approximate ? `approx. ${label}` : label
}

/**
 * A string that sorts chronology entries earliest first (compare as plain strings; fit for an SQL index).
 *
 * Ordering rule: by the first day the date could be; on the same first day, coarser before finer (year,
 * season, month, then day: "April 2024" is read as "from the start of April", so it comes before 1 April
 * 2024 and every other April entry); then entries without a time before timed ones; then by time.
 * `time` is `HH:MM` or null. Never throws.
 */
export function chronologySortKey(date: ChronologyDate, time: string | null = null): string {
  return `${date.start}|${DATE_PRECISIONS.indexOf(date.precision)}|${time ?? ''}`
}

/** Compares two dated items by {@link chronologySortKey} (negative when `a` comes first). Never throws. */
export function compareChronologyDates(
  a: { date: ChronologyDate; time?: string | null },
  b: { date: ChronologyDate; time?: string | null },
): number {
  const ka = chronologySortKey(a.date, a.time ?? null)
  const kb = chronologySortKey(b.date, b.time ?? null)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
