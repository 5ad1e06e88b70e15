/**
 * Table of migration `2026_11_26_0140_chronology_people_episodes`: people in the case linked to chronology entries. Merged into the app's
 * `Database` type by `src/db/schema.ts`.
 */
export interface ChronologyPeopleTables {
  chronology_entry_person: ChronologyEntryPersonTable
}

/** A person of the review's cast linked to a chronology entry, or a proposal someone removed. */
export interface ChronologyEntryPersonTable {
  id: string
  review_id: string
  entry_id: string
  /** `case_person.id`. */
  person_id: string
  /** `matched` (proposed from the entry's people involved) or `added` (by a person). */
  source: string
  /** `linked`, or `removed` (kept so the proposal does not come back). */
  status: string
  updated_by: string
  updated_at: string
}
