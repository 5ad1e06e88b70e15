/**
 * Tables of migration `2026_11_26_0170_chronology_import_staging`: chronology import staging (streamed
 * rows, so large files are not held in memory). Merged into the app's `Database` type by `src/db/schema.ts`.
 */
export interface ChronologyImportTables {
  chronology_import_stage: ChronologyImportStageTable
  chronology_import_row: ChronologyImportRowTable
}

/** One staged import: what the preview page needs besides its rows. */
export interface ChronologyImportStageTable {
  import_id: string
  /** The staging run whose rows are current. */
  stage_id: string
  /** JSON: the column plan the rows were staged with (header → target and label). */
  plan: string
  /** JSON: a `StagedSummary` (format, headers, mapping, notices, file problems). */
  summary: string
  row_count: number
  /** File problems plus every row problem. */
  problem_count: number
  /** 1 when every row is valid and every column accounted for. */
  can_commit: number
  staged_at: string
}

/** One row of a staged import, in file order (`seq`), with the entry it becomes when it has no problems. */
export interface ChronologyImportRowTable {
  import_id: string
  /** The staging run that wrote the row. */
  stage_id: string
  seq: number
  /** Row number as a spreadsheet shows it (header = 1). */
  row_number: number
  /** JSON array of plain-English problems, or null. */
  problems: string | null
  has_problems: number
  /** The date and event text as read (shown in the preview). */
  shown_date: string
  shown_event: string
  /** Id the entry gets when committed (made here so INSERT … SELECT needs no id function). */
  entry_id: string
  agency: string | null
  date: string | null
  sort_key: string | null
  date_start: string | null
  date_end: string | null
  time: string | null
  source_record: string | null
  practitioner_role: string | null
  people_involved: string | null
  event: string | null
  action_taken: string | null
  outcome: string | null
  significance: string | null
}
