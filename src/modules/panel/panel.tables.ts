/**
 * Tables of migration `2026_12_08_0100_national_panel`: the national Panel's exchanges with partnerships
 * and its national reviews. Merged into the app's `Database` type by `src/db/schema.ts`.
 */

/** One dated step (append-only): the Panel's response, challenge or evaluation, or the partnership's answer. */
export interface PanelExchangeTable {
  id: string
  review_id: string
  /** 1, 2, 3, … within the review: the order the steps were recorded in (unique per review). */
  position: number
  /** One of PANEL_TOPICS. */
  topic: string
  /** `panel` or `partnership`. */
  party: string
  /** One of PANEL_OUTCOMES[topic] / PARTNERSHIP_OUTCOMES[topic]. */
  outcome: string
  reasons: string
  questions: string
  /** JSON QualityRatings for the Panel's quality evaluation; null otherwise. */
  ratings: string | null
  /** ISO date of the step. */
  happened_on: string
  recorded_by: string
  recorded_by_name: string
  recorded_at: string
}

/** A case the Panel took on as a national review (one per local review, which it links). */
export interface NationalReviewTable {
  review_id: string
  reasons: string
  decided_on: string
  recorded_by: string
  recorded_by_name: string
  recorded_at: string
}

export interface PanelTables {
  panel_exchange: PanelExchangeTable
  national_review: NationalReviewTable
}
