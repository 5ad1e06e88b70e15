/**
 * Import staging held in this process's memory: what {@link ChronologyService} uses when it is built
 * without a {@link ChronologyImportRepository} (wiring that does not pass one, tests). It keeps every row of
 * a file in memory (bounded: {@link KEPT_ROWS}), so the database staging is what lets a 50,000-row file
 * import within the memory target. A stage lost with the process, evicted, or on another server is read
 * again from the kept file when next needed, so previewing and committing still work.
 */
import { randomUUID } from 'node:crypto'
import type {
  ChronologyEntryDraft,
  ColumnPlan,
  ImportPreview,
  PreviewRow,
  PreviewRowSink,
} from './chronology-import.ts'
import type { EntryReplacement } from './chronology.repository.ts'
import {
  stagedSummary,
  type CommitDuplicates,
  type StagedEntry,
  type ImportInfo,
  type ImportStaging,
  type StagedImport,
  type StagedRow,
} from './chronology-import.repository.ts'

/** What the in-memory staging needs of the chronology repository (its imports). */
export interface ImportStore {
  /**
   * Stores a committed import's entries (and replaces the text of `replacements`' entries) in one
   * transaction; false when it was already committed, nothing stored.
   */
  commitImport(
    importId: string,
    entries: readonly ChronologyEntryDraft[],
    createdBy: string,
    now: Date,
    replacements?: { entries: readonly EntryReplacement[]; reason: string },
  ): Promise<boolean>
  findImport(
    reviewId: string,
    importId: string,
  ): Promise<(Omit<ImportInfo, 'hasFile'> & { content: Uint8Array | null }) | undefined>
}

/**
 * Stages and rows kept at most (two files of the largest size); the oldest stage goes first. A stage that has
 * gone is read again from the kept file when it is next needed, so this bounds memory, not what works.
 */
const KEPT_STAGES = 10
const KEPT_ROWS = 100_000

/** {@link ImportStaging} in memory, committing through the chronology repository. */
export class InMemoryImportStaging implements ImportStaging {
  readonly #store: ImportStore
  readonly #rows = new Map<string, PreviewRow[]>()
  readonly #stages = new Map<string, StagedImport>()

  constructor(store: ImportStore) {
    this.#store = store
  }

  async findImportInfo(reviewId: string, importId: string): Promise<ImportInfo | undefined> {
    const imp = await this.#store.findImport(reviewId, importId)
    if (!imp) return undefined
    return {
      id: imp.id,
      reviewId: imp.reviewId,
      agencyId: imp.agencyId,
      fileName: imp.fileName,
      status: imp.status,
      hasFile: imp.content !== null,
    }
  }

  async importFile(reviewId: string, importId: string): Promise<Uint8Array | null> {
    return (await this.#store.findImport(reviewId, importId))?.content ?? null
  }

  stageWriter(_importId: string): PreviewRowSink & { stageId: string } {
    const stageId = randomUUID()
    const rows: PreviewRow[] = []
    this.#rows.set(stageId, rows)
    return {
      stageId,
      pending: 0,
      add: (row) => rows.push(row),
      flush: async () => {},
    }
  }

  async saveStage(importId: string, stageId: string, plan: ColumnPlan[], preview: ImportPreview): Promise<void> {
    this.#stages.delete(importId)
    this.#stages.set(importId, { importId, stageId, plan, summary: stagedSummary(preview) })
    // Rows of stages that are no longer current (earlier checks, reads that failed) are dropped.
    const current = new Set([...this.#stages.values()].map((s) => s.stageId))
    for (const id of this.#rows.keys()) if (!current.has(id)) this.#rows.delete(id)
    const keptRows = () => [...this.#rows.values()].reduce((n, rows) => n + rows.length, 0)
    while (this.#stages.size > 1 && (this.#stages.size > KEPT_STAGES || keptRows() > KEPT_ROWS)) {
      const [oldestImport, oldest] = this.#stages.entries().next().value!
      this.#rows.delete(oldest.stageId)
      this.#stages.delete(oldestImport)
    }
  }

  async findStage(importId: string): Promise<StagedImport | undefined> {
    return this.#stages.get(importId)
  }

  async stagedRows(
    stageId: string,
    page: { offset: number; limit: number; onlyProblems: boolean },
  ): Promise<StagedRow[]> {
    const rows = (this.#rows.get(stageId) ?? []).filter((r) => !page.onlyProblems || r.problems.length > 0)
    return rows.slice(page.offset, page.offset + page.limit).map((r) => ({
      row: r.row,
      date: r.cells.date,
      event: r.cells.event,
      problems: r.problems,
    }))
  }

  async stagedEntries(stageId: string): Promise<StagedEntry[]> {
    return (this.#rows.get(stageId) ?? [])
      .filter((r) => r.entry !== null)
      .map((r) => {
        const { row, ...content } = r.entry!
        return { row, content }
      })
  }

  async dropStagesBefore(): Promise<void> {
    // Nothing to do: memory is bounded by KEPT_STAGES and KEPT_ROWS.
  }

  async commitStage(
    importId: string,
    expectedStageId: string,
    owner: { createdBy: string },
    now: Date,
    duplicates?: CommitDuplicates,
  ): Promise<number | 'already' | 'changed'> {
    const stage = this.#stages.get(importId)
    const rows = this.#rows.get(expectedStageId)
    if (!stage || stage.stageId !== expectedStageId || !stage.summary.canCommit || !rows) return 'changed'
    const skip = new Set(duplicates?.skipRows ?? [])
    const entries = rows.map((r) => r.entry!).filter((e) => !skip.has(e.row))
    const entryOf = new Map((duplicates?.replace ?? []).map((r) => [r.row, r.entryId]))
    const replacements = rows
      .map((r) => r.entry!)
      .filter((e) => entryOf.has(e.row))
      .map(({ row, ...content }) => ({ entryId: entryOf.get(row)!, content }))
    const committed = await this.#store.commitImport(importId, entries, owner.createdBy, now, {
      entries: replacements,
      reason: duplicates?.reason ?? '',
    })
    if (!committed) return 'already'
    this.#rows.delete(expectedStageId)
    this.#stages.delete(importId)
    return entries.length
  }
}
