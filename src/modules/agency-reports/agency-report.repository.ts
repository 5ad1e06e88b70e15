import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import {
  sectionsFromJson,
  type AgencyReport,
  type AgencyReportContent,
  type AgencyReportDocumentSummary,
} from './agency-report.ts'
import type { AgencyReportTable } from './agency-report.tables.ts'

/** What the report pages show of a review (no case material). */
export interface ReviewSummary {
  id: string
  partnershipId: string
  reference: string
  pseudonym: string | null
}

/** An agency's request for an agency report in a review. */
export interface ReportRequest {
  id: string
  agencyId: string
  dueDate: string
  status: 'requested' | 'submitted'
  createdAt: string
}

/** An open request to an agency (chronology or agency report), with what a reminder needs. */
export interface OpenRequest {
  id: string
  kind: string
  dueDate: string
  reviewId: string
  reviewReference: string
  reviewPseudonym: string | null
  partnershipId: string
  agencyId: string
  agencyName: string
}

/** A contributor of an agency, for reminders. */
export interface Contributor {
  userId: string
  email: string
}

/** A document's stored file, for download. */
export interface StoredDocument extends AgencyReportDocumentSummary {
  contentType: string
  content: Uint8Array
  html: string
  text: string
}

/** Thrown by saves based on an older version (someone saved in between). */
export class StaleReportError extends Error {
  override name = 'StaleReportError'
}

/** All SQL for agency reports, their documents, and the agency requests they answer. */
export class AgencyReportRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The few facts of a review the report pages show. */
  async findReviewSummary(reviewId: string): Promise<ReviewSummary | undefined> {
    const r = await this.#db
      .selectFrom('review')
      .select(['id', 'partnership_id', 'reference', 'pseudonym'])
      .where('id', '=', reviewId)
      .executeTakeFirst()
    return r && { id: r.id, partnershipId: r.partnership_id, reference: r.reference, pseudonym: r.pseudonym }
  }

  /** Requests for an agency report in a review (of one agency when given). */
  async reportRequests(reviewId: string, agencyId?: string): Promise<ReportRequest[]> {
    let q = this.#db
      .selectFrom('agency_request')
      .select(['id', 'agency_id', 'due_date', 'status', 'created_at'])
      .where('review_id', '=', reviewId)
      .where('kind', '=', 'agency_report')
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId)
    const rows = await q.orderBy('due_date').orderBy('agency_id').execute()
    return rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      dueDate: r.due_date,
      status: r.status as ReportRequest['status'],
      createdAt: r.created_at,
    }))
  }

  /** Every report of a review (of one agency when given), without document bytes. */
  async listReports(reviewId: string, agencyId?: string): Promise<AgencyReport[]> {
    let q = this.#db.selectFrom('agency_report').selectAll().where('review_id', '=', reviewId)
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId)
    return (await q.execute()).map(toReport)
  }

  /** The agency's report in the review, if one has been started. */
  async findReport(reviewId: string, agencyId: string): Promise<AgencyReport | undefined> {
    const row = await this.#db
      .selectFrom('agency_report')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst()
    return row && toReport(row)
  }

  /**
   * Saves the draft's content. `expectedVersion` 0 creates the report; otherwise the draft at that version is
   * changed and its version goes up by one. Returns the new version.
   * @throws StaleReportError when the report exists (or was created) at another version, or was submitted.
   */
  async saveDraft(
    input: {
      reviewId: string
      agencyId: string
      content: AgencyReportContent
      expectedVersion: number
      userId: string
    },
    now: Date,
  ): Promise<number> {
    const at = now.toISOString()
    const columns = contentColumns(input.content)
    if (input.expectedVersion === 0) {
      try {
        await this.#db
          .insertInto('agency_report')
          .values({
            id: randomUUID(),
            review_id: input.reviewId,
            agency_id: input.agencyId,
            status: 'draft',
            version: 1,
            ...columns,
            created_by: input.userId,
            created_at: at,
            updated_by: input.userId,
            updated_at: at,
            submitted_by: null,
            submitted_at: null,
          })
          .execute()
      } catch (error) {
        // Someone created it first: the unique (review, agency) constraint refused this one.
        if (await this.findReport(input.reviewId, input.agencyId)) throw new StaleReportError()
        throw error
      }
      return 1
    }
    const result = await this.#db
      .updateTable('agency_report')
      .set({ ...columns, version: input.expectedVersion + 1, updated_by: input.userId, updated_at: at })
      .where('review_id', '=', input.reviewId)
      .where('agency_id', '=', input.agencyId)
      .where('version', '=', input.expectedVersion)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw new StaleReportError()
    return input.expectedVersion + 1
  }

  /**
   * Submits the draft at `expectedVersion` and marks the agency's agency-report request submitted, in one
   * transaction. @throws StaleReportError when the draft is not at that version (or already submitted).
   */
  async submit(
    input: { reviewId: string; agencyId: string; expectedVersion: number; userId: string },
    now: Date,
  ): Promise<void> {
    const at = now.toISOString()
    await this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('agency_report')
        .set({
          status: 'submitted',
          version: input.expectedVersion + 1,
          submitted_by: input.userId,
          submitted_at: at,
          updated_by: input.userId,
          updated_at: at,
        })
        .where('review_id', '=', input.reviewId)
        .where('agency_id', '=', input.agencyId)
        .where('version', '=', input.expectedVersion)
        .where('status', '=', 'draft')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw new StaleReportError()
      await trx
        .updateTable('agency_request')
        .set({ status: 'submitted', submitted_at: at })
        .where('review_id', '=', input.reviewId)
        .where('agency_id', '=', input.agencyId)
        .where('kind', '=', 'agency_report')
        .execute()
    })
  }

  /**
   * Stores (or replaces) the draft report's Word document, creating an empty draft first when the agency has
   * not started one. Does not change the report's version: the document is separate from the form's text.
   * @throws StaleReportError when the report has been submitted.
   */
  async putDocument(
    input: {
      reviewId: string
      agencyId: string
      userId: string
      fileName: string
      content: Uint8Array
      text: string
      html: string
      emptyContent: AgencyReportContent
    },
    now: Date,
  ): Promise<void> {
    const at = now.toISOString()
    let report = await this.findReport(input.reviewId, input.agencyId)
    if (!report) {
      try {
        await this.saveDraft(
          {
            reviewId: input.reviewId,
            agencyId: input.agencyId,
            content: input.emptyContent,
            expectedVersion: 0,
            userId: input.userId,
          },
          now,
        )
      } catch (error) {
        if (!(error instanceof StaleReportError)) throw error
      }
      report = (await this.findReport(input.reviewId, input.agencyId))!
    }
    if (report.status !== 'draft') throw new StaleReportError()
    const values = {
      file_name: input.fileName,
      content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size_bytes: input.content.byteLength,
      content: input.content,
      text: input.text,
      html: input.html,
      uploaded_by: input.userId,
      uploaded_at: at,
    }
    await this.#db
      .insertInto('agency_report_document')
      .values({ report_id: report.id, ...values })
      .onConflict((oc) => oc.column('report_id').doUpdateSet(values))
      .execute()
  }

  /** The summary of a report's document, if it has one. */
  async documentSummary(reportId: string): Promise<AgencyReportDocumentSummary | undefined> {
    const row = await this.#db
      .selectFrom('agency_report_document')
      .select(['file_name', 'size_bytes', 'uploaded_at'])
      .where('report_id', '=', reportId)
      .executeTakeFirst()
    return row && { fileName: row.file_name, sizeBytes: Number(row.size_bytes), uploadedAt: row.uploaded_at }
  }

  /** A report's document with its bytes and extracted text. */
  async findDocument(reportId: string): Promise<StoredDocument | undefined> {
    const row = await this.#db
      .selectFrom('agency_report_document')
      .selectAll()
      .where('report_id', '=', reportId)
      .executeTakeFirst()
    return (
      row && {
        fileName: row.file_name,
        sizeBytes: Number(row.size_bytes),
        uploadedAt: row.uploaded_at,
        contentType: row.content_type,
        content: new Uint8Array(row.content),
        html: row.html,
        text: row.text,
      }
    )
  }

  // Reminders --------------------------------------------------------------------------------------------

  /** Every request not yet submitted (chronology or agency report), with its review and agency. */
  async openRequests(): Promise<OpenRequest[]> {
    const rows = await this.#db
      .selectFrom('agency_request')
      .innerJoin('review', 'review.id', 'agency_request.review_id')
      .innerJoin('agency', 'agency.id', 'agency_request.agency_id')
      .select([
        'agency_request.id as id',
        'agency_request.kind as kind',
        'agency_request.due_date as due_date',
        'agency_request.review_id as review_id',
        'agency_request.agency_id as agency_id',
        'review.reference as reference',
        'review.pseudonym as pseudonym',
        'review.partnership_id as partnership_id',
        'agency.name as agency_name',
      ])
      .where('agency_request.status', '=', 'requested')
      .orderBy('agency_request.due_date')
      .orderBy('agency_request.id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      dueDate: r.due_date,
      reviewId: r.review_id,
      reviewReference: r.reference,
      reviewPseudonym: r.pseudonym,
      partnershipId: r.partnership_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
    }))
  }

  /** Active agency contributors of an agency in a partnership. */
  async contributors(partnershipId: string, agencyId: string): Promise<Contributor[]> {
    const rows = await this.#db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .select(['app_user.id as id', 'app_user.email as email'])
      .where('membership.partnership_id', '=', partnershipId)
      .where('membership.agency_id', '=', agencyId)
      .where('membership.role', '=', 'agency_contributor')
      .where('app_user.deactivated_at', 'is', null)
      .orderBy('app_user.email')
      .execute()
    return rows.map((r) => ({ userId: r.id, email: r.email }))
  }
}

function contentColumns(content: AgencyReportContent) {
  return {
    author_name: content.authorName,
    author_role: content.authorRole,
    author_independent: content.authorIndependent,
    independence_explanation: content.independenceExplanation,
    request_date: content.requestDate,
    records_secured_date: content.recordsSecuredDate,
    terms_of_reference: content.termsOfReference,
    sections: JSON.stringify(content.sections),
  }
}

function toReport(r: Selectable<AgencyReportTable>): AgencyReport {
  return {
    id: r.id,
    reviewId: r.review_id,
    agencyId: r.agency_id,
    status: r.status,
    version: Number(r.version),
    authorName: r.author_name,
    authorRole: r.author_role,
    authorIndependent: r.author_independent,
    independenceExplanation: r.independence_explanation,
    requestDate: r.request_date,
    recordsSecuredDate: r.records_secured_date,
    termsOfReference: r.terms_of_reference,
    sections: sectionsFromJson(r.sections),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
  }
}
