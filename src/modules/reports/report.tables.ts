/**
 * Tables of migration `2026_11_26_0100_reports`: the overview report and the executive summary of a
 * review, written section by section. Merged into the app's `Database` type by `src/db/schema.ts`.
 */
export interface ReportTables {
  report_version: ReportVersionTable
  report_comment: ReportCommentTable
  report_anonymisation: ReportAnonymisationTable
}

/**
 * One saved version of one document (whole document: every section's Markdown as a JSON object,
 * section key → text). Versions count up from 1 per review and kind; (review_id, kind, version) is
 * unique, which is what refuses a second save based on the same version.
 */
export interface ReportVersionTable {
  id: string
  review_id: string
  /** `overview_report` or `executive_summary`. */
  kind: string
  version: number
  /** JSON: `{ [sectionKey]: markdown }`. */
  sections: string
  /** What this save changed, in plain English ("Changed Introduction", "Imported from draft.docx"). */
  note: string
  author_id: string
  author_name: string
  created_at: string
}

/** A comment on a section. Comments are resolved, never deleted. */
export interface ReportCommentTable {
  id: string
  review_id: string
  kind: string
  section_key: string
  body: string
  author_id: string
  author_name: string
  created_at: string
  resolved_by: string | null
  resolved_by_name: string | null
  resolved_at: string | null
}

/** Which review_document a document was sent to for anonymisation, and which version was sent. */
export interface ReportAnonymisationTable {
  review_id: string
  kind: string
  document_id: string
  sent_version: number
  /** SHA-256 (hex) of the text sent: the review_document must still hold exactly this text. */
  sent_text_sha256: string
  sent_by: string
  sent_at: string
}
