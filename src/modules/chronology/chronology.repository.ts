import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { ChronologyEntryTable, Database } from '../../db/schema.ts'
import type { ChronologyDate } from './chronology-date.ts'
import type { AgencyRequest, ChronologyEntry, RequestKind } from './chronology.ts'
import { ChronologyExtraRepository } from './chronology-extra.repository.ts'
import { entryColumns, type EntryContent } from './chronology-entry-columns.ts'
import type { ChronologyEntryDraft, ColumnMapping } from './chronology-import.ts'

export { REQUEST_KINDS, type RequestKind } from './chronology.ts'

/** What the chronology pages show of a review. */
export interface ReviewSummary {
  id: string
  partnershipId: string
  reference: string
  pseudonym: string | null
}

export type { AgencyRequest } from './chronology.ts'

export type { ChronologyEntry } from './chronology.ts'

/** The text of an entry, as typed or imported. */
export type { EntryContent } from './chronology-entry-columns.ts'

/** An uploaded file waiting to be committed, or committed. */
export interface ChronologyImport {
  id: string
  reviewId: string
  agencyId: string
  fileName: string
  status: 'previewed' | 'committed'
  content: Uint8Array | null
  rows: number
  createdBy: string
  createdAt: string
  committedAt: string | null
}

/** A reviewer's decision on a proposed link. */
export interface LinkDecision {
  entryIds: string[]
  status: 'confirmed' | 'split'
  decidedBy: string
  decidedAt: string
}

/** Filters on entries, all optional. Dates are ISO; an entry matches when its range overlaps [from, to]. */
export interface EntryFilter {
  status?: 'draft' | 'submitted'
  agencyId?: string
  from?: string
  to?: string
  /** Case-insensitive text the significance contains; `*` for "any significance recorded". */
  significance?: string
}

/** Rows inserted per statement: 24 columns × 400 rows stays under SQLite's 32,766 bound parameters. */
const INSERT_BATCH = 400

/** Sorted, comma-joined entry ids: the key of a link decision. */
export function linkKey(entryIds: readonly string[]): string {
  return [...entryIds].sort().join(',')
}

function toEntry(r: ChronologyEntryTable): ChronologyEntry {
  return {
    id: r.id,
    reviewId: r.review_id,
    agencyId: r.agency_id,
    agency: r.agency,
    date: JSON.parse(r.date) as ChronologyDate,
    sortKey: r.sort_key,
    time: r.time,
    sourceRecord: r.source_record,
    practitionerRole: r.practitioner_role,
    peopleInvolved: JSON.parse(r.people_involved) as string[],
    event: r.event,
    actionTaken: r.action_taken,
    outcome: r.outcome,
    significance: r.significance,
    importId: r.import_id,
    importRow: r.import_row === null ? null : Number(r.import_row),
    status: r.status as ChronologyEntry['status'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
  }
}

/** All SQL for agency requests, chronology imports, entries, remembered mappings and link decisions. */
export class ChronologyRepository {
  readonly #db: Kysely<Database>
  /** People linked to entries, key practice episodes, sharing and corrections (issue 5, second part). */
  readonly extra: ChronologyExtraRepository
  constructor(db: Kysely<Database>) {
    this.#db = db
    this.extra = new ChronologyExtraRepository(db)
  }

  /** The few facts of a review the chronology pages show (no case material). */
  async findReviewSummary(reviewId: string): Promise<ReviewSummary | undefined> {
    const r = await this.#db
      .selectFrom('review')
      .select(['id', 'partnership_id', 'reference', 'pseudonym'])
      .where('id', '=', reviewId)
      .executeTakeFirst()
    return r && { id: r.id, partnershipId: r.partnership_id, reference: r.reference, pseudonym: r.pseudonym }
  }

  // Requests ---------------------------------------------------------------------------------------------

  /** Creates a request, or moves the due date of the same open request (one per review, agency and kind). */
  async upsertRequest(
    input: { reviewId: string; agencyId: string; kind: RequestKind; dueDate: string; requestedBy: string },
    now: Date,
  ): Promise<void> {
    await this.#db
      .insertInto('agency_request')
      .values({
        id: randomUUID(),
        review_id: input.reviewId,
        agency_id: input.agencyId,
        kind: input.kind,
        due_date: input.dueDate,
        status: 'requested',
        requested_by: input.requestedBy,
        created_at: now.toISOString(),
        submitted_at: null,
      })
      .onConflict((oc) => oc.columns(['review_id', 'agency_id', 'kind']).doUpdateSet({ due_date: input.dueDate }))
      .execute()
  }

  /** Requests of a review (of one agency when given), by due date. */
  async listRequests(reviewId: string, agencyId?: string): Promise<AgencyRequest[]> {
    let q = this.#db.selectFrom('agency_request').selectAll().where('review_id', '=', reviewId)
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId)
    const rows = await q.orderBy('due_date').orderBy('agency_id').orderBy('kind').execute()
    return rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      agencyId: r.agency_id,
      kind: r.kind as RequestKind,
      dueDate: r.due_date,
      status: r.status as AgencyRequest['status'],
      requestedBy: r.requested_by,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
    }))
  }

  /** True when the agency has been asked for anything in this review. */
  async hasRequest(reviewId: string, agencyId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('agency_request')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst()
    return row !== undefined
  }

  // Imports ----------------------------------------------------------------------------------------------

  /** Keeps an uploaded file for preview; returns its id. */
  async createImport(
    input: {
      reviewId: string
      agencyId: string
      fileName: string
      content: Uint8Array
      rows: number
      createdBy: string
    },
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
        rows: input.rows,
        created_by: input.createdBy,
        created_at: now.toISOString(),
        committed_at: null,
      })
      .execute()
    return id
  }

  /** An import by id, within a review. */
  async findImport(reviewId: string, importId: string): Promise<ChronologyImport | undefined> {
    const r = await this.#db
      .selectFrom('chronology_import')
      .selectAll()
      .where('id', '=', importId)
      .where('review_id', '=', reviewId)
      .executeTakeFirst()
    if (!r) return undefined
    return {
      id: r.id,
      reviewId: r.review_id,
      agencyId: r.agency_id,
      fileName: r.file_name,
      status: r.status as ChronologyImport['status'],
      content: r.content === null ? null : new Uint8Array(r.content),
      rows: Number(r.rows),
      createdBy: r.created_by,
      createdAt: r.created_at,
      committedAt: r.committed_at,
    }
  }

  /**
   * Stores every entry of an import as a draft, all or nothing, in one transaction; the import is marked
   * committed (its file dropped). Returns false (storing nothing) when the import was already committed.
   */
  async commitImport(
    importId: string,
    entries: readonly ChronologyEntryDraft[],
    createdBy: string,
    now: Date,
    replacements?: { entries: readonly EntryReplacement[]; reason: string },
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const imp = await trx
        .selectFrom('chronology_import')
        .select(['review_id', 'agency_id'])
        .where('id', '=', importId)
        .executeTakeFirstOrThrow()
      const claimed = await trx
        .updateTable('chronology_import')
        .set({ status: 'committed', content: null, rows: entries.length, committed_at: now.toISOString() })
        .where('id', '=', importId)
        .where('status', '=', 'previewed')
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return false
      await this.#insertEntries(
        trx,
        entries.map((e) => ({ content: e, importRow: e.row })),
        { reviewId: imp.review_id, agencyId: imp.agency_id, importId, createdBy },
        now,
      )
      if (replacements && replacements.entries.length > 0) {
        const owner = { reviewId: imp.review_id, agencyId: imp.agency_id, by: createdBy, reason: replacements.reason }
        if ((await replaceEntries(trx, owner, replacements.entries, now)) !== replacements.entries.length) {
          throw new Error('An entry to replace is not the agency’s')
        }
      }
      return true
    })
  }

  async #insertEntries(
    trx: Transaction<Database> | Kysely<Database>,
    entries: ReadonlyArray<{ content: EntryContent; importRow: number | null }>,
    owner: { reviewId: string; agencyId: string; importId: string | null; createdBy: string },
    now: Date,
  ): Promise<string[]> {
    const at = now.toISOString()
    const ids: string[] = []
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      const values = entries.slice(i, i + INSERT_BATCH).map((e) => {
        const id = randomUUID()
        ids.push(id)
        return {
          id,
          review_id: owner.reviewId,
          agency_id: owner.agencyId,
          ...entryColumns(e.content),
          import_id: owner.importId,
          import_row: e.importRow,
          status: 'draft',
          created_by: owner.createdBy,
          created_at: at,
          updated_at: at,
          submitted_at: null,
        }
      })
      await trx.insertInto('chronology_entry').values(values).execute()
    }
    return ids
  }

  // Column mappings --------------------------------------------------------------------------------------

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
  async saveMapping(
    partnershipId: string,
    agencyId: string,
    mapping: ColumnMapping,
    updatedBy: string,
    now: Date,
  ): Promise<void> {
    const values = { mapping: JSON.stringify(mapping), updated_by: updatedBy, updated_at: now.toISOString() }
    await this.#db
      .insertInto('agency_column_mapping')
      .values({ partnership_id: partnershipId, agency_id: agencyId, ...values })
      .onConflict((oc) => oc.columns(['partnership_id', 'agency_id']).doUpdateSet(values))
      .execute()
  }

  // Entries ----------------------------------------------------------------------------------------------

  /** Adds one draft entry typed in the browser; returns its id. */
  async addEntry(
    owner: { reviewId: string; agencyId: string; createdBy: string },
    content: EntryContent,
    now: Date,
  ): Promise<string> {
    const [id] = await this.#insertEntries(this.#db, [{ content, importRow: null }], { ...owner, importId: null }, now)
    return id
  }

  /** Changes a draft entry's text; false when it is not a draft of that review (submitted entries stay). */
  async updateDraft(reviewId: string, entryId: string, content: EntryContent, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('chronology_entry')
      .set({ ...entryColumns(content), updated_at: now.toISOString() })
      .where('id', '=', entryId)
      .where('review_id', '=', reviewId)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** One entry within a review. */
  async findEntry(reviewId: string, entryId: string): Promise<ChronologyEntry | undefined> {
    const r = await this.#db
      .selectFrom('chronology_entry')
      .selectAll()
      .where('id', '=', entryId)
      .where('review_id', '=', reviewId)
      .executeTakeFirst()
    return r && toEntry(r)
  }

  /** Entries of a review in chronology order (sort key, then agency), filtered. */
  async listEntries(reviewId: string, filter: EntryFilter = {}): Promise<ChronologyEntry[]> {
    let q = this.#db.selectFrom('chronology_entry').selectAll().where('review_id', '=', reviewId)
    if (filter.status) q = q.where('status', '=', filter.status)
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId)
    if (filter.from) q = q.where('date_end', '>=', filter.from)
    if (filter.to) q = q.where('date_start', '<=', filter.to)
    const rows = await q.orderBy('sort_key').orderBy('agency').orderBy('import_row').orderBy('created_at').execute()
    let entries = rows.map(toEntry)
    const significance = filter.significance?.trim().toLowerCase()
    if (significance === '*') entries = entries.filter((e) => e.significance.trim() !== '')
    else if (significance) entries = entries.filter((e) => e.significance.toLowerCase().includes(significance))
    return entries
  }

  /**
   * A cheap fingerprint of a review's submitted entries (of one agency when given): their count and the
   * latest change (submission or correction: both set `updated_at`). Submitted entries are never removed
   * and change only by a correction, so an equal fingerprint means the same entries.
   */
  async submittedVersion(reviewId: string, agencyId?: string): Promise<string> {
    let q = this.#db
      .selectFrom('chronology_entry')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updated_at').as('latest')])
      .where('review_id', '=', reviewId)
      .where('status', '=', 'submitted')
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId)
    const r = await q.executeTakeFirstOrThrow()
    return `${Number(r.count)}|${r.latest ?? ''}`
  }

  /** Counts of draft and submitted entries per agency. */
  async countByAgency(reviewId: string): Promise<Array<{ agencyId: string; status: string; count: number }>> {
    const rows = await this.#db
      .selectFrom('chronology_entry')
      .select(['agency_id', 'status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('review_id', '=', reviewId)
      .groupBy(['agency_id', 'status'])
      .execute()
    return rows.map((r) => ({ agencyId: r.agency_id, status: r.status, count: Number(r.count) }))
  }

  /**
   * Submits every draft entry of the agency in the review, and marks its chronology request submitted, in
   * one transaction. Returns how many entries were submitted.
   */
  async submitDrafts(reviewId: string, agencyId: string, now: Date): Promise<number> {
    const at = now.toISOString()
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('chronology_entry')
        .set({ status: 'submitted', submitted_at: at, updated_at: at })
        .where('review_id', '=', reviewId)
        .where('agency_id', '=', agencyId)
        .where('status', '=', 'draft')
        .executeTakeFirst()
      const count = Number(result.numUpdatedRows)
      if (count > 0) {
        await trx
          .updateTable('agency_request')
          .set({ status: 'submitted', submitted_at: at })
          .where('review_id', '=', reviewId)
          .where('agency_id', '=', agencyId)
          .where('kind', '=', 'chronology')
          .execute()
      }
      return count
    })
  }

  // Links ------------------------------------------------------------------------------------------------

  /** Reviewers' decisions on links in a review. */
  async listLinkDecisions(reviewId: string): Promise<LinkDecision[]> {
    const rows = await this.#db.selectFrom('chronology_link').selectAll().where('review_id', '=', reviewId).execute()
    return rows.map((r) => ({
      entryIds: JSON.parse(r.entry_ids) as string[],
      status: r.status as LinkDecision['status'],
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }))
  }

  /** Records (or changes) the decision on a link between entries. */
  async saveLinkDecision(
    reviewId: string,
    entryIds: readonly string[],
    status: LinkDecision['status'],
    decidedBy: string,
    now: Date,
  ): Promise<void> {
    const values = { status, decided_by: decidedBy, decided_at: now.toISOString() }
    await this.#db
      .insertInto('chronology_link')
      .values({
        id: randomUUID(),
        review_id: reviewId,
        entry_key: linkKey(entryIds),
        entry_ids: JSON.stringify([...entryIds].sort()),
        ...values,
      })
      .onConflict((oc) => oc.columns(['review_id', 'entry_key']).doUpdateSet(values))
      .execute()
  }

  /** Deletes every draft entry of the agency in the review (their people links go with them). Returns how many. */
  async deleteDrafts(reviewId: string, agencyId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('chronology_entry')
      .where('review_id', '=', reviewId)
      .where('agency_id', '=', agencyId)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

// Replacing entries from an import's duplicates (issue 11): inside the import's own commit transaction, so
// the commit stays all or nothing. The entry keeps its id (its people, links and episodes stay with it); a
// submitted entry keeps its earlier text as a revision, as a correction does, with the import as its reason.

/** An existing entry and the text that replaces it. */
export interface EntryReplacement {
  entryId: string
  content: EntryContent
}

/**
 * Replaces the text of existing entries of the agency in the review. Returns how many were replaced; an
 * entry that is not the agency's (or has gone) is left alone and not counted, so the caller can roll back.
 */
export async function replaceEntries(
  trx: Transaction<Database> | Kysely<Database>,
  owner: { reviewId: string; agencyId: string; by: string; reason: string },
  replacements: readonly EntryReplacement[],
  now: Date,
): Promise<number> {
  const at = now.toISOString()
  let replaced = 0
  for (const { entryId, content } of replacements) {
    const current = await trx
      .selectFrom('chronology_entry')
      .selectAll()
      .where('id', '=', entryId)
      .where('review_id', '=', owner.reviewId)
      .where('agency_id', '=', owner.agencyId)
      .executeTakeFirst()
    if (!current) continue
    if (current.status === 'submitted') {
      const count = await trx
        .selectFrom('chronology_entry_revision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entry_id', '=', entryId)
        .executeTakeFirstOrThrow()
      const previous: EntryContent = {
        agency: current.agency,
        date: JSON.parse(current.date) as ChronologyDate,
        time: current.time,
        sourceRecord: current.source_record,
        practitionerRole: current.practitioner_role,
        peopleInvolved: JSON.parse(current.people_involved) as string[],
        event: current.event,
        actionTaken: current.action_taken,
        outcome: current.outcome,
        significance: current.significance,
      }
      await trx
        .insertInto('chronology_entry_revision')
        .values({
          id: randomUUID(),
          review_id: owner.reviewId,
          entry_id: entryId,
          version: Number(count.n) + 1,
          previous: JSON.stringify(previous),
          reason: owner.reason,
          changed_by: owner.by,
          changed_at: at,
        })
        .execute()
    }
    await trx
      .updateTable('chronology_entry')
      .set({ ...entryColumns(content), updated_at: at })
      .where('id', '=', entryId)
      .execute()
    replaced++
  }
  return replaced
}
