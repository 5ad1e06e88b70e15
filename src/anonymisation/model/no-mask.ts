/**
 * What needs no mask: the rules applied to a generic (no-cast) detection before it is masked. See
 * docs/decisions/0019-what-needs-no-mask.md for how they were chosen (5-fold
 * cross-validation of TAB train with the benchmark's official measures) and examples.
 *
 * Pure. Offsets are UTF-16 code units, `end` exclusive. Never throws.
 */
import { RECORD_SYSTEMS } from '../lexicon/common-words.lexicon.ts'
import { COUNTRIES, DEMONYMS } from './gazetteers.ts'

/** A detection to refine: its span and analyzer entity type. */
export interface Candidate {
  start: number
  end: number
  entityType: string
}

// Grammar words never worth masking at the edge of a span ("The applicant", "of 16 June 2004"):
// the benchmark forgives them at mention edges, so trimming them costs no recall.
const EDGE_WORDS = new Set(
  `the a an this that these those of and or but in on at by for to from with into upon between as its his her their
  which who whose whom when where while also then than after before during following due however although because
  since until summary introduction background conclusion conclusions recommendations under within over about against
  through throughout without below above among across per via whether if not only meanwhile thereafter subsequently
  moreover furthermore accordingly nevertheless including concerning regarding namely`.split(/\s+/),
)

// A paragraph or list number at the start of a span ("1.1 When", "4.2.3", "(b)").
const LEADING_NUMBER = /^(?:\d+(?:\.\d+)+\.?|\(?[a-z]\)|\(?[ivx]+\))\s+/u

// A number that is part of a citation or a statutory age rather than a fact about someone:
// "Articles 8 and 14", "section 47", "Law no. 4210", "Protocol No. 11", "until the age of 65",
// and the year of an Act ("the Children Act 1989", "the 1991 Act").
const CITED_NUMBER_BEFORE =
  /(?:\b(?:Articles?|Art\.|Sections?|s\.|ss\.|Rules?|Protocol|Paragraphs?|para\.|Laws?|Decree|Regulations?|Chapter|Schedule|Series A)(?:\s+(?:no\.?|nos\.?|number))?\s+(?:\d+[a-z]?(?:\s*§\s*\d+)?(?:\s*\(\d+\))?\s*(?:,|and|or|to|-|–)?\s*)*|§\s*|\b(?:Act|Code|Convention)\s+(?:of\s+)?|\b(?:until|over|under|above|below|reaching|reached)\s+the\s+age\s+of\s+)$/iu
const CITED_NUMBER_AFTER = /^\s+(?:Act|Law|Code)\b/u

// National and public bodies, legislation, treaties and processes every text of a kind names: they
// identify nobody. A span whose words contain one of these phrases (as whole words, any case) is
// not masked. Local bodies ("Warsaw District Court", "Eastwick Primary School", "Ward 4") are not
// here: a named local court, school, surgery, ward, street or estate places a person.
const PUBLIC_PHRASES = [
  // national government and its offices
  'government',
  'ministry',
  'minister',
  'parliament',
  'treasury',
  'cabinet',
  'prime minister',
  'home office',
  'department for education',
  'department of health',
  // national courts and judicial bodies
  'supreme court',
  'supreme administrative court',
  'constitutional court',
  'court of cassation',
  'high court',
  'house of lords',
  'european court',
  'grand chamber',
  'commission of human rights',
  'committee of ministers',
  'council of europe',
  'united nations',
  'european union',
  'prosecutor general',
  'procurator general',
  'attorney general',
  'ombudsman',
  'family court',
  'crown court',
  'crown prosecution service',
  // child safeguarding: national bodies, services and processes a published review names
  'ofsted',
  'nspcc',
  'child safeguarding practice review panel',
  'national panel',
  'children’s social care',
  "children's social care",
  'social care',
  'serious case review',
  'child safeguarding practice review',
  'safeguarding children partnership',
  'safeguarding partnership',
  'local safeguarding children board',
  'multi-agency safeguarding hub',
  'child protection plan',
  'child in need plan',
  'child in need',
  'child protection conference',
  'sudden unexpected death in infancy',
  'sudden unexplained death in childhood',
  'grievous bodily harm',
  'minor injuries unit',
  'emergency department',
  'national health service',
  'nhs',
  'cafcass',
  'probation service',
  'youth offending service',
  'public health',
]
const PUBLIC_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PUBLIC_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
)
const PUBLIC_GLOBAL = new RegExp(PUBLIC_PATTERN.source, 'giu')

// Legislation and citations: "Article 8", "Articles 8 and 14", "Law no. 4210", "Protocol No. 11",
// "section 31", "the Children Act 1989", "the 1991 Act", "§ 2", "Rule 39", "Series A no. 268".
const CITATION =
  /^(?:(?:Articles?|Art\.|Sections?|ss?\.|Rules?|Protocols?|Paragraphs?|paras?\.|Laws?|Decrees?|Regulations?|Chapter|Series A|Schedule|§+)\b[\s\S]*|[\s\S]*\b(?:Act|Acts|Code|Convention|Treaty|Law|Regulations?|Protocol|Directive|Constitution)(?:\s+(?:of\s+)?\d{4})?)$/u

// Legislation named in its own language (German "-gesetz", "-verordnung", Polish "ustawa o ...",
// Turkish "Kanunu", "Yönetmeliği"): the law, not a fact about anyone.
const FOREIGN_LEGISLATION =
  /(?:gesetz|gesetzes|verordnung|ordnung)\b|^\(?(?:ustawa|rozporządzenie|kodeks)\b|\b(?:kanunu?|yönetmeliği)\b/iu
// Before a date: the law or judgment it dates ("Law no. 5190 of", "the Act of", "judgment of",
// "published in the Official Gazette on").
const DATE_OF_LAW_BEFORE =
  /(?:\b(?:Law|Act|Decree|Ordinance|Regulations?|Code|Directive|Resolution)(?:\s+(?:no\.?|No\.?|nos\.)\s*[\d/.-]+)?\s+(?:of|on|dated)\s+|\bOfficial\s+Gazette\s+(?:of|on)\s+|\bv\.\s[^.;]{1,80}\((?:judgment|decision)\s+of\s+|\b(?:promulgation|entered\s+into\s+force|came\s+into\s+force)\s+(?:of\s+[^.;]{1,40}\s+)?on\s+)$/u
// After a date: the Court's own procedure ("when Protocol No. 11 to the Convention came into force",
// "the Court changed the composition of its Sections").
const COURT_PROCEDURE_AFTER = /^,?\s+(?:when\s+Protocol|the\s+Court\s+changed\s+the\s+composition)/u

// Ordinary words a model sometimes reads as a demographic detail; they describe nobody.
const GENERIC_WORDS = new Set(
  `age paragraph report family night day time review court employee damage plan case section child children person
  people parent parents applicant applicants summary injury injuries`.split(/\s+/),
)

/**
 * True when `surface` names a public body: one of {@link PUBLIC_PHRASES} as its head, with at most
 * three words before it ("the Turkish Government", "Federal Ministry of Labour") and at most a short
 * "of ..." complement after it. A longer span that merely contains one ("the Social Insurance
 * Authority and the Ministry") is judged on the rest.
 */
function isPublicBody(surface: string): boolean {
  const core = surface.replace(/\s*[(（][^)]*\)?\s*$/u, '')
  const match = PUBLIC_PATTERN.exec(core)
  if (!match) return false
  const before = core.slice(0, match.index).match(/[\p{L}\p{N}]+/gu) ?? []
  const after = core.slice(match.index + match[0].length)
  const afterWords = after.match(/[\p{L}\p{N}]+/gu) ?? []
  return (
    before.length <= 3 && (afterWords.length === 0 || (/^\s+(?:of|for|on)\s/i.test(after) && afterWords.length <= 5))
  )
}

// Before a state's name, these make it a place in someone's story ("born in Nigeria", "fled to Turkey").
const STORY_PREPOSITION = /(?:\b(?:in|to|from|into|born|at|via|fled|left|entered|reached|returned)\s+(?:the\s+)?)$/iu

// Words of generic institutional names: a name made only of these ("the Supreme Military
// Administrative Court", "the District Court", "the Principal Public Prosecutor", "the Third Section")
// names a kind of body or office, not one that places a person; with a place name in it ("Warsaw
// District Court") it is masked.
const GENERIC_BODY_WORDS = new Set(
  `the of and for supreme military administrative court courts district regional social labour criminal civil public
  prosecutor prosecutors principal chief governor president university board state federal appeal appeals committee
  municipality municipalities section chamber council city authority authorities office inspector security high
  constitutional disciplinary assize family youth juvenile county magistrates crown police department ministry
  directorate general national central local first second third fourth fifth instance grand division tribunal
  commission revenue tax institute service services agency army forces armed war world martial law justice judge
  judges bar assembly legal aid counsel procurator attorney prison governor's court's prosecutor's`.split(/\s+/),
)

// After a nationality: it describes a person ("a Polish national", "German citizens").
const NATIONAL_AFTER = /^\s+(?:nationals?|citizens?)\b/u

// Ethnicities, peoples and faiths identify in combination (QUASI); the other demonyms are
// nationalities, which a text about a state's courts names without placing anyone.
const ETHNIC_OR_FAITH = new Set(
  `kurdish kurd kurds roma romani gypsy traveller sami chechen arab arabic asian african caucasian alevi sunni shia
  muslim muslims christian christians catholic orthodox protestant jewish jew jews hindu sikh buddhist islamic`.split(
    /\s+/,
  ),
)

/**
 * True when `surface` is made only of generic institutional words ("Court", "the District Court",
 * "Board"): such a form repeated elsewhere in a text names the tribunal or the body in general, so it
 * is not masked at its other occurrences (see `repeatOccurrences` in `detect-spans.ts`).
 */
export function isGenericBodyName(surface: string): boolean {
  const words = surface.match(/[\p{L}'’]+/gu) ?? []
  return words.length > 0 && words.every((w) => GENERIC_BODY_WORDS.has(w.toLowerCase()))
}

/** True when `surface` is one nationality word ("Turkish"), not an ethnicity or faith. */
export function isNationality(surface: string): boolean {
  const lower = surface.trim().toLowerCase()
  return DEMONYMS.has(lower) && !ETHNIC_OR_FAITH.has(lower)
}

/**
 * True when `surface` names a state ("Austria", "the United Kingdom"): masked where it is a place in
 * someone's story ("entered Austria"), not wherever it recurs ("the Republic of Austria").
 */
export function isStateName(surface: string): boolean {
  const words = surface.match(/[\p{L}]+/gu) ?? []
  return (
    words.length > 0 &&
    words.some((w) => COUNTRIES.has(w.toLowerCase())) &&
    words.every((w) => COUNTRIES.has(w.toLowerCase()) || /^(?:united|kingdom|republic|federal|the|of)$/i.test(w))
  )
}

/** True when `before` ends with a capitalised word that is not a grammar word ("Częstochowa "). */
function placeBefore(before: string): boolean {
  const last = /(\p{Lu}[\p{L}\p{M}'’-]*)[\s-]+$/u.exec(before)
  return last !== null && !EDGE_WORDS.has(last[1].toLowerCase())
}

// A prison sentence's length identifies the case ("sentenced him to three years"): masked even in words.
const SENTENCE_BEFORE = /\bsentenc\w*\b[^.;]{0,40}\bto\s+$/u

/** True when `surface` (the span's text) needs no mask in a published text. */
export function needsNoMask(surface: string, entityType: string, before = '', after = ''): boolean {
  const words = surface.match(/[\p{L}\p{N}]+/gu) ?? []
  if (words.length === 0) return true
  // a case-record system ("recorded on Mosaic"): software, not a person
  if (words.length === 1 && RECORD_SYSTEMS.has(words[0].toLowerCase())) return true
  // a cited number or a statutory age
  if (/^[\d\s,.()§]+$/u.test(surface) && (CITED_NUMBER_BEFORE.test(before) || CITED_NUMBER_AFTER.test(after)))
    return true
  // list-item and unit fragments: "(b)", "p", "m.", "sheet/"
  if (words.length === 1 && words[0].length <= 2 && !/\d/.test(words[0]) && entityType !== 'PERSON') return true
  // a lone lower-case word or phrase read as a name, place, organisation or code ("court", "damage")
  // (demographic details are the exception: "widow", "teacher", "diabetes" identify in combination)
  if (!/[\p{Lu}\p{N}]/u.test(surface) && !(SENTENCE_BEFORE.test(before) && /^(?:DATE|QUANTITY)$/.test(entityType))) {
    if (entityType !== 'DEMOGRAPHIC' && (words.length <= 3 || !/^(?:DATE|QUANTITY)$/.test(entityType))) return true
    if (words.length === 1 && GENERIC_WORDS.has(words[0].toLowerCase())) return true
  }
  if (['ORG', 'LOC', 'MISC', 'DEMOGRAPHIC'].includes(entityType) && isPublicBody(surface)) return true
  // a citation word the model read as a name ("under Article 34")
  if (words.length === 1 && /^(?:Articles?|Sections?|Rules?|Protocols?|Paragraphs?|Chapter)$/u.test(words[0]))
    return true
  if (entityType !== 'DATE' && entityType !== 'PERSON') {
    // judged without a gloss in brackets after it ("the Motor Vehicles Act 1967 (Kraftfahrgesetz)")
    const core = surface.trim().replace(/\s*[(（][^)]*\)?$/u, '')
    if (CITATION.test(core) || FOREIGN_LEGISLATION.test(surface)) return true
  }
  // the date of a law, a judgment cited, or of the Court's own procedure
  if (entityType === 'DATE' && (DATE_OF_LAW_BEFORE.test(before) || COURT_PROCEDURE_AFTER.test(after))) return true
  // a generic institutional name with no place in it
  if (
    ['ORG', 'LOC', 'MISC', 'PERSON', 'DEMOGRAPHIC'].includes(entityType) &&
    !placeBefore(before) &&
    !/^\s+(?:of|in|at)\s+\p{Lu}/u.test(after) &&
    (surface.match(/[\p{L}'’]+/gu) ?? []).every((w) => GENERIC_BODY_WORDS.has(w.toLowerCase()))
  )
    return true
  // a nationality named alone ("Turkish", "the Polish authorities" is cut to "Polish"), unless it is
  // said of a person ("by a Turkish national": QUASI in TAB train 27 times of 91)
  if (
    words.length === 1 &&
    DEMONYMS.has(words[0].toLowerCase()) &&
    !ETHNIC_OR_FAITH.has(words[0].toLowerCase()) &&
    !NATIONAL_AFTER.test(after)
  )
    return true
  // a state named alone ("Turkey", "the United Kingdom")
  if (
    (entityType === 'LOC' || entityType === 'ORG') &&
    !STORY_PREPOSITION.test(before) &&
    words.every((w) => COUNTRIES.has(w.toLowerCase()) || /^(?:united|kingdom|republic|federal|the|of)$/i.test(w))
  )
    return true
  return false
}

/**
 * The public phrases ({@link PUBLIC_PHRASES}) in `text[from, to)` as sorted `[start, end)` spans:
 * worked out once per text by `detectSpans` and handed to every {@link refineDetection}. Never throws.
 */
export function publicPhraseSpans(text: string, from = 0, to = text.length): [number, number][] {
  const start = Math.max(0, from)
  const out: [number, number][] = []
  for (const match of text.slice(start, Math.min(text.length, to)).matchAll(PUBLIC_GLOBAL))
    out.push([start + match.index, start + match.index + match[0].length])
  return out
}

/**
 * Refines one generic detection: trims grammar words and stray punctuation from its edges, then
 * returns `null` when what is left needs no mask (see {@link needsNoMask}), else the trimmed span.
 * Never throws.
 */
export function refineDetection(
  text: string,
  candidate: Candidate,
  phrases: readonly (readonly [number, number])[] = publicPhraseSpans(text, candidate.start - 80, candidate.end + 80),
): [number, number] | null {
  let { start, end } = candidate
  // A detection inside a public phrase ("Child" of "Child in Need Plan") needs no mask; one that
  // runs into a phrase loses the phrase's part ("Childhood procedures" after "Sudden Unexplained Death in").
  let first = 0
  for (let hi = phrases.length; first < hi;) {
    const mid = (first + hi) >> 1
    if (phrases[mid][1] <= start) first = mid + 1
    else hi = mid
  }
  for (let i = first; i < phrases.length && phrases[i][0] < end; i++) {
    const [ps, pe] = phrases[i]
    if (start >= ps && end <= pe) return null
    if (start >= ps && start < pe) start = pe
    else if (end > ps && end <= pe) end = ps
  }
  for (let changed = true; changed && start < end;) {
    changed = false
    const number = LEADING_NUMBER.exec(text.slice(start, end))
    if (number) {
      start += number[0].length
      changed = true
    }
    const lead = /^[\s,.;:)\]–-]+|^(\p{L}+)(?=[\s.,;:]|$)/u.exec(text.slice(start, end))
    if (lead && (lead[1] === undefined || EDGE_WORDS.has(lead[1].toLowerCase()))) {
      start += lead[0].length
      changed = true
    }
    const tail = /[\s,;:.([–-]+$|(?<=\s)(\p{L}+)$/u.exec(text.slice(start, end))
    if (tail && (tail[1] === undefined || EDGE_WORDS.has(tail[1].toLowerCase()))) {
      end -= tail[0].length
      changed = true
    }
  }
  if (end <= start) return null
  return needsNoMask(
    text.slice(start, end),
    candidate.entityType,
    text.slice(Math.max(0, start - 60), start),
    text.slice(end, end + 48),
  )
    ? null
    : [start, end]
}
