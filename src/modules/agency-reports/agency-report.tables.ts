/**
 * Tables of migration `2026_11_26_0130_agency_reports`: agency reports (individual management reviews),
 * written as a structured form or uploaded as a Word document.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
export interface AgencyReportTables {
  agency_report: AgencyReportTable
  agency_report_document: AgencyReportDocumentTable
}

/** One agency's report in one review (a draft until submitted; submitted reports are not changed). */
export interface AgencyReportTable {
  id: string
  review_id: string
  agency_id: string
  status: 'draft' | 'submitted'
  /** Optimistic concurrency: every save must name the version it was based on. Starts at 1. */
  version: number
  author_name: string
  author_role: string
  /** 'yes': the author did not manage the case or supervise those who did; 'no'; null: not answered yet. */
  author_independent: 'yes' | 'no' | null
  independence_explanation: string
  /** ISO dates (YYYY-MM-DD) or null. */
  request_date: string | null
  records_secured_date: string | null
  terms_of_reference: string
  /** JSON object: section key → text (see `AGENCY_REPORT_SECTIONS`). */
  sections: string
  created_by: string
  created_at: string
  updated_by: string
  updated_at: string
  submitted_by: string | null
  submitted_at: string | null
}

/** The agency's own Word document for a report, with the text extracted from it. */
export interface AgencyReportDocumentTable {
  report_id: string
  file_name: string
  content_type: string
  size_bytes: number
  content: Uint8Array
  /** Plain text extracted by mammoth. */
  text: string
  /** Allow-listed HTML extracted by mammoth (shown on the report page). */
  html: string
  uploaded_by: string
  uploaded_at: string
}
