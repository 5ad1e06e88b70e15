/**
 * The integrated chronology: every agency's entries in one order, the same real event reported by several
 * agencies proposed as a link (for a reviewer to confirm or split), and gaps with no contact.
 *
 * Pure functions over plain entries; nothing here decides on its own — links are proposals with reasons.
 */
import { addCalendarDays, calendarDaysBetween, isoDate, isRealDate, type IsoDate } from '../clocks/plain-date.ts'
import { compareChronologyDates, type ChronologyDate } from './chronology-date.ts'

/** What integration needs of an entry. */
export type IntegrationEntry = {
  id: string
  agency: string
  date: ChronologyDate
  time?: string | null
  event: string
  peopleInvolved?: readonly string[]
  practitionerRole?: string
  sourceRecord?: string
}

/**
 * Entries earliest first (precision-aware, see `chronologySortKey`); ties by agency name, then by the
 * order given. Returns a new array. Never throws.
 */
export function orderChronology<T extends IntegrationEntry>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        compareChronologyDates(a.entry, b.entry) || a.entry.agency.localeCompare(b.entry.agency) || a.index - b.index,
    )
    .map((x) => x.entry)
}

// ---------------------------------------------------------------------------------------------------------
// Linking

/** Options for proposing links. */
export type LinkOptions = {
  /** Largest gap in days between the two reports' dates (or a date one of them mentions). Default 3. */
  maxDaysApart?: number
  /**
   * How far back (days) a date written in an entry's text may be and still count as the date of the event
   * it reports ("PPN received re incident 04/10/2022", written a week later). Default 45.
   */
  maxDaysReportedLater?: number
  /** Smallest score (0–1) for a proposal. Default 0.2 (measured on the demo case: see ADR 0014). */
  minScore?: number
}

/** A proposed link between two entries from different agencies. */
export type LinkProposal = {
  /** The earlier entry's id first (by chronology order). */
  entryIds: [string, string]
  /** 0–1: text and people similarity, adjusted for how close the dates are. */
  score: number
  /** Why, in plain English, for the reviewer. */
  reasons: string[]
}

/** Entries joined by proposed links (connected through any chain of proposals). */
export type LinkGroup = { entryIds: string[]; agencies: string[]; score: number }

const STOPWORDS = new Set(
  (
    'the and for was were with from that this has had have not her his she him they them their there then than ' +
    'into onto who whom which what when where why how are but all any can did does doing done been being also ' +
    'our out own per via nil see seen said says told after before about again over under very just only one two ' +
    'received sent record recorded notes note letter email call called telephone phone form re ref regarding ' +
    'agency service team officer worker staff mum mother mums'
  ).split(' '),
)

// Dates written in free text: 04/10/2022, 4/10/22, 4 October 2022, 2022-10-04.
const MONTH_INDEX: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}
const TEXT_DATE =
  /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b|\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})\b/gi
// Reference numbers shared between agencies (PPN/22/6641, MP/23/016402): a strong sign of the same event.
const REFERENCE = /\b[A-Z]{2,5}\/\d{2}\/\d{3,}\b/g

/** Dates mentioned in a text, as ISO dates (impossible ones ignored). Never throws. */
export function datesInText(text: string): IsoDate[] {
  const found: IsoDate[] = []
  for (const m of text.matchAll(TEXT_DATE)) {
    let y: number, mo: number, d: number
    if (m[1] !== undefined) {
      d = Number(m[1])
      mo = Number(m[2])
      y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])
    } else if (m[4] !== undefined) {
      y = Number(m[4])
      mo = Number(m[5])
      d = Number(m[6])
    } else {
      d = Number(m[7])
      mo = MONTH_INDEX[m[8].toLowerCase()]
      y = Number(m[9])
    }
    if (isRealDate(y, mo, d)) found.push(isoDate(y, mo, d))
  }
  return found
}

// A date right after these words is a date of birth (or of expected delivery), not the date of an event.
const NOT_AN_EVENT_DATE = /\b(?:dob|d\.o\.b\.?|date of birth|edd|due date)\W{0,3}$/i

/** Dates in a text that may be the date of the event it reports (not dates of birth or due dates). */
function eventDatesInText(text: string): IsoDate[] {
  const found: IsoDate[] = []
  for (const m of text.matchAll(TEXT_DATE)) {
    if (NOT_AN_EVENT_DATE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue
    found.push(...datesInText(m[0]))
  }
  return found
}

function stem(token: string): string {
  if (token.length > 5 && token.endsWith('ing')) return token.slice(0, -3)
  if (token.length > 4 && token.endsWith('ed')) return token.slice(0, -2)
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1)
  return token
}

/** Content words of a text: lowercased, stemmed, without stop words, dates or short numbers. Never throws. */
export function tokenize(text: string): string[] {
  const withoutDates = text.replace(TEXT_DATE, ' ').replace(REFERENCE, ' ')
  const tokens: string[] = []
  for (const raw of withoutDates.toLowerCase().split(/[^a-z0-9']+/)) {
    const token = raw.replace(/'s$|'/g, '')
    if (token.length < 3 || STOPWORDS.has(token)) continue
    if (/^\d+$/.test(token) && token.length < 4) continue
    tokens.push(stem(token))
  }
  return tokens
}

type Prepared = {
  entry: IntegrationEntry
  /** Words of the names in "people involved", lowercased ("chloe", "calloway"). */
  people: Set<string>
  anchors: { date: IsoDate; fromText: boolean }[]
  vector: Map<string, number>
  norm: number
  references: Set<string>
}

function prepare(entries: readonly IntegrationEntry[], maxDaysReportedLater: number): Prepared[] {
  // Words of the event only: the people are compared on their own (see peopleOverlap).
  const documents = entries.map((e) => tokenize(e.event))
  // Inverse document frequency: names and words every agency writes ("Chloe", "Harley") count for little.
  const df = new Map<string, number>()
  for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1)
  const n = entries.length
  return entries.map((entry, i) => {
    const tf = new Map<string, number>()
    for (const t of documents[i]) tf.set(t, (tf.get(t) ?? 0) + 1)
    const vector = new Map<string, number>()
    let sum = 0
    for (const [t, count] of tf) {
      const w = (1 + Math.log(count)) * Math.log((n + 1) / (df.get(t)! + 0.5))
      vector.set(t, w)
      sum += w * w
    }
    const anchors: Prepared['anchors'] = []
    // A "No contacts recorded" note is not an event: it has no date to be linked by.
    const people = nameWords(entry.peopleInvolved ?? [])
    if (NO_CONTACT_EVENT.test(entry.event)) {
      return { entry, people, anchors, vector, norm: 0, references: new Set<string>() }
    }
    if (entry.date.precision === 'day') anchors.push({ date: entry.date.start, fromText: false })
    for (const d of eventDatesInText(entry.event)) {
      // An entry reports what has happened: a date in its text that is a little earlier is the event's date;
      // later dates (appointments, due dates) and long-ago ones (dates of birth) are not.
      if (entry.date.precision !== 'day') continue
      const back = calendarDaysBetween(d, entry.date.start)
      if (back > 0 && back <= maxDaysReportedLater) anchors.push({ date: d, fromText: true })
    }
    return {
      entry,
      people,
      anchors,
      vector,
      norm: Math.sqrt(sum),
      references: new Set(`${entry.event} ${entry.sourceRecord ?? ''}`.match(REFERENCE) ?? []),
    }
  })
}

/** Words two entries must share before their texts count as similar. */
const MIN_SHARED_WORDS = 2

function cosine(a: Prepared, b: Prepared): { score: number; shared: string[] } {
  if (a.norm === 0 || b.norm === 0) return { score: 0, shared: [] }
  let dot = 0
  const shared: { t: string; w: number }[] = []
  const [small, large] = a.vector.size < b.vector.size ? [a, b] : [b, a]
  for (const [t, w] of small.vector) {
    const v = large.vector.get(t)
    if (v !== undefined) {
      dot += w * v
      shared.push({ t, w: w * v })
    }
  }
  shared.sort((x, y) => y.w - x.w)
  // One word in common ("Did not attend" and "attended") is not evidence of one event, however short the
  // entries are.
  if (shared.length < MIN_SHARED_WORDS) return { score: 0, shared: shared.map((s) => s.t) }
  return { score: dot / (a.norm * b.norm), shared: shared.slice(0, 5).map((s) => s.t) }
}

/**
 * Proposes links between entries from different agencies that probably report the same event: their dates
 * (or a date one of them mentions, such as "re incident 04/10/2022", but not a date of birth) are at most
 * `maxDaysApart` days apart, their events share at least two words and are similar (TF-IDF cosine, so words
 * every agency writes count for little), and the people they involve overlap (no one in common weakens a
 * link; nobody named says nothing). A reference number both mention (PPN/22/6641) is a strong sign.
 * Entries without a day-precision date, and "No contacts recorded" notes, are not linked.
 * Proposals come best first. Never throws.
 */
export function proposeLinks(entries: readonly IntegrationEntry[], options: LinkOptions = {}): LinkProposal[] {
  const maxDaysApart = options.maxDaysApart ?? 3
  const minScore = options.minScore ?? 0.2
  const prepared = prepare(orderChronology(entries), options.maxDaysReportedLater ?? 45)
  // Index anchors by day so only nearby entries are compared (5,000 entries stay fast).
  const byDay = new Map<IsoDate, number[]>()
  prepared.forEach((p, i) => {
    for (const a of p.anchors) {
      const list = byDay.get(a.date) ?? []
      if (!list.includes(i)) list.push(i)
      byDay.set(a.date, list)
    }
  })
  const proposals: LinkProposal[] = []
  const seen = new Set<string>()
  prepared.forEach((a, i) => {
    for (const anchor of a.anchors) {
      for (let offset = -maxDaysApart; offset <= maxDaysApart; offset++) {
        for (const j of byDay.get(addCalendarDays(anchor.date, offset)) ?? []) {
          if (j <= i) continue
          const b = prepared[j]
          if (a.entry.agency === b.entry.agency) continue
          const key = `${i}:${j}`
          if (seen.has(key)) continue
          const proposal = scorePair(a, b, maxDaysApart)
          if (proposal.score >= minScore) {
            seen.add(key)
            proposals.push(proposal)
          }
        }
      }
    }
  })
  return proposals.sort((x, y) => y.score - x.score)
}

/** The share of text similarity kept when two entries name no person in common. */
const PEOPLE_FLOOR = 0.6

/** Words of people's names (lowercased letters, at least two), for comparing who two entries involve. */
function nameWords(people: readonly string[]): Set<string> {
  const words = new Set<string>()
  for (const person of people) {
    for (const word of person.toLowerCase().split(/[^a-z']+/)) if (word.length >= 2) words.add(word)
  }
  return words
}

/** Jaccard overlap of two entries' name words (0–1), or null when either names nobody. */
function peopleOverlap(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 || b.size === 0) return null
  let both = 0
  for (const w of a) if (b.has(w)) both++
  return both / (a.size + b.size - both)
}

function scorePair(a: Prepared, b: Prepared, maxDaysApart: number): LinkProposal {
  let best = Infinity
  let viaText = false
  for (const x of a.anchors) {
    for (const y of b.anchors) {
      const days = Math.abs(calendarDaysBetween(x.date, y.date))
      if (days < best || (days === best && !(x.fromText || y.fromText))) {
        best = days
        viaText = x.fromText || y.fromText
      }
    }
  }
  const { score: similarity, shared } = cosine(a, b)
  const sharedReferences = [...a.references].filter((r) => b.references.has(r))
  // Closer dates weigh more: the same day keeps the full similarity, the edge of the window keeps 60%.
  const closeness = 1 - (0.4 * best) / (maxDaysApart + 1)
  // One report naming the exact date of the other ("re incident 12/07/2023") is a further sign.
  const namedDate = viaText && best === 0 ? 0.1 : 0
  // People: entries naming the same people are likelier to be one event, entries naming none in common
  // less so; when either names nobody, the people say nothing.
  const people = peopleOverlap(a.people, b.people)
  const peopleFactor = people === null ? 1 : PEOPLE_FLOOR + (1 - PEOPLE_FLOOR) * people
  const score = Math.min(1, similarity * closeness * peopleFactor + namedDate + (sharedReferences.length > 0 ? 0.5 : 0))
  const reasons = [
    best === 0 ? 'Same date' : `Dates ${best} day${best === 1 ? '' : 's'} apart`,
    ...(viaText ? ['One entry mentions the date of the other'] : []),
    ...(sharedReferences.length > 0 ? [`Both mention ${sharedReferences.join(', ')}`] : []),
    ...(shared.length > 0 ? [`Shared words: ${shared.join(', ')}`] : []),
  ]
  return { entryIds: [a.entry.id, b.entry.id], score: Math.round(score * 1000) / 1000, reasons }
}

/**
 * Groups entries joined by proposals (through any chain), largest first; each group lists its agencies.
 * The score is the group's weakest link. Never throws.
 */
export function groupLinks(entries: readonly IntegrationEntry[], proposals: readonly LinkProposal[]): LinkGroup[] {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!
    parent.set(x, root)
    return root
  }
  const weakest = new Map<string, number>()
  for (const p of proposals) {
    const [a, b] = p.entryIds.map(find)
    const min = Math.min(p.score, weakest.get(a) ?? 1, weakest.get(b) ?? 1)
    if (a !== b) parent.set(b, a)
    weakest.set(a, min)
  }
  const agencyOf = new Map(entries.map((e) => [e.id, e.agency]))
  const groups = new Map<string, string[]>()
  for (const id of new Set(proposals.flatMap((p) => p.entryIds))) {
    const root = find(id)
    groups.set(root, [...(groups.get(root) ?? []), id])
  }
  return [...groups.entries()]
    .map(([root, ids]) => ({
      entryIds: ids,
      agencies: [...new Set(ids.map((id) => agencyOf.get(id) ?? ''))].sort(),
      score: weakest.get(root) ?? 0,
    }))
    .sort((a, b) => b.entryIds.length - a.entryIds.length)
}

// ---------------------------------------------------------------------------------------------------------
// Gaps

/** A period with no contact longer than the chosen length. */
export type Gap = {
  /** The agency, or null for the whole chronology. */
  agency: string | null
  /** Last day of the contact before the gap. */
  from: IsoDate
  /** First day of the contact after it. */
  to: IsoDate
  /** Calendar days from `from` to `to`. */
  days: number
  fromEntryId: string
  toEntryId: string
}

/** Options for gap detection. */
export type GapOptions = {
  /** Report gaps longer than this many calendar days. */
  minDays: number
  /** Also report gaps per agency. Default true. */
  perAgency?: boolean
  /** Also report gaps across all agencies. Default true. */
  overall?: boolean
  /** Which entries are contact with the family; default {@link isLikelyContact}. */
  isContact?: (entry: IntegrationEntry) => boolean
}

const ADMINISTRATIVE_ROLE = /\badmin\b|administrat|business support|workflow|receptionist|call handler/i
const NO_CONTACT_EVENT = /^\s*(no (contacts?|record|records|further contact)\b|nil\b)/i

/**
 * A heuristic for "this entry is contact with (or about) the family": not an administrative role (admin,
 * business support, workflow, receptionist) and not a "No contacts recorded" / "No record" note. A
 * reviewer can pass their own rule. Never throws.
 */
export function isLikelyContact(entry: IntegrationEntry): boolean {
  if (entry.practitionerRole && ADMINISTRATIVE_ROLE.test(entry.practitionerRole)) return false
  return !NO_CONTACT_EVENT.test(entry.event)
}

function gapsIn(entries: readonly IntegrationEntry[], agency: string | null, minDays: number): Gap[] {
  const gaps: Gap[] = []
  let coveredUntil: IsoDate | null = null
  let lastId = ''
  for (const entry of orderChronology(entries)) {
    // A month or season entry may be contact at any point in it: the gap is only certain after its end.
    if (coveredUntil !== null) {
      const days = calendarDaysBetween(coveredUntil, entry.date.start)
      if (days > minDays) {
        gaps.push({ agency, from: coveredUntil, to: entry.date.start, days, fromEntryId: lastId, toEntryId: entry.id })
      }
    }
    if (coveredUntil === null || entry.date.end > coveredUntil) {
      coveredUntil = entry.date.end
      lastId = entry.id
    }
  }
  return gaps
}

/**
 * Periods longer than `minDays` calendar days with no contact, per agency (in agency name order) and
 * across the whole chronology (agency null), each in date order. Never throws.
 */
export function findGaps(entries: readonly IntegrationEntry[], options: GapOptions): Gap[] {
  const isContact = options.isContact ?? isLikelyContact
  const contacts = entries.filter(isContact)
  const gaps: Gap[] = []
  if (options.perAgency ?? true) {
    const agencies = [...new Set(contacts.map((e) => e.agency))].sort((a, b) => a.localeCompare(b))
    for (const agency of agencies) {
      gaps.push(
        ...gapsIn(
          contacts.filter((e) => e.agency === agency),
          agency,
          options.minDays,
        ),
      )
    }
  }
  if (options.overall ?? true) gaps.push(...gapsIn(contacts, null, options.minDays))
  return gaps
}

/** Sorted, comma-joined entry ids: the key of a reviewer's decision on a link. */
export function linkKey(entryIds: readonly string[]): string {
  return [...entryIds].sort().join(',')
}
