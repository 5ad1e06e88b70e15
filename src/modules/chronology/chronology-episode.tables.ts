/**
 * Tables of migration `2026_11_26_0140_chronology_people_episodes`: key practice episodes and their entries. Merged into the app's
 * `Database` type by `src/db/schema.ts`.
 */
export interface ChronologyEpisodeTables {
  chronology_episode: ChronologyEpisodeTable
  chronology_episode_entry: ChronologyEpisodeEntryTable
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
