/**
 * Tables of migration `2026_11_26_0120_publication`: sign-off and publication steps, in order, each
 * with who and when. Merged into the app's `Database` type by `src/db/schema.ts`.
 */

/** One row per review: what will be published, and a version number checked on every change. */
export interface PublicationTable {
  review_id: string
  /** The one-paragraph case summary (anonymised: checked by the leak gate before it is saved). */
  summary: string
  /** JSON array of theme identifiers chosen in addition to the findings' themes. */
  themes: string
  /** JSON array of keywords. */
  keywords: string
  /** 1 when the partnership publishes as "Anonymous" rather than under its area's name. */
  publish_as_anonymous: number
  /** The national repository entry, once published. */
  published_review_id: string | null
  /** ISO timestamp: the entry stays online at least until then (12 months after publication). */
  keep_until: string | null
  /** Incremented by every change: a change based on an older version is refused, not lost. */
  version: number
  updated_by: string | null
  updated_at: string
}

/** One recorded step (append-only): panel agreement, sign-off, …, a decision not to publish and its reversal. */
export interface PublicationStepTable {
  id: string
  review_id: string
  /** 1, 2, 3, … within the review: the order the steps were recorded in. */
  position: number
  /** One of PUBLICATION_EVENTS. */
  step: string
  /** ISO date the step happened (the family was told, the report was sent); the day it was recorded otherwise. */
  happened_on: string
  /** How the family was informed; null for other steps. */
  how: string | null
  /** The note, or the reason for a decision not to publish or its reversal. */
  note: string
  recorded_by: string
  /** The name at the time, kept so the history reads the same if the user is renamed. */
  recorded_by_name: string
  recorded_at: string
  /** How the embargo ended (one of EMBARGO_OUTCOMES; "embargo cleared" only, migration 2026_12_07_1800). */
  outcome: string | null
  /** The outcome in the recorder's words, when it is "other". */
  outcome_detail: string | null
}

/** Migration `2026_12_07_1800_partner_sign_off`: which statutory partner a user acts for in a partnership. */
export interface PartnerSignatoryTable {
  partnership_id: string
  user_id: string
  /** One of STATUTORY_PARTNERS. */
  partner: string
  created_at: string
}

/** One statutory partner's sign-off of a review's report (at most one per partner per review). */
export interface PartnerSignOffTable {
  id: string
  review_id: string
  /** One of STATUTORY_PARTNERS. */
  partner: string
  signed_by: string
  /** The name at the time, kept so the record reads the same if the user is renamed. */
  signed_by_name: string
  /** The signer's job title as they typed it, for example "Director of Children's Services". */
  signed_by_role: string
  /** ISO date of the sign-off (the day it was recorded). */
  signed_on: string
  note: string
  recorded_at: string
}

export interface PublicationTables {
  publication: PublicationTable
  publication_step: PublicationStepTable
  partner_signatory: PartnerSignatoryTable
  partner_sign_off: PartnerSignOffTable
}
