import type { CastMember, Place } from '../case-types.ts'
import type { Detection, EntityType } from '../types.ts'
import { genericPlacePhrase, type PseudonymRegister } from './pseudonym-register.ts'
import { MONTH_NAMES } from '../months.ts'

/** The operator applied to a detection. */
export type OperatorName = 'pseudonym' | 'generalise-date' | 'generic-place' | 'generalise-demographic' | 'redact'

/** How exact dates are generalised: to month and year, or to the subject child's age when the date of birth is known. */
export type DateStyle = 'month-year' | 'child-age'

/** What the operators need to know about the review. */
export interface OperatorContext {
  register: PseudonymRegister
  cast: readonly CastMember[]
  places: readonly Place[]
  dateStyle: DateStyle
  /** The cast id whose age dates are expressed in (default: the first cast member whose role says "child"). */
  childId?: string
}

/** A replacement decided for one detection (before grammar fixes at the edges). */
export interface OperatorResult {
  operator: OperatorName
  replacement: string
  /** Extra characters before `start` the replacement also covers (a leading "on" turned into "in"). */
  extendStart?: number
}

const MONTHS = MONTH_NAMES

const REDACT_LABEL: Partial<Record<EntityType, string>> = {
  PHONE: '[phone number]',
  EMAIL: '[email address]',
  URL: '[web address]',
  NHS_NUMBER: '[NHS number]',
  NI_NUMBER: '[National Insurance number]',
  POSTCODE: '[postcode]',
  POLICE_REFERENCE: '[police reference]',
  CASE_REFERENCE: '[reference]',
  VEHICLE_REGISTRATION: '[vehicle registration]',
  SOCIAL_HANDLE: '[social media handle]',
  CODE: '[number]',
  ADDRESS: '[address]',
  QUANTITY: '[redacted]',
  MISC: '[redacted]',
}

/**
 * Chooses the operator and replacement text for one detection:
 * - PERSON → `pseudonym` from the register (cast label, or "Person N" for unlisted names);
 * - DATE → `generalise-date`: month and year ("March 2024"), a range as "October 2022 to March
 *   2024", or the subject child's age with `dateStyle: 'child-age'`;
 * - LOC / ORG → `generic-place`: the place's `expected_replacement` or a phrase for its kind;
 * - ADDRESS → the street's replacement from the places list when it has a readable one, else redact;
 * - DEMOGRAPHIC → `generalise-demographic` (the broader term in `value`);
 * - everything else → `redact` ("[phone number]", "[NHS number]", ...).
 * Contract: pure apart from assigning new register labels; never throws.
 */
export function chooseReplacement(d: Detection, text: string, ctx: OperatorContext): OperatorResult {
  const original = text.slice(d.start, d.end)
  switch (d.entityType) {
    case 'PERSON': {
      const member = d.castId ? ctx.cast.find((m) => m.id === d.castId) : undefined
      const label = member ? ctx.register.personLabel(member) : ctx.register.unlistedPersonLabel(original)
      return { operator: 'pseudonym', replacement: label }
    }
    case 'DATE':
      return generaliseDate(d, text, ctx)
    case 'LOC':
    case 'ORG': {
      const place = d.placeName ? ctx.places.find((p) => p.name === d.placeName) : undefined
      if (place) return { operator: 'generic-place', replacement: ctx.register.placeLabel(place) }
      return {
        operator: 'generic-place',
        replacement: genericPlacePhrase(d.value ?? (d.entityType === 'LOC' ? 'area' : 'organisation')),
      }
    }
    case 'ADDRESS': {
      const place = d.placeName ? ctx.places.find((p) => p.name === d.placeName) : undefined
      const label = place ? ctx.register.placeLabel(place) : ''
      // "her home at 7 Larch Close" → "her home at [address]", not "her home at the family home"
      const afterHome = /\bhome(?:\s+at|,)?\s*$/i.test(text.slice(Math.max(0, d.start - 10), d.start))
      if (label && !label.startsWith('[') && !afterHome) return { operator: 'generic-place', replacement: label }
      return { operator: 'redact', replacement: '[address]' }
    }
    case 'DEMOGRAPHIC':
      return { operator: 'generalise-demographic', replacement: d.value ?? '[background]' }
    case 'CODE':
      return { operator: 'redact', replacement: /collar/.test(d.explanation) ? '[collar number]' : '[number]' }
    default:
      return { operator: 'redact', replacement: REDACT_LABEL[d.entityType] ?? '[redacted]' }
  }
}

function parseIso(v: string): { y?: number; m: number; d?: number } | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) || undefined }
  m = /^--(\d{2})-(\d{2})$/.exec(v)
  if (m) return { m: Number(m[1]), d: Number(m[2]) || undefined }
  return null
}

function monthYear(p: { y?: number; m: number }): string {
  return p.y ? `${MONTHS[p.m - 1]} ${p.y}` : MONTHS[p.m - 1]
}

/** Whole months from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const a = parseIso(from)
  const b = parseIso(to)
  if (!a?.y || !b?.y) return NaN
  let months = (b.y - a.y) * 12 + (b.m - a.m)
  if ((b.d ?? 1) < (a.d ?? 1)) months--
  return months
}

function ageText(months: number): string {
  if (months < 1) return 'under a month old'
  if (months < 24) return `${months} month${months === 1 ? '' : 's'} old`
  const years = Math.floor(months / 12)
  return `${years} years old`
}

function generaliseDate(d: Detection, text: string, ctx: OperatorContext): OperatorResult {
  const original = text.slice(d.start, d.end)
  // a leading "on" (kept inside the span by chrono, or just before it) becomes "in" for a month
  const leadingOn = /^(on)\s+/i.exec(original)
  const beforeOn = leadingOn ? null : /\b(on)\s+(?:the\s+)?$/i.exec(text.slice(Math.max(0, d.start - 8), d.start))
  const onWord = leadingOn?.[1] ?? beforeOn?.[1]
  const extendStart = beforeOn ? beforeOn[0].length : 0
  const withIn = (s: string): string => (onWord ? `${onWord[0] === 'O' ? 'In' : 'in'} ${s}` : s)
  const [startValue, endValue] = (d.value ?? '').split('/')
  const start = parseIso(startValue ?? '')
  if (!start)
    return {
      operator: 'generalise-date',
      replacement: onWord ? withIn('that month') : 'a date that month',
      extendStart,
    }

  if (ctx.dateStyle === 'child-age' && start.y && !endValue) {
    const child = ctx.childId
      ? ctx.cast.find((c) => c.id === ctx.childId)
      : ctx.cast.find((c) => /\bchild\b/i.test(c.role) && c.date_of_birth)
    if (child?.date_of_birth) {
      const label = ctx.register.personLabel(child)
      const months = monthsBetween(child.date_of_birth, startValue)
      if (months === 0 && startValue === child.date_of_birth)
        return {
          operator: 'generalise-date',
          replacement: onWord ? `when ${label} was born` : `the day ${label} was born`,
          extendStart,
        }
      if (months < 0)
        return {
          operator: 'generalise-date',
          replacement: onWord ? `before ${label} was born` : `a date before ${label} was born`,
          extendStart,
        }
      const age = ageText(months)
      return {
        operator: 'generalise-date',
        replacement: onWord ? `when ${label} was ${age}` : `a date when ${label} was ${age}`,
        extendStart,
      }
    }
  }
  let out = monthYear(start)
  const end = endValue ? parseIso(endValue) : null
  if (end && !(end.m === start.m && end.y === start.y)) {
    const joiner = /\s(?:and)\s/i.test(original) ? ' and ' : /–|—/.test(original) ? '–' : ' to '
    out = `${monthYear({ m: start.m, y: start.y && end.y && start.y !== end.y ? start.y : start.y && !end.y ? start.y : undefined })}${joiner}${monthYear(end)}`
  }
  return { operator: 'generalise-date', replacement: withIn(out), extendStart }
}
