import { isRealDate, isoDate, type IsoDate } from '../modules/clocks/plain-date.ts'
import { lowerFirst } from '../modules/text.ts'

/** What a GOV.UK date input (day, month, year fields) gave: the date, or the error to show, and what was typed. */
export interface DateInputResult {
  value: IsoDate | null
  error: string | null
  /** What the user typed, to show back in the fields. */
  typed: { day: string; month: string; year: string }
}

/**
 * Read a GOV.UK date input named `<name>-day`, `<name>-month`, `<name>-year` from a form body.
 * Error messages follow the GOV.UK pattern: "Enter the date of the incident", "Date of the
 * incident must include a month", "Date of the incident must be a real date", "… must be today or
 * in the past".
 *
 * Contract: never throws; an empty input is `value: null` with an error only when `required`.
 */
export function readDateInput(
  body: Record<string, unknown>,
  name: string,
  label: string,
  options: { required?: boolean; notInFuture?: IsoDate } = {},
): DateInputResult {
  const field = (part: string) => String(body[`${name}-${part}`] ?? '').trim()
  const typed = { day: field('day'), month: field('month'), year: field('year') }
  const result = (value: IsoDate | null, error: string | null): DateInputResult => ({ value, error, typed })
  if (!typed.day && !typed.month && !typed.year) {
    return result(null, options.required ? `Enter ${lowerFirst(label)}` : null)
  }
  const missing = (['day', 'month', 'year'] as const).filter((part) => !typed[part])
  if (missing.length) return result(null, `${label} must include a ${missing.join(' and a ')}`)
  if (![typed.day, typed.month, typed.year].every((v) => /^\d+$/.test(v)) || typed.year.length !== 4) {
    return result(null, `${label} must be a real date, with a 4-digit year`)
  }
  const [day, month, year] = [Number(typed.day), Number(typed.month), Number(typed.year)]
  if (!isRealDate(year, month, day)) return result(null, `${label} must be a real date`)
  const value = isoDate(year, month, day)
  if (options.notInFuture && value > options.notInFuture) return result(null, `${label} must be today or in the past`)
  return result(value, null)
}

/**
 * The form values of a GOV.UK date input named `name` for an ISO date: `{ "<name>-day": "3",
 * "<name>-month": "4", "<name>-year": "2024" }` (empty strings when there is no date).
 */
export function dateInputValues(name: string, date: IsoDate | null | undefined): Record<string, string> {
  const [year, month, day] = date ? date.split('-') : ['', '', '']
  return {
    [`${name}-day`]: day ? String(Number(day)) : '',
    [`${name}-month`]: month ? String(Number(month)) : '',
    [`${name}-year`]: year,
  }
}
