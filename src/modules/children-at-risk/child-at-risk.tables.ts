/**
 * Tables of migration `2026_12_08_0400_children_at_risk`. Merged into the app's `Database` type by
 * `src/db/schema.ts`. Case material and identifiers: every read goes through `ChildAtRiskService`, which
 * audits it; nothing here is ever published.
 */
export interface ChildAtRiskTables {
  child_at_risk: ChildAtRiskTable
}

/** Another child (sibling, household or contact child) whose safety was checked after the incident. */
export interface ChildAtRiskTable {
  id: string
  review_id: string
  partnership_id: string
  /** Numbered within the review ("Other child 2"). */
  number: number
  /** The child's real name: an identifier, shown only with `review.revealOriginal`. */
  name: string
  /** Age or date of birth as known ("4", "about 14"), '' when not known. */
  age: string
  /** One of `RELATIONSHIPS`. */
  relationship: string
  /** How they are related ("half-brother, lives with father"), '' when not given. */
  relationship_detail: string
  concern: string
  safety_action: string
  agency_id: string
  responsible_person: string
  /** ISO date the safety action is due. */
  due_date: string
  /** ISO date the action was confirmed as done; null while open. */
  confirmed_on: string | null
  /** Who confirmed it (name or role, as typed). */
  confirmed_by: string | null
  confirmation_note: string | null
  /** The user who recorded the confirmation. */
  confirmed_recorded_by: string | null
  version: number
  created_by: string
  created_at: string
  updated_at: string
}
