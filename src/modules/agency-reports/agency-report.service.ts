/**
 * Agency reports (individual management reviews): an agency contributor writes their agency's report in a
 * structured form or uploads it as a Word document, saves drafts and submits it; review readers read the
 * submitted reports. A daily sweep queues reminder emails for requests to agencies that are due soon or
 * overdue.
 *
 * Scope (docs/decisions/0012-agency-reports.md):
 * - an agency contributor reads and writes only their own agency's report, and only in reviews of their
 *   partnership where their agency has been asked for an agency report; other agencies' reports (drafts
 *   or submitted) are "not found" to them;
 * - coordinators, chairs, lead reviewers and panel members read submitted reports in the reviews
 *   {@link ReviewService.readableReview} allows them (lead reviewers and panel members: their own reviews);
 *   a draft is the agency's working document: they see that it exists and when it was last saved, not its
 *   text.
 * Every read of a report's text or document is audited (`agencyReport.read`, `agencyReport.download`).
 */
import type { Actor } from '../access/actor.ts'
import type { Permission } from '../access/permissions.ts'
import { todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { OutboxService } from '../outbox/outbox.service.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import type { Agency } from '../partnerships/partnership.ts'
import {
  draftProblems,
  emptySections,
  submissionProblems,
  type AgencyReport,
  type AgencyReportContent,
  type AgencyReportDocumentSummary,
} from './agency-report.ts'
import {
  type AgencyReportRepository,
  StaleReportError,
  type ReportRequest,
  type ReviewSummary,
} from './agency-report.repository.ts'
import { DOCX_CONTENT_TYPE, readDocxUpload, RefusedDocumentError } from './docx-upload.ts'
import { recogniseHeader, type RecognisedHeader } from './header-recogniser.ts'
import { reminderEmail, reminderFor, reminderKey } from './reminders.ts'

export { StaleReportError }

/** One agency's line in the review's list of agency reports. */
export interface AgencyReportStatus {
  agency: Agency
  /** The request for an agency report, if the agency has been asked. */
  request: ReportRequest | null
  status: 'not_started' | 'draft' | 'submitted'
  updatedAt: string | null
  submittedAt: string | null
}

/** The review's agency reports as the actor may see them. */
export interface AgencyReportOverview {
  review: ReviewSummary
  /** The actor's own agency (agency contributors), or null (review readers see every agency). */
  ownAgencyId: string | null
  reports: AgencyReportStatus[]
}

/** The agency contributor's own report, for the form. */
export interface OwnReport {
  review: ReviewSummary
  agency: Agency
  request: ReportRequest
  /** Null until the first save. */
  report: AgencyReport | null
  document: AgencyReportDocumentSummary | null
}

/** A report to read. */
export interface ReadableReport {
  review: ReviewSummary
  agency: Agency
  report: AgencyReport
  document: (AgencyReportDocumentSummary & { html: string }) | null
}

/** A file to download. */
export interface DownloadFile {
  fileName: string
  contentType: string
  body: Buffer
}

/** Where the actor stands in a review. */
interface Scope {
  review: ReviewSummary
  agencies: Agency[]
  /** The contributor's own agency, or null for review readers. */
  ownAgency: Agency | null
}

/** What agency reports are built from (constructed in `src/composition.ts`). */
export interface AgencyReportServiceDeps {
  readonly repository: AgencyReportRepository
  readonly access: AccessPolicy
  readonly audit: AuditService
  readonly partnerships: PartnershipDirectory
  /** Reminders to agencies are queued there. */
  readonly outbox: OutboxService
  /** The app's clock (tests move it). */
  readonly now: () => Date
}

/** Use cases of agency reports and reminders. */
export class AgencyReportService {
  readonly #deps: AgencyReportServiceDeps
  readonly #repo: AgencyReportRepository

  constructor(deps: AgencyReportServiceDeps) {
    this.#deps = deps
    this.#repo = deps.repository
  }

  // Reading ----------------------------------------------------------------------------------------------

  /**
   * Every agency asked for a report in the review (or that has one), with its status; an agency contributor
   * sees only their own agency's line. Statuses only, no report text, so this is not audited as a read.
   * Throws AccessDeniedError without `agencyReport.read`, NotFoundError outside the actor's scope.
   */
  async overview(actor: Actor, reviewId: string): Promise<AgencyReportOverview> {
    const scope = await this.#scope(actor, reviewId, 'agencyReport.read')
    const ownId = scope.ownAgency?.id
    const [requests, reports] = await Promise.all([
      this.#repo.reportRequests(reviewId, ownId),
      this.#repo.listReports(reviewId, ownId),
    ])
    const agencyIds = new Set([...requests.map((r) => r.agencyId), ...reports.map((r) => r.agencyId)])
    const lines = scope.agencies
      .filter((a) => agencyIds.has(a.id))
      .map((agency): AgencyReportStatus => {
        const report = reports.find((r) => r.agencyId === agency.id)
        return {
          agency,
          request: requests.find((r) => r.agencyId === agency.id) ?? null,
          status: report?.status ?? 'not_started',
          updatedAt: report?.updatedAt ?? null,
          submittedAt: report?.submittedAt ?? null,
        }
      })
    return { review: scope.review, ownAgencyId: ownId ?? null, reports: lines }
  }

  /**
   * The agency contributor's own report for the form (null until first saved), with the request it answers.
   * Audited as a read when there is a report. Throws AccessDeniedError without `agencyReport.write`,
   * NotFoundError when the agency has not been asked for a report in this review.
   */
  async ownReport(actor: Actor, reviewId: string): Promise<OwnReport> {
    const { review, agency, request } = await this.#writeScope(actor, reviewId)
    const report = (await this.#repo.findReport(reviewId, agency.id)) ?? null
    const document = report ? ((await this.#repo.documentSummary(report.id)) ?? null) : null
    if (report) {
      await this.#deps.audit.recordAction(
        actor,
        'agencyReport.read',
        { type: 'agency_report', id: report.id },
        {
          reviewId,
          agency: agency.name,
        },
      )
    }
    return { review, agency, request, report, document }
  }

  /**
   * One agency's report to read: review readers see submitted reports only; an agency contributor sees only
   * their own agency's (draft or submitted). Audited (`agencyReport.read`).
   * Throws AccessDeniedError without `agencyReport.read`; NotFoundError for anything outside the actor's scope
   * (another agency's report, a draft, a review they may not read), never revealing whether it exists.
   */
  async readReport(actor: Actor, reviewId: string, agencyId: string): Promise<ReadableReport> {
    const { scope, agency, report } = await this.#visibleReport(actor, reviewId, agencyId)
    const stored = await this.#repo.findDocument(report.id)
    await this.#deps.audit.recordAction(
      actor,
      'agencyReport.read',
      { type: 'agency_report', id: report.id },
      {
        reviewId,
        agency: agency.name,
      },
    )
    return {
      review: scope.review,
      agency,
      report,
      document: stored
        ? { fileName: stored.fileName, sizeBytes: stored.sizeBytes, uploadedAt: stored.uploadedAt, html: stored.html }
        : null,
    }
  }

  /**
   * The Word document uploaded for an agency's report, with the same scope as {@link readReport}. Audited
   * (`agencyReport.download`). Throws AccessDeniedError, or NotFoundError when there is no document in scope.
   */
  async downloadDocument(actor: Actor, reviewId: string, agencyId: string): Promise<DownloadFile> {
    const { agency, report } = await this.#visibleReport(actor, reviewId, agencyId)
    const stored = await this.#repo.findDocument(report.id)
    if (!stored) throw new NotFoundError('Document not found')
    await this.#deps.audit.recordAction(
      actor,
      'agencyReport.download',
      { type: 'agency_report', id: report.id },
      {
        reviewId,
        agency: agency.name,
      },
    )
    return { fileName: stored.fileName, contentType: DOCX_CONTENT_TYPE, body: Buffer.from(stored.content) }
  }

  // Writing ----------------------------------------------------------------------------------------------

  /**
   * Saves the contributor's draft as typed. `version` is the version the form was opened at (0 for a report
   * not yet started). Returns the new version.
   * Throws ValidationError (text too long), StaleReportError (someone saved in between, or it was submitted:
   * nothing is saved), AccessDeniedError or NotFoundError.
   */
  async saveDraft(actor: Actor, reviewId: string, content: AgencyReportContent, version: number): Promise<number> {
    const { agency } = await this.#writeScope(actor, reviewId)
    const problems = draftProblems(content)
    if (problems.length) throw new ValidationError(problems)
    const saved = await this.#repo.saveDraft(
      { reviewId, agencyId: agency.id, content, expectedVersion: version, userId: actor.userId },
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'agencyReport.save',
      { type: 'review', id: reviewId },
      {
        agency: agency.name,
        version: saved,
      },
    )
    return saved
  }

  /**
   * Saves the content as typed and submits the report, marking the agency's agency-report request submitted.
   * The header must be complete (the author's name, role and independence, with an explanation when not
   * independent; the dates of the request and of securing the records, not in the future; the terms of
   * reference), and the analysis, lessons and recommendations written unless a Word document was uploaded.
   * Throws ValidationError (nothing saved), StaleReportError, AccessDeniedError or NotFoundError.
   */
  async submit(actor: Actor, reviewId: string, content: AgencyReportContent, version: number): Promise<void> {
    const { agency } = await this.#writeScope(actor, reviewId)
    const existing = await this.#repo.findReport(reviewId, agency.id)
    const hasDocument = existing ? (await this.#repo.documentSummary(existing.id)) !== undefined : false
    const problems = submissionProblems(content, { hasDocument, today: todayInEngland(this.#deps.now()) })
    if (problems.length) throw new ValidationError(problems)
    const saved = await this.#repo.saveDraft(
      { reviewId, agencyId: agency.id, content, expectedVersion: version, userId: actor.userId },
      this.#deps.now(),
    )
    await this.#repo.submit(
      { reviewId, agencyId: agency.id, expectedVersion: saved, userId: actor.userId },
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'agencyReport.submit',
      { type: 'review', id: reviewId },
      {
        agency: agency.name,
      },
    )
  }

  /**
   * Stores (or replaces) the agency's report as a Word document after checking it is a safe DOCX, and keeps
   * its text and HTML to show. Starts an empty draft when there is none. Header fields the form leaves empty
   * are filled in from the document where it states them clearly ("Author: …", "Date records secured: …"),
   * for the author to check; returns which were filled (the draft's version then goes up, as for a save).
   * Throws ValidationError (field `document`, plain English: not a DOCX, too big, unsafe, unreadable),
   * StaleReportError (already submitted), AccessDeniedError or NotFoundError.
   */
  async uploadDocument(
    actor: Actor,
    reviewId: string,
    file: { fileName: string; data: Uint8Array },
  ): Promise<{ filled: Array<keyof RecognisedHeader> }> {
    const { agency, request } = await this.#writeScope(actor, reviewId)
    let read
    try {
      read = await readDocxUpload(file.data)
    } catch (error) {
      if (error instanceof RefusedDocumentError)
        throw new ValidationError([{ field: 'document', message: error.message }])
      throw error
    }
    const fileName = safeFileName(file.fileName)
    await this.#repo.putDocument(
      {
        reviewId,
        agencyId: agency.id,
        userId: actor.userId,
        fileName,
        content: file.data,
        text: read.text,
        html: read.html,
        emptyContent: emptyContent(request),
      },
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'agencyReport.upload',
      { type: 'review', id: reviewId },
      // Not the file name: people name files after the family ("IMR Rowan Smith.docx"), and the audit log is
      // read by administrators who do not see case material.
      { agency: agency.name, bytes: file.data.byteLength },
    )
    return { filled: await this.#fillHeaderFrom(actor, reviewId, agency.id, read.text) }
  }

  /** Fills the draft's empty header fields from a document's text; never overwrites what was typed. */
  async #fillHeaderFrom(
    actor: Actor,
    reviewId: string,
    agencyId: string,
    text: string,
  ): Promise<Array<keyof RecognisedHeader>> {
    const report = await this.#repo.findReport(reviewId, agencyId)
    if (!report || report.status !== 'draft') return []
    const found = recogniseHeader(text)
    const content: AgencyReportContent = { ...report }
    if (found.authorName && !report.authorName) content.authorName = found.authorName
    if (found.authorRole && !report.authorRole) content.authorRole = found.authorRole
    if (found.requestDate && !report.requestDate) content.requestDate = found.requestDate
    if (found.recordsSecuredDate && !report.recordsSecuredDate) content.recordsSecuredDate = found.recordsSecuredDate
    const fields = ['authorName', 'authorRole', 'requestDate', 'recordsSecuredDate'] as const
    const filled = fields.filter((field) => content[field] !== report[field])
    if (filled.length === 0) return []
    try {
      await this.#repo.saveDraft(
        { reviewId, agencyId, content, expectedVersion: report.version, userId: actor.userId },
        this.#deps.now(),
      )
    } catch (error) {
      // Someone saved in between: their text wins, and nothing is filled in.
      if (error instanceof StaleReportError) return []
      throw error
    }
    return filled
  }

  // Reminders --------------------------------------------------------------------------------------------

  /**
   * A system sweep (no actor; run daily): for every open request to an agency (chronology or agency report)
   * due within 5 working days or overdue, queues an email to each active contributor of that agency in the
   * review's partnership. Each reminder is queued once per request, due date, kind ("due soon", "overdue")
   * and recipient (the outbox's dedupe key), so running the sweep again queues nothing new.
   * Emails name the review by reference and pseudonym only. Returns how many emails were newly queued.
   */
  async queueRequestReminders(): Promise<number> {
    const today = todayInEngland(this.#deps.now())
    let queued = 0
    for (const request of await this.#repo.openRequests()) {
      const kind = reminderFor(request.dueDate as IsoDate, today)
      if (!kind) continue
      const { subject, body } = reminderEmail({
        kind,
        requestKind: request.kind,
        dueDate: request.dueDate as IsoDate,
        today,
        reviewReference: request.reviewReference,
        reviewPseudonym: request.reviewPseudonym,
        agencyName: request.agencyName,
      })
      for (const contributor of await this.#repo.contributors(request.partnershipId, request.agencyId)) {
        const isNew = await this.#deps.outbox.queue({
          to: contributor.email,
          subject,
          body,
          kind,
          partnershipId: request.partnershipId,
          reviewId: request.reviewId,
          dedupeKey: reminderKey(kind, request.id, request.dueDate as IsoDate, contributor.userId),
        })
        if (isNew) queued++
      }
    }
    return queued
  }

  // Scope ------------------------------------------------------------------------------------------------

  /** A report the actor may read: their own agency's (contributors) or a submitted one (review readers). */
  async #visibleReport(actor: Actor, reviewId: string, agencyId: string) {
    const scope = await this.#scope(actor, reviewId, 'agencyReport.read')
    const agency = scope.agencies.find((a) => a.id === agencyId)
    const report = agency ? await this.#repo.findReport(reviewId, agency.id) : undefined
    const visible =
      agency !== undefined &&
      report !== undefined &&
      (scope.ownAgency ? scope.ownAgency.id === agency.id : report.status === 'submitted')
    if (!visible) {
      await this.#deps.audit.recordRefusal(actor, 'agencyReport.read', {
        type: 'agency_report',
        id: report?.id ?? null,
      })
      throw new NotFoundError('Agency report not found')
    }
    return { scope, agency: agency!, report: report! }
  }

  /** The contributor's own agency and its request for a report in this review. */
  async #writeScope(actor: Actor, reviewId: string) {
    const scope = await this.#scope(actor, reviewId, 'agencyReport.write')
    // Only contributors hold agencyReport.write, so the scope always has their agency.
    const agency = scope.ownAgency!
    const [request] = await this.#repo.reportRequests(reviewId, agency.id)
    return { review: scope.review, agency, request: request! }
  }

  /**
   * The policy decides who reaches the review (agency contributors: only when their agency is asked);
   * one rule of this slice is added on top: a contributor needs a request for an agency *report* (a
   * chronology request alone does not let them write one).
   */
  async #scope(actor: Actor, reviewId: string, permission: Permission): Promise<Scope> {
    const { confinedToAgency } = await this.#deps.access.require(actor, permission, { review: reviewId })
    const review = (await this.#repo.findReviewSummary(reviewId))!
    const agencies = await this.#deps.partnerships.listAgencies(review.partnershipId)
    if (confinedToAgency === null) return { review, agencies, ownAgency: null }
    const ownAgency = agencies.find((a) => a.id === confinedToAgency)
    if (!ownAgency || (await this.#repo.reportRequests(reviewId, confinedToAgency)).length === 0) {
      await this.#deps.audit.recordRefusal(actor, permission, { type: 'review', id: reviewId })
      throw new NotFoundError('Review not found')
    }
    return { review, agencies, ownAgency }
  }
}

/** The content of a report nobody has written yet: the date of the request filled in from the request. */
export function emptyContent(request: ReportRequest | null): AgencyReportContent {
  return {
    authorName: '',
    authorRole: '',
    authorIndependent: null,
    independenceExplanation: '',
    requestDate: request ? todayInEngland(new Date(request.createdAt)) : null,
    recordsSecuredDate: null,
    termsOfReference: '',
    sections: emptySections(),
  }
}

/** A file name safe to store and to send back in a Content-Disposition header. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 150)
    .trim()
  return cleaned || 'agency-report.docx'
}
