import { THEMES, type AgeBand, type IncidentNature, type ReviewType, type Theme } from '../published-review.ts'
import { themesForNature } from './ingest-checks.ts'

/**
 * Metadata suggested to the curator from a report's text. Every suggestion is a proposal to confirm
 * or correct, never published as is. Rules are plain and listed here so a curator (or a test) can
 * see why a theme was suggested.
 */

/** One rule: a pattern and how much one match counts. */
interface ThemeRule {
  readonly pattern: RegExp
  readonly weight: number
}

/** A theme is suggested when its score reaches this (e.g. one strong phrase, or a few weaker ones). */
export const THEME_THRESHOLD = 3
/** Matches of one pattern counted at most this many times, so one repeated word cannot decide alone. */
const MAX_MATCHES_PER_PATTERN = 2

const r = (source: string, weight: number, flags = 'gi'): ThemeRule => ({ pattern: new RegExp(source, flags), weight })

/** Rules per theme, written from the language of published reviews (strong phrases 3, hints 1–2). */
export const THEME_RULES: Readonly<Record<Theme, readonly ThemeRule[]>> = {
  neglect: [
    r('\\bneglect(?:ed|ful)?\\b', 2),
    r(
      'home conditions|unkempt|dirty (?:clothes|house|home)|hungry|failure to thrive|not brought to|was not brought|missed (?:health|medical|dental|immuni[sz]ation) appointments',
      1,
    ),
  ],
  physical_abuse: [
    r('physical(?:ly)? abus', 3),
    r('\\bbruis(?:e|es|ed|ing)\\b', 1.5),
    r('\\bfractures?\\b', 1.5),
    r('\\b(?:smack(?:ed)?|punched|kicked|hit (?:him|her)|belt marks?|slapped)\\b', 1.5),
  ],
  non_accidental_head_injury: [
    r(
      'non-accidental head injur|abusive head trauma|subdural|retinal ha?emorrhage|shaken baby|was shaken|head injur',
      3,
    ),
  ],
  sexual_abuse: [r('sexual(?:ly)? abus|sexual assault|\\braped?\\b|indecent assault|harmful sexual behaviour', 3)],
  child_sexual_exploitation: [
    r('child sexual exploitation|\\bCSE\\b|sexually exploited|sexual exploitation', 3),
    r('\\bgroom(?:ed|ing)\\b|older (?:men|males)', 1.5),
  ],
  criminal_exploitation: [
    r(
      'criminal exploitation|county lines|\\bCCE\\b|drug running|National Referral Mechanism|\\bNRM\\b|debt bondage',
      3,
    ),
  ],
  domestic_abuse: [
    r(
      'domestic (?:abuse|violence)|\\bMARAC\\b|coercive control|\\bIDVA\\b|\\bDASH\\b|strangulation|controlling behaviour',
      3,
    ),
  ],
  parental_substance_misuse: [
    r(
      '(?:substance|drug|alcohol) (?:misuse|use|dependen)|cannabis|cocaine|heroin|methadone|crack|drinking heavily|intoxicated|\\bdrunk\\b|recovery service',
      2,
    ),
  ],
  parental_mental_health: [
    r(
      "(?:mother|father|parent|mum|dad)(?:'s|s)? (?:own )?(?:mental health|mental illness|depression|anxiety|psychosis)|postnatal depression|perinatal mental health|low mood|antidepressant|sertraline|bipolar|personality disorder|adult mental health",
      2,
    ),
  ],
  parental_learning_disability: [
    r(
      "(?:parental|mother|father|parents?)(?:'s)?(?: \\w+){0,3} learning (?:disabilit|difficult)|learning disabled (?:parent|mother|father)",
      3,
    ),
    r('\\bpre-birth assessment adapted|easy read|advocate for (?:the )?(?:mother|father|parents?)', 1),
  ],
  child_mental_health_self_harm_suicide: [
    r('self-harm|self harm|suicid|took (?:her|his|their) own life|\\bCAMHS\\b|ligature|overdose', 3),
  ],
  sudden_unexpected_infant_death_unsafe_sleep: [
    r(
      'sudden unexpected (?:infant )?death|\\bSUDI\\b|co-sle(?:pt|eping)|unsafe sleep|safer sleep|bed[- ]sharing|asleep on (?:a|the) sofa',
      3,
    ),
  ],
  online_harm: [
    r(
      '\\bonline\\b|social media|sexting|indecent images|snapchat|instagram|tiktok|livestream|grooming online|chat room',
      2,
    ),
  ],
  radicalisation: [
    r('radicali[sz]|extremis[mt]|Prevent (?:referral|duty|team)|Channel panel|far-right|terroris', 3, 'g'),
  ],
  disability_of_child: [
    r(
      'disabled (?:child|children|boy|girl|baby)|\\bautis(?:m|tic)\\b|cerebral palsy|\\bEHCP\\b|education, health and care plan|special educational needs|complex (?:health )?needs|non-verbal|learning disabilit(?:y|ies) of (?:the )?child',
      2,
    ),
  ],
  looked_after_child: [
    r(
      "looked after|\\bin care\\b|children's home|residential (?:home|placement)|care order|section 20|care leaver|leaving care|personal adviser|corporate parent",
      2,
    ),
    r('foster (?:carer|care|placement)', 1),
  ],
  missing_from_home_or_education: [
    r(
      'went missing|reported missing|missing (?:from|episodes?)|children missing education|elective home education|home[- ]educated|return home interview|off-rolled|not on a school roll',
      3,
    ),
    r('\\bexclu(?:ded|sion)\\b|school attendance|poor attendance', 1.5),
  ],
  fabricated_induced_illness: [
    r('fabricated or induced illness|\\bFII\\b|perplexing presentation|induced illness|fabricat', 3),
  ],
  female_genital_mutilation: [r('female genital mutilation|\\bFGM\\b', 3)],
  homicide: [r('homicide|murder|manslaughter|was killed|killed (?:her|his|the)', 3)],
  inter_agency_communication: [
    r(
      '(?:multi|inter)-agency (?:working|communication|meeting|response)|not invited|communication between|did not communicate|joined up|core group|strategy (?:meeting|discussion)|no single agency',
      1.5,
    ),
  ],
  information_sharing: [
    r(
      'information (?:was |were )?(?:not )?shar|shar(?:e|ed|ing) (?:of )?information|did not share|not passed on|\\bMASH\\b|information held by|was not told|no-one knew',
      2,
    ),
  ],
  assessment_quality: [
    r(
      'assessments? (?:was|were|did) (?:not|poor|limited|incomplete)|quality of (?:the )?assessment|child and family assessment|single assessment|risk assessment|not assessed|assessment recorded|pre-birth assessment|analysis of risk',
      1.5,
    ),
  ],
  voice_of_the_child: [
    r(
      "voice of the child|lived experience|child's (?:wishes|views|voice|words)|children's words|seen alone|spoken to alone|what (?:the child|he|she) (?:said|told)|direct work",
      2,
    ),
  ],
  hidden_men_fathers: [
    r(
      "hidden m[ae]n|(?:mother's|her) (?:new )?partner|\\bfathers?\\b|males? (?:in|of) the household|men in (?:the|her|his|the child's) (?:household|life)|birth father|stepfather|male carers?",
      1.5,
    ),
  ],
  professional_challenge_escalation: [
    r(
      'escalat|professional challenge|challenge (?:the|other|each|decisions)|resolution of professional disagreements|professional disagreement|did not challenge',
      2,
    ),
  ],
  supervision: [r('supervision|supervisor|management oversight|reflective (?:practice|discussion)|caseloads?', 2)],
  thresholds: [
    r(
      'threshold|step(?:ped)?[- ]down|step(?:ped)?[- ]up|did not meet|early help|child in need|section 47|no further action',
      1.5,
    ),
  ],
  housing_poverty: [
    r(
      'housing|homeless|temporary accommodation|poverty|\\bdebts?\\b|financial (?:hardship|difficult)|food bank|overcrowd|evict|rent arrears|universal credit',
      2,
    ),
  ],
  race_culture_ethnicity: [
    r(
      '\\brace\\b|racism|\\bcultur(?:e|al)|ethnic|interpreter|language barrier|\\bfaith\\b|religio|asylum|immigration|no recourse to public funds|adultification',
      2,
    ),
  ],
}

/** A theme suggested, with the score and the words that led to it. */
export interface ThemeSuggestion {
  readonly theme: Theme
  readonly score: number
  /** Up to three matched phrases, for the curator. */
  readonly evidence: readonly string[]
}

/** Score every theme against `text` and return those at or above the threshold, strongest first. Never throws. */
export function suggestThemes(text: string, threshold = THEME_THRESHOLD): ThemeSuggestion[] {
  const out: ThemeSuggestion[] = []
  for (const theme of THEMES) {
    let score = 0
    const evidence: string[] = []
    for (const rule of THEME_RULES[theme]) {
      const matches = text.match(rule.pattern) ?? []
      score += rule.weight * Math.min(matches.length, MAX_MATCHES_PER_PATTERN)
      for (const m of matches)
        if (evidence.length < 3 && !evidence.includes(m.toLowerCase())) evidence.push(m.toLowerCase())
    }
    if (score >= threshold) out.push({ theme, score, evidence })
  }
  return out.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme))
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  'twenty-one': 21,
  'twenty-two': 22,
  'twenty-three': 23,
  'twenty-four': 24,
}
const NUM =
  '(\\d{1,2}|twenty-(?:one|two|three|four)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)'

function toNumber(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (NUMBER_WORDS[text.toLowerCase()] ?? NaN)
}

/** The age band of the first age stated in the text ("aged nine months", "a 15-year-old"). Null when none. Never throws. */
export function suggestAgeBand(text: string): AgeBand | null {
  const pattern = new RegExp(
    `\\b(?:aged|age|was|of)\\s+${NUM}(?:\\s*(weeks?|months?|years?))?\\b|\\b${NUM}[- ](weeks?|months?|years?)[- ]old\\b|\\b(newborn|new-born|(?:unborn|new|young|premature) baby|infant)\\b`,
    'gi',
  )
  const careLeaver = /care leaver|leaving care/i.test(text)
  for (const m of text.matchAll(pattern)) {
    if (m[5]) return 'under_1'
    const value = toNumber(m[1] ?? m[3])
    // A bare number counts only after "aged" ("aged 14"); "was 3" alone says nothing.
    if (!m[2] && !m[4] && !/^aged?\b/i.test(m[0])) continue
    const unit = (m[2] ?? m[4] ?? 'years').toLowerCase()
    if (!Number.isFinite(value)) continue
    if (unit.startsWith('week') || unit.startsWith('month'))
      return value < 12 || unit.startsWith('week') ? 'under_1' : value < 60 ? '1_4' : '5_9'
    if (value < 1) return 'under_1'
    if (value <= 4) return '1_4'
    if (value <= 9) return '5_9'
    if (value <= 15) return '10_15'
    if (value <= 17) return '16_17'
    if (value <= 24 && careLeaver) return 'care_leaver_18_24'
  }
  return null
}

/** The review type named in the text, most specific first. Null when none. Never throws. */
export function suggestReviewType(text: string): ReviewType | null {
  if (/child safeguarding practice review|\bLCSPR\b|\bCSPR\b/i.test(text)) return 'lcspr'
  if (/serious case review|\bSCR\b/i.test(text)) return 'scr'
  if (/national (?:panel )?review/i.test(text)) return 'national_review'
  if (/rapid review/i.test(text)) return 'rapid_review'
  return null
}

const NOT_PSEUDONYM = new Set([
  'Protection',
  'Safeguarding',
  'In',
  'And',
  'Death',
  'Sexual',
  'Criminal',
  'Practice',
  'Care',
  'Health',
  'Exploitation',
])

/** The most frequent "Child X" / "Baby Y" / "Child AB" label. Null when none. Never throws. */
export function suggestPseudonym(text: string): string | null {
  const counts = new Map<string, number>()
  for (const m of text.matchAll(/\b(Child|Baby|Young Person|Sibling)\s+([A-Z][A-Za-z]{0,11}\d?)\b/g)) {
    if (NOT_PSEUDONYM.has(m[2])) continue
    const label = `${m[1]} ${m[2]}`
    counts.set(label, (counts.get(label) ?? 0) + 1)
  }
  let best: string | null = null
  for (const [label, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = label
  return best
}

/**
 * The year of the report: a stated publication year, else a month and year on the title page (its
 * first 600 characters), else the latest year mentioned that is not in the future.
 * Null when none. Never throws.
 */
export function suggestYear(text: string, now = new Date()): number | null {
  const thisYear = now.getUTCFullYear()
  const stated =
    /(?:published|publication(?: date)?|date of (?:report|publication))\s*:?\s*(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d{2})/i.exec(
      text,
    )
  if (stated && Number(stated[1]) <= thisYear) return Number(stated[1])
  // A month and year on the title page ("June 2023") is the date of the report; later years in the
  // text are often target dates of recommendations ("by March 2025"), not the publication.
  const cover =
    /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d{2})\b/.exec(
      text.slice(0, 600),
    )
  if (cover && Number(cover[1]) <= thisYear) return Number(cover[1])
  const years = [...text.matchAll(/\b((?:19[5-9]|20\d)\d)\b/g)].map((m) => Number(m[1])).filter((y) => y <= thisYear)
  return years.length > 0 ? Math.max(...years) : null
}

/**
 * The recommendations in the text: "Recommendation 1: ..." paragraphs, or the numbered or bulleted
 * list (or table rows) under a "Recommendations" heading. Never throws.
 */
export function suggestRecommendations(text: string): string[] {
  const lines = text.split(/\r?\n/)
  const found: string[] = []
  let current: string[] | null = null
  let inSection = false
  const finish = () => {
    if (current) {
      const joined = current
        .join(' ')
        .replace(/\s+/g, ' ')
        .replace(/^\*+|\*+$/g, '')
        .trim()
      if (joined.length >= 15) found.push(joined)
    }
    current = null
  }
  for (const raw of lines) {
    const line = raw.trim()
    const labelled = /^(?:#+\s*)?\**Recommendation\s+(\d+)\s*\**\s*[:.\-–)]?\s*\**\s*(.*)$/i.exec(line)
    if (labelled) {
      finish()
      current = labelled[2] ? [labelled[2]] : []
      continue
    }
    const heading = /^(?:#{1,6}\s+|\d+(?:\.\d+)*\.?\s+)?(.{1,80})$/.exec(line)
    if (/^#{1,6}\s/.test(line) || (heading && /^(?:\d+(?:\.\d+)*\.?\s+)?Recommendations\s*$/i.test(line))) {
      finish()
      inSection = /recommendations/i.test(line)
      continue
    }
    if (line === '') {
      if (current && (current as string[]).length > 0) finish()
      continue
    }
    if (inSection) {
      const item = /^(?:\d{1,2}[.)]|[-•*]|\(\w\))\s+(.+)$/.exec(line)
      if (item) {
        finish()
        current = [item[1]]
        continue
      }
      if (line.startsWith('|')) {
        const cells = line
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean)
        if (cells.length >= 2 && /^\d+$/.test(cells[0])) {
          finish()
          current = [cells.slice(1).reduce((a, b) => (b.length > a.length ? b : a))]
          finish()
        }
        continue
      }
    }
    if (current) current.push(line)
  }
  finish()
  return found
}

/** Everything suggested for one report. */
export interface MetadataSuggestions {
  readonly themes: readonly ThemeSuggestion[]
  readonly childAgeBand: AgeBand | null
  readonly reviewType: ReviewType | null
  readonly pseudonym: string | null
  readonly year: number | null
  readonly recommendations: readonly string[]
  /** The document's first heading; null when it has none worth offering. */
  readonly title?: string | null
  /** Whether the child died or survived, when the text says so plainly. */
  readonly natureOfIncident?: IncidentNature | null
}

/**
 * The report's title: its first heading-like line (short, not a sentence, not a file name such as
 * "publication.pdf" or a bare word like "publication"). Null when there is none: a file name is
 * never offered as a title. Never throws.
 */
export function suggestTitle(text: string): string | null {
  for (const raw of text.split('\n').slice(0, 40)) {
    const line = raw.replace(/^#{1,6}\s+/, '').trim()
    if (line.length < 12 || line.length > 200) continue
    if (/\.(?:pdf|docx?|html?)$/i.test(line) || /^[\w-]+$/.test(line)) continue
    if (/^(?:published|publication|date|page|contents|draft|official)\b/i.test(line)) continue
    if (/[.;:]$/.test(line) && !/review|child/i.test(line)) continue
    return line
  }
  return null
}

/**
 * Death or serious harm, when the text says so plainly; null otherwise. A child who "survived" or
 * was "seriously injured" is serious harm even if deaths are mentioned elsewhere. Never throws.
 */
export function suggestNature(text: string): IncidentNature | null {
  if (/\b(?:survived|serious(?:ly)? (?:harm(?:ed)?|injur(?:y|ies|ed))|life[- ]changing injur|non-fatal)\b/i.test(text))
    return 'serious_harm'
  if (/\b(?:died|death of|was killed|murdered|fatal|post[- ]mortem)\b/i.test(text)) return 'death'
  return null
}

/** All suggestions for a report's text. Never throws. */
export function suggestMetadata(text: string, now = new Date()): MetadataSuggestions {
  const natureOfIncident = suggestNature(text)
  return {
    title: suggestTitle(text),
    natureOfIncident,
    themes: themesForNature(suggestThemes(text), natureOfIncident),
    childAgeBand: suggestAgeBand(text),
    reviewType: suggestReviewType(text),
    pseudonym: suggestPseudonym(text),
    year: suggestYear(text, now),
    recommendations: suggestRecommendations(text),
  }
}
