/**
 * Tables of migration `2026_11_26_0110_recommendations`: findings, recommendations, action plans,
 * progress and evidence of impact. Merged into the app's `Database` type by `src/db/schema.ts`.
 * Case material: every read goes through `RecommendationService`, which audits it.
 */
export interface RecommendationTables {
  finding: FindingTable
  recommendation: RecommendationTable
  recommendation_finding: RecommendationFindingTable
  plan_action: PlanActionTable
  plan_action_progress: PlanActionProgressTable
  plan_action_evidence: PlanActionEvidenceTable
}

/** A finding of a review: why practice happened as it did. Numbered within the review. */
export interface FindingTable {
  id: string
  review_id: string
  number: number
  title: string
  text: string
  /** A theme id from section 7 of the domain reference (`THEMES`), or null. */
  theme: string | null
  /** Optimistic version: an edit based on an older one is refused. */
  version: number
  created_by: string
  created_at: string
  updated_at: string
}

/** A recommendation: numbered within the review, addressed to a named body. */
export interface RecommendationTable {
  id: string
  review_id: string
  number: number
  addressed_to: string
  /** What the body should do. */
  action: string
  measure_of_success: string
  timescale: string
  version: number
  created_by: string
  created_at: string
  updated_at: string
}

/** Which findings a recommendation answers (many to many). */
export interface RecommendationFindingTable {
  recommendation_id: string
  finding_id: string
}

/** One action of a recommendation's action plan, owned by an agency. */
export interface PlanActionTable {
  id: string
  recommendation_id: string
  review_id: string
  partnership_id: string
  /** Numbered within the recommendation (shown as "2.1"). */
  number: number
  description: string
  agency_id: string
  /** The named person or role who owns the action for the agency. */
  owner: string
  /** ISO date. */
  due_date: string
  /** One of `ACTION_STATUSES`. */
  status: string
  version: number
  created_by: string
  created_at: string
  updated_at: string
  closed_at: string | null
}

/** A dated progress note on an action (never edited or deleted), with the status change it made. */
export interface PlanActionProgressTable {
  id: string
  action_id: string
  note: string
  status_before: string
  status_after: string
  author_user_id: string
  author_name: string
  created_at: string
}

/** Evidence of impact: a description, and optionally a file (type checked by its bytes). */
export interface PlanActionEvidenceTable {
  id: string
  action_id: string
  description: string
  file_name: string | null
  content_type: string | null
  size_bytes: number | null
  content: Uint8Array | null
  added_by_user_id: string
  added_by_name: string
  created_at: string
}
