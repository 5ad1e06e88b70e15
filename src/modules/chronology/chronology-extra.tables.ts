/**
 * Tables of migration `2026_11_26_0140_chronology_people_episodes`: chronology entries linked to people,
 * key practice episodes, sharing the integrated chronology with agencies, and corrections of submitted
 * entries. Merged into the app's `Database` type by `src/db/schema.ts`.
 */
export interface ChronologyExtraTables {
  chronology_entry_person: ChronologyEntryPersonTable
  chronology_episode: ChronologyEpisodeTable
  chronology_episode_entry: ChronologyEpisodeEntryTable
  chronology_share_event: ChronologyShareEventTable
  chronology_entry_revision: ChronologyEntryRevisionTable
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

/** A key practice episode: named, made from selected entries, with the reviewer's analysis notes. */
export interface ChronologyEpisodeTable {
  id: string
  review_id: string
  name: string
  notes: string
  /** Optimistic version: 1 when created, one more on every change. */
  version: number
  created_by: string
  created_at: string
  updated_by: string
  updated_at: string
}

/** One entry of a key practice episode. */
export interface ChronologyEpisodeEntryTable {
  episode_id: string
  entry_id: string
}

/** The coordinator shared the integrated chronology with the review's agencies, or withdrew it. */
export interface ChronologyShareEventTable {
  id: string
  review_id: string
  /** 1, 2, 3… per review: the highest is the current state. */
  seq: number
  /** `shared` or `withdrawn`. */
  action: string
  acted_by: string
  acted_at: string
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
