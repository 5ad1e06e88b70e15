import { createAnalyzer } from '../analyzer/analyzer.ts'
import { isCaseAware } from '../analyzer/conflict-rule.ts'
import type { CastMember, Place } from '../case-types.ts'
import { serviceNameAround } from '../lexicon/service-names.lexicon.ts'
import type { Detection, EntityType, Recognizer } from '../types.ts'
import { leakReason } from './leak-reasons.ts'

/** One thing still in a text that must not be published. */
export interface Leak {
  start: number
  end: number
  text: string
  entityType: EntityType
  /** Why it is a leak, in plain words (never repeats the real name). */
  reason: string
  recognizer: string
  score: number
  castId?: string
  placeName?: string
}

/** Options of `checkForLeaks`. */
export interface LeakGateOptions {
  /** Extra recognizers (the statistical tagger) whose high-confidence detections also count. */
  recognizers?: readonly Recognizer[]
  /** Generic detections at or above this score are leaks. Default 0.8. */
  minGenericScore?: number
}

// Generic detections of these types identify on their own; quasi-identifiers (demographics, towns
// guessed from their endings) are left to the jigsaw warnings.
const DIRECT: ReadonlySet<EntityType> = new Set([
  'PERSON',
  'DATE',
  'ADDRESS',
  'POSTCODE',
  'PHONE',
  'EMAIL',
  'URL',
  'NHS_NUMBER',
  'NI_NUMBER',
  'POLICE_REFERENCE',
  'CASE_REFERENCE',
  'VEHICLE_REGISTRATION',
  'SOCIAL_HANDLE',
  'ORG',
  'CODE',
])

/**
 * The leak gate: every remaining occurrence of any cast identifier or name variant (full name,
 * parts, nicknames, initials, misspellings, capitals, collar-number forms, identifiers such as
 * phone and NHS numbers, addresses and listed places), and every remaining high-confidence generic
 * detection of a directly identifying kind (an exact date, a phone number, a rank with a collar
 * number left beside a pseudonym, ...). Retained people and places are not leaks, nor are generic
 * service names ("Early Help Hub") taken for a person or a local organisation. Each leak's `reason`
 * says what was found and what the reviewer can do about it. A document with
 * any leak must not be marked anonymised.
 * Contract: pure; never throws; offsets UTF-16; result sorted by start.
 */
export function checkForLeaks(
  text: string,
  cast: readonly CastMember[],
  places: readonly Place[] = [],
  options: LeakGateOptions = {},
): Leak[] {
  const analyzer = createAnalyzer({ cast, places, recognizers: options.recognizers, minScore: 0.3 })
  const minGeneric = options.minGenericScore ?? 0.8
  const { detections, retained } = analyzer.analyze(text)
  // unresolved detections too: a weak generic span must not hide a case-aware one inside it
  const raw = analyzer.analyzeRaw(text).filter((d) => !retained.some(([s, e]) => d.start >= s && d.end <= e))
  const candidates: Detection[] = [...detections, ...raw]
  const seen = new Set<string>()
  const leaks: Leak[] = []
  for (const d of candidates) {
    const caseAware = isCaseAware(d)
    const isLeak = caseAware ? d.score >= 0.55 : DIRECT.has(d.entityType) && d.score >= minGeneric
    if (!isLeak) continue
    // a council team or public service ("Children's Services Access Team") is not a person or a local place
    if (!caseAware && (d.entityType === 'PERSON' || d.entityType === 'ORG') && serviceNameAround(text, d.start, d.end))
      continue
    const key = `${d.start}:${d.end}`
    if (seen.has(key)) continue
    seen.add(key)
    leaks.push({
      start: d.start,
      end: d.end,
      text: text.slice(d.start, d.end),
      entityType: d.entityType,
      reason: leakReason(d, caseAware),
      recognizer: d.recognizer,
      score: d.score,
      ...(d.castId !== undefined ? { castId: d.castId } : {}),
      ...(d.placeName !== undefined ? { placeName: d.placeName } : {}),
    })
  }
  return leaks.sort((a, b) => a.start - b.start || b.end - a.end)
}
