/**
 * Tables of migration `2026_12_08_0500_impact`. Merged into the app's `Database` type by
 * `src/db/schema.ts`. Read and written only through `ImpactService`.
 */
export interface ImpactTables {
  impact_audit: ImpactAuditTable
}

/** A follow-up audit of one recommendation, due `months_after` months after the review was published. */
export interface ImpactAuditTable {
  id: string
  review_id: string
  partnership_id: string
  recommendation_id: string
  /** The recommendation's number when the audit was planned (the published entry lists them in number order). */
  recommendation_number: number
  months_after: number
  /** The question the audit answers. */
  question: string
  /** What is sampled (for example "20 strategy discussions from March"). */
  sample: string
  /** What the audit found; null until it is recorded. */
  finding: string | null
  /** 1 when the finding says practice changed, 0 when it did not; null until recorded. */
  practice_changed: number | null
  /** ISO date the audit was done. */
  audited_on: string | null
  recorded_by: string | null
  recorded_by_name: string | null
  created_by: string
  created_at: string
  updated_at: string
}
