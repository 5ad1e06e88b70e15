import type { CastMember } from '../case-types.ts'
import type { Detection, EntityType, Recognizer } from '../types.ts'
import { compactUpper, escapeRegExp, flexibleCodeSource, flexibleWordsSource } from '../text-utils.ts'
import { bareCode } from './cast-notes.ts'
import { ukNationalDigits } from './phone.recognizer.ts'
import { MONTH_NAMES } from '../months.ts'

const MONTHS = MONTH_NAMES

interface Known {
  castId: string
  entityType: EntityType
  what: string
  value?: string
  /** Place-like parts (streets, towns) must be written with a capital to count. */
  needsCapital?: boolean
}

/** The ways a date of birth is written: "14 June 2023", "14th Jun 2023", "14/06/2023", "14.6.23", "2023-06-14". */
export function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return []
  const [y, mo, d] = [m[1], Number(m[2]), Number(m[3])]
  const month = MONTHS[mo - 1]
  if (!month) return []
  const dd = String(d).padStart(2, '0')
  const mm = String(mo).padStart(2, '0')
  const yy = y.slice(2)
  const ord = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'
  const out = new Set<string>()
  for (const day of [String(d), `${d}${ord}`])
    for (const mon of [month, month.slice(0, 3)]) {
      out.add(`${day} ${mon} ${y}`)
      out.add(`${day} of ${mon} ${y}`)
      out.add(`${day} ${mon} ${yy}`)
      out.add(`${mon} ${day}, ${y}`)
    }
  for (const a of [dd, String(d)])
    for (const b of [mm, String(mo)])
      for (const year of [y, yy]) for (const sep of ['/', '.', '-']) out.add(`${a}${sep}${b}${sep}${year}`)
  out.add(`${y}-${mm}-${dd}`)
  return [...out]
}

function describe(m: CastMember): string {
  return m.expected_pseudonym || m.role || m.id
}

/**
 * Case-aware identifier recognizer: every identifier the cast records for a person, however it is
 * spaced or cased — date of birth (all common written forms), addresses (whole, first and second
 * lines, town, postcode), phone numbers (national and +44 forms, any spacing), e-mail addresses,
 * NHS and National Insurance numbers, social media handles, vehicle registrations and prison
 * numbers. Retained cast members are skipped. One pass of one combined regular expression.
 * Contract: pure; never throws; offsets UTF-16; score 0.97 (0.9 for address parts).
 */
export function createCastIdentifierRecognizer(cast: readonly CastMember[]): Recognizer {
  const byKey = new Map<string, Known[]>()
  const sources = new Set<string>()
  const add = (literal: string | null | undefined, known: Known, source?: string): void => {
    if (!literal || !literal.trim()) return
    const key = keyOf(literal)
    if (key.length < 3) return
    const list = byKey.get(key) ?? []
    if (!list.some((k) => k.castId === known.castId && k.entityType === known.entityType)) list.push(known)
    byKey.set(key, list)
    sources.add(source ?? flexibleCodeSource(literal))
  }
  for (const m of cast) {
    if (m.retain) continue
    const who = describe(m)
    if (m.date_of_birth)
      for (const f of dateForms(m.date_of_birth))
        add(
          f,
          { castId: m.id, entityType: 'DATE', what: `date of birth of ${who}`, value: m.date_of_birth },
          flexibleWordsSource(f),
        )
    for (const a of m.addresses ?? []) {
      add(a.text, { castId: m.id, entityType: 'ADDRESS', what: `address of ${who}` }, addressSource(a.text))
      if (a.line1)
        add(
          a.line1,
          {
            castId: m.id,
            entityType: /\d/.test(a.line1) ? 'ADDRESS' : 'LOC',
            what: `address (first line) of ${who}`,
            needsCapital: true,
          },
          addressSource(a.line1),
        )
      // the street on its own ("Quarry Lane" from "5 Quarry Lane", "Albion Street" from "Flat 3, 61 Albion Street")
      const street = a.line1?.replace(/^(?:(?:flat|apartment|apt|unit|room)\s+\w+,?\s+)?\d+[a-z]?(?:-\d+)?,?\s+/i, '')
      if (street && street !== a.line1 && /^[A-Z]/.test(street) && street.includes(' '))
        add(
          street,
          { castId: m.id, entityType: 'LOC', what: `street in the address of ${who}`, needsCapital: true },
          flexibleWordsSource(street),
        )
      if (a.line2)
        add(
          a.line2,
          {
            castId: m.id,
            entityType: /\d/.test(a.line2) ? 'ADDRESS' : 'LOC',
            what: `address (second line) of ${who}`,
            needsCapital: true,
          },
          addressSource(a.line2),
        )
      if (a.town)
        add(
          a.town,
          { castId: m.id, entityType: 'LOC', what: `town in the address of ${who}`, needsCapital: true },
          flexibleWordsSource(a.town),
        )
      if (a.postcode) add(a.postcode, { castId: m.id, entityType: 'POSTCODE', what: `postcode of ${who}` })
    }
    // values are read without the notes coordinators write beside them ("07700 900123 (mum's mobile)")
    for (const p of m.phone ?? []) {
      const national = ukNationalDigits(bareCode(p))
      const known: Known = { castId: m.id, entityType: 'PHONE', what: `phone number of ${who}`, value: national }
      add(national, known)
      add('44' + national.slice(1), known, `\\+?\\s?${flexibleCodeSource('44' + national.slice(1))}`)
      add('44' + national, known, `\\+?\\s?44\\s?\\(0\\)\\s?${flexibleCodeSource(national.slice(1))}`)
    }
    for (const e of m.email ?? [])
      add(e, { castId: m.id, entityType: 'EMAIL', what: `e-mail address of ${who}` }, escapeRegExp(e))
    if (m.nhs_number)
      add(bareCode(m.nhs_number), { castId: m.id, entityType: 'NHS_NUMBER', what: `NHS number of ${who}` })
    if (m.ni_number)
      add(bareCode(m.ni_number), { castId: m.id, entityType: 'NI_NUMBER', what: `National Insurance number of ${who}` })
    if (m.prison_number)
      add(bareCode(m.prison_number), { castId: m.id, entityType: 'CODE', what: `prison number of ${who}` })
    for (const v of m.vehicles ?? [])
      add(bareCode(v), { castId: m.id, entityType: 'VEHICLE_REGISTRATION', what: `vehicle registration of ${who}` })
    for (const h of m.handles ?? []) {
      const bare = bareCode(h, { handle: true }).replace(/^@/, '')
      if (!bare) continue
      add(
        bare,
        { castId: m.id, entityType: 'SOCIAL_HANDLE', what: `social media handle of ${who}` },
        `@?${escapeRegExp(bare)}`,
      )
      add(
        '@' + bare,
        { castId: m.id, entityType: 'SOCIAL_HANDLE', what: `social media handle of ${who}` },
        `@${escapeRegExp(bare)}`,
      )
    }
  }
  const alternation = [...sources].sort((a, b) => b.length - a.length).join('|')
  const regex = alternation
    ? new RegExp(`(?<![A-Za-z0-9@._-])(?:${alternation})(?![A-Za-z0-9]|[._-][A-Za-z0-9])`, 'gi')
    : null

  return {
    name: 'cast-identifier',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      if (!regex) return out
      regex.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = regex.exec(text)) !== null) {
        const list = byKey.get(keyOf(m[0]))
        if (!list) continue
        for (const k of list) {
          if (k.needsCapital && !/^[A-Z0-9]/.test(m[0])) continue
          out.push({
            entityType: k.entityType,
            start: m.index,
            end: m.index + m[0].length,
            score: k.needsCapital ? 0.9 : 0.97,
            recognizer: 'cast-identifier',
            explanation: `${k.what} (cast)`,
            castId: k.castId,
            ...(k.value ? { value: k.value } : {}),
          })
          break
        }
      }
      return out
    },
  }
}

/** Comparison key: letters and digits only, upper case, with month names shortened ("JUNE" = "JUN"). */
function keyOf(s: string): string {
  return compactUpper(
    s
      .replace(/\b(?:of)\b/gi, ' ')
      .replace(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b/gi, (x) => x.slice(0, 3)),
  )
}

/** An address written with any spacing and with or without the commas. */
function addressSource(addr: string): string {
  return addr
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((w) => escapeRegExp(w))
    .join('[\\s,]+')
}
