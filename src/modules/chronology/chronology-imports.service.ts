/**
 * Chronology imports: an agency's CSV or XLSX file read with its remembered column choices, its rows staged
 * in the database (never all in memory) for the preview pages, and committed as draft entries, all rows or
 * none, with rows already in the agency's chronology skipped or replacing their entries.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import type { Agency } from '../partnerships/partnership.ts'
import type { ChronologyDate } from './chronology-date.ts'
import type { ChronologyEntryRepository } from './chronology-entry.repository.ts'
import {
  CHRONOLOGY_FIELDS,
  columnPlan,
  previewChronologyImport,
  type ColumnMapping,
  type ColumnTarget,
  type ImportLimits,
  type ImportPreview,
} from './chronology-import.ts'
import type {
  ChronologyImportRepository,
  StagedImport,
  StagedRow,
  StagedSummary,
} from './chronology-import.repository.ts'
import type { ChronologyScopes } from './chronology-scope.ts'
import { duplicatePlan, findDuplicates, type DuplicateChoice, type DuplicateRow } from './import-duplicates.ts'

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

/** One page of a staged import's preview, as the service gives it to the page. */
export interface StagedImportPage {
  importId: string
  agency: Agency
  fileName: string
  summary: StagedSummary
  /** This page's rows with problems, in file order. */
  problemRows: StagedRow[]
  /** The file's first rows, so the user sees how the columns were read. */
  firstRows: StagedRow[]
  /** 1-based; pages of {@link PROBLEM_ROWS_PER_PAGE} rows with problems. */
  page: number
  pageCount: number
  /** Rows already in the agency's chronology (same date, event and source record), in file order. */
  duplicates: Array<{
    row: number
    entryId: string
    status: 'draft' | 'submitted'
    date: ChronologyDate
    event: string
  }>
}

/** How long an untouched preview keeps its staged rows (a week). */
export const STAGES_KEPT_MS = 7 * 24 * 60 * 60 * 1000

/** Rows with problems shown on one preview page. */
export const PROBLEM_ROWS_PER_PAGE = 200
/** Rows shown as a sample of how the columns were read. */
export const FIRST_ROWS_SHOWN = 20

/** Use cases of chronology imports (agency contributors for their agency, coordinators for any). */
export class ChronologyImportService {
  readonly #access: AccessPolicy
  readonly #imports: ChronologyImportRepository
  readonly #entries: ChronologyEntryRepository
  readonly #scopes: ChronologyScopes
  readonly #audit: AuditService
  readonly #now: () => Date
  readonly #limits: Partial<ImportLimits>

  constructor(deps: {
    access: AccessPolicy
    imports: ChronologyImportRepository
    entries: ChronologyEntryRepository
    scopes: ChronologyScopes
    audit: AuditService
    now: () => Date
    limits?: Partial<ImportLimits>
  }) {
    this.#access = deps.access
    this.#imports = deps.imports
    this.#entries = deps.entries
    this.#scopes = deps.scopes
    this.#audit = deps.audit
    this.#now = deps.now
    this.#limits = deps.limits ?? {}
  }

  /** The policy's check (`chronology.submit`), then the agency the actor imports for. */
  async #submitScope(actor: Actor, reviewId: string, agencyId: string | undefined) {
    const granted = await this.#access.require(actor, 'chronology.submit', { review: reviewId })
    return this.#scopes.submitting(actor, reviewId, granted, agencyId)
  }

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
    const mapping = await this.#imports.findMapping(agency.partnershipId, agency.id)
    const importId = await this.#imports.createImport(
      {
        reviewId,
        agencyId: agency.id,
        fileName: input.fileName.slice(0, 200),
        content: input.data,
        createdBy: actor.userId,
      },
      this.#now(),
    )
    const preview = await this.#preview(importId, input.data, agency, mapping)
    // Previews abandoned for a week give their staged rows back (their files are kept: read again if needed).
    await this.#imports.dropStagesBefore(new Date(this.#now().getTime() - STAGES_KEPT_MS))
    return { importId, agency, fileName: input.fileName, preview }
  }

  /** Reads the file with `mapping` into a new stage and makes it the import's current one. */
  async #preview(importId: string, data: Uint8Array, agency: Agency, mapping: ColumnMapping): Promise<ImportPreview> {
    const writer = this.#imports.stageWriter(importId)
    const preview = await previewChronologyImport(data, {
      mapping,
      defaultAgency: agency.name,
      limits: this.#limits,
      sink: writer,
    })
    await this.#imports.saveStage(importId, writer.stageId, columnPlan(preview.headers, mapping), preview, this.#now())
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
    const remembered = await this.#imports.findMapping(agency.partnershipId, agency.id)
    const targets = new Set<string>([...CHRONOLOGY_FIELDS, 'ignore'])
    const chosen: Record<string, ColumnTarget> = {}
    for (const [header, target] of Object.entries(choices)) {
      if (targets.has(target)) chosen[header.trim()] = target as ColumnTarget
    }
    const mapping = { ...remembered, ...chosen }
    if (Object.keys(chosen).length > 0) {
      await this.#imports.saveMapping(agency.partnershipId, agency.id, mapping, actor.userId, this.#now())
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
    let stage = await this.#imports.findStage(importId)
    if (!stage) {
      // Staged in another process's memory (or evicted): read the kept file again with the remembered columns.
      const mapping = await this.#imports.findMapping(agency.partnershipId, agency.id)
      await this.#preview(importId, await this.#fileOf(reviewId, importId), agency, mapping)
      stage = await this.#imports.findStage(importId)
      if (!stage) throw new NotFoundError('Import not found')
    }
    const pageCount = Math.max(1, Math.ceil(stage.summary.problemRowCount / PROBLEM_ROWS_PER_PAGE))
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
    const problemRows = await this.#imports.stagedRows(stage.stageId, {
      onlyProblems: true,
      offset: (current - 1) * PROBLEM_ROWS_PER_PAGE,
      limit: PROBLEM_ROWS_PER_PAGE,
    })
    const firstRows = await this.#imports.stagedRows(stage.stageId, {
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
    let stage = await this.#imports.findStage(importId)
    const samePlan =
      stage !== undefined && JSON.stringify(columnPlan(stage.summary.headers, mapping)) === JSON.stringify(stage.plan)
    if (!samePlan) {
      await this.#preview(importId, await this.#fileOf(reviewId, importId), agency, mapping)
      stage = await this.#imports.findStage(importId)
    }
    if (!stage || !stage.summary.canCommit) throw new ValidationError(await this.#firstProblems(stage))
    // Rows already in the agency's chronology are never stored twice: skipped, or replacing the entry.
    const plan = duplicatePlan(await this.#duplicates(reviewId, agency.id, stage.stageId), duplicateChoice)
    const stored = await this.#imports.commitStage(
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
    const existing = await this.#entries.listEntries(reviewId, { agencyId })
    if (existing.length === 0) return []
    const staged = await this.#imports.stagedEntries(stageId)
    const byRow = new Map(staged.map((r) => [r.row, r.content]))
    return findDuplicates(
      staged.map((r) => ({ row: r.row, ...r.content })),
      existing,
    ).map((d) => ({ ...d, date: byRow.get(d.row)!.date, event: byRow.get(d.row)!.event }))
  }

  /** The first 20 problems of a stage, as field errors (the file's, then rows'). */
  async #firstProblems(stage: StagedImport | undefined): Promise<FieldError[]> {
    if (!stage) return [{ field: 'file', message: 'Upload the file again' }]
    const rows = await this.#imports.stagedRows(stage.stageId, { onlyProblems: true, offset: 0, limit: 20 })
    const messages = [...stage.summary.fileProblems, ...rows.flatMap((r) => r.problems)]
    if (messages.length === 0) messages.push('The file has no entries to import')
    return messages.slice(0, 20).map((message) => ({ field: 'file', message }))
  }

  /** The policy's check (`chronology.submit`), then the actor's pending import (another agency's: not found). */
  async #pendingImport(actor: Actor, reviewId: string, importId: string) {
    const granted = await this.#access.require(actor, 'chronology.submit', { review: reviewId })
    const scope = await this.#scopes.of(actor, reviewId, granted)
    // Without the file: it is read only when the file is read again (a 20 MB file is not loaded to commit).
    const imp = await this.#imports.findImportInfo(reviewId, importId)
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
    const file = await this.#imports.importFile(reviewId, importId)
    if (!file) throw new ValidationError([{ field: 'file', message: 'This file has already been imported' }])
    return file
  }
}
