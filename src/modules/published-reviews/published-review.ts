/**
 * A published review in the national repository (section 7 of the domain reference): its
 * metadata, the facet vocabularies with plain-English labels, and the pure rules (title, keep-until).
 */

/** Learning themes: the identifiers of section 7, exactly. */
export const THEMES = [
  'neglect',
  'physical_abuse',
  'non_accidental_head_injury',
  'sexual_abuse',
  'child_sexual_exploitation',
  'criminal_exploitation',
  'domestic_abuse',
  'parental_substance_misuse',
  'parental_mental_health',
  'parental_learning_disability',
  'child_mental_health_self_harm_suicide',
  'sudden_unexpected_infant_death_unsafe_sleep',
  'online_harm',
  'radicalisation',
  'disability_of_child',
  'looked_after_child',
  'missing_from_home_or_education',
  'fabricated_induced_illness',
  'female_genital_mutilation',
  'homicide',
  'inter_agency_communication',
  'information_sharing',
  'assessment_quality',
  'voice_of_the_child',
  'hidden_men_fathers',
  'professional_challenge_escalation',
  'supervision',
  'thresholds',
  'housing_poverty',
  'race_culture_ethnicity',
] as const
export type Theme = (typeof THEMES)[number]

export const THEME_LABELS: Readonly<Record<Theme, string>> = {
  neglect: 'Neglect',
  physical_abuse: 'Physical abuse',
  non_accidental_head_injury: 'Non-accidental head injury',
  sexual_abuse: 'Sexual abuse',
  child_sexual_exploitation: 'Child sexual exploitation',
  criminal_exploitation: 'Criminal exploitation (including county lines)',
  domestic_abuse: 'Domestic abuse',
  parental_substance_misuse: 'Parental drug or alcohol misuse',
  parental_mental_health: 'Parental mental health',
  parental_learning_disability: 'Parental learning disability',
  child_mental_health_self_harm_suicide: 'Child mental health, self-harm and suicide',
  sudden_unexpected_infant_death_unsafe_sleep: 'Sudden unexpected infant death and unsafe sleep',
  online_harm: 'Online harm',
  radicalisation: 'Radicalisation',
  disability_of_child: 'Disabled children',
  looked_after_child: 'Children in care',
  missing_from_home_or_education: 'Missing from home or education',
  fabricated_induced_illness: 'Fabricated or induced illness',
  female_genital_mutilation: 'Female genital mutilation',
  homicide: 'Homicide',
  inter_agency_communication: 'Communication between agencies',
  information_sharing: 'Information sharing',
  assessment_quality: 'Quality of assessment',
  voice_of_the_child: 'Voice of the child',
  hidden_men_fathers: 'Hidden men and fathers',
  professional_challenge_escalation: 'Professional challenge and escalation',
  supervision: 'Supervision',
  thresholds: 'Thresholds',
  housing_poverty: 'Housing and poverty',
  race_culture_ethnicity: 'Race, culture and ethnicity',
}

export const AGE_BANDS = ['under_1', '1_4', '5_9', '10_15', '16_17', 'care_leaver_18_24'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  under_1: 'Under 1',
  '1_4': '1 to 4',
  '5_9': '5 to 9',
  '10_15': '10 to 15',
  '16_17': '16 to 17',
  care_leaver_18_24: 'Care leaver (18 to 24)',
}

export const REVIEW_TYPES = ['lcspr', 'scr', 'rapid_review', 'national_review', 'other'] as const
export type ReviewType = (typeof REVIEW_TYPES)[number]
export const REVIEW_TYPE_LABELS: Readonly<Record<ReviewType, string>> = {
  lcspr: 'Local child safeguarding practice review',
  scr: 'Serious case review',
  rapid_review: 'Rapid review',
  national_review: 'National review',
  other: 'Other review or inquiry',
}

export const INCIDENT_NATURES = ['death', 'serious_harm'] as const
export type IncidentNature = (typeof INCIDENT_NATURES)[number]
export const INCIDENT_NATURE_LABELS: Readonly<Record<IncidentNature, string>> = {
  death: 'Death',
  serious_harm: 'Serious harm',
}

export const SEXES = ['female', 'male', 'not_stated'] as const
export type Sex = (typeof SEXES)[number]

/** Broad ethnic groups (the census's five groups, plus not stated). */
export const ETHNIC_GROUPS = ['asian', 'black', 'mixed', 'white', 'other', 'not_stated'] as const
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number]
export const ETHNIC_GROUP_LABELS: Readonly<Record<EthnicGroup, string>> = {
  asian: 'Asian or Asian British',
  black: 'Black, Black British, Caribbean or African',
  mixed: 'Mixed or multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  not_stated: 'Not stated',
}

/** A document of a published review. PDF and DOCX keep their bytes for download. */
export interface PublishedDocument {
  readonly id: string
  readonly title: string
  readonly format: 'html' | 'pdf' | 'docx'
  readonly fileName: string | null
  readonly contentType: string
  /** Safe HTML (allow-listed tags only, no attributes) for HTML documents; null for files. */
  readonly html: string | null
  /** Plain text: what is indexed. */
  readonly text: string
  readonly byteSize: number
}

/** A review in the repository. */
export interface PublishedReview {
  readonly id: string
  /** "year – area – pseudonym", e.g. "2024 – Marlshire – Child M". */
  readonly title: string
  readonly pseudonym: string
  readonly year: number
  /** Publishing area (partnership name) or "Anonymous". */
  readonly area: string
  readonly partnership: string | null
  readonly region: string | null
  readonly reviewType: ReviewType
  readonly natureOfIncident: IncidentNature | null
  readonly childAgeBand: AgeBand | null
  readonly sex: Sex | null
  readonly ethnicGroup: EthnicGroup | null
  readonly reviewModel: string | null
  readonly themes: readonly Theme[]
  readonly agencies: readonly string[]
  readonly keywords: readonly string[]
  readonly summary: string
  readonly recommendations: readonly { readonly id: string; readonly position: number; readonly text: string }[]
  readonly documents: readonly PublishedDocument[]
  readonly publishedAt: string
  readonly keepUntil: string
}

/** "2024 – Marlshire – Child M"; an empty area becomes "Anonymous". Never throws. */
export function reviewTitle(year: number, area: string | null | undefined, pseudonym: string): string {
  return `${year} – ${area?.trim() || 'Anonymous'} – ${pseudonym.trim()}`
}

/** Minimum months a published review stays in the repository. */
export const MINIMUM_RETENTION_MONTHS = 12

/**
 * The keep-until date: the later of `requested` and 12 months after `publishedAt` (ISO strings).
 * Never throws for valid ISO input.
 */
export function keepUntil(publishedAt: string, requested?: string | null): string {
  const minimum = new Date(publishedAt)
  minimum.setUTCMonth(minimum.getUTCMonth() + MINIMUM_RETENTION_MONTHS)
  const min = minimum.toISOString()
  return requested && requested > min ? new Date(requested).toISOString() : min
}

/** Counts shown publicly: 1–4 are suppressed to "fewer than 5". */
export interface SuppressedCount {
  /** Null when suppressed. */
  readonly value: number | null
  /** What to show: "0", "12" or "fewer than 5". */
  readonly label: string
}

/** Small-number suppression (section 7): 1–4 become "fewer than 5"; 0 and 5+ are shown. Never throws. */
export function suppress(count: number): SuppressedCount {
  return count >= 1 && count <= 4 ? { value: null, label: 'fewer than 5' } : { value: count, label: String(count) }
}
