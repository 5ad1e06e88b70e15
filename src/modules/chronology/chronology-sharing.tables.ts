/**
 * Table of migration `2026_11_26_0140_chronology_people_episodes`: sharing the integrated chronology with the review's agencies. Merged into
 * the app's `Database` type by `src/db/schema.ts`.
 */
export interface ChronologySharingTables {
  chronology_share_event: ChronologyShareEventTable
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
