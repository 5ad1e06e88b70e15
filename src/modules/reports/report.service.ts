/**
 * The overview report and the executive summary of a review: written section by section in
 * Markdown, every save a version with its author and time, comments on sections, import of a draft
 * written elsewhere, exports, and the bridge to anonymisation and publication.
 *
 * Access: reading needs `review.read` within a review the actor may read
 * ({@link ReviewService.readableReview}: coordinators and chairs of its partnership, members of the
 * review); writing needs `report.write` (coordinators, lead reviewers); commenting `review.comment`.
 * Every read of report text and every export is audited. Exports meant for publication are made
 * only from the anonymised text the case-knowledge slice stores once a person has marked it
 * anonymised; the original text never reaches them.
 */
import { createHash } from 'node:crypto'
import { AccessDeniedError } from '../access/access.ts'
import type { Actor } from '../access/actor.ts'
import type { Permission } from '../access/permissions.ts'
import { DOCUMENT_LIMIT_CHARACTERS } from '../case-knowledge/case-knowledge.service.ts'
import { formatChronologyDate } from '../chronology/chronology-date.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CaseKnowledgeService } from '../case-knowledge/case-knowledge.service.ts'
import type { ChronologyServices } from '../chronology/chronology-services.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import { NotFoundError, StaleEditError, ValidationError } from '../errors.ts'
import type { Review } from '../reviews/review.ts'
import { diffSections, type SectionDiff } from './report-diff.ts'
import { todayInEngland } from '../clocks/plain-date.ts'
import { blockingDraftingMarkers } from '../export/drafting-markers.ts'
import { coverPage, protectiveMarking, type MarkingSubject } from '../export/protective-marking.ts'
import { CONTENT_TYPES, fileNameFor, toDocx, toHtml, toPdf, type ExportFormat } from './report-export.ts'
import { docxToMarkdown, splitDraft, type ImportedHeading } from './report-import.ts'
import {
  numberedSectionMarkdown,
  referenceKey,
  referencesIn,
  renderPlainMarkdownHtml,
  renderSectionHtml,
  type ReferenceLabels,
  type ResolvedReference,
} from './report-markdown.ts'
import type { ReportRepository, ReportComment, ReportVersion, ReportVersionSummary } from './report.repository.ts'
import { REPORT_KINDS, sectionOf, templateOf, type ReportKind, type ReportTemplate } from './report-template.ts'
import { lowerFirst } from '../text.ts'

export type { ReportKind } from './report-template.ts'

/** Whether a document is ready for publication: sent for anonymisation, marked anonymised, and still current. */
export interface ReportPublicationState {
  kind: ReportKind
  /** 'Overview report' | 'Executive summary' */
  title: string
  /** 0 when nothing written yet */
  latestVersion: number
  /** the review_document it was sent to */
  anonymisedDocumentId: string | null
  /** true when that review_document is marked anonymised (leak gate clean, jigsaw warnings confirmed) AND holds the latest version's text */
  anonymisedAndCurrent: boolean
  /** plain-English reason when not anonymisedAndCurrent, e.g. 'The executive summary has changed since it was anonymised: send it for anonymisation again' */
  problem: string | null
}

/** Longest text of one section (characters). The whole document must also fit a review document. */
export const MAX_SECTION_CHARACTERS = 200_000
/** Longest comment (characters). */
export const MAX_COMMENT_CHARACTERS = 5_000
/** Largest draft file imported (bytes). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024

/**
 * Thrown when a save was based on an older version and someone else has changed the same section
 * since. Carries both texts, so the page can show them side by side and nothing is lost.
 */
export class ReportConflictError extends StaleEditError {
  override name = 'ReportConflictError'
  readonly sectionKey: string
  readonly yourText: string
  readonly currentText: string
  readonly currentVersion: number
  readonly changedBy: string
  readonly changedAt: string
  constructor(details: {
    sectionKey: string
    yourText: string
    currentText: string
    currentVersion: number
    changedBy: string
    changedAt: string
  }) {
    super('Someone else changed this section after you opened it')
    this.sectionKey = details.sectionKey
    this.yourText = details.yourText
    this.currentText = details.currentText
    this.currentVersion = details.currentVersion
    this.changedBy = details.changedBy
    this.changedAt = details.changedAt
  }
}

/** A section as a page shows it. */
export interface SectionView {
  key: string
  title: string
  hint: string
  number: number
  markdown: string
  html: string
  unresolvedComments: number
}

/** A document (at its latest or a given version) as a page shows it. */
export interface DocumentView {
  review: Review
  template: ReportTemplate
  /** The version shown (0: nothing written yet). */
  version: number
  latestVersion: number
  savedBy: string | null
  savedAt: string | null
  sections: SectionView[]
  unresolvedComments: number
}

/** One document on the reports page. */
export interface DocumentSummary {
  kind: ReportKind
  title: string
  slug: string
  latestVersion: number
  savedBy: string | null
  savedAt: string | null
  sectionsWritten: number
  sectionCount: number
  unresolvedComments: number
  publication: ReportPublicationState
}

/** What the reference picker offers. */
export interface ReferenceChoices {
  entries: Array<{ id: string; label: string; event: string }>
  episodes: Array<{ id: string; name: string }>
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** What the reports slice is built from (constructed in `src/composition.ts`). */
export interface ReportServiceDeps {
  readonly repository: ReportRepository
  readonly access: AccessPolicy
  readonly audit: AuditService
  readonly partnerships: PartnershipDirectory
  readonly reviews: ReviewService
  /** The anonymised copies of the documents live there. */
  readonly caseKnowledge: CaseKnowledgeService
  /** Entries and episodes a report refers to. */
  readonly chronology: ChronologyServices
  /** The app's clock (tests move it). */
  readonly now: () => Date
}

/** Use cases of the overview report and the executive summary. */
export class ReportService {
  readonly #deps: ReportServiceDeps
  readonly #repo: ReportRepository
  constructor(deps: ReportServiceDeps) {
    this.#deps = deps
    this.#repo = deps.repository
  }

  // Access ----------------------------------------------------------------------------------------------

  /** The review, if the actor holds `permission` and may read it. Throws AccessDeniedError or NotFoundError. */
  async #review(actor: Actor, reviewId: string, permission: Permission): Promise<Review> {
    await this.#deps.access.require(actor, permission, { review: reviewId })
    // review.read too: the national Panel may read submitted notifications, never draft reports.
    return this.#deps.reviews.readableReview(actor, reviewId)
  }

  async #audit(actor: Actor, action: string, reviewId: string, detail: Record<string, string | number> = {}) {
    await this.#deps.audit.recordAction(actor, action, { type: 'review', id: reviewId }, detail)
  }

  // Reading ---------------------------------------------------------------------------------------------

  /**
   * Both documents of a review: latest version, sections written, unresolved comments and
   * publication state. Needs `review.read`. Shows no report text, so it is not audited as a read.
   */
  async summaries(actor: Actor, reviewId: string): Promise<{ review: Review; documents: DocumentSummary[] }> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const states = await this.#publicationStates(review)
    const documents: DocumentSummary[] = []
    for (const kind of REPORT_KINDS) {
      const template = templateOf(kind)
      const latest = await this.#repo.latest(review.id, kind)
      const comments = await this.#repo.comments(review.id, kind)
      documents.push({
        kind,
        title: template.title,
        slug: template.slug,
        latestVersion: latest?.version ?? 0,
        savedBy: latest?.authorName ?? null,
        savedAt: latest?.createdAt ?? null,
        sectionsWritten: template.sections.filter((s) => latest?.sections[s.key]?.trim()).length,
        sectionCount: template.sections.length,
        unresolvedComments: comments.filter((c) => !c.resolvedAt).length,
        publication: states.find((s) => s.kind === kind)!,
      })
    }
    return { review, documents }
  }

  /**
   * A document's sections as Markdown and as HTML (numbered paragraphs, references as links), at the
   * latest version or at `version`. Needs `review.read`; audited (`report.read`).
   * @throws NotFoundError for a version that does not exist.
   */
  async document(actor: Actor, reviewId: string, kind: ReportKind, version?: number): Promise<DocumentView> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const latest = await this.#repo.latest(review.id, kind)
    const shown = version === undefined ? latest : await this.#repo.version(review.id, kind, version)
    if (version !== undefined && !shown) throw new NotFoundError('Version not found')
    const comments = await this.#repo.comments(review.id, kind)
    const references = await this.#referenceLabels(actor, review.id, shown?.sections ?? {})
    const template = templateOf(kind)
    const sections = template.sections.map((s, index) => {
      const markdown = shown?.sections[s.key] ?? ''
      return {
        key: s.key,
        title: s.title,
        hint: s.hint,
        number: index + 1,
        markdown,
        html: renderSectionHtml(markdown, index + 1, references),
        unresolvedComments: comments.filter((c) => c.sectionKey === s.key && !c.resolvedAt).length,
      }
    })
    await this.#audit(actor, 'report.read', review.id, { kind, version: shown?.version ?? 0 })
    return {
      review,
      template,
      version: shown?.version ?? 0,
      latestVersion: latest?.version ?? 0,
      savedBy: shown?.authorName ?? null,
      savedAt: shown?.createdAt ?? null,
      sections,
      unresolvedComments: comments.filter((c) => !c.resolvedAt).length,
    }
  }

  /**
   * One section at the latest version with its comments (oldest first). Needs `review.read`; audited.
   * @throws NotFoundError for a section the template does not have.
   */
  async section(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    sectionKey: string,
  ): Promise<{
    review: Review
    template: ReportTemplate
    section: SectionView
    version: number
    comments: ReportComment[]
  }> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const section = this.#sectionOrThrow(kind, sectionKey)
    const latest = await this.#repo.latest(review.id, kind)
    const comments = (await this.#repo.comments(review.id, kind)).filter((c) => c.sectionKey === sectionKey)
    const markdown = latest?.sections[sectionKey] ?? ''
    const references = await this.#referenceLabels(actor, review.id, { [sectionKey]: markdown })
    await this.#audit(actor, 'report.read', review.id, { kind, section: sectionKey, version: latest?.version ?? 0 })
    return {
      review,
      template: templateOf(kind),
      version: latest?.version ?? 0,
      comments,
      section: {
        key: section.key,
        title: section.title,
        hint: section.hint,
        number: section.number,
        markdown,
        html: renderSectionHtml(markdown, section.number, references),
        unresolvedComments: comments.filter((c) => !c.resolvedAt).length,
      },
    }
  }

  /**
   * Text being written, rendered as it will appear (numbered paragraphs, references as links),
   * without saving it. Needs `report.write`.
   */
  async previewSection(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    sectionKey: string,
    markdown: string,
  ): Promise<string> {
    const review = await this.#review(actor, reviewId, 'report.write')
    const section = this.#sectionOrThrow(kind, sectionKey)
    const references = await this.#referenceLabels(actor, review.id, { [sectionKey]: markdown })
    return renderSectionHtml(markdown.slice(0, MAX_SECTION_CHARACTERS), section.number, references)
  }

  /** The versions of a document, newest first (who and when). Needs `review.read`. */
  async versions(actor: Actor, reviewId: string, kind: ReportKind): Promise<ReportVersionSummary[]> {
    const review = await this.#review(actor, reviewId, 'review.read')
    return this.#repo.versions(review.id, kind)
  }

  /**
   * Word-level differences between two versions, section by section (`from` older or newer: the
   * result always reads from the older to the newer). Needs `review.read`; audited.
   * @throws NotFoundError when a version does not exist.
   */
  async compare(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    from: number,
    to: number,
  ): Promise<{ older: ReportVersionSummary; newer: ReportVersionSummary; sections: SectionDiff[] }> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const [a, b] = await Promise.all([
      this.#repo.version(review.id, kind, Math.min(from, to)),
      this.#repo.version(review.id, kind, Math.max(from, to)),
    ])
    if (!a || !b) throw new NotFoundError('Version not found')
    await this.#audit(actor, 'report.compare', review.id, { kind, from: a.version, to: b.version })
    const { sections: olderSections, ...older } = a
    const { sections: newerSections, ...newer } = b
    return { older, newer, sections: diffSections(templateOf(kind).sections, olderSections, newerSections) }
  }

  /** Chronology entries and key practice episodes to refer to. Needs `report.write`. */
  async referenceChoices(actor: Actor, reviewId: string): Promise<ReferenceChoices> {
    const review = await this.#review(actor, reviewId, 'report.write')
    const { entries } = await this.#deps.chronology.integrated.view(actor, review.id)
    const episodes = await this.#deps.chronology.episodes.keyPracticeEpisodes(actor, review.id)
    return {
      entries: entries.map((e) => ({
        id: e.id,
        label: `${formatChronologyDate(e.date)}, ${e.agency}`,
        event: e.event,
      })),
      episodes: episodes.map((e) => ({ id: e.id, name: e.name })),
    }
  }

  // Writing ---------------------------------------------------------------------------------------------

  /**
   * Save one section's text as a new version of the document, based on `baseVersion` (the version
   * the writer opened). Returns the new version number (the same one when nothing changed).
   *
   * Contract: never overwrites silently. When someone saved since `baseVersion` and changed this
   * section, throws {@link ReportConflictError} with both texts; when they changed only other
   * sections, this section is saved on top of their version. Needs `report.write`; audited.
   * @throws ValidationError for text too long or a version that does not exist.
   */
  async saveSection(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    sectionKey: string,
    markdown: string,
    baseVersion: number,
  ): Promise<number> {
    const review = await this.#review(actor, reviewId, 'report.write')
    const section = this.#sectionOrThrow(kind, sectionKey)
    const text = markdown.replace(/\r\n?/g, '\n').trimEnd()
    if (text.length > MAX_SECTION_CHARACTERS) {
      throw new ValidationError([
        {
          field: 'text',
          message: `The section must be ${MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters or fewer`,
        },
      ])
    }
    // Two tries: a save that loses a race with another save to a different section tries once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      const latest = await this.#repo.latest(review.id, kind)
      const latestVersion = latest?.version ?? 0
      if (!Number.isInteger(baseVersion) || baseVersion < 0 || baseVersion > latestVersion) {
        throw new ValidationError([{ field: 'text', message: 'This page is out of date: open the section again' }])
      }
      const current = latest?.sections[sectionKey] ?? ''
      if (baseVersion < latestVersion) {
        const base = baseVersion === 0 ? undefined : await this.#repo.version(review.id, kind, baseVersion)
        if ((base?.sections[sectionKey] ?? '') !== current) {
          throw new ReportConflictError({
            sectionKey,
            yourText: text,
            currentText: current,
            currentVersion: latestVersion,
            changedBy: latest!.authorName,
            changedAt: latest!.createdAt,
          })
        }
      }
      if (latest && current === text) return latestVersion
      const sections = { ...(latest?.sections ?? {}), [sectionKey]: text }
      this.#checkDocumentSize(sections)
      const saved = await this.#repo.insertVersion(
        review.id,
        kind,
        latestVersion + 1,
        sections,
        `Changed ${section.number}. ${section.title}`,
        { id: actor.userId, name: actor.displayName },
        this.#deps.now(),
      )
      if (saved) {
        await this.#audit(actor, 'report.save', review.id, { kind, section: sectionKey, version: latestVersion + 1 })
        return latestVersion + 1
      }
    }
    const latest = (await this.#repo.latest(review.id, kind))!
    throw new ReportConflictError({
      sectionKey,
      yourText: text,
      currentText: latest.sections[sectionKey] ?? '',
      currentVersion: latest.version,
      changedBy: latest.authorName,
      changedAt: latest.createdAt,
    })
  }

  /**
   * Import a whole draft (Markdown `.md`, or Word `.docx`) as a new version, split into the
   * template's sections by its headings. The previous version stays in the history. Needs
   * `report.write`; audited.
   *
   * @throws ValidationError for another kind of file, an empty or unreadable file, a file too big, or
   * when someone saved since `baseVersion` (nothing is imported: open the page again).
   */
  async importDraft(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    file: { fileName: string; data: Uint8Array } | null,
    baseVersion: number,
  ): Promise<{ version: number; headings: ImportedHeading[] }> {
    const review = await this.#review(actor, reviewId, 'report.write')
    if (!file || file.data.byteLength === 0) throw new ValidationError([{ field: 'file', message: 'Select a file' }])
    if (file.data.byteLength > MAX_IMPORT_BYTES) {
      throw new ValidationError([{ field: 'file', message: 'The file must be smaller than 10 MB' }])
    }
    const name = file.fileName.toLowerCase()
    let markdown: string
    if (name.endsWith('.docx')) {
      try {
        markdown = await docxToMarkdown(file.data)
      } catch {
        throw new ValidationError([{ field: 'file', message: 'The file could not be read as a Word document' }])
      }
    } else if (name.endsWith('.md') || name.endsWith('.markdown') || name.endsWith('.txt')) {
      markdown = new TextDecoder('utf-8').decode(file.data)
    } else {
      throw new ValidationError([
        { field: 'file', message: 'The file must be a Word document (.docx) or Markdown (.md)' },
      ])
    }
    if (!markdown.trim()) throw new ValidationError([{ field: 'file', message: 'The file is empty' }])
    const split = splitDraft(kind, markdown)
    for (const text of Object.values(split.sections)) {
      if (text.length > MAX_SECTION_CHARACTERS) {
        throw new ValidationError([
          { field: 'file', message: 'A section of the file is longer than 200,000 characters' },
        ])
      }
    }
    this.#checkDocumentSize(split.sections, 'file')
    const latestVersion = (await this.#repo.latest(review.id, kind))?.version ?? 0
    const stale = new ValidationError([
      {
        field: 'file',
        message: 'Someone saved the document after you opened this page. Nothing was imported: import the file again',
      },
    ])
    if (baseVersion !== latestVersion) throw stale
    const fileName = file.fileName.replace(/[^\w .()-]/g, '').slice(0, 100)
    const saved = await this.#repo.insertVersion(
      review.id,
      kind,
      latestVersion + 1,
      split.sections,
      `Imported from ${fileName || 'a file'}`,
      { id: actor.userId, name: actor.displayName },
      this.#deps.now(),
    )
    if (!saved) throw stale
    await this.#audit(actor, 'report.import', review.id, { kind, version: latestVersion + 1 })
    return { version: latestVersion + 1, headings: split.headings }
  }

  // Comments --------------------------------------------------------------------------------------------

  /** Comment on a section. Needs `review.comment` within a review the actor may read; audited. @throws ValidationError. */
  async addComment(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    sectionKey: string,
    body: string,
  ): Promise<string> {
    const review = await this.#review(actor, reviewId, 'review.comment')
    this.#sectionOrThrow(kind, sectionKey)
    const text = body.trim()
    if (!text) throw new ValidationError([{ field: 'comment', message: 'Enter your comment' }])
    if (text.length > MAX_COMMENT_CHARACTERS) {
      throw new ValidationError([{ field: 'comment', message: 'Your comment must be 5,000 characters or fewer' }])
    }
    const id = await this.#repo.addComment(
      review.id,
      kind,
      sectionKey,
      text,
      { id: actor.userId, name: actor.displayName },
      this.#deps.now(),
    )
    await this.#audit(actor, 'report.comment', review.id, { kind, section: sectionKey })
    return id
  }

  /**
   * Mark a comment resolved (it stays, with who resolved it and when; comments are never deleted).
   * Resolving a resolved comment changes nothing. Needs `report.write`; audited.
   * @throws NotFoundError for a comment not on this document. Returns the comment's section.
   */
  async resolveComment(actor: Actor, reviewId: string, kind: ReportKind, commentId: string): Promise<string> {
    const review = await this.#review(actor, reviewId, 'report.write')
    const comment = (await this.#repo.comments(review.id, kind)).find((c) => c.id === commentId)
    if (!comment) throw new NotFoundError('Comment not found')
    await this.#repo.resolveComment(
      review.id,
      kind,
      commentId,
      { id: actor.userId, name: actor.displayName },
      this.#deps.now(),
    )
    await this.#audit(actor, 'report.resolve_comment', review.id, { kind, section: comment.sectionKey })
    return comment.sectionKey
  }

  // Anonymisation and publication ------------------------------------------------------------------------

  /**
   * Send the latest version for anonymisation: its text (numbered paragraphs, references as words)
   * becomes the body of a review document (created the first time, changed after), where a person
   * reviews the replacements and the leak gate before marking it anonymised. Returns that document's
   * id. Needs `report.write` and (through the case-knowledge service) `review.revealOriginal`; audited.
   * @throws ValidationError when nothing has been written.
   */
  async sendForAnonymisation(actor: Actor, reviewId: string, kind: ReportKind): Promise<string> {
    const review = await this.#review(actor, reviewId, 'report.write')
    const latest = await this.#repo.latest(review.id, kind)
    const template = templateOf(kind)
    if (!latest || !Object.values(latest.sections).some((t) => t.trim())) {
      throw new ValidationError([
        { field: 'send', message: `Write the ${lowerFirst(template.title)} before sending it for anonymisation` },
      ])
    }
    const text = await this.#documentMarkdown(actor, review, kind, latest)
    const link = await this.#repo.anonymisationLink(review.id, kind)
    const existing = link && (await this.#repo.sentDocument(review.id, link.documentId))
    let documentId: string
    if (link && existing) {
      documentId = link.documentId
      if (existing.body !== text) {
        await this.#deps.caseKnowledge.changeDocument(actor, review.id, documentId, existing.version, { body: text })
      }
    } else {
      documentId = await this.#deps.caseKnowledge.createDocument(actor, review.id, template.title, text)
    }
    await this.#repo.saveAnonymisationLink(
      review.id,
      kind,
      { documentId, sentVersion: latest.version, sentTextSha256: sha256(text) },
      actor.userId,
      this.#deps.now(),
    )
    await this.#audit(actor, 'report.send_for_anonymisation', review.id, { kind, version: latest.version })
    return documentId
  }

  /**
   * Whether each document (always both, overview report first) is anonymised and current. Needs
   * `review.read`. Shows no text.
   */
  async publicationState(actor: Actor, reviewId: string): Promise<ReportPublicationState[]> {
    const review = await this.#review(actor, reviewId, 'review.read')
    return this.#publicationStates(review)
  }

  /**
   * The anonymised text of both documents (Markdown, and HTML rendered from it) for publication.
   * Only the anonymised text: never the original. Needs `review.read`; audited.
   * @throws ValidationError naming each document that is not anonymised and current.
   */
  async publicationDocuments(
    actor: Actor,
    reviewId: string,
  ): Promise<Array<{ kind: ReportKind; title: string; html: string; text: string }>> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const states = await this.#publicationStates(review)
    const problems = states.filter((s) => !s.anonymisedAndCurrent)
    if (problems.length) throw new ValidationError(problems.map((s) => ({ field: s.kind, message: s.problem! })))
    const documents = []
    for (const state of states) {
      const text = await this.#anonymisedText(review.id, state)
      refuseDraftingMarkers(state.title, text)
      documents.push({ kind: state.kind, title: state.title, html: renderPlainMarkdownHtml(text), text })
    }
    await this.#audit(actor, 'report.read_publication', review.id, { documents: documents.length })
    return documents
  }

  /**
   * What the publication readiness check reads, for both documents: the text that will be published
   * (the anonymised text, or null while a document is not anonymised and current; then the draft as
   * `draftText`, which callers must never show, only search for drafting labels) and the template
   * sections the latest version leaves empty (they are left out of every export). Needs
   * `review.read`; audited (`report.read_publication`) when any anonymised text is returned.
   */
  async readinessMaterial(
    actor: Actor,
    reviewId: string,
  ): Promise<
    Array<{ kind: ReportKind; title: string; text: string | null; draftText: string | null; emptySections: string[] }>
  > {
    const review = await this.#review(actor, reviewId, 'review.read')
    const states = await this.#publicationStates(review)
    const material = []
    for (const state of states) {
      const latest = await this.#repo.latest(review.id, state.kind)
      const emptySections = latest
        ? templateOf(state.kind)
            .sections.filter((s) => !latest.sections[s.key]?.trim())
            .map((s) => s.title)
        : []
      const text = state.anonymisedAndCurrent ? await this.#anonymisedText(review.id, state) : null
      // Before anonymisation the check still finds drafting labels in the draft (it quotes nothing from it).
      const draftText = text === null && latest ? await this.#documentMarkdown(actor, review, state.kind, latest) : null
      material.push({ kind: state.kind, title: state.title, text, draftText, emptySections })
    }
    if (material.some((m) => m.text !== null)) {
      await this.#audit(actor, 'report.read_publication', review.id, { purpose: 'readiness' })
    }
    return material
  }

  /**
   * A document as DOCX, PDF or HTML. `draft`: the latest version's original text (case material,
   * for people who may read the review). `publication`: ONLY the anonymised text, and only when it
   * is anonymised and current. Needs `review.read`; audited (`report.export`).
   * @throws ValidationError when there is nothing to export or (publication) it is not anonymised and current.
   */
  async exportDocument(
    actor: Actor,
    reviewId: string,
    kind: ReportKind,
    format: ExportFormat,
    purpose: 'draft' | 'publication',
  ): Promise<{ fileName: string; contentType: string; data: Uint8Array }> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const template = templateOf(kind)
    let markdown: string
    let title: string
    let fileName: string
    const today = todayInEngland(this.#deps.now())
    let subject: MarkingSubject
    if (purpose === 'publication') {
      const state = (await this.#publicationStates(review)).find((s) => s.kind === kind)!
      if (!state.anonymisedAndCurrent) throw new ValidationError([{ field: 'export', message: state.problem! }])
      markdown = await this.#anonymisedText(review.id, state)
      refuseDraftingMarkers(template.title, markdown)
      title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? template.title
      fileName = fileNameFor(template.title, format)
      subject = { kind: 'publication', publishedOn: today }
    } else {
      const latest = await this.#repo.latest(review.id, kind)
      if (!latest) {
        throw new ValidationError([
          { field: 'export', message: `Write the ${lowerFirst(template.title)} before exporting it` },
        ])
      }
      markdown = await this.#documentMarkdown(actor, review, kind, latest)
      title = `${this.#documentTitle(review, template)} (draft version ${latest.version})`
      fileName = fileNameFor(`${template.title} draft version ${latest.version}`, format)
      subject = { kind: 'draft', version: latest.version }
    }
    // A publication export names its partnership only when the entry is not anonymous; the report
    // service does not know that, so the cover says "Local Child Safeguarding Practice Review" there.
    const partnership =
      purpose === 'draft'
        ? ((await this.#deps.partnerships.findById(review.partnershipId))?.name ?? '')
        : 'Local Child Safeguarding Practice Review'
    const marked = {
      marking: protectiveMarking(subject),
      cover: coverPage(partnership, title, subject, today),
    }
    const data =
      format === 'docx'
        ? await toDocx(title, markdown, marked)
        : format === 'pdf'
          ? await toPdf(title, markdown, marked)
          : toHtml(title, markdown, marked)
    await this.#audit(actor, 'report.export', review.id, { kind, format, purpose })
    return { fileName, contentType: CONTENT_TYPES[format], data }
  }

  // Helpers ---------------------------------------------------------------------------------------------

  #sectionOrThrow(kind: ReportKind, sectionKey: string) {
    const section = sectionOf(kind, sectionKey)
    if (!section) throw new NotFoundError('Section not found')
    return section
  }

  /** The whole document must fit a review document, so it can be sent for anonymisation. */
  #checkDocumentSize(sections: Record<string, string>, field = 'text'): void {
    const total = Object.values(sections).reduce((n, t) => n + t.length, 0)
    if (total > DOCUMENT_LIMIT_CHARACTERS - 10_000) {
      throw new ValidationError([{ field, message: 'The whole document must be 990,000 characters or fewer' }])
    }
  }

  #documentTitle(review: Review, template: ReportTemplate): string {
    return `${review.pseudonym ?? 'Local Child Safeguarding Practice Review'}: ${template.title}`
  }

  /**
   * A version as one Markdown text: the title, each written section under its numbered heading, its
   * paragraphs numbered, references as words. Sections not written are left out (numbers stay the
   * template's, so they match the app).
   */
  async #documentMarkdown(actor: Actor, review: Review, kind: ReportKind, version: ReportVersion): Promise<string> {
    const template = templateOf(kind)
    const references = await this.#referenceLabels(actor, review.id, version.sections)
    const parts = [`# ${this.#documentTitle(review, template)}`]
    template.sections.forEach((section, index) => {
      const text = version.sections[section.key] ?? ''
      if (!text.trim()) return
      parts.push(`## ${index + 1}. ${section.title}`, numberedSectionMarkdown(text, index + 1, references))
    })
    return `${parts.join('\n\n')}\n`
  }

  async #publicationStates(review: Review): Promise<ReportPublicationState[]> {
    const states: ReportPublicationState[] = []
    for (const kind of REPORT_KINDS) {
      const title = templateOf(kind).title
      const latestVersion = (await this.#repo.latest(review.id, kind))?.version ?? 0
      const link = await this.#repo.anonymisationLink(review.id, kind)
      const document = link ? await this.#repo.sentDocument(review.id, link.documentId) : undefined
      const the = `The ${lowerFirst(title)}`
      let problem: string | null = null
      if (latestVersion === 0) problem = `${the} has not been written yet`
      else if (!link || !document) problem = `${the} has not been sent for anonymisation`
      else if (link.sentVersion !== latestVersion)
        problem = `${the} has changed since it was sent for anonymisation: send it for anonymisation again`
      else if (sha256(document.body) !== link.sentTextSha256)
        problem = `${the}’s text was changed on the anonymisation page: send it for anonymisation again`
      else if (document.status !== 'anonymised' || document.anonymisedText === null)
        problem = `${the} has not been marked anonymised yet: finish checking it on its anonymisation page`
      states.push({
        kind,
        title,
        latestVersion,
        anonymisedDocumentId: document ? link!.documentId : null,
        anonymisedAndCurrent: problem === null,
        problem,
      })
    }
    return states
  }

  async #anonymisedText(reviewId: string, state: ReportPublicationState): Promise<string> {
    const document = await this.#repo.sentDocument(reviewId, state.anonymisedDocumentId!)
    if (!document?.anonymisedText)
      throw new ValidationError([{ field: state.kind, message: state.problem ?? 'Not anonymised' }])
    return document.anonymisedText
  }

  /** Labels and links of the references in `sections` (entries from the integrated chronology, key practice episodes). */
  async #referenceLabels(actor: Actor, reviewId: string, sections: Record<string, string>): Promise<ReferenceLabels> {
    const wanted = Object.values(sections).flatMap(referencesIn)
    const labels = new Map<string, ResolvedReference>()
    if (wanted.length === 0) return labels
    try {
      if (wanted.some((r) => r.kind === 'entry')) {
        const { entries } = await this.#deps.chronology.integrated.view(actor, reviewId)
        for (const e of entries) {
          labels.set(referenceKey('entry', e.id), {
            label: `${formatChronologyDate(e.date)}, ${e.agency}`,
            href: `/reviews/${reviewId}/chronology?from=${e.date.start}&to=${e.date.end}#entries`,
          })
        }
      }
      if (wanted.some((r) => r.kind === 'episode')) {
        for (const episode of await this.#deps.chronology.episodes.keyPracticeEpisodes(actor, reviewId)) {
          labels.set(referenceKey('episode', episode.id), {
            label: episode.name,
            href: `/reviews/${reviewId}/chronology/episodes/${episode.id}`,
          })
        }
      }
    } catch (error) {
      // Someone who may read the report but not the chronology sees the references as words only.
      if (!(error instanceof AccessDeniedError) && !(error instanceof NotFoundError)) throw error
    }
    return labels
  }
}

/**
 * Refuses anonymised text for publication that still carries a drafting or confidentiality marker
 * ("DRAFT v0.3", "not for publication", "do not circulate"): the old export printed them in public.
 * The message quotes the marker (a marker is never a name) so the writer can find it.
 */
function refuseDraftingMarkers(documentTitle: string, text: string): void {
  const markers = blockingDraftingMarkers(text)
  if (markers.length === 0) return
  const found = [...new Set(markers.map((m) => `“${m.found}”`))].join(', ')
  throw new ValidationError([
    {
      field: 'export',
      message: `The ${lowerFirst(documentTitle)} still has drafting or confidentiality markers (${found}): remove them and anonymise it again before publishing`,
    },
  ])
}
