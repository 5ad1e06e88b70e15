/**
 * Tables of migration `2026_12_08_0410_dissemination`. Merged into the app's `Database` type by
 * `src/db/schema.ts`. Read and written only through `DisseminationService`.
 */
export interface DisseminationTables {
  dissemination_request: DisseminationRequestTable
  dissemination_record: DisseminationRecordTable
}

/** An agency asked to share a review's learning by a date. */
export interface DisseminationRequestTable {
  id: string
  review_id: string
  partnership_id: string
  agency_id: string
  /** ISO date the agency should have shared the learning by. */
  due_date: string
  created_by: string
  created_at: string
}

/** One way an agency shared the learning. */
export interface DisseminationRecordTable {
  id: string
  request_id: string
  /** One of `METHODS`. */
  method: string
  /** ISO date it was shared. */
  shared_on: string
  /** How many practitioners it reached. */
  practitioners: number
  note: string
  recorded_by: string
  recorded_by_name: string
  created_at: string
}
