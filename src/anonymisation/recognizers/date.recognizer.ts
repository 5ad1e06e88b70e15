// the English locale only: the package's main entry loads every locale, which cost about half a
// second of every command-line start-up
import { Chrono, configuration } from 'chrono-node/en'
import type { ParsedResult } from 'chrono-node'
import type { Detection, Recognizer } from '../types.ts'

// en-GB, strict: day before month in numeric dates ("03/04/2024" is 3 April), no casual phrases.
const GB_STRICT = new Chrono(configuration.createConfiguration(true, true))

const WEEKDAY = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day'
const ORDINAL_AFTER_WEEKDAY = new RegExp(`\\b${WEEKDAY},?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b`, 'g')
// "on the 3rd" but not "on the 3rd floor": a lower-case word after the ordinal means it is not a date
const ORDINAL_AFTER_PREPOSITION =
  /\b(?:[Oo]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Ss]ince|[Bb]efore|[Aa]fter|[Bb]etween|and|to)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+[a-z])/g

// chrono keeps a leading preposition ("on 14 June 2023"); the preposition identifies nothing, so the
// span starts at the date itself (the generalise-date operator still sees the "on" before it)
const LEADING_WORDS = /^(?:(?:on|in|at|by|from|since|until|of|the)\s+)+/i
// chrono reads some words as dates ("the Second"): a date names a month or weekday or has a digit
const DATE_WORD = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)/i

// A date with a day has a day number beside its month name ("14 June", "June 14", "3rd of May") or is
// all digits ("03/04/2024", "2024-04-03"): chrono only needs to read the text around those.
const MONTH_WORD = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?(?![a-z])'
const TRIGGER = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH_WORD}|\\b${MONTH_WORD}\\s+\\d{1,2}(?!\\d)|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}`,
  'gi',
)
const WINDOW = 32
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1))

/**
 * chrono's results (with their offsets into `text`) over the windows of `text` around each trigger (windows that overlap are joined,
 * and each starts and ends at a space or line break so no word is cut).
 */
function parseNearTriggers(text: string): { r: ParsedResult; index: number }[] {
  const windows: [number, number][] = []
  TRIGGER.lastIndex = 0
  for (let m = TRIGGER.exec(text); m !== null; m = TRIGGER.exec(text)) {
    let start = Math.max(0, m.index - WINDOW)
    while (start > 0 && !/\s/.test(text[start - 1])) start--
    let end = Math.min(text.length, m.index + m[0].length + WINDOW)
    while (end < text.length && !/\s/.test(text[end])) end++
    const last = windows[windows.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else windows.push([start, end])
  }
  const results: { r: ParsedResult; index: number }[] = []
  for (const [start, end] of windows) {
    for (const r of GB_STRICT.parse(text.slice(start, end), REFERENCE_DATE)) {
      results.push({ r, index: start + r.index })
    }
  }
  return results
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/**
 * Exact-date recognizer: a date that names a day. Formats: everything chrono-node parses in its
 * en-GB strict configuration ("14 June 2023", "14 June", "Tuesday 5 March", "03/04/2024" as
 * 3 April, "2024-04-03", "3rd Apr 24", "1st of May 2023", with a time when written beside it), kept
 * only when the day is stated; plus a bare ordinal after a weekday ("on Monday 4th") or after a
 * preposition ("on the 3rd."). Month-and-year ("June 2023"), seasons, years, times alone and ages
 * are not reported: in published reviews they are not identifiers on their own. A leading preposition
 * ("on", "in", "since", ...) is not part of the span.
 * `value` is the ISO date `YYYY-MM-DD`, `--MM-DD` when the year is not written, or `---DD` when only
 * the day is; a range carries both ends separated by `/`.
 */
export function createDateRecognizer(): Recognizer {
  return {
    name: 'date',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      let results: { r: ParsedResult; index: number }[]
      try {
        // paragraph numbers ("5.10") read as day.month and glue onto the next date; blank them
        // out (same length, so offsets stay valid) before parsing
        const masked = text.replace(/(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.]|\.\d)/g, (x) => ' '.repeat(x.length))
        results = parseNearTriggers(masked)
      } catch {
        results = []
      }
      for (const { r, index } of results) {
        if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue
        // a date never runs across a line break; keep the part before it
        const nl = r.text.search(/[\r\n]/)
        const whole = (nl >= 0 ? r.text.slice(0, nl) : r.text).replace(/[\s.,;:]+$/, '')
        const lead = LEADING_WORDS.exec(whole)?.[0].length ?? 0
        const matched = whole.slice(lead)
        if (!DATE_WORD.test(matched)) continue
        const day = r.start.get('day') ?? 1
        const month = r.start.get('month') ?? 1
        const hasYear = r.start.isCertain('year')
        let value = hasYear ? `${r.start.get('year')}-${pad(month)}-${pad(day)}` : `--${pad(month)}-${pad(day)}`
        // a range ("1 October 2022 to 31 March 2024") carries both ends: `start/end`
        if (r.end && r.end.isCertain('month')) {
          const e = r.end
          const eDay = e.isCertain('day') ? pad(e.get('day') ?? 1) : '00'
          value += e.isCertain('year')
            ? `/${e.get('year')}-${pad(e.get('month') ?? 1)}-${eDay}`
            : `/--${pad(e.get('month') ?? 1)}-${eDay}`
        }
        out.push({
          entityType: 'DATE',
          start: index + lead,
          end: index + lead + matched.length,
          score: hasYear ? 0.95 : 0.85,
          recognizer: 'date',
          explanation: hasYear ? 'exact date with day, en-GB' : 'day and month, en-GB',
          value,
        })
      }
      for (const re of [ORDINAL_AFTER_WEEKDAY, ORDINAL_AFTER_PREPOSITION]) {
        re.lastIndex = 0
        let m: RegExpExecArray | null
        while ((m = re.exec(text)) !== null) {
          const day = Number(m[1])
          if (day < 1 || day > 31) continue
          const isWeekday = re === ORDINAL_AFTER_WEEKDAY
          const start = isWeekday ? m.index : m.index + m[0].search(/the\s/i)
          out.push({
            entityType: 'DATE',
            start,
            end: m.index + m[0].length,
            score: isWeekday ? 0.8 : 0.6,
            recognizer: 'date',
            explanation: isWeekday ? 'weekday and day of the month' : 'day of the month ("the 3rd")',
            value: `---${pad(day)}`,
          })
        }
      }
      return out
    },
  }
}
