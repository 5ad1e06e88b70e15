/**
 * SQL for staging chronology imports: rows are written in batches as the file is read (so a large file is
 * never held in memory as rows), read back a page at a time for the preview, and copied into
 * `chronology_entry` with one INSERT … SELECT when the user commits (all rows or none).
 *
 * Each staging run has its own `stage_id`. The summary in `chronology_import_stage` names the run whose
 * rows are current; a run's rows are only read through that name, so two checks of the same file at once
 * can never mix their rows.
 */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { ChronologyImportRowTable } from './chronology-import.tables.ts'
import { chronologySortKey } from './chronology-date.ts'
import type { ChronologyDate } from './chronology-date.ts'
import type { ColumnMapping, ColumnPlan, ImportPreview, PreviewRow, PreviewRowSink } from './chronology-import.ts'
import { replaceEntries, type EntryContent } from './chronology-entry.repository.ts'

/** What the preview page needs of a staged import besides its rows (kept as JSON). */
export interface StagedSummary {
  format: ImportPreview['format']
  delimiter: ImportPreview['delimiter']
  headers: string[]
  mapping: ImportPreview['mapping']
  unmappedHeaders: string[]
  notices: string[]
  /** Problems with the whole file (not a row). */
  fileProblems: string[]
  rowCount: number
  problemCount: number
  problemRowCount: number
  canCommit: boolean
}

/** A staged import's summary with the plan its rows were read with. */
export interface StagedImport {
  importId: string
  stageId: string
  plan: ColumnPlan[]
  summary: StagedSummary
}

/** One row of the preview as stored: its number, what was read, and its problems. */
export interface StagedRow {
  row: number
  date: string
  event: string
  problems: string[]
}

/** Rows written to the database in one INSERT while a file is read. */
const STAGE_BATCH = 500

/** Text shown per row in the preview (the whole event is staged; the page needs only its start). */
const SHOWN_EVENT_CHARS = 200

/** A staged row that has an entry, with the entry's text. */
export interface StagedEntry {
  row: number
  content: EntryContent
}

/** What a commit does with rows already in the chronology (see `import-duplicates.ts`). */
export interface CommitDuplicates {
  /** Row numbers not stored as new entries (every duplicate, replaced or skipped). */
  skipRows: readonly number[]
  /** Rows whose text replaces an existing entry's. */
  replace: ReadonlyArray<{ row: number; entryId: string }>
  /** Kept with a replaced submitted entry's earlier text ("Replaced by the import of police.csv"). */
  reason: string
}

/** Marks a staged row as a duplicate left out of the commit (`has_problems`: 0 none, 1 problems). */
const SKIPPED_DUPLICATE = 2

/** Row numbers per `IN (…)` list: well inside SQLite's and PostgreSQL's limits on parameters. */
const IN_LIST = 500

/** A kept import without its file (which may be 20 MB: it is read only when the file is read again). */
export interface ImportInfo {
  id: string
  reviewId: string
  agencyId: string
  fileName: string
  status: 'previewed' | 'committed'
  /** False once committed (the file is dropped). */
  hasFile: boolean
}

/**
 * The one owner of `chronology_import` and its staging: the kept file, the staged rows, page reads, the
 * agency's remembered column choices, and the one commit path (INSERT … SELECT from the stage).
 */
export class ChronologyImportRepository {
  readonly #db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Keeps an uploaded file for preview (its rows are counted when it is committed); returns its id. */
  async createImport(
    input: { reviewId: string; agencyId: string; fileName: string; content: Uint8Array; createdBy: string },
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    await this.#db
      .insertInto('chronology_import')
      .values({
        id,
        review_id: input.reviewId,
        agency_id: input.agencyId,
        file_name: input.fileName,
        status: 'previewed',
        content: input.content,
        rows: 0,
        created_by: input.createdBy,
        created_at: now.toISOString(),
        committed_at: null,
      })
      .execute()
    return id
  }

  /** An import of the review, without its file; undefined when there is none. */
  async findImportInfo(reviewId: string, importId: string): Promise<ImportInfo | undefined> {
    const r = await this.#db
      .selectFrom('chronology_import')
      .select((eb) => [
        'id',
        'review_id',
        'agency_id',
        'file_name',
        'status',
        eb.case().when('content', 'is', null).then(0).else(1).end().as('has_file'),
      ])
      .where('id', '=', importId)
      .where('review_id', '=', reviewId)
      .executeTakeFirst()
    if (!r) return undefined
    return {
      id: r.id,
      reviewId: r.review_id,
      agencyId: r.agency_id,
      fileName: r.file_name,
      status: r.status as ImportInfo['status'],
      hasFile: Number(r.has_file) === 1,
    }
  }

  /** The kept file's bytes (null once committed). */
  async importFile(reviewId: string, importId: string): Promise<Uint8Array | null> {
    const r = await this.#db
      .selectFrom('chronology_import')
      .select('content')
      .where('id', '=', importId)
      .where('review_id', '=', reviewId)
      .executeTakeFirst()
    return r?.content ?? null
  }

  /** The agency's remembered column choices (empty when none). */
  async findMapping(partnershipId: string, agencyId: string): Promise<ColumnMapping> {
    const r = await this.#db
      .selectFrom('agency_column_mapping')
      .select('mapping')
      .where('partnership_id', '=', partnershipId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst()
    return r ? (JSON.parse(r.mapping) as ColumnMapping) : {}
  }

  /** Remembers the agency's column choices (replacing the earlier ones). */
  async saveMapping(partnershipId: string, agencyId: string, mapping: ColumnMapping, by: string, now: Date) {
    const values = { mapping: JSON.stringify(mapping), updated_by: by, updated_at: now.toISOString() }
    await this.#db
      .insertInto('agency_column_mapping')
      .values({ partnership_id: partnershipId, agency_id: agencyId, ...values })
      .onConflict((oc) => oc.columns(['partnership_id', 'agency_id']).doUpdateSet(values))
      .execute()
  }

  /**
   * A sink for {@link previewChronologyImport} that writes rows under a new stage id, in batches of 500.
   * Nothing is current until {@link saveStage} names the stage id.
   */
  stageWriter(importId: string): PreviewRowSink & { stageId: string } {
    const stageId = randomUUID()
    const db = this.#db
    let batch: PreviewRow[] = []
    let seq = 0
    return {
      stageId,
      get pending() {
        return batch.length
      },
      add(row) {
        batch.push(row)
      },
      async flush() {
        const rows = batch
        batch = []
        for (let i = 0; i < rows.length; i += STAGE_BATCH) {
          const values = rows.slice(i, i + STAGE_BATCH).map((r) => stagedRowValues(importId, stageId, seq++, r))
          await db.insertInto('chronology_import_row').values(values).execute()
        }
      },
    }
  }

  /**
   * Makes a stage current: saves its summary and plan, and deletes the rows of every other stage of the
   * import (earlier checks of the same file).
   */
  async saveStage(importId: string, stageId: string, plan: ColumnPlan[], preview: ImportPreview, now: Date) {
    const summary = stagedSummary(preview)
    const values = {
      stage_id: stageId,
      plan: JSON.stringify(plan),
      summary: JSON.stringify(summary),
      row_count: preview.rowCount,
      problem_count: preview.problemCount,
      can_commit: preview.canCommit ? 1 : 0,
      staged_at: now.toISOString(),
    }
    await this.#db
      .insertInto('chronology_import_stage')
      .values({ import_id: importId, ...values })
      .onConflict((oc) => oc.column('import_id').doUpdateSet(values))
      .execute()
    await this.#db
      .deleteFrom('chronology_import_row')
      .where('import_id', '=', importId)
      .where('stage_id', '<>', stageId)
      .execute()
  }

  /** The current stage of an import, or undefined when it was never staged (or is committed). */
  async findStage(importId: string): Promise<StagedImport | undefined> {
    const r = await this.#db
      .selectFrom('chronology_import_stage')
      .select(['import_id', 'stage_id', 'plan', 'summary'])
      .where('import_id', '=', importId)
      .executeTakeFirst()
    if (!r) return undefined
    return {
      importId: r.import_id,
      stageId: r.stage_id,
      plan: JSON.parse(r.plan) as ColumnPlan[],
      summary: JSON.parse(r.summary) as StagedSummary,
    }
  }

  /** A page of a stage's rows in file order: every row, or only rows with problems. */
  async stagedRows(
    stageId: string,
    page: { offset: number; limit: number; onlyProblems: boolean },
  ): Promise<StagedRow[]> {
    let query = this.#db
      .selectFrom('chronology_import_row')
      // A row with an entry keeps its event there only (see stagedRowValues).
      .select((eb) => [
        'row_number',
        'shown_date',
        eb.fn.coalesce('event', 'shown_event').as('shown_event'),
        'problems',
      ])
      .where('stage_id', '=', stageId)
    if (page.onlyProblems) query = query.where('has_problems', '=', 1)
    const rows = await query.orderBy('seq').limit(page.limit).offset(page.offset).execute()
    return rows.map((r) => ({
      row: Number(r.row_number),
      date: r.shown_date,
      event: r.shown_event,
      problems: r.problems === null ? [] : (JSON.parse(r.problems) as string[]),
    }))
  }

  /** Every row of a stage that has an entry (no problems), in file order, with the entry's text. */
  async stagedEntries(stageId: string): Promise<StagedEntry[]> {
    const rows = await this.#db
      .selectFrom('chronology_import_row')
      .select([
        'row_number',
        'agency',
        'date',
        'time',
        'source_record',
        'practitioner_role',
        'people_involved',
        'event',
        'action_taken',
        'outcome',
        'significance',
      ])
      .where('stage_id', '=', stageId)
      .where('has_problems', '=', 0)
      .orderBy('seq')
      .execute()
    return rows.map(stagedEntry)
  }

  /**
   * Commits the current stage of an import as draft entries in one transaction: claims the import
   * (`previewed` → `committed`, its file dropped), copies every staged row with INSERT … SELECT, and
   * deletes the stage. Rows in `duplicates.skipRows` are not stored; each row of `duplicates.replace` replaces
   * the text of its existing entry instead (in the same transaction). Returns the number of entries, `'already'` when the import was already committed, or
   * `'changed'` when the stage cannot be committed or changed meanwhile (nothing is stored in either case).
   */
  async commitStage(
    importId: string,
    expectedStageId: string,
    owner: { reviewId: string; agencyId: string; createdBy: string },
    now: Date,
    duplicates?: CommitDuplicates,
  ): Promise<number | 'already' | 'changed'> {
    return this.#db
      .transaction()
      .execute(async (trx) => {
        const stage = await trx
          .selectFrom('chronology_import_stage')
          .select(['stage_id', 'row_count', 'can_commit'])
          .where('import_id', '=', importId)
          .executeTakeFirst()
        if (!stage || stage.stage_id !== expectedStageId || Number(stage.can_commit) !== 1) return 'changed'
        const rowCount = Number(stage.row_count)
        const at = now.toISOString()
        const claimed = await trx
          .updateTable('chronology_import')
          .set({ status: 'committed', content: null, rows: rowCount, committed_at: at })
          .where('id', '=', importId)
          .where('status', '=', 'previewed')
          .executeTakeFirst()
        if (Number(claimed.numUpdatedRows) !== 1) return 'already'
        let skipped = 0
        const skipRows = duplicates?.skipRows ?? []
        for (let i = 0; i < skipRows.length; i += IN_LIST) {
          const marked = await trx
            .updateTable('chronology_import_row')
            .set({ has_problems: SKIPPED_DUPLICATE })
            .where('stage_id', '=', stage.stage_id)
            .where('has_problems', '=', 0)
            .where('row_number', 'in', skipRows.slice(i, i + IN_LIST))
            .executeTakeFirst()
          skipped += Number(marked.numUpdatedRows)
        }
        if (skipped !== skipRows.length) throw new StageChangedError()
        if (duplicates && duplicates.replace.length > 0) {
          const entryOf = new Map(duplicates.replace.map((r) => [r.row, r.entryId]))
          const staged = (await this.#stagedEntriesIn(trx, stage.stage_id, [...entryOf.keys()])).map((r) => ({
            entryId: entryOf.get(r.row)!,
            content: r.content,
          }))
          const replaced = await replaceEntries(
            trx,
            { reviewId: owner.reviewId, agencyId: owner.agencyId, by: owner.createdBy, reason: duplicates.reason },
            staged,
            now,
          )
          if (replaced !== duplicates.replace.length) throw new StageChangedError()
        }
        // Values that are the same for every row are parameters cast to text, so PostgreSQL knows their type.
        const text = (value: string) => sql<string>`cast(${value} as text)`
        const inserted = await trx
          .insertInto('chronology_entry')
          .columns([
            'id',
            'review_id',
            'agency_id',
            'agency',
            'date',
            'sort_key',
            'date_start',
            'date_end',
            'time',
            'source_record',
            'practitioner_role',
            'people_involved',
            'event',
            'action_taken',
            'outcome',
            'significance',
            'import_id',
            'import_row',
            'status',
            'created_by',
            'created_at',
            'updated_at',
            'submitted_at',
          ])
          .expression(
            trx
              .selectFrom('chronology_import_row')
              .select((eb) => [
                'entry_id',
                text(owner.reviewId).as('review_id'),
                text(owner.agencyId).as('agency_id'),
                eb.fn.coalesce('agency', sql.lit('')).as('agency'),
                eb.fn.coalesce('date', sql.lit('')).as('date'),
                eb.fn.coalesce('sort_key', sql.lit('')).as('sort_key'),
                eb.fn.coalesce('date_start', sql.lit('')).as('date_start'),
                eb.fn.coalesce('date_end', sql.lit('')).as('date_end'),
                'time',
                eb.fn.coalesce('source_record', sql.lit('')).as('source_record'),
                eb.fn.coalesce('practitioner_role', sql.lit('')).as('practitioner_role'),
                eb.fn.coalesce('people_involved', sql.lit('[]')).as('people_involved'),
                eb.fn.coalesce('event', sql.lit('')).as('event'),
                eb.fn.coalesce('action_taken', sql.lit('')).as('action_taken'),
                eb.fn.coalesce('outcome', sql.lit('')).as('outcome'),
                eb.fn.coalesce('significance', sql.lit('')).as('significance'),
                text(importId).as('import_id'),
                'row_number',
                text('draft').as('status'),
                text(owner.createdBy).as('created_by'),
                text(at).as('created_at'),
                text(at).as('updated_at'),
                sql<null>`null`.as('submitted_at'),
              ])
              .where('stage_id', '=', stage.stage_id)
              .where('has_problems', '=', 0),
          )
          .executeTakeFirst()
        if (Number(inserted.numInsertedOrUpdatedRows) !== rowCount - skipped) {
          // Rows of the stage went missing (another check of the same file deleted them): store nothing.
          throw new StageChangedError()
        }
        await trx.deleteFrom('chronology_import_row').where('import_id', '=', importId).execute()
        await trx.deleteFrom('chronology_import_stage').where('import_id', '=', importId).execute()
        return rowCount - skipped
      })
      .catch((error: unknown) => {
        if (error instanceof StageChangedError) return 'changed' as const
        throw error
      })
  }

  /** Staged rows by row number (duplicates marked skipped included), read inside a commit's transaction. */
  async #stagedEntriesIn(
    trx: Transaction<Database>,
    stageId: string,
    rowNumbers: readonly number[],
  ): Promise<StagedEntry[]> {
    const out: StagedEntry[] = []
    for (let i = 0; i < rowNumbers.length; i += IN_LIST) {
      const rows = await trx
        .selectFrom('chronology_import_row')
        .selectAll()
        .where('stage_id', '=', stageId)
        .where('row_number', 'in', rowNumbers.slice(i, i + IN_LIST))
        .execute()
      out.push(...rows.map(stagedEntry))
    }
    return out
  }

  /** Drops stages saved before `before` (abandoned previews); a dropped stage is read again if needed. */
  async dropStagesBefore(before: Date): Promise<void> {
    // By stage id, so rows a new check of the same file is writing now are never touched.
    const stale = this.#db
      .selectFrom('chronology_import_stage')
      .select('stage_id')
      .where('staged_at', '<', before.toISOString())
    await this.#db.deleteFrom('chronology_import_row').where('stage_id', 'in', stale).execute()
    await this.#db.deleteFrom('chronology_import_stage').where('staged_at', '<', before.toISOString()).execute()
  }
}

/** What the preview page keeps of a preview besides its rows. */
export function stagedSummary(preview: ImportPreview): StagedSummary {
  return {
    format: preview.format,
    delimiter: preview.delimiter,
    headers: preview.headers,
    mapping: preview.mapping,
    unmappedHeaders: preview.unmappedHeaders,
    notices: preview.notices,
    fileProblems: preview.problems.filter((p) => p.row === null).map((p) => p.message),
    rowCount: preview.rowCount,
    problemCount: preview.problemCount,
    problemRowCount: preview.problemRowCount,
    canCommit: preview.canCommit,
  }
}

/** A staged row's entry text (the columns are null only for rows with problems, never read here). */
function stagedEntry(
  r: Pick<
    ChronologyImportRowTable,
    | 'row_number'
    | 'agency'
    | 'date'
    | 'time'
    | 'source_record'
    | 'practitioner_role'
    | 'people_involved'
    | 'event'
    | 'action_taken'
    | 'outcome'
    | 'significance'
  >,
): StagedEntry {
  return {
    row: Number(r.row_number),
    content: {
      agency: r.agency ?? '',
      date: JSON.parse(r.date ?? 'null') as ChronologyDate,
      time: r.time,
      sourceRecord: r.source_record ?? '',
      practitionerRole: r.practitioner_role ?? '',
      peopleInvolved: JSON.parse(r.people_involved ?? '[]') as string[],
      event: r.event ?? '',
      actionTaken: r.action_taken ?? '',
      outcome: r.outcome ?? '',
      significance: r.significance ?? '',
    },
  }
}

/** Thrown inside the commit transaction to roll it back when the staged rows are not all there. */
class StageChangedError extends Error {}

function stagedRowValues(importId: string, stageId: string, seq: number, r: PreviewRow) {
  const e = r.entry
  return {
    import_id: importId,
    stage_id: stageId,
    seq,
    row_number: r.row,
    problems: r.problems.length > 0 ? JSON.stringify(r.problems) : null,
    has_problems: r.problems.length > 0 ? 1 : 0,
    shown_date: r.cells.date,
    // Only for rows without an entry: a row with one shows its entry's event (the staged rows stay smaller,
    // and the commit reads less).
    shown_event: e
      ? ''
      : r.cells.event.length > SHOWN_EVENT_CHARS
        ? `${r.cells.event.slice(0, SHOWN_EVENT_CHARS)}…`
        : r.cells.event,
    entry_id: randomUUID(),
    agency: e?.agency ?? null,
    date: e ? JSON.stringify(e.date) : null,
    sort_key: e ? chronologySortKey(e.date, e.time) : null,
    date_start: e?.date.start ?? null,
    date_end: e?.date.end ?? null,
    time: e?.time ?? null,
    source_record: e?.sourceRecord ?? null,
    practitioner_role: e?.practitionerRole ?? null,
    people_involved: e ? JSON.stringify(e.peopleInvolved) : null,
    event: e?.event ?? null,
    action_taken: e?.actionTaken ?? null,
    outcome: e?.outcome ?? null,
    significance: e?.significance ?? null,
  }
}
