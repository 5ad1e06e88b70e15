/**
 * Agency contributions and the integrated chronology: requests to agencies, imports (preview, then all
 * rows or none), entries typed in the browser, submission, the integrated chronology with gaps and links
 * between agencies' reports of the same event, and exports with formula escaping.
 *
 * Scope is decided by the access policy (access.policy.ts): readers within reach of the review read its
 * whole chronology; an agency contributor reads and submits only their own agency's entries, and only in
 * reviews where their agency has been asked for something.
 * Every read of case material is audited (`chronology.read`).
 */
import ExcelJS from 'exceljs'
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { AccessPolicy, AccessTarget } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import { roleAllows } from '../access/permissions.ts'
import { createEntryMasker, type EntryMasker } from './cast-masking.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { isIsoDate, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import { OFFICIAL_SENSITIVE, protectiveMarking, type ProtectiveMarking } from '../export/protective-marking.ts'
import { escapeSpreadsheetCell, toCsv } from '../export/spreadsheet-escape.ts'
import type { Agency } from '../partnerships/partnership.ts'
import type { PartnershipRepository } from '../partnerships/partnership.repository.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import { formatChronologyDate, parseChronologyDate, parseChronologyTime } from './chronology-date.ts'
import {
  CHRONOLOGY_FIELD_LABELS,
  CHRONOLOGY_FIELDS,
  columnPlan,
  DEFAULT_IMPORT_LIMITS,
  looksLikeFormula,
  previewChronologyImport,
  type ColumnMapping,
  type ColumnTarget,
  type ImportLimits,
  type ImportPreview,
} from './chronology-import.ts'
import {
  linkKey,
  REQUEST_KINDS,
  type AgencyRequest,
  type ChronologyEntry,
  type ChronologyRepository,
  type EntryContent,
  type EntryFilter,
  type LinkDecision,
  type RequestKind,
  type ReviewSummary,
} from './chronology.repository.ts'
import { findGaps, proposeLinks, type Gap, type IntegrationEntry, type LinkProposal } from './integration.ts'
import { InMemoryImportStaging } from './chronology-import-memory.ts'
import {
  FIRST_ROWS_SHOWN,
  PROBLEM_ROWS_PER_PAGE,
  STAGES_KEPT_MS,
  type ImportStaging,
  type StagedImport,
  type StagedImportPage,
} from './chronology-import.repository.ts'
import {
  StaleVersionError,
  type EntryRevision,
  type ShareEvent,
  type StoredEpisode,
} from './chronology-extra.repository.ts'
import { createPeopleMatcher, splitPeople } from './people-links.ts'
import { duplicatePlan, findDuplicates, type DuplicateChoice, type DuplicateRow } from './import-duplicates.ts'
import type { ChronologyDate } from './chronology-date.ts'
import { PseudonymRegister } from '../../anonymisation/anonymizer/pseudonym-register.ts'

/** Plain-English names of what is asked of agencies. */
export const REQUEST_KIND_NAMES: Readonly<Record<RequestKind, string>> = {
  chronology: 'Chronology',
  agency_report: 'Agency report (individual management review)',
}

/** Longest text accepted in an entry field typed in the browser. */
export const MAX_ENTRY_FIELD_CHARS = DEFAULT_IMPORT_LIMITS.maxCellChars

/** What the actor may see of a review's chronology. */
export interface ChronologyScope {
  review: ReviewSummary
  /** Null: every agency. Otherwise only this agency (an agency contributor). */
  agencyId: string | null
  /** The partnership's agencies (all of them, for names). */
  agencies: Agency[]
}

/** An import waiting for the user: its id, agency and preview. */
export interface ImportResult {
  importId: string
  agency: Agency
  fileName: string
  preview: ImportPreview
}

/** A row of an import already in the agency's chronology: the row's date and event, and the entry's status. */
export interface ImportDuplicate extends DuplicateRow {
  date: ChronologyDate
  event: string
}

/** Filters of the integrated chronology. */
export interface IntegratedFilter {
  agencyId?: string
  /** ISO dates. */
  from?: IsoDate
  to?: IsoDate
  significance?: string
  /** Show gaps longer than this many days (default 28). */
  gapDays?: number
  /** Only entries linked to this person in the case (`case_person.id`). */
  personId?: string
  /** Only entries of this key practice episode. */
  episodeId?: string
}

/** A person in the case as the actor may see them: the pseudonym, or the real name with the reveal permission. */
export interface CasePersonLabel {
  id: string
  /** Pseudonym ("Mother"), or "Chloe Anne Calloway" for people with `review.revealOriginal`. */
  label: string
  role: string
}

/** A key practice episode with its entries (ids, chronology order) and the reviewer's analysis notes. */
export interface KeyPracticeEpisode {
  id: string
  name: string
  entryIds: string[]
  notes: string
  /** Optimistic version: send it back with a change. */
  version: number
  updatedAt: string
}

/** One entry as its page shows it: the entry, its people, its earlier texts and what the actor may do. */
export interface EntryDetail {
  scope: ChronologyScope
  entry: ChronologyEntry
  /** The entry's version (1 as submitted, one more per correction). */
  version: number
  people: CasePersonLabel[]
  /** People of the case not linked to the entry (for "add a person"). */
  otherPeople: CasePersonLabel[]
  revisions: EntryRevision[]
  /** The key practice episodes the entry is in (none for agency contributors). */
  episodes: Array<{ id: string; name: string }>
  /** May correct the entry and change its people. */
  canChange: boolean
}

/** Whether the integrated chronology is shared with the review's agencies, and its history. */
export interface SharingState {
  shared: boolean
  /** Latest first. */
  events: ShareEvent[]
}

/** A correction of a submitted entry: its new text, why, and the version it was based on. */
export interface EntryCorrection extends EntryInput {
  version: string
  reason: string
}

/** Longest episode name and reason for a correction. */
const MAX_NAME_CHARS = 200
const MAX_NOTES_CHARS = 20_000
const MAX_REASON_CHARS = 2_000

/** A proposed link with the reviewer's decision, if any. */
export interface PresentedLink extends LinkProposal {
  status: 'proposed' | 'confirmed' | 'split'
}

/** The integrated chronology as a page or an export needs it. */
export interface IntegratedChronology {
  scope: ChronologyScope
  /** An agency contributor sees every agency's submitted entries (the coordinator shared them). */
  shared: boolean
  entries: ChronologyEntry[]
  /** The review's people in the case, as the actor may see them (for the person filter). */
  people: CasePersonLabel[]
  /** Entry id → the people linked to it. */
  entryPeople: Map<string, CasePersonLabel[]>
  /** The review's key practice episodes (empty for agency contributors: they are the reviewers' analysis). */
  episodes: KeyPracticeEpisode[]
  gaps: Gap[]
  links: PresentedLink[]
  /** Agency id → the partnership's name for it. */
  agencyNames: Map<string, string>
}

/** What is typed in the entry form (text, as typed). */
export interface EntryInput {
  entryId?: string
  agencyId?: string
  date: string
  time: string
  agency?: string
  sourceRecord: string
  practitionerRole: string
  peopleInvolved: string
  event: string
  actionTaken: string
  outcome: string
  significance: string
}

/** A file to download. */
export interface ExportFile {
  fileName: string
  contentType: string
  body: Buffer | string
}

/** Column headings of exports. */
export const EXPORT_HEADER = [
  'Date',
  'Time',
  'Agency',
  'Source record',
  'Practitioner role',
  'People involved',
  'Event',
  'Action taken',
  'Outcome',
  'Significance',
  // Confirmed links (issue 11): the other agencies' entries of the same event, by date, agency and record.
  'Same event as',
] as const

/** The XLSX export's headings: a real date cell, then how exact the date is (month, season, approximate). */
export const XLSX_EXPORT_HEADER = ['Date', 'Date precision', ...EXPORT_HEADER.slice(1)] as const

/** Chronologies (review and scope) kept in memory with their link proposals. */
const CACHED_CHRONOLOGIES = 20

/** Use cases of agency contributions and the integrated chronology. */
export class ChronologyService {
  readonly #access: AccessPolicy
  readonly #repo: ChronologyRepository
  readonly #reviews: ReviewService
  readonly #audit: AuditService
  readonly #partnerships: PartnershipRepository
  readonly #now: () => Date
  readonly #limits: Partial<ImportLimits>
  readonly #staging: ImportStaging
  readonly #cache = new Map<
    string,
    { version: string; all: ChronologyEntry[]; integration: IntegrationEntry[]; proposals: LinkProposal[] }
  >()

  constructor(deps: {
    access: AccessPolicy
    repository: ChronologyRepository
    reviews: ReviewService
    audit: AuditService
    partnerships: PartnershipRepository
    now?: () => Date
    limits?: Partial<ImportLimits>
    /** Where imports are staged; without it, in this process's memory (small files only). */
    imports?: ImportStaging
  }) {
    this.#access = deps.access
    this.#repo = deps.repository
    this.#reviews = deps.reviews
    this.#audit = deps.audit
    this.#partnerships = deps.partnerships
    this.#now = deps.now ?? (() => new Date())
    this.#limits = deps.limits ?? {}
    this.#staging = deps.imports ?? new InMemoryImportStaging(deps.repository)
  }

  // Access -----------------------------------------------------------------------------------------------

  /**
   * What the actor may read of a review's chronology. Throws AccessDeniedError without `chronology.read`,
   * NotFoundError for a review outside their scope (an agency contributor whose agency was not asked).
   */
  async readScope(actor: Actor, reviewId: string): Promise<ChronologyScope> {
    return this.#scope(actor, reviewId, 'chronology.read')
  }

  /**
   * The policy's check, then the review's reference and pseudonym (never its case material) and the
   * agency the actor is confined to (agency contributors: their own; others: none).
   */
  async #scope(
    actor: Actor,
    reviewId: string,
    permission: 'chronology.read' | 'chronology.submit',
    target: AccessTarget = {},
  ): Promise<ChronologyScope> {
    const granted = await this.#access.require(actor, permission, { ...target, review: reviewId })
    const review = (await this.#repo.findReviewSummary(reviewId))!
    return { review, agencyId: granted.confinedToAgency, agencies: await this.#agencies(actor) }
  }

  async #agencies(actor: Actor): Promise<Agency[]> {
    return actor.partnershipId ? this.#partnerships.listAgencies(actor.partnershipId) : []
  }

  /**
   * Where the actor may submit: an agency contributor for their own agency (when asked), a coordinator for
   * any agency of the partnership (`agencyId`). Throws AccessDeniedError, NotFoundError or ValidationError.
   */
  async #submitScope(actor: Actor, reviewId: string, agencyId: string | undefined, target: AccessTarget = {}) {
    const scope = await this.#scope(actor, reviewId, 'chronology.submit', target)
    const id = scope.agencyId ?? agencyId
    const agency = scope.agencies.find((a) => a.id === id)
    if (!agency) throw new ValidationError([{ field: 'agencyId', message: 'Select the agency the entries come from' }])
    return { ...scope, agency }
  }

  // Requests ---------------------------------------------------------------------------------------------

  /** Asks agencies for their chronology and/or agency report by a due date (coordinators). */
  async requestFromAgencies(
    actor: Actor,
    reviewId: string,
    input: { agencyIds: string[]; kinds: string[]; dueDate: string | null },
  ): Promise<number> {
    const review = await this.#reviews.manageableReview(actor, reviewId)
    const agencies = await this.#agencies(actor)
    const errors: FieldError[] = []
    const chosen = agencies.filter((a) => input.agencyIds.includes(a.id))
    if (chosen.length === 0) errors.push({ field: 'agencyIds', message: 'Select at least one agency' })
    const kinds = REQUEST_KINDS.filter((k) => input.kinds.includes(k))
    if (kinds.length === 0) errors.push({ field: 'kinds', message: 'Select what you are asking for' })
    if (!input.dueDate) errors.push({ field: 'dueDate-day', message: 'Enter the date it is due' })
    else if (input.dueDate < todayInEngland(this.#now()))
      errors.push({ field: 'dueDate-day', message: 'The due date must be today or in the future' })
    if (errors.length) throw new ValidationError(errors)
    for (const agency of chosen) {
      for (const kind of kinds) {
        await this.#repo.upsertRequest(
          { reviewId: review.id, agencyId: agency.id, kind, dueDate: input.dueDate!, requestedBy: actor.userId },
          this.#now(),
        )
      }
    }
    await this.#audit.recordAction(
      actor,
      'chronology.request',
      { type: 'review', id: reviewId },
      {
        agencies: chosen.map((a) => a.name).join(', '),
        kinds: kinds.join(', '),
        dueDate: input.dueDate!,
      },
    )
    return chosen.length * kinds.length
  }

  /** The review's requests: all of them for readers of the whole chronology, an agency's own otherwise. */
  async listRequests(actor: Actor, reviewId: string): Promise<{ scope: ChronologyScope; requests: AgencyRequest[] }> {
    const scope = await this.readScope(actor, reviewId)
    return { scope, requests: await this.#repo.listRequests(reviewId, scope.agencyId ?? undefined) }
  }

  // Import -----------------------------------------------------------------------------------------------

  /**
   * Reads an uploaded file with the agency's remembered column choices, keeps it for committing, and stages
   * its rows (validated, in batches, never all in memory) for the preview pages. Nothing is stored as an
   * entry. The preview has the counts, the file's problems and the first row problems; every problem is on
   * the pages of {@link importPage}. Throws AccessDeniedError, NotFoundError or ValidationError (no agency).
   */
  async previewImport(
    actor: Actor,
    reviewId: string,
    input: { agencyId?: string; fileName: string; data: Uint8Array },
  ): Promise<ImportResult> {
    const { agency } = await this.#submitScope(actor, reviewId, input.agencyId)
    const mapping = await this.#repo.findMapping(agency.partnershipId, agency.id)
    const importId = await this.#repo.createImport(
      {
        reviewId,
        agencyId: agency.id,
        fileName: input.fileName.slice(0, 200),
        content: input.data,
        // The count is set when the import is committed.
        rows: 0,
        createdBy: actor.userId,
      },
      this.#now(),
    )
    const preview = await this.#preview(importId, input.data, agency, mapping)
    // Previews abandoned for a week give their staged rows back (their files are kept: read again if needed).
    await this.#staging.dropStagesBefore(new Date(this.#now().getTime() - STAGES_KEPT_MS))
    return { importId, agency, fileName: input.fileName, preview }
  }

  /** Reads the file with `mapping` into a new stage and makes it the import's current one. */
  async #preview(importId: string, data: Uint8Array, agency: Agency, mapping: ColumnMapping): Promise<ImportPreview> {
    const writer = this.#staging.stageWriter(importId)
    const preview = await previewChronologyImport(data, {
      mapping,
      defaultAgency: agency.name,
      limits: this.#limits,
      sink: writer,
    })
    await this.#staging.saveStage(importId, writer.stageId, columnPlan(preview.headers, mapping), preview, this.#now())
    return preview
  }

  /**
   * Reads a kept file again with the user's column choices (staging its rows again), and remembers the
   * choices for the agency (only the headers this file has, merged into the earlier choices).
   */
  async checkImport(
    actor: Actor,
    reviewId: string,
    importId: string,
    choices: Record<string, string>,
  ): Promise<ImportResult> {
    const { agency, imp } = await this.#pendingImport(actor, reviewId, importId)
    const mapping = await this.#rememberChoices(actor, agency, choices)
    const preview = await this.#preview(importId, await this.#fileOf(reviewId, importId), agency, mapping)
    return { importId, agency, fileName: imp.fileName, preview }
  }

  /** The agency's remembered column choices with the user's new ones, saved when there are new ones. */
  async #rememberChoices(actor: Actor, agency: Agency, choices: Record<string, string>): Promise<ColumnMapping> {
    const remembered = await this.#repo.findMapping(agency.partnershipId, agency.id)
    const targets = new Set<string>([...CHRONOLOGY_FIELDS, 'ignore'])
    const chosen: Record<string, ColumnTarget> = {}
    for (const [header, target] of Object.entries(choices)) {
      if (targets.has(target)) chosen[header.trim()] = target as ColumnTarget
    }
    const mapping = { ...remembered, ...chosen }
    if (Object.keys(chosen).length > 0) {
      await this.#repo.saveMapping(agency.partnershipId, agency.id, mapping, actor.userId, this.#now())
    }
    return mapping
  }

  /**
   * One page of a kept import's preview: its summary, the page's rows with problems (every problem is on
   * some page) and the file's first rows. Audited as `chronology.import.read`. Throws AccessDeniedError,
   * NotFoundError (another agency's import, or one never read), or ValidationError (already committed).
   */
  async importPage(actor: Actor, reviewId: string, importId: string, page = 1): Promise<StagedImportPage> {
    const { agency, imp } = await this.#pendingImport(actor, reviewId, importId)
    let stage = await this.#staging.findStage(importId)
    if (!stage) {
      // Staged in another process's memory (or evicted): read the kept file again with the remembered columns.
      const mapping = await this.#repo.findMapping(agency.partnershipId, agency.id)
      await this.#preview(importId, await this.#fileOf(reviewId, importId), agency, mapping)
      stage = await this.#staging.findStage(importId)
      if (!stage) throw new NotFoundError('Import not found')
    }
    const pageCount = Math.max(1, Math.ceil(stage.summary.problemRowCount / PROBLEM_ROWS_PER_PAGE))
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
    const problemRows = await this.#staging.stagedRows(stage.stageId, {
      onlyProblems: true,
      offset: (current - 1) * PROBLEM_ROWS_PER_PAGE,
      limit: PROBLEM_ROWS_PER_PAGE,
    })
    const firstRows = await this.#staging.stagedRows(stage.stageId, {
      onlyProblems: false,
      offset: 0,
      limit: FIRST_ROWS_SHOWN,
    })
    const duplicates = stage.summary.canCommit ? await this.#duplicates(reviewId, agency.id, stage.stageId) : []
    await this.#audit.recordAction(
      actor,
      'chronology.import.read',
      { type: 'review', id: reviewId },
      { agency: agency.name, file: imp.fileName, page: current },
    )
    return {
      importId,
      agency,
      fileName: imp.fileName,
      summary: stage.summary,
      problemRows,
      firstRows,
      page: current,
      pageCount,
      duplicates,
    }
  }

  /**
   * Commits a kept file: every staged row as a draft entry, in one transaction (INSERT … SELECT from the
   * stage), or nothing. When the column choices differ from the stage's, the file is read again first.
   * Throws ValidationError (with the first problems) when the file cannot be committed, was already
   * committed, or was checked again meanwhile.
   */
  async commitImport(
    actor: Actor,
    reviewId: string,
    importId: string,
    choices: Record<string, string>,
    duplicateChoice: DuplicateChoice = 'skip',
  ): Promise<{ count: number; agency: Agency; skipped: number; replaced: number }> {
    const { agency, imp } = await this.#pendingImport(actor, reviewId, importId)
    const mapping = await this.#rememberChoices(actor, agency, choices)
    let stage = await this.#staging.findStage(importId)
    const samePlan =
      stage !== undefined && JSON.stringify(columnPlan(stage.summary.headers, mapping)) === JSON.stringify(stage.plan)
    if (!samePlan) {
      await this.#preview(importId, await this.#fileOf(reviewId, importId), agency, mapping)
      stage = await this.#staging.findStage(importId)
    }
    if (!stage || !stage.summary.canCommit) throw new ValidationError(await this.#firstProblems(stage))
    // Rows already in the agency's chronology are never stored twice: skipped, or replacing the entry.
    const plan = duplicatePlan(await this.#duplicates(reviewId, agency.id, stage.stageId), duplicateChoice)
    const stored = await this.#staging.commitStage(
      importId,
      stage.stageId,
      { reviewId, agencyId: agency.id, createdBy: actor.userId },
      this.#now(),
      { ...plan, reason: `Replaced by the import of ${imp.fileName}` },
    )
    if (stored === 'already') {
      throw new ValidationError([{ field: 'file', message: 'This file has already been imported' }])
    }
    if (stored === 'changed') {
      throw new ValidationError([
        { field: 'file', message: 'The file was checked again while it was being imported. Import it again' },
      ])
    }
    await this.#audit.recordAction(
      actor,
      'chronology.import',
      { type: 'review', id: reviewId },
      {
        agency: agency.name,
        rows: stored,
        file: imp.fileName,
        ...(plan.skipRows.length ? { duplicates: plan.skipRows.length, replaced: plan.replace.length } : {}),
      },
    )
    return {
      count: stored,
      agency,
      skipped: plan.skipRows.length - plan.replace.length,
      replaced: plan.replace.length,
    }
  }

  /** The stage's rows already in the agency's chronology (drafts or submitted), in file order. */
  async #duplicates(reviewId: string, agencyId: string, stageId: string): Promise<ImportDuplicate[]> {
    const existing = await this.#repo.listEntries(reviewId, { agencyId })
    if (existing.length === 0) return []
    const staged = await this.#staging.stagedEntries(stageId)
    const byRow = new Map(staged.map((r) => [r.row, r.content]))
    return findDuplicates(
      staged.map((r) => ({ row: r.row, ...r.content })),
      existing,
    ).map((d) => ({ ...d, date: byRow.get(d.row)!.date, event: byRow.get(d.row)!.event }))
  }

  /** The first 20 problems of a stage, as field errors (the file's, then rows'). */
  async #firstProblems(stage: StagedImport | undefined): Promise<FieldError[]> {
    if (!stage) return [{ field: 'file', message: 'Upload the file again' }]
    const rows = await this.#staging.stagedRows(stage.stageId, { onlyProblems: true, offset: 0, limit: 20 })
    const messages = [...stage.summary.fileProblems, ...rows.flatMap((r) => r.problems)]
    if (messages.length === 0) messages.push('The file has no entries to import')
    return messages.slice(0, 20).map((message) => ({ field: 'file', message }))
  }

  async #pendingImport(actor: Actor, reviewId: string, importId: string) {
    const scope = await this.#scope(actor, reviewId, 'chronology.submit')
    // Without the file: it is read only when the file is read again (a 20 MB file is not loaded to commit).
    const imp = await this.#staging.findImportInfo(reviewId, importId)
    // Another agency's upload is "not found", never shown.
    if (!imp || (scope.agencyId !== null && imp.agencyId !== scope.agencyId)) {
      throw new NotFoundError('Import not found')
    }
    if (imp.status !== 'previewed' || !imp.hasFile) {
      throw new ValidationError([{ field: 'file', message: 'This file has already been imported' }])
    }
    const agency = scope.agencies.find((a) => a.id === imp.agencyId)!
    return { agency, imp }
  }

  /** The kept file of a pending import (checked by {@link #pendingImport} first). */
  async #fileOf(reviewId: string, importId: string): Promise<Uint8Array> {
    const file = await this.#staging.importFile(reviewId, importId)
    if (!file) throw new ValidationError([{ field: 'file', message: 'This file has already been imported' }])
    return file
  }

  // Entries ----------------------------------------------------------------------------------------------

  /**
   * Adds a draft entry typed in the browser, or changes a draft (`entryId`). Throws ValidationError with
   * GOV.UK messages per field; a submitted entry cannot be changed here.
   */
  async saveEntry(actor: Actor, reviewId: string, input: EntryInput): Promise<string> {
    // The policy first: an entry of another review or (contributors) another agency is "not found".
    const granted = await this.#access.require(actor, 'chronology.submit', {
      review: reviewId,
      ...(input.entryId ? { chronologyEntry: input.entryId } : {}),
    })
    const existing = input.entryId ? await this.#repo.findEntry(reviewId, input.entryId) : undefined
    const { agency } = await this.#submitScope(actor, reviewId, granted.agencyId ?? input.agencyId)
    if (existing && existing.agencyId !== agency.id) throw new NotFoundError('Entry not found')
    const content = validateEntry(input, agency.name)
    if (existing) {
      if (!(await this.#repo.updateDraft(reviewId, existing.id, content, this.#now()))) {
        throw new ValidationError([{ field: 'event', message: 'This entry has been submitted and cannot be changed' }])
      }
      return existing.id
    }
    return this.#repo.addEntry({ reviewId, agencyId: agency.id, createdBy: actor.userId }, content, this.#now())
  }

  /** A draft entry the actor may edit (for the form). */
  async draftEntry(actor: Actor, reviewId: string, entryId: string): Promise<ChronologyEntry> {
    const granted = await this.#access.require(actor, 'chronology.submit', {
      review: reviewId,
      chronologyEntry: entryId,
    })
    const entry = await this.#repo.findEntry(reviewId, entryId)
    const scope = await this.#submitScope(actor, reviewId, granted.agencyId ?? undefined)
    if (!entry || entry.agencyId !== scope.agency.id || entry.status !== 'draft') {
      throw new NotFoundError('Entry not found')
    }
    return entry
  }

  /**
   * The draft entries the actor may submit: their agency's, or (coordinators) every agency's.
   * @throws AccessDeniedError (refusal audited) without `chronology.submit`: a page showing drafts
   *   asks `policy.can(actor, 'chronology.submit')` first.
   */
  async drafts(actor: Actor, reviewId: string): Promise<ChronologyEntry[]> {
    const scope = await this.#scope(actor, reviewId, 'chronology.submit')
    return this.#repo.listEntries(reviewId, { status: 'draft', agencyId: scope.agencyId ?? undefined })
  }

  /** Submits the agency's draft entries into the integrated chronology. Returns how many. */
  async submitDrafts(actor: Actor, reviewId: string, agencyId?: string): Promise<number> {
    const { agency } = await this.#submitScope(actor, reviewId, agencyId)
    const now = this.#now()
    const count = await this.#repo.submitDrafts(reviewId, agency.id, now)
    if (count === 0) {
      throw new ValidationError([{ field: 'agencyId', message: `${agency.name} has no draft entries to submit` }])
    }
    const submitted = await this.#repo.listEntries(reviewId, { status: 'submitted', agencyId: agency.id })
    await this.#linkPeople(
      reviewId,
      submitted.filter((e) => e.submittedAt === now.toISOString()),
      actor.userId,
    )
    await this.#audit.recordAction(
      actor,
      'chronology.submit',
      { type: 'review', id: reviewId },
      { agency: agency.name, entries: count },
    )
    return count
  }

  /**
   * What submitting (or discarding) the agency's drafts would do, for the confirmation page: the agency and
   * how many draft entries there are. Throws AccessDeniedError, NotFoundError, or ValidationError (no drafts).
   */
  async submitConfirmation(
    actor: Actor,
    reviewId: string,
    agencyId?: string,
    purpose: 'submit' | 'discard' = 'submit',
  ): Promise<{ scope: ChronologyScope; agency: Agency; count: number }> {
    const { agency, ...scope } = await this.#submitScope(actor, reviewId, agencyId)
    const count = (await this.#repo.listEntries(reviewId, { status: 'draft', agencyId: agency.id })).length
    if (count === 0) {
      throw new ValidationError([{ field: 'agencyId', message: `${agency.name} has no draft entries to ${purpose}` }])
    }
    return { scope, agency, count }
  }

  /**
   * Deletes every draft entry of the agency (submitted entries stay). Returns how many. Throws
   * AccessDeniedError, NotFoundError, or ValidationError (no drafts). Audited as `chronology.drafts.discard`.
   */
  async discardDrafts(actor: Actor, reviewId: string, agencyId?: string): Promise<number> {
    const { agency } = await this.#submitScope(actor, reviewId, agencyId)
    const count = await this.#repo.deleteDrafts(reviewId, agency.id)
    if (count === 0) {
      throw new ValidationError([{ field: 'agencyId', message: `${agency.name} has no draft entries to discard` }])
    }
    await this.#audit.recordAction(
      actor,
      'chronology.drafts.discard',
      { type: 'review', id: reviewId },
      { agency: agency.name, entries: count },
    )
    return count
  }

  // The integrated chronology ----------------------------------------------------------------------------

  /**
   * Every submitted entry the actor may see (an agency contributor: their own agency's), earliest first,
   * filtered; gaps longer than `gapDays`; and links proposed between agencies' reports of the same event
   * with the reviewer's decisions. Audited as `chronology.read`.
   */
  async integrated(actor: Actor, reviewId: string, filter: IntegratedFilter = {}): Promise<IntegratedChronology> {
    const scope = await this.readScope(actor, reviewId)
    const agencyNames = new Map(scope.agencies.map((a) => [a.id, a.name]))
    // Before the coordinator shares it, an agency contributor sees their own agency's entries only.
    const shared = scope.agencyId !== null && (await this.#isShared(reviewId))
    const visibleAgencyId = shared ? null : scope.agencyId
    const { all, integration, proposals } = await this.#submitted(reviewId, visibleAgencyId, agencyNames)
    const entryFilter: EntryFilter = {
      agencyId: visibleAgencyId ?? filter.agencyId,
      from: filter.from,
      to: filter.to,
      significance: filter.significance,
    }
    const { people, entryPeople, revealed, mask } = await this.#peopleOfEntries(actor, reviewId)
    // Episodes are the reviewers' analysis: agency contributors neither see them nor filter by them.
    const episodes = scope.agencyId === null ? await this.#episodes(reviewId, all) : []
    let entries = filterEntries(all, entryFilter)
    if (filter.personId) {
      entries = entries.filter((e) => entryPeople.get(e.id)?.some((p) => p.id === filter.personId))
    }
    if (filter.episodeId) {
      const inEpisode = new Set(episodes.find((ep) => ep.id === filter.episodeId)?.entryIds ?? [])
      entries = entries.filter((e) => inEpisode.has(e.id))
    }
    const visible = new Set(entries.map((e) => e.id))
    const gaps = findGaps(
      integration.filter((e) => visible.has(e.id)),
      { minDays: filter.gapDays ?? 28 },
    )
    const decisions = new Map<string, LinkDecision>(
      (await this.#repo.listLinkDecisions(reviewId)).map((d) => [linkKey(d.entryIds), d]),
    )
    const links: PresentedLink[] = proposals
      .filter((p) => p.entryIds.some((id) => visible.has(id)))
      .map((p) => ({
        ...p,
        // "Shared words" can be a surname.
        reasons: p.reasons.map(mask.text),
        status: decisions.get(linkKey(p.entryIds))?.status ?? 'proposed',
      }))
    entries = entries.map(mask.entry)
    await this.#audit.recordAction(
      actor,
      'chronology.read',
      { type: 'review', id: reviewId },
      {
        entries: entries.length,
        ...(shared ? { shared: true } : {}),
        ...(filter.personId ? { person: filter.personId } : {}),
        ...(filter.episodeId ? { episode: filter.episodeId } : {}),
        ...(revealed ? { revealedNames: people.length } : {}),
      },
    )
    if (revealed) await this.#recordReveal(actor, reviewId, 'integrated chronology', people.length)
    return { scope, shared, entries, people, entryPeople, episodes, gaps, links, agencyNames }
  }

  /**
   * The submitted entries in scope (every agency, or one), as integration entries, and the links proposed
   * between them; cached per review and scope while {@link ChronologyRepository.submittedVersion} is the same
   * (submitted entries never change), because comparing 5,000 entries takes about 300 ms.
   */
  async #submitted(reviewId: string, agencyId: string | null, agencyNames: Map<string, string>) {
    const cacheKey = `${reviewId}|${agencyId ?? '*'}`
    const version = await this.#repo.submittedVersion(reviewId, agencyId ?? undefined)
    const cached = this.#cache.get(cacheKey)
    if (cached?.version === version) return cached
    const all = await this.#repo.listEntries(reviewId, { status: 'submitted', agencyId: agencyId ?? undefined })
    const integration: IntegrationEntry[] = all.map((e) => ({
      id: e.id,
      // Links and gaps are between the partnership's agencies, whatever a file calls itself.
      agency: agencyNames.get(e.agencyId) ?? e.agency,
      date: e.date,
      time: e.time,
      event: e.event,
      peopleInvolved: e.peopleInvolved,
      practitionerRole: e.practitionerRole,
      sourceRecord: e.sourceRecord,
    }))
    const value = { version, all, integration, proposals: proposeLinks(integration) }
    this.#cache.delete(cacheKey)
    this.#cache.set(cacheKey, value)
    // Bounded: the least recently computed goes first.
    if (this.#cache.size > CACHED_CHRONOLOGIES) this.#cache.delete(this.#cache.keys().next().value!)
    return value
  }

  /**
   * Confirms or splits a proposed link (reviewers who write the report: coordinators and lead reviewers).
   * Throws ValidationError when the entries are not a proposed link of this review.
   */
  async decideLink(actor: Actor, reviewId: string, entryIds: string[], decision: 'confirmed' | 'split'): Promise<void> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const entries = await Promise.all(entryIds.slice(0, 2).map((id) => this.#repo.findEntry(reviewId, id)))
    if (entryIds.length !== 2 || entries.some((e) => !e || e.status !== 'submitted')) {
      throw new ValidationError([{ field: 'link', message: 'Select a proposed link to confirm or split' }])
    }
    await this.#repo.saveLinkDecision(reviewId, entryIds, decision, actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      decision === 'confirmed' ? 'chronology.link.confirm' : 'chronology.link.split',
      { type: 'review', id: reviewId },
      { entries: entryIds.join(',') },
    )
  }

  // People in the case ------------------------------------------------------------------------------------

  /**
   * The review's people as the actor may see them (pseudonyms; real names with `review.revealOriginal`) and
   * the people linked to each entry. New pseudonyms are kept in the review's register, as the case pages do.
   */
  async #peopleOfEntries(actor: Actor, reviewId: string) {
    const { people, revealed, mask } = await this.#castLabels(actor, reviewId)
    const byId = new Map(people.map((p) => [p.id, p]))
    const entryPeople = new Map<string, CasePersonLabel[]>()
    for (const link of await this.#repo.extra.personLinks(reviewId)) {
      const person = byId.get(link.personId)
      if (link.status !== 'linked' || !person) continue
      entryPeople.set(link.entryId, [...(entryPeople.get(link.entryId) ?? []), person])
    }
    // In the order of the people in the case (the child first), whatever order they were linked in.
    const position = new Map(people.map((p, i) => [p.id, i]))
    for (const list of entryPeople.values()) list.sort((a, b) => position.get(a.id)! - position.get(b.id)!)
    return { people, entryPeople, revealed, mask }
  }

  /**
   * The review's people as the actor may see them, and a masker for entry text: real names only with
   * `review.revealOriginal` (the one rule); without it, every cast name in the text becomes its label from
   * the review's pseudonym register (every person is given a label above, so masking adds none).
   */
  async #castLabels(
    actor: Actor,
    reviewId: string,
  ): Promise<{ people: CasePersonLabel[]; revealed: boolean; mask: EntryMasker }> {
    const { people, register: stored } = await this.#repo.extra.cast(reviewId)
    const register = stored ? PseudonymRegister.fromJSON(stored) : new PseudonymRegister()
    const before = JSON.stringify(register.toJSON())
    const revealed = people.length > 0 && this.#access.can(actor, 'review.revealOriginal')
    const labels = people.map((p) => {
      const pseudonym = p.retain ? p.full_name : register.personLabel(p)
      return { id: p.id, role: p.role, label: revealed ? p.full_name : pseudonym }
    })
    const mask = revealed || people.length === 0 ? UNMASKED : createEntryMasker(people, register)
    if (JSON.stringify(register.toJSON()) !== before) {
      await this.#repo.extra.saveRegister(reviewId, register.toJSON(), this.#now())
    }
    return { people: labels, revealed, mask }
  }

  /** Every view that shows real names records a reveal, as the people page does. */
  async #recordReveal(actor: Actor, reviewId: string, view: string, people: number): Promise<void> {
    await this.#audit.recordAction(actor, 'review.reveal_original', { type: 'review', id: reviewId }, { people, view })
  }

  /** Stores the people proposed from the entries' people-involved text (removed proposals stay removed). */
  async #linkPeople(reviewId: string, entries: readonly ChronologyEntry[], by: string): Promise<void> {
    if (entries.length === 0) return
    const { people } = await this.#repo.extra.cast(reviewId)
    if (people.length === 0) return
    const matcher = createPeopleMatcher(people)
    const proposals = new Map(entries.map((e) => [e.id, matcher.match(e.peopleInvolved)]))
    await this.#repo.extra.replaceMatched(reviewId, proposals, by, this.#now())
  }

  /**
   * Proposes people for every submitted entry again, from the review's current people in the case (after
   * people were added): links someone removed stay removed; links added by hand stay. Coordinators and lead
   * reviewers (`report.write`). Returns how many entries have at least one person. Audited.
   */
  async matchPeopleAgain(actor: Actor, reviewId: string): Promise<number> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const entries = await this.#repo.listEntries(reviewId, { status: 'submitted' })
    await this.#linkPeople(reviewId, entries, actor.userId)
    const linked = new Set(
      (await this.#repo.extra.personLinks(reviewId)).filter((l) => l.status === 'linked').map((l) => l.entryId),
    )
    await this.#audit.recordAction(
      actor,
      'chronology.people.match',
      { type: 'review', id: reviewId },
      { entries: entries.length, linked: linked.size },
    )
    return linked.size
  }

  // One entry: its page, its people, corrections ---------------------------------------------------------

  /**
   * One entry with its people, earlier texts and what the actor may do. A submitted entry is visible to whoever
   * sees it in the integrated chronology; a draft only to those who may submit it. Anything else is "not
   * found" (refusal audited). Audited as `chronology.read`.
   */
  async entryDetail(actor: Actor, reviewId: string, entryId: string): Promise<EntryDetail> {
    const scope = await this.readScope(actor, reviewId)
    const entry = await this.#repo.findEntry(reviewId, entryId)
    const own = entry !== undefined && (scope.agencyId === null || entry.agencyId === scope.agencyId)
    const visible =
      entry !== undefined &&
      (entry.status === 'submitted'
        ? own || (await this.#isShared(reviewId))
        : own && roleAllows(actor.role, 'chronology.submit'))
    if (!entry || !visible) {
      await this.#audit.recordRefusal(actor, 'chronology.read', { type: 'chronology_entry', id: entryId })
      throw new NotFoundError('Entry not found')
    }
    const { people, revealed, mask } = await this.#castLabels(actor, reviewId)
    const linked = new Set(
      (await this.#repo.extra.personLinks(reviewId, [entry.id]))
        .filter((l) => l.status === 'linked')
        .map((l) => l.personId),
    )
    const revisions = (await this.#repo.extra.revisions(entry.id)).map((r) => maskRevision(r, mask))
    const episodes =
      scope.agencyId === null
        ? (await this.#repo.extra.episodes(reviewId))
            .filter((ep) => ep.entryIds.includes(entry.id))
            .map((ep) => ({ id: ep.id, name: ep.name }))
        : []
    await this.#audit.recordAction(actor, 'chronology.read', { type: 'chronology_entry', id: entry.id }, { entries: 1 })
    if (revealed) await this.#recordReveal(actor, reviewId, 'chronology entry', people.length)
    return {
      scope,
      entry: mask.entry(entry),
      version: revisions.length + 1,
      people: people.filter((p) => linked.has(p.id)),
      otherPeople: people.filter((p) => !linked.has(p.id)),
      revisions,
      episodes,
      canChange: mayChangeEntry(actor, entry, scope.agencyId),
    }
  }

  /**
   * The entry the actor may change: an agency contributor their own agency's entries, a coordinator any
   * agency's, a lead reviewer of the review submitted entries. Throws AccessDeniedError or NotFoundError.
   */
  async #changeableEntry(actor: Actor, reviewId: string, entryId: string): Promise<ChronologyEntry> {
    const granted = await this.#access.require(actor, entryChangePermission(actor), {
      review: reviewId,
      chronologyEntry: entryId,
    })
    const permission = entryChangePermission(actor)
    const entry = await this.#repo.findEntry(reviewId, entryId)
    if (!entry || !mayChangeEntry(actor, entry, granted.confinedToAgency)) {
      await this.#audit.recordRefusal(actor, permission, { type: 'chronology_entry', id: entryId })
      throw new NotFoundError('Entry not found')
    }
    return entry
  }

  /**
   * Links a person in the case to an entry (`add`), or removes the link (`remove`; a removed proposal does
   * not come back). Checks access first, then throws ValidationError for anything but a person of this
   * review's case and `add` or `remove`. Audited.
   */
  async setEntryPerson(actor: Actor, reviewId: string, entryId: string, personId: string, action: string) {
    const entry = await this.#changeableEntry(actor, reviewId, entryId)
    const { people } = await this.#repo.extra.cast(reviewId)
    if (!people.some((p) => p.id === personId) || (action !== 'add' && action !== 'remove')) {
      throw new ValidationError([{ field: 'personId', message: 'Select a person in the case' }])
    }
    const linked = action === 'add'
    await this.#repo.extra.setPersonLink(
      reviewId,
      { entryId: entry.id, personId, source: 'added', status: linked ? 'linked' : 'removed' },
      actor.userId,
      this.#now(),
    )
    await this.#audit.recordAction(
      actor,
      linked ? 'chronology.entry.person.link' : 'chronology.entry.person.unlink',
      { type: 'chronology_entry', id: entry.id },
      { person: personId },
    )
  }

  /**
   * Corrects a submitted entry with a reason; its previous text is kept (shown as its history), its people
   * are proposed again, and links between agencies are computed again. Throws ValidationError (per field,
   * including `reason`) and StaleVersionError when someone corrected it after `version` was read. Audited.
   */
  async correctEntry(actor: Actor, reviewId: string, entryId: string, input: EntryCorrection): Promise<void> {
    const entry = await this.#changeableEntry(actor, reviewId, entryId)
    if (entry.status !== 'submitted') throw new NotFoundError('Entry not found')
    const errors: FieldError[] = []
    const reason = String(input.reason ?? '').trim()
    if (!reason) errors.push({ field: 'reason', message: 'Enter why you are correcting this entry' })
    else if (reason.length > MAX_REASON_CHARS) {
      errors.push({
        field: 'reason',
        message: `The reason must be ${MAX_REASON_CHARS.toLocaleString('en-GB')} characters or fewer`,
      })
    }
    let next: EntryContent | undefined
    try {
      next = validateEntry({ ...input, agency: input.agency ?? entry.agency }, entry.agency)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      errors.push(...error.errors)
    }
    if (errors.length || !next) throw new ValidationError(errors)
    const version = Number(input.version)
    if (!Number.isInteger(version) || version < 1) throw new StaleVersionError('No version')
    await this.#repo.extra.correctEntry(
      reviewId,
      entry.id,
      { version, previous: contentOf(entry), next, reason },
      actor.userId,
      this.#now(),
    )
    await this.#linkPeople(reviewId, [{ ...entry, peopleInvolved: next.peopleInvolved }], actor.userId)
    await this.#audit.recordAction(
      actor,
      'chronology.entry.correct',
      { type: 'chronology_entry', id: entry.id },
      { version: version + 1 },
    )
  }

  // Key practice episodes ---------------------------------------------------------------------------------

  /**
   * The review's key practice episodes, by name: each with its entries (chronology order) and analysis
   * notes. For reviewers and panel (`chronology.read` and the review readable); agency contributors are
   * refused. Audited as `chronology.read`. Used by the report writer to insert references.
   */
  async keyPracticeEpisodes(
    actor: Actor,
    reviewId: string,
  ): Promise<Array<{ id: string; name: string; entryIds: string[]; notes: string }>> {
    const episodes = await this.#readEpisodes(actor, reviewId)
    return episodes.map((e) => ({ id: e.id, name: e.name, entryIds: e.entryIds, notes: e.notes }))
  }

  /**
   * The episodes with their versions, for the episodes pages; `search` keeps those whose name or notes
   * contain it (case-insensitive). Access as {@link keyPracticeEpisodes}; audited.
   */
  async episodeList(actor: Actor, reviewId: string, search = ''): Promise<KeyPracticeEpisode[]> {
    const episodes = await this.#readEpisodes(actor, reviewId)
    const needle = search.trim().toLowerCase()
    return needle
      ? episodes.filter((e) => e.name.toLowerCase().includes(needle) || e.notes.toLowerCase().includes(needle))
      : episodes
  }

  async #readEpisodes(actor: Actor, reviewId: string): Promise<KeyPracticeEpisode[]> {
    // Episodes span every agency's entries: the whole review's material, not one agency's.
    await this.#access.require(actor, 'review.read', { review: reviewId })
    const entries = await this.#repo.listEntries(reviewId, { status: 'submitted' })
    const episodes = await this.#episodes(reviewId, entries)
    await this.#audit.recordAction(
      actor,
      'chronology.read',
      { type: 'review', id: reviewId },
      { episodes: episodes.length },
    )
    return episodes
  }

  /** Episodes with their entry ids in chronology order (`ordered`: the review's submitted entries). */
  async #episodes(reviewId: string, ordered: readonly ChronologyEntry[]): Promise<KeyPracticeEpisode[]> {
    const position = new Map(ordered.map((e, i) => [e.id, i]))
    return (await this.#repo.extra.episodes(reviewId)).map((e: StoredEpisode) => ({
      id: e.id,
      name: e.name,
      notes: e.notes,
      version: e.version,
      updatedAt: e.updatedAt,
      entryIds: e.entryIds.filter((id) => position.has(id)).sort((a, b) => position.get(a)! - position.get(b)!),
    }))
  }

  /**
   * Makes a key practice episode from selected submitted entries, with a name and optional notes (coordinators
   * and lead reviewers: `report.write`). Throws ValidationError ("Enter a name for the episode", "Select the
   * entries ..."). Returns its id. Audited.
   */
  async createEpisode(
    actor: Actor,
    reviewId: string,
    input: { name: string; notes?: string; entryIds: string[] },
  ): Promise<string> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const { name, notes, entryIds } = await this.#checkEpisode(reviewId, input, true)
    const id = await this.#repo.extra.createEpisode(reviewId, { name, notes, entryIds }, actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      'chronology.episode.create',
      { type: 'review', id: reviewId },
      { episode: id, entries: entryIds.length },
    )
    return id
  }

  /**
   * Changes an episode's name, notes and entries (`report.write`). Throws ValidationError, NotFoundError, and
   * StaleVersionError when someone changed it after `version` was read (nothing stored). Audited.
   */
  async updateEpisode(
    actor: Actor,
    reviewId: string,
    episodeId: string,
    input: { name: string; notes: string; entryIds: string[]; version: string },
  ): Promise<void> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const checked = await this.#checkEpisode(reviewId, input, false)
    const version = Number(input.version)
    if (!Number.isInteger(version) || version < 1) throw new StaleVersionError('No version')
    const found = await this.#repo.extra.updateEpisode(
      reviewId,
      episodeId,
      { ...checked, version },
      actor.userId,
      this.#now(),
    )
    if (!found) throw new NotFoundError('Episode not found')
    await this.#audit.recordAction(
      actor,
      'chronology.episode.change',
      { type: 'review', id: reviewId },
      { episode: episodeId, entries: checked.entryIds.length, version: version + 1 },
    )
  }

  async #checkEpisode(
    reviewId: string,
    input: { name: string; notes?: string; entryIds: string[] },
    needEntries: boolean,
  ) {
    const errors: FieldError[] = []
    const name = String(input.name ?? '').trim()
    const notes = String(input.notes ?? '').trim()
    if (!name) errors.push({ field: 'episodeName', message: 'Enter a name for the episode' })
    else if (name.length > MAX_NAME_CHARS) {
      errors.push({ field: 'episodeName', message: `The name must be ${MAX_NAME_CHARS} characters or fewer` })
    }
    if (notes.length > MAX_NOTES_CHARS) {
      errors.push({
        field: 'notes',
        message: `The notes must be ${MAX_NOTES_CHARS.toLocaleString('en-GB')} characters or fewer`,
      })
    }
    const entryIds = [...new Set(input.entryIds)]
    const entries = await Promise.all(entryIds.slice(0, 1000).map((id) => this.#repo.findEntry(reviewId, id)))
    if (entryIds.length > 1000 || entries.some((e) => !e || e.status !== 'submitted')) {
      errors.push({ field: 'entryIds', message: 'Select entries of the integrated chronology' })
    } else if (needEntries && entryIds.length === 0) {
      errors.push({ field: 'entryIds', message: 'Select the entries that make up the episode' })
    }
    if (errors.length) throw new ValidationError(errors)
    return { name, notes, entryIds }
  }

  // Sharing with agencies ---------------------------------------------------------------------------------

  async #isShared(reviewId: string): Promise<boolean> {
    const [latest] = await this.#repo.extra.shareEvents(reviewId)
    return latest?.action === 'shared'
  }

  /** Whether the integrated chronology is shared with the review's agencies, and who shared or withdrew it when. */
  async sharing(actor: Actor, reviewId: string): Promise<SharingState> {
    await this.readScope(actor, reviewId)
    const events = await this.#repo.extra.shareEvents(reviewId)
    return { shared: events[0]?.action === 'shared', events }
  }

  /**
   * Shares the integrated chronology with the agencies of the review (their contributors then see every
   * agency's submitted entries, never drafts), or withdraws it. Coordinators of the review's partnership.
   * Nothing is recorded when the state does not change. Audited.
   */
  async setSharing(actor: Actor, reviewId: string, share: boolean): Promise<void> {
    await this.#access.require(actor, 'review.manage', { review: reviewId })
    const changed = await this.#repo.extra.addShareEvent(
      reviewId,
      share ? 'shared' : 'withdrawn',
      actor.userId,
      this.#now(),
    )
    if (!changed) return
    await this.#audit.recordAction(actor, share ? 'chronology.share' : 'chronology.share.withdraw', {
      type: 'review',
      id: reviewId,
    })
  }

  // Exports ----------------------------------------------------------------------------------------------

  async #confirmedLinkLabels(reviewId: string, entries: readonly ChronologyEntry[], links: readonly PresentedLink[]) {
    return confirmedLinkLabelsOf(entries, links, (id) => this.#repo.findEntry(reviewId, id))
  }

  /**
   * The integrated chronology the actor may see, as CSV, XLSX or DOCX; every cell escaped so no
   * spreadsheet runs it as a formula. Audited as `chronology.read` (with the format).
   * Every format carries the protective marking of case material (OFFICIAL-SENSITIVE, not a draft):
   * the CSV a single-cell first line, the XLSX a first row and the page header and footer, the DOCX
   * the page header and footer.
   */
  async export(
    actor: Actor,
    reviewId: string,
    format: 'csv' | 'xlsx' | 'docx',
    filter: IntegratedFilter = {},
  ): Promise<ExportFile> {
    const { scope, entries, links } = await this.integrated(actor, reviewId, filter)
    const sameEventAs = await this.#confirmedLinkLabels(reviewId, entries, links)
    const rows = entries.map((e) => [...exportRow(e), sameEventAs.get(e.id) ?? ''])
    const base = `${scope.review.reference}-chronology`
    const marking = protectiveMarking({ kind: 'case_material' })
    await this.#audit.recordAction(actor, 'chronology.export', { type: 'review', id: reviewId }, { format })
    if (format === 'csv') {
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: toCsv(EXPORT_HEADER, rows, { marking: OFFICIAL_SENSITIVE }),
      }
    }
    if (format === 'xlsx') {
      return { fileName: `${base}.xlsx`, contentType: XLSX_TYPE, body: await toChronologyXlsx(entries, rows, marking) }
    }
    return {
      fileName: `${base}.docx`,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body: await toDocx(`Integrated chronology – ${scope.review.reference}`, rows, marking),
    }
  }
}

/**
 * Entry id → the other entries of its confirmed links ("3 April 2023, Marlshire Police, MP/23/1234; …"). A
 * linked entry outside the filters is read by id: links are only proposed between entries in the actor's scope.
 */
async function confirmedLinkLabelsOf(
  entries: readonly ChronologyEntry[],
  links: readonly PresentedLink[],
  find: (id: string) => Promise<ChronologyEntry | undefined>,
): Promise<Map<string, string>> {
  const byId = new Map(entries.map((e) => [e.id, e]))
  const label = (e: ChronologyEntry) =>
    [formatChronologyDate(e.date), e.agency, e.sourceRecord].filter((part) => part.trim() !== '').join(', ')
  const others = new Map<string, string[]>()
  for (const link of links.filter((l) => l.status === 'confirmed')) {
    for (const id of link.entryIds) {
      if (!byId.has(id)) continue
      for (const otherId of link.entryIds.filter((o) => o !== id)) {
        const other = byId.get(otherId) ?? (await find(otherId))
        if (other) others.set(id, [...(others.get(id) ?? []), label(other)])
      }
    }
  }
  return new Map([...others].map(([id, labels]) => [id, labels.join('; ')]))
}

/** How exact an entry's date is, for the XLSX column beside the real date. */
function datePrecision(date: ChronologyDate): string {
  const exact = { day: 'Day', month: 'Month only', season: 'Season only', year: 'Year only' }[date.precision]
  return date.approximate ? `Approximate (${exact.toLowerCase()})` : exact
}

/**
 * The chronology export as XLSX: the marking in the first row and in the printed page header and footer,
 * then the column names; the date a real date cell (its first day, formatted dd/mm/yyyy, so Excel sorts
 * and filters by it), then how exact it is; every text cell escaped against formulas.
 */
async function toChronologyXlsx(
  entries: readonly ChronologyEntry[],
  rows: readonly (readonly string[])[],
  marking: ProtectiveMarking,
) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Chronology')
  markWorksheet(sheet, marking)
  sheet.addRow([...XLSX_EXPORT_HEADER]).font = { bold: true }
  entries.forEach((e, i) => {
    const [y, m, d] = e.date.start.split('-').map(Number)
    // Midnight UTC: exceljs turns a Date into a serial day number in UTC, so this is the calendar day itself.
    const row = sheet.addRow([
      new Date(Date.UTC(y, m - 1, d)),
      datePrecision(e.date),
      ...rows[i].slice(1).map((cell) => escapeSpreadsheetCell(cell)),
    ])
    row.getCell(1).numFmt = 'dd/mm/yyyy'
  })
  sheet.columns.forEach((column, i) => {
    column.width = i >= 7 ? 50 : 18
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * Puts the marking in the sheet's first row (seen on screen) and in the header and footer of every printed
 * page (`&C` centres it; `&&` is a literal ampersand in Excel's header codes).
 */
function markWorksheet(sheet: ExcelJS.Worksheet, marking: ProtectiveMarking): void {
  const code = (text: string) => `&C${text.replaceAll('&', '&&')}`
  sheet.headerFooter = { oddHeader: code(marking.header), oddFooter: code(marking.footer) }
  sheet.addRow([escapeSpreadsheetCell(marking.header)]).font = { bold: true }
}

/** For those who may see real names: texts as they are. */
const UNMASKED: EntryMasker = { text: (t) => t, entry: (e) => e }

/** An earlier version of an entry, its text masked like the entry. */
function maskRevision(revision: EntryRevision, mask: EntryMasker): EntryRevision {
  return { ...revision, previous: mask.entry(revision.previous) }
}

/** Content type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Who may change an entry (its people, or a correction when submitted): an agency contributor their own
 * agency's entries, a coordinator any agency's, a lead reviewer (`report.write`) submitted entries only.
 */
function mayChangeEntry(actor: Actor, entry: ChronologyEntry, confinedToAgency: string | null): boolean {
  if (roleAllows(actor.role, 'chronology.submit'))
    return confinedToAgency === null || entry.agencyId === confinedToAgency
  return entry.status === 'submitted' && roleAllows(actor.role, 'report.write')
}

/** Submitters change entries as `chronology.submit`; lead reviewers correct submitted ones as `report.write`. */
function entryChangePermission(actor: Actor): 'chronology.submit' | 'report.write' {
  return roleAllows(actor.role, 'chronology.submit') ? 'chronology.submit' : 'report.write'
}

/** An entry's text (what a correction replaces). */
function contentOf(e: ChronologyEntry): EntryContent {
  return {
    agency: e.agency,
    date: e.date,
    time: e.time,
    sourceRecord: e.sourceRecord,
    practitionerRole: e.practitionerRole,
    peopleInvolved: e.peopleInvolved,
    event: e.event,
    actionTaken: e.actionTaken,
    outcome: e.outcome,
    significance: e.significance,
  }
}

function filterEntries(entries: ChronologyEntry[], filter: EntryFilter): ChronologyEntry[] {
  const significance = filter.significance?.trim().toLowerCase()
  return entries.filter(
    (e) =>
      (!filter.agencyId || e.agencyId === filter.agencyId) &&
      (!filter.from || e.date.end >= filter.from) &&
      (!filter.to || e.date.start <= filter.to) &&
      (!significance ||
        (significance === '*' ? e.significance.trim() !== '' : e.significance.toLowerCase().includes(significance))),
  )
}

function exportRow(e: ChronologyEntry): string[] {
  return [
    formatChronologyDate(e.date),
    e.time ?? '',
    e.agency,
    e.sourceRecord,
    e.practitionerRole,
    e.peopleInvolved.join('; '),
    e.event,
    e.actionTaken,
    e.outcome,
    e.significance,
  ]
}

/** An XLSX of text cells, each escaped against formulas. */
export async function toXlsx(rows: readonly (readonly string[])[], header: readonly string[] = EXPORT_HEADER) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Chronology')
  sheet.addRow([...header]).font = { bold: true }
  for (const row of rows) sheet.addRow(row.map((cell) => escapeSpreadsheetCell(cell)))
  sheet.columns.forEach((column, i) => {
    column.width = i >= 6 ? 50 : 18
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The chronology as a DOCX table under `title`, the marking in the header and footer of every page. */
async function toDocx(
  title: string,
  rows: readonly (readonly string[])[],
  marking: ProtectiveMarking,
): Promise<Buffer> {
  const line = (text: string) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: true })] })
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text: escapeSpreadsheetCell(text), bold })] })],
    })
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: EXPORT_HEADER.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  })
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [line(marking.header)] }) },
        footers: { default: new Footer({ children: [line(marking.footer)] }) },
        children: [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }), table],
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/** Checks an entry typed in the browser; throws ValidationError with one message per field. */
export function validateEntry(input: EntryInput, agencyName: string): EntryContent {
  const errors: FieldError[] = []
  const text = (field: keyof EntryInput & string, label: string) => {
    const value = String(input[field] ?? '').trim()
    if (value.length > MAX_ENTRY_FIELD_CHARS) {
      errors.push({
        field,
        message: `The ${label} must be ${MAX_ENTRY_FIELD_CHARS.toLocaleString('en-GB')} characters or fewer`,
      })
    } else if (looksLikeFormula(value)) {
      errors.push({
        field,
        message: `The ${label} starts with "${value[0]}" and looks like a spreadsheet formula. Enter the text without the "${value[0]}" at the start`,
      })
    }
    return value
  }
  const dateText = String(input.date ?? '').trim()
  let date = null
  if (!dateText) errors.push({ field: 'date', message: 'Enter the date of the event' })
  else {
    const parsed = parseChronologyDate(dateText)
    if (parsed.ok) date = parsed.value
    else errors.push({ field: 'date', message: parsed.message })
  }
  const time = parseChronologyTime(String(input.time ?? '').trim())
  if (!time.ok) errors.push({ field: 'time', message: time.message })
  const event = text('event', CHRONOLOGY_FIELD_LABELS.event)
  if (!event && !errors.some((e) => e.field === 'event')) {
    errors.push({ field: 'event', message: 'Enter what happened' })
  }
  const content = {
    agency: text('agency', 'agency') || agencyName,
    sourceRecord: text('sourceRecord', CHRONOLOGY_FIELD_LABELS.source_record),
    practitionerRole: text('practitionerRole', CHRONOLOGY_FIELD_LABELS.practitioner_role),
    peopleInvolved: splitPeople(text('peopleInvolved', CHRONOLOGY_FIELD_LABELS.people_involved)),
    event,
    actionTaken: text('actionTaken', CHRONOLOGY_FIELD_LABELS.action_taken),
    outcome: text('outcome', CHRONOLOGY_FIELD_LABELS.outcome),
    significance: text('significance', CHRONOLOGY_FIELD_LABELS.significance),
  }
  if (errors.length || !date || !time.ok) throw new ValidationError(errors)
  return { ...content, date, time: time.value }
}

/** Reads a filter's date ("1 October 2022", "2022-10-01", "October 2022"): its first or last day. */
export function filterDate(text: string, end: 'start' | 'end'): IsoDate | null | 'invalid' {
  const value = text.trim()
  if (!value) return null
  if (isIsoDate(value)) return value
  const parsed = parseChronologyDate(value)
  return parsed.ok ? parsed.value[end] : 'invalid'
}
