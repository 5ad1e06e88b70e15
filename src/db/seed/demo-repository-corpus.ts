/**
 * An invented corpus of published reviews for the demo repository, generated from templates with a
 * seeded random number generator: the same entries, ids and words on every machine and every run.
 *
 * Nothing here comes from a real report. Areas and partnerships are made-up names (none is a real
 * local authority); regions are England's nine regions, as the national facets use them. The
 * children are described as the national repository describes them (age, sex, what happened, how
 * long agencies were involved), never by name. Summaries never name the area, so an entry
 * published as "Anonymous" gives nothing away.
 *
 * Recommendations are drawn from a small pool per theme with a few wordings each, so that, as in
 * the real collection, later reviews repeat what earlier ones recommended and "Recommended before"
 * and "Recommendations made again and again" have something to find.
 */
import { createHash } from 'node:crypto'
import type { PublishInput } from '../../modules/published-reviews/publish-input.ts'
import type { AgeBand, EthnicGroup, IncidentNature, Sex, Theme } from '../../modules/published-reviews/published-review.ts'
import { pick, rng } from '../../search/synthetic-corpus.ts'

/** The seed of the generator: change it and every entry changes. */
const CORPUS_SEED = 20_261_207

/**
 * The year of each entry, oldest first: more in recent years, as in the real collection, and at
 * least 5 in each of the last three so the public "Reviews by year" chart has bars to draw.
 */
const YEAR_COUNTS: ReadonlyArray<[year: number, count: number]> = [
  [2013, 1],
  [2015, 2],
  [2016, 2],
  [2017, 3],
  [2018, 3],
  [2019, 3],
  [2020, 3],
  [2021, 3],
  [2022, 5],
  [2023, 5],
  [2024, 6],
]
const YEARS: readonly number[] = YEAR_COUNTS.flatMap(([year, count]) => Array<number>(count).fill(year))

/** How many reviews the demo repository holds. */
export const DEMO_CORPUS_SIZE = YEARS.length

/** Invented publishing areas, each in a region. Some entries are published as "Anonymous" instead. */
const AREAS: ReadonlyArray<{ area: string; region: string }> = [
  { area: 'Brindlemoor', region: 'North East' },
  { area: 'Kestwick', region: 'North West' },
  { area: 'Hollinvale', region: 'Yorkshire and the Humber' },
  { area: 'Oakhythe', region: 'East Midlands' },
  { area: 'Sallowmere', region: 'West Midlands' },
  { area: 'Dunmarsh', region: 'East of England' },
  { area: 'Ravensholt', region: 'London' },
  { area: 'Cadwell Downs', region: 'South East' },
  { area: 'Wrexcombe', region: 'South West' },
  { area: 'Marlshire', region: 'East of England' },
]

const REVIEW_MODELS = [
  'SCIE Learning Together (systems model)',
  'SILP (Significant Incident Learning Process)',
  'Hybrid model',
  'Appreciative inquiry',
  'Traditional serious case review model',
] as const

/** Pseudonyms in the repository's style; no initial that hints at ethnicity or religion (domain §6). */
const PSEUDONYMS = [
  'Child A',
  'Child B',
  'Child C',
  'Child D',
  'Child E',
  'Child F',
  'Child G',
  'Child H',
  'Child J',
  'Child L',
  'Child N',
  'Child R',
  'Child S',
  'Child W',
  'Baby A',
  'Baby C',
  'Baby D',
  'Baby L',
  'Baby R',
  'Baby T',
  'Ellis',
  'Robin',
  'Sam',
  'Charlie',
  'Frankie',
  'Alex',
] as const

/** What happened, in the repository's words, and what it teaches. */
interface Scenario {
  readonly key: string
  readonly nature: IncidentNature
  readonly ages: readonly AgeBand[]
  readonly themes: readonly Theme[]
  readonly agencies: readonly string[]
  readonly keywords: readonly string[]
  /** The sentence of what happened: `who` is "a seven-month-old girl" or similar. */
  readonly incident: (who: string) => string
  /** A paragraph of the learning, for the published executive summary. */
  readonly learning: string
}

const SCENARIOS: readonly Scenario[] = [
  {
    key: 'head-injury',
    nature: 'serious_harm',
    ages: ['under_1'],
    themes: ['non_accidental_head_injury', 'physical_abuse', 'hidden_men_fathers', 'domestic_abuse'],
    agencies: ['Police', "Children's social care", 'Health visiting', 'GP', 'Hospital trust', 'Midwifery'],
    keywords: ['bruising in a non-mobile baby', "mother's partner", 'subdural haemorrhage'],
    incident: (who) =>
      `${who} was taken to hospital with a serious head injury and older fractures while in the care of the mother's partner`,
    learning:
      'Bruising in a baby who was not yet mobile was seen by three professionals and not referred under the partnership protocol. The mother’s partner was known to the police for domestic abuse, but no assessment considered the risk he posed to the baby.',
  },
  {
    key: 'unsafe-sleep',
    nature: 'death',
    ages: ['under_1'],
    themes: ['sudden_unexpected_infant_death_unsafe_sleep', 'parental_substance_misuse', 'neglect'],
    agencies: ['Health visiting', 'Midwifery', 'GP', 'Police', 'Substance misuse service'],
    keywords: ['co-sleeping', 'safer sleep', 'alcohol'],
    incident: (who) =>
      `${who} died after being found unresponsive on a sofa, having slept beside a parent who had been drinking`,
    learning:
      'Safer sleep advice was given to the mother at the birth but not to the father, and not repeated when the family moved to overcrowded temporary accommodation. Parental alcohol use was recorded but not linked to the risk of co-sleeping.',
  },
  {
    key: 'chronic-neglect',
    nature: 'serious_harm',
    ages: ['1_4', '5_9', '10_15'],
    themes: ['neglect', 'housing_poverty', 'thresholds', 'voice_of_the_child'],
    agencies: ["Children's social care", 'School', 'Health visiting', 'GP', 'Housing'],
    keywords: ['chronic neglect', 'graded care profile', 'missed health appointments'],
    incident: (who) =>
      `${who} was found living in a home without heating or food, with untreated dental decay and a long history of missed health appointments`,
    learning:
      'Neglect was visible for years in small signs: missed appointments, hunger at school, poor hygiene. Each agency saw a part of it; no one added the parts together, and repeated referrals were closed below the threshold for a child in need assessment.',
  },
  {
    key: 'neglect-death',
    nature: 'death',
    ages: ['1_4'],
    themes: ['neglect', 'parental_mental_health', 'assessment_quality', 'inter_agency_communication'],
    agencies: ["Children's social care", 'Health visiting', 'GP', 'Adult mental health services', 'Early years'],
    keywords: ['neglect', 'disguised compliance', 'parental depression'],
    incident: (who) => `${who} died of pneumonia after months of neglect while the only parent was severely depressed`,
    learning:
      'The parent’s depression was treated by adult services without anyone asking who was caring for the child. Practitioners accepted assurances that things had improved without seeing the child, a pattern the review calls disguised compliance.',
  },
  {
    key: 'exploitation',
    nature: 'serious_harm',
    ages: ['10_15', '16_17'],
    themes: ['criminal_exploitation', 'missing_from_home_or_education', 'information_sharing', 'thresholds'],
    agencies: ['Police', "Children's social care", 'School', 'Youth justice service', 'CAMHS'],
    keywords: ['county lines', 'exclusion from school', 'missing episodes'],
    incident: (who) =>
      `${who} was stabbed after being criminally exploited to carry drugs, having been missing from home eleven times in a year`,
    learning:
      'Each missing episode was treated on its own. Return home interviews were offered but not completed, and intelligence held by the police about the adults exploiting young people was not shared with the school or with children’s social care.',
  },
  {
    key: 'self-harm',
    nature: 'death',
    ages: ['10_15', '16_17', 'care_leaver_18_24'],
    themes: ['child_mental_health_self_harm_suicide', 'online_harm', 'voice_of_the_child', 'looked_after_child'],
    agencies: ['CAMHS', 'School', 'GP', "Children's social care", 'Hospital trust'],
    keywords: ['suicide', 'self-harm', 'waiting list'],
    incident: (who) =>
      `${who} took their own life after two years of self-harm and a long wait for mental health support`,
    learning:
      'The young person told several professionals how they felt, and their words were recorded but not acted on. Transitions between services, and from children’s to adult services, left gaps in which no one held the plan.',
  },
  {
    key: 'sexual-abuse',
    nature: 'serious_harm',
    ages: ['5_9', '10_15'],
    themes: ['sexual_abuse', 'voice_of_the_child', 'professional_challenge_escalation', 'supervision'],
    agencies: ['Police', "Children's social care", 'School', 'GP', 'Sexual assault referral centre'],
    keywords: ['disclosure', 'strategy discussion', 'escalation'],
    incident: (who) => `${who} was sexually abused over several years by a family member`,
    learning:
      'An early disclosure at school was passed on but the strategy discussion did not include the school. Professionals who disagreed with decisions did not use the escalation policy, and supervision did not test the thinking behind them.',
  },
  {
    key: 'domestic-homicide',
    nature: 'death',
    ages: ['1_4', '5_9', '10_15'],
    themes: ['domestic_abuse', 'homicide', 'information_sharing', 'hidden_men_fathers'],
    agencies: ['Police', "Children's social care", 'Probation', 'Domestic abuse service', 'GP', 'School'],
    keywords: ['MARAC', 'coercive control', 'domestic homicide review'],
    incident: (who) => `${who} was killed by a parent's former partner during a period of escalating domestic abuse`,
    learning:
      'Risk assessments of the abuse focused on the adult victim and rarely asked what the children saw and heard. Information shared at MARAC did not reach the school, and the perpetrator’s history with previous partners was not known to the agencies working with the family.',
  },
  {
    key: 'disabled-child',
    nature: 'serious_harm',
    ages: ['5_9', '10_15', '16_17'],
    themes: ['disability_of_child', 'neglect', 'voice_of_the_child', 'assessment_quality'],
    agencies: ['Health trust', 'School', "Children's social care", 'GP', 'Short breaks service'],
    keywords: ['disabled child', 'communication needs', 'carer stress'],
    incident: (who) =>
      `${who}, who is disabled and does not use speech, was found to have lost a third of their body weight while at home`,
    learning:
      'Professionals saw the parents as carers under strain rather than asking whether the child was being neglected. No one used the child’s own way of communicating to hear from them.',
  },
  {
    key: 'fabricated-illness',
    nature: 'serious_harm',
    ages: ['1_4', '5_9'],
    themes: ['fabricated_induced_illness', 'professional_challenge_escalation', 'inter_agency_communication'],
    agencies: ['Hospital trust', 'GP', 'School', "Children's social care"],
    keywords: ['perplexing presentations', 'multiple hospitals', 'medical investigations'],
    incident: (who) =>
      `${who} underwent many invasive medical investigations for symptoms a parent later admitted inventing`,
    learning:
      'The child was seen at four hospitals, none of which held the whole history. Doubts raised by a school nurse were not escalated, and clinicians deferred to each other rather than meeting together.',
  },
]

/** A recommendation in a few wordings; later reviews reuse them, as real ones do. */
const RECOMMENDATIONS: Partial<Record<Theme, readonly string[]>> = {
  non_accidental_head_injury: [
    'The partnership should ensure that the protocol for bruising in non-mobile babies is used by every agency, including the emergency department and general practice.',
    'All practitioners should refer any bruising in a non-mobile baby to children’s social care under the partnership protocol for bruising in non-mobile babies.',
  ],
  hidden_men_fathers: [
    'Agencies should identify every adult living with or caring for a baby, and assess the risk they pose, including fathers and mothers’ new partners.',
    'Practitioners should record and check the full name of every man in the household, including fathers and partners, and include them in assessments.',
  ],
  domestic_abuse: [
    'Domestic abuse risk assessments should ask what the children see and hear, and share the outcome with the children’s school and health visitor.',
    'The partnership should ensure that information from MARAC about domestic abuse reaches every agency working with the children, including schools.',
  ],
  sudden_unexpected_infant_death_unsafe_sleep: [
    'Health visitors and midwives should give safer sleep advice to both parents at every contact, and again whenever the family’s circumstances change.',
    'Safer sleep advice should be given to both parents, not only the mother, and repeated when the family moves home or when drugs or alcohol are used.',
  ],
  parental_substance_misuse: [
    'Substance misuse services should ask every adult client whether they care for children, and share concerns with children’s social care.',
  ],
  neglect: [
    'The partnership should ensure that practitioners use the graded care profile to assess neglect and review progress at every core group meeting.',
    'Practitioners should use the graded care profile when they are worried about neglect, and review the whole history of the child rather than each incident alone.',
    'The partnership should train practitioners to recognise the cumulative harm of neglect and to use the graded care profile to assess it.',
  ],
  housing_poverty: [
    'Housing services should tell children’s social care and the health visitor when a family with young children is moved to temporary accommodation.',
  ],
  thresholds: [
    'The partnership should review how repeated referrals that do not meet the threshold are considered together, so that cumulative concerns are seen.',
    'When a child is referred again, the front door should consider the history of earlier referrals, not only the new concern, before deciding the threshold is not met.',
  ],
  voice_of_the_child: [
    'Practitioners should see the child alone, record what the child says in their own words, and show how it has shaped the plan.',
    'Every assessment should record the child’s own words and show how the voice of the child has changed the plan.',
  ],
  parental_mental_health: [
    'Adult mental health services should ask every patient whether they care for children, and consider the children’s needs in every care plan.',
  ],
  assessment_quality: [
    'Assessments should test what parents say against what practitioners see, and set out the evidence that things have changed.',
  ],
  inter_agency_communication: [
    'The partnership should ensure that all agencies working with a child meet together when concerns are unclear, rather than relying on letters and referrals.',
  ],
  information_sharing: [
    'The partnership should remind practitioners that information can and should be shared to keep a child safe, and audit how well it is shared.',
    'Agencies should share information with each other to keep children safe, and the partnership should audit information sharing every year.',
  ],
  criminal_exploitation: [
    'The partnership should ensure that every missing episode leads to a return home interview and that patterns of missing episodes are reviewed together.',
    'Return home interviews should be completed after every missing episode, and the pattern of episodes considered for signs of criminal exploitation.',
  ],
  missing_from_home_or_education: [
    'Schools should tell children’s social care when a child known to them is excluded or persistently absent from education.',
  ],
  child_mental_health_self_harm_suicide: [
    'CAMHS and schools should agree a plan for every young person waiting for mental health treatment, saying who will see them and how often.',
  ],
  sexual_abuse: [
    'Strategy discussions about sexual abuse should include the school and every agency that knows the child.',
  ],
  professional_challenge_escalation: [
    'The partnership should promote its escalation policy so that practitioners challenge decisions they disagree with, and monitor its use.',
    'Practitioners who disagree with a decision should use the escalation policy, and the partnership should monitor how often professional challenge is used.',
  ],
  supervision: ['Supervision should test the thinking behind decisions about children, not only the tasks completed.'],
  disability_of_child: [
    'Practitioners should use the disabled child’s own way of communicating to hear from them, with help from people who know them well.',
  ],
  fabricated_induced_illness: [
    'Hospitals should hold one shared history for a child seen at more than one hospital, and meet together when presentations are perplexing.',
  ],
  looked_after_child: [
    'Leaving care services should keep in touch with care leavers who have mental health needs, and agree who will act if contact is lost.',
  ],
  online_harm: [
    'Schools and parents should be given advice on online harm and on how to talk to young people about what they see online.',
  ],
  homicide: [
    'Probation, police and children’s social care should share what they know about a perpetrator’s previous partners when assessing the risk to children.',
  ],
}

/** Themes that run through reviews whatever happened (added to a scenario's own, a few each). */
const CROSS_CUTTING: readonly Theme[] = [
  'information_sharing',
  'inter_agency_communication',
  'assessment_quality',
  'supervision',
  'voice_of_the_child',
  'race_culture_ethnicity',
  'parental_mental_health',
  'parental_learning_disability',
  'neglect',
]

const AGE_WORDS: Readonly<Record<AgeBand, readonly string[]>> = {
  under_1: ['three-month-old', 'five-month-old', 'seven-month-old', 'ten-month-old', 'six-week-old'],
  '1_4': ['two-year-old', 'three-year-old', 'four-year-old', '18-month-old'],
  '5_9': ['five-year-old', 'seven-year-old', 'eight-year-old', 'nine-year-old'],
  '10_15': ['11-year-old', '13-year-old', '14-year-old', '15-year-old'],
  '16_17': ['16-year-old', '17-year-old'],
  care_leaver_18_24: ['19-year-old care leaver', '21-year-old care leaver'],
}

const ETHNIC_GROUPS: readonly EthnicGroup[] = ['white', 'white', 'white', 'mixed', 'black', 'asian', 'not_stated']

/** A UUID that is the same on every run: version 4 form, from a hash of `name`. */
function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The id of the `index`th demo entry (0-based); the seed checks for the last one to stay idempotent. */
export function demoCorpusId(index: number): string {
  return stableUuid(`case-review demo repository ${CORPUS_SEED} ${index}`)
}

function sample<T>(r: () => number, list: readonly T[], count: number): T[] {
  const pool = [...list]
  const out: T[] = []
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0])
  return out
}

function personWords(band: AgeBand, sex: Sex, r: () => number): string {
  const age = pick(r, AGE_WORDS[band])
  if (band === 'care_leaver_18_24') return `A ${age}`
  const noun =
    band === 'under_1'
      ? sex === 'female'
        ? 'baby girl'
        : sex === 'male'
          ? 'baby boy'
          : 'baby'
      : sex === 'female'
        ? 'girl'
        : sex === 'male'
          ? 'boy'
          : 'child'
  return `${/^(8|11|18|eight|eleven)/.test(age) ? 'An' : 'A'} ${age} ${noun}`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * The demo corpus: {@link DEMO_CORPUS_SIZE} publish inputs, oldest year first, the same on every
 * call. Years run 2013 to 2024 (serious case reviews before 2019, local reviews after); about one
 * in six is published as "Anonymous". `publishedAt` falls in the year after the review's year,
 * capped at mid-2026, so none lies in the future of the demo.
 */
export function demoRepositoryCorpus(): PublishInput[] {
  const r = rng(CORPUS_SEED)
  const entries: PublishInput[] = []
  for (let i = 0; i < DEMO_CORPUS_SIZE; i++) {
    // Cycle through scenarios so each appears three or four times; years spread evenly.
    const scenario = SCENARIOS[(i * 7) % SCENARIOS.length]
    const year = YEARS[i]
    const anonymous = i % 6 === 4
    const place = AREAS[Math.floor(r() * AREAS.length)]
    const band = pick(r, scenario.ages)
    const sex: Sex = r() < 0.08 ? 'not_stated' : r() < 0.5 ? 'female' : 'male'
    // Babies are often "Baby A"; older children never are.
    const names = PSEUDONYMS.filter((p) => p.startsWith('Baby') === (band === 'under_1' && r() < 0.6))
    const pseudonym = pick(r, names)
    const themes = [...new Set([...scenario.themes, ...sample(r, CROSS_CUTTING, 1 + Math.floor(r() * 3))])] as Theme[]
    const agencies = sample(r, scenario.agencies, Math.max(3, scenario.agencies.length - Math.floor(r() * 2)))
    const months = 6 + Math.floor(r() * 42)
    const who = personWords(band, sex, r)
    const summary =
      `${scenario.incident(who)}. ` +
      `Agencies had been involved with the family for ${months} months before the incident. ` +
      `${scenario.learning.split('. ')[0]}.`
    const recommendations = [
      ...new Set(
        themes
          .filter((t) => RECOMMENDATIONS[t])
          .slice(0, 4)
          .map((t) => pick(r, RECOMMENDATIONS[t]!)),
      ),
    ]
    const reviewType = year < 2019 ? (i % 9 === 5 ? 'other' : 'scr') : i % 11 === 3 ? 'rapid_review' : 'lcspr'
    const partnership = anonymous
      ? null
      : year < 2019
        ? `${place.area} Local Safeguarding Children Board`
        : `${place.area} Safeguarding Children Partnership`
    const publishedMonth = 1 + Math.floor(r() * 12)
    const publishedAt = new Date(
      Math.min(Date.UTC(year + 1, publishedMonth - 1, 1 + Math.floor(r() * 27), 10), Date.UTC(2026, 5, 30, 10)),
    ).toISOString()
    const html = [
      `<h2>Why this review was carried out</h2><p>${escapeHtml(summary)}</p>`,
      `<h2>What the review found</h2><p>${escapeHtml(scenario.learning)}</p>`,
      `<h2>Recommendations</h2><ol>${recommendations.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ol>`,
    ].join('\n')
    entries.push({
      id: demoCorpusId(i),
      pseudonym,
      year,
      area: anonymous ? 'Anonymous' : place.area,
      partnership,
      region: anonymous ? null : place.region,
      reviewType,
      natureOfIncident: scenario.nature,
      childAgeBand: band,
      sex,
      ethnicGroup: pick(r, ETHNIC_GROUPS),
      reviewModel: year < 2016 ? REVIEW_MODELS[4] : pick(r, REVIEW_MODELS.slice(0, 4)),
      themes,
      agencies,
      keywords: [...scenario.keywords],
      summary,
      recommendations,
      documents: [{ title: 'Executive summary', html }],
      publishedAt,
      confirmedAnonymised: true,
    })
  }
  return entries
}
