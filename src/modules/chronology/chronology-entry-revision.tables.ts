/**
 * Table of migration `2026_11_26_0140_chronology_people_episodes`: the earlier texts of corrected entries. Merged into the app's `Database`
 * type by `src/db/schema.ts`.
 */
export interface ChronologyEntryRevisionTables {
  chronology_entry_revision: ChronologyEntryRevisionTable
}

/** The text of a submitted entry before a correction, with who corrected it, when and why. */
export interface ChronologyEntryRevisionTable {
  id: string
  review_id: string
  entry_id: string
  /** The entry's version this text was (1 = as submitted); unique per entry, so two edits cannot both win. */
  version: number
  /** JSON of the entry's text (EntryContent) before the correction. */
  previous: string
  reason: string
  changed_by: string
  changed_at: string
}
