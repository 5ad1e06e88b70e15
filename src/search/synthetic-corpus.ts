/**
 * Synthetic review text for the search benchmarks (`bench/search.bench.ts`,
 * `bench/public-search.load.ts`); not used by the application.
 *
 * Real reports are not uniform: a few thousand distinct words, function words and everyday
 * practice words very common, specific terms rare except in the reviews that are about them. So:
 * - a vocabulary of 6,000 words (function words, practice words, then pronounceable made-up words
 *   as the long tail), drawn with a Zipf distribution (rank r has weight 1 / r^1.05): "child",
 *   "mother", "concerns", "neglect", "supervision" are everywhere;
 * - topical bursts: each review has a few themes, and about one sentence in 12 is about one of them,
 *   using that theme's terms and phrases ("county lines", "MARAC", "FGM", "safer sleep"), so a
 *   specific term is frequent in the reviews about it and absent from the others;
 * - some stock sentences of practice ("information was not shared with the school") that put common
 *   phrases such as "information sharing" and "neglect" in many reviews, as in real collections.
 */

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]

const FUNCTION_WORDS =
  'the of and to a in was that for with her his had on not by be this as were at she from he it or which there been an they their would have is about child but who when did'.split(
    ' ',
  )
/** Everyday words of practice, in rough order of frequency. */
const PRACTICE_WORDS = (
  'mother social worker concerns family health children school home baby father visit police ' +
  'professionals review information support services assessment time care referral plan agency ' +
  'meeting practice mother’s partner contact risk hospital needs record further action case ' +
  'parents team appointment report management staff safeguarding service plans recorded ' +
  'discussed visits reported evidence understanding decision known history neglect protection ' +
  'nurse visitor domestic abuse injury mental multi learning relationship consideration ' +
  'housing strategy threshold outcome concern incident group weeks months previous child’s ' +
  'early help escalation supervision conference core legal planning level response ' +
  'assessments records letter telephone emergency department consultant paediatrician GP ' +
  'midwife school nurse attendance behaviour development weight growth feeding sleep cot ' +
  'statement interview section enquiry lead professional chronology ' +
  'agencies partnership panel author independent reviewer terms reference findings ' +
  'recommendations lessons learning systems culture curiosity challenge disagreement ' +
  'accommodation tenancy overcrowded eviction debt benefits poverty employment unemployed ' +
  'grandmother grandparents sibling siblings brother sister stepfather boyfriend girlfriend ' +
  'bedroom kitchen conditions hygiene clothing hunger dental immunisations missed ' +
  'appointments engagement resistance hostile aggressive anxious ' +
  'vulnerable isolated lonely withdrawn tearful distressed upset frightened worried'
).split(/\s+/)
/** Made-up words for the long tail (deterministic, pronounceable). */
function madeUpWords(count: number): string[] {
  const r = rng(99)
  const onsets = [
    'b',
    'c',
    'd',
    'f',
    'g',
    'h',
    'l',
    'm',
    'n',
    'p',
    'r',
    's',
    't',
    'v',
    'w',
    'br',
    'cr',
    'st',
    'tr',
    'pl',
  ]
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou']
  const codas = ['', 'n', 'r', 'l', 'st', 'nt', 'ck', 'sh', 'ng', 'm']
  const words = new Set<string>()
  while (words.size < count) {
    const syllables = 2 + Math.floor(r() * 2)
    let w = ''
    for (let s = 0; s < syllables; s++)
      w += pick(r, onsets) + pick(r, vowels) + (s === syllables - 1 ? pick(r, codas) : '')
    words.add(w)
  }
  return [...words]
}

export const VOCABULARY_SIZE = 6000

/** The vocabulary in rank order: function words, practice words, then the made-up tail. */
function vocabulary(): string[] {
  const head = [...new Set([...FUNCTION_WORDS, ...PRACTICE_WORDS])]
  return [...head, ...madeUpWords(VOCABULARY_SIZE - head.length)]
}

const WORDS = vocabulary()
const CUMULATIVE = (() => {
  const c = new Float64Array(WORDS.length)
  let sum = 0
  for (let i = 0; i < WORDS.length; i++) c[i] = sum += 1 / Math.pow(i + 1, 1.05)
  for (let i = 0; i < c.length; i++) c[i] /= sum
  return c
})()

/** One word drawn from the Zipf distribution. */
export function zipfWord(r: () => number): string {
  const x = r()
  let lo = 0
  let hi = CUMULATIVE.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (CUMULATIVE[mid] < x) lo = mid + 1
    else hi = mid
  }
  return WORDS[lo]
}

/** Terms and phrases of each theme, used in that theme's bursts. */
const TOPIC_TERMS: Readonly<Record<string, readonly string[]>> = {
  neglect: [
    'neglect',
    'neglected',
    'poor home conditions',
    'hygiene',
    'hunger',
    'squalor',
    'head lice',
    'faltering growth',
  ],
  physical_abuse: ['bruising', 'fracture', 'injury', 'skeletal survey', 'physical abuse', 'the bruising to the baby'],
  non_accidental_head_injury: [
    'head trauma',
    'subdural haemorrhage',
    'retinal haemorrhages',
    'bruising in non-mobile babies',
  ],
  sexual_abuse: ['sexual abuse', 'disclosure', 'indecent images', 'allegation'],
  child_sexual_exploitation: ['exploitation', 'grooming', 'online grooming', 'trafficking', 'older men'],
  criminal_exploitation: ['county lines', 'county lines exploitation', 'knife', 'gang', 'debt bondage', 'cuckooing'],
  domestic_abuse: ['domestic abuse', 'MARAC', 'coercive control', 'strangulation', 'domestic abuse incidents'],
  parental_substance_misuse: [
    'alcohol misuse',
    'parental cannabis use',
    'substance misuse',
    'drugs',
    'methadone',
    'cannabis',
  ],
  parental_mental_health: ['mental health', 'psychosis', 'depression', 'perinatal mental health'],
  parental_learning_disability: ['learning disability', 'advocate', 'easy read'],
  child_mental_health_self_harm_suicide: ['self-harm and low mood', 'CAMHS', 'overdose', 'ligature', 'suicide'],
  sudden_unexpected_infant_death_unsafe_sleep: ['safer sleep advice', 'co-sleeping', 'SUDI', 'sofa', 'safer sleep'],
  online_harm: ['online grooming', 'Snapchat', 'webcam', 'sexting', 'online gaming'],
  radicalisation: ['radicalisation', 'Prevent', 'extremist'],
  disability_of_child: ['autism', 'wheelchair', 'gastrostomy', 'respite', 'disabled child'],
  looked_after_child: ['foster placement', 'the care plan', 'independent reviewing officer', 'kinship'],
  missing_from_home_or_education: [
    'the missing episodes',
    'missing from home',
    'school attendance',
    'elective home education',
  ],
  fabricated_induced_illness: ['fabricated or induced illness', 'fabricated illness', 'paediatrician'],
  female_genital_mutilation: ['female genital mutilation', 'FGM', 'cutting'],
  homicide: ['homicide', 'stabbing', 'murder'],
  inter_agency_communication: ['communication between agencies', 'a strategy discussion', 'the MASH'],
  information_sharing: ['information sharing', 'information from the MARAC', 'did not share the information'],
  assessment_quality: ['the assessment', 'the threshold decision', 'assessment quality'],
  voice_of_the_child: ['the voice of the child', "the child's lived experience"],
  hidden_men_fathers: ["the mother's partner", 'hidden men', 'the father'],
  professional_challenge_escalation: [
    'professional disagreement',
    'escalation',
    'did not challenge',
    'disguised compliance',
  ],
  supervision: ['supervision', 'reflective supervision'],
  thresholds: ['the threshold decision', 'thresholds', 'the step-down to early help'],
  housing_poverty: ['overcrowded temporary accommodation', 'temporary accommodation', 'eviction', 'poverty'],
  race_culture_ethnicity: ['interpreter', 'culture', 'ethnicity', 'racism'],
}

/** Stock sentences of practice (common phrases across the collection). */
const STOCK = [
  'Information was not shared with the school.',
  'Information sharing between agencies was limited.',
  'There were concerns about neglect.',
  'The voice of the child was not heard.',
  'Concerns were not escalated.',
  'The case was discussed in supervision.',
  'The health visitor recorded concerns about home conditions.',
  'Early help was offered but not taken up.',
]

/** A sentence of 8–22 Zipf words, capitalised. */
function zipfSentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 15)
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(zipfWord(r))
  const s = words.join(' ')
  return s[0].toUpperCase() + s.slice(1) + '.'
}

/**
 * About `words` words of review text for a review with these themes. Deterministic in `r`.
 * Contract: never throws; empty themes give Zipf and stock sentences only.
 */
export function reviewText(r: () => number, themes: readonly string[], words: number): string {
  const parts: string[] = []
  let count = 0
  while (count < words) {
    const x = r()
    let s: string
    if (x < 0.08) {
      if (themes.length === 0) continue
      const terms = TOPIC_TERMS[pick(r, themes)] ?? []
      s = `${zipfSentence(r).slice(0, -1)} ${pick(r, terms)} ${zipfWord(r)} ${zipfWord(r)}.`
    } else if (x < 0.083) s = pick(r, STOCK)
    else s = zipfSentence(r)
    parts.push(s)
    count += s.split(' ').length
  }
  return parts.join(' ')
}
