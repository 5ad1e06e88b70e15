import type { CastMember, Place } from '../case-types.ts'
import type { Detection, EntityType, Recognizer } from '../types.ts'
import { flexibleWordsSource } from '../text-utils.ts'
import { parseFullName } from './cast-name.recognizer.ts'

const AREA_KINDS = new Set([
  'town',
  'village',
  'city',
  'street',
  'area',
  'estate',
  'county',
  'district',
  'suburb',
  'road',
  'locality',
])

// Words that only say what kind of place it is; dropping them gives the short form people write
// ("Bluebell" for "Bluebell Day Nursery").
const KIND_WORDS =
  /\s+(?:Day\s+Nursery|Nursery|Pre-?School|Primary\s+School|Infant\s+School|Junior\s+School|High\s+School|Academy|School|College|Medical\s+Practice|Medical\s+Centre|Health\s+Centre|Surgery|General\s+Hospital|Children['’]s\s+Hospital|Hospital|Family\s+Hub|Children['’]s\s+Centre|Youth\s+Club|Police\s+Station|Custody\s+Suite|Magistrates['’]?(?:\s+Court)?|Court)$/i

/** The entity type a place of this kind is reported as: areas and streets are LOC, the rest ORG. */
export function placeEntityType(kind: string): EntityType {
  return AREA_KINDS.has(kind) ? 'LOC' : 'ORG'
}

interface Form {
  literal: string
  source: string
  place: Place
  derived: boolean
}

function formsOf(places: readonly Place[]): Form[] {
  const exactNames = new Set(places.map((p) => p.name.toLowerCase()))
  const forms: Form[] = []
  for (const p of places) {
    if (!p.name || !p.name.trim()) continue
    forms.push({ literal: p.name, source: flexibleWordsSource(p.name), place: p, derived: false })
    if (p.retain) continue
    let short = p.name.replace(KIND_WORDS, '')
    short = short.replace(/^The\s+/i, '')
    if (short !== p.name && short.length >= 4 && !exactNames.has(short.toLowerCase()) && /[A-Z]/.test(short)) {
      forms.push({ literal: short, source: flexibleWordsSource(short), place: p, derived: true })
    }
  }
  return forms
}

/**
 * Case-aware place recognizer fed by the review's places list: towns, villages, streets and named
 * organisations, written with any spacing, straight or curly apostrophes, "St"/"St."/"Saint", in
 * title or upper case, plus the short form without the kind word ("Bluebell" for "Bluebell
 * Day Nursery", "Red Lion" for "The Red Lion") when that short form is not
 * itself another listed place. The possessive `'s` stays outside the span. Places with
 * `retain: true` are not reported (see `findRetainedSpans`).
 * Contract: pure; never throws; offsets UTF-16; score 0.95 (0.85 for short forms).
 */
export function createCasePlaceRecognizer(places: readonly Place[]): Recognizer {
  const forms = formsOf(places).filter((f) => !f.place.retain)
  const regex = forms.length ? buildRegex(forms) : null
  const lookup = new Map(forms.map((f) => [normal(f.literal), f]))
  return {
    name: 'case-place',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      if (!regex) return out
      regex.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = regex.exec(text)) !== null) {
        if (!/^[A-Z0-9]/.test(m[0])) continue
        const f = matchForm(m[0], forms, lookup)
        if (!f) continue
        // a house number written before a listed street belongs to it ("2 Gallows Hill" → one
        // address), or "2 an address in the village" would be published
        const number =
          f.place.kind === 'street'
            ? HOUSE_NUMBER_BEFORE.exec(text.slice(Math.max(0, m.index - 24), m.index))?.[1]
            : undefined
        out.push({
          entityType: number ? 'ADDRESS' : placeEntityType(f.place.kind),
          start: m.index - (number?.length ?? 0),
          end: m.index + m[0].length,
          score: f.derived ? 0.85 : 0.95,
          recognizer: 'case-place',
          explanation: `${f.derived ? 'short form of ' : ''}${f.place.kind.replace(/_/g, ' ')} in the case's places list`,
          placeName: f.place.name,
          value: f.place.kind,
        })
      }
      return out
    },
  }
}

/**
 * Spans that must be published as written: retained places ("Marlshire Police") and the names of
 * retained cast members (the independent reviewer), full or surname with title. Detections lying
 * wholly inside these spans are dropped by the analyzer. Never throws; offsets UTF-16.
 */
export function findRetainedSpans(
  text: string,
  cast: readonly CastMember[],
  places: readonly Place[],
): Array<[number, number]> {
  const sources: string[] = []
  for (const p of places) if (p.retain && p.name.trim()) sources.push(flexibleWordsSource(p.name))
  for (const c of cast) {
    if (!c.retain) continue
    const n = parseFullName(c.full_name)
    const full = [...n.given, ...n.middle, ...n.surname].join(' ')
    if (full) sources.push(`(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?\\s+)?${flexibleWordsSource(full)}`)
    if (n.given.length && n.surname.length) sources.push(flexibleWordsSource(`${n.given[0]} ${n.surname[0]}`))
    if (n.surname.length) sources.push(`(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?\\s+${flexibleWordsSource(n.surname[0])}`)
  }
  if (!sources.length) return []
  const re = new RegExp(
    `(?<![A-Za-z0-9])(?:${sources.sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9])`,
    'gi',
  )
  const spans: Array<[number, number]> = []
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) spans.push([m.index, m.index + m[0].length])
  return spans
}

// "2 ", "14a ", "Flat 3, 61 ", "12-14 " directly before a street name
const HOUSE_NUMBER_BEFORE =
  /(?:^|[^\w,/.-])((?:(?:Flat|Apartment|Unit)\s+\w+,?\s+)?\d{1,4}[A-Za-z]?(?:-\d{1,4})?,?\s+)$/

function buildRegex(forms: readonly Form[]): RegExp {
  const alternation = [...new Set(forms.map((f) => f.source))].sort((a, b) => b.length - a.length).join('|')
  return new RegExp(`(?<![A-Za-z0-9])(?:${alternation})(?![A-Za-z0-9])`, 'gi')
}

function normal(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '')
}

function matchForm(found: string, forms: readonly Form[], lookup: Map<string, Form>): Form | undefined {
  const direct = lookup.get(normal(found))
  if (direct) return direct
  // fall back to testing each form (St / Saint spellings normalise differently)
  return forms.find((f) => new RegExp(`^(?:${f.source})$`, 'i').test(found))
}
