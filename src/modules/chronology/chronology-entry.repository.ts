import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { ChronologyEntryTable, Database } from '../../db/schema.ts'
import type { ChronologyDate } from './chronology-date.ts'
import { StaleVersionError, type ChronologyEntry } from './chronology.ts'
import { entryColumns, type EntryContent } from './chronology-entry-columns.ts'

/** What the chronology pages show of a review. */
export interface ReviewSummary {
  id: string
  partnershipId: string
  reference: string
  pseudonym: string | null
}

export type { ChronologyEntry } from './chronology.ts'

/** The text of an entry, as typed or imported. */
export type { EntryContent } from './chronology-entry-columns.ts'

/** The text of a submitted entry before a correction. */
export interface EntryRevision {
  version: number
  previous: EntryContent
  reason: string
  changedBy: string
  /** The user's display name. */
  changedByName: string
  changedAt: string
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

/**
 * All SQL for chronology entries (`chronology_entry`): drafts typed in the browser, submission (which also
 * marks the agency's chronology request submitted, in the same transaction), discarding drafts, and
 * corrections of submitted entries with their earlier texts (`chronology_entry_revision`). Imported rows are
 * stored by {@link ChronologyImportRepository}'s commit, the one commit path of an import.
 */
export class ChronologyEntryRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
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

  // Entries ----------------------------------------------------------------------------------------------

  /** Adds one draft entry typed in the browser; returns its id. */
  async addEntry(
    owner: { reviewId: string; agencyId: string; createdBy: string },
    content: EntryContent,
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    const at = now.toISOString()
    await this.#db
      .insertInto('chronology_entry')
      .values({
        id,
        review_id: owner.reviewId,
        agency_id: owner.agencyId,
        ...entryColumns(content),
        import_id: null,
        import_row: null,
        status: 'draft',
        created_by: owner.createdBy,
        created_at: at,
        updated_at: at,
        submitted_at: null,
      })
      .execute()
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

  // Corrections of submitted entries ---------------------------------------------------------------------

  /**
   * Replaces a submitted entry's text, keeping the text it had as revision `version`. Throws
   * StaleVersionError when the entry is no longer at `version` (someone corrected it first): the unique
   * (entry, version) of revisions makes the second of two simultaneous corrections fail.
   */
  async correctEntry(
    reviewId: string,
    entryId: string,
    change: { version: number; previous: EntryContent; next: EntryContent; reason: string },
    by: string,
    now: Date,
  ): Promise<void> {
    const at = now.toISOString()
    try {
      await this.#db.transaction().execute(async (trx) => {
        const count = await trx
          .selectFrom('chronology_entry_revision')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('entry_id', '=', entryId)
          .executeTakeFirstOrThrow()
        if (Number(count.n) + 1 !== change.version)
          throw new StaleVersionError('The entry was corrected by someone else')
        await trx
          .insertInto('chronology_entry_revision')
          .values({
            id: randomUUID(),
            review_id: reviewId,
            entry_id: entryId,
            version: change.version,
            previous: JSON.stringify(change.previous),
            reason: change.reason,
            changed_by: by,
            changed_at: at,
          })
          .execute()
        const updated = await trx
          .updateTable('chronology_entry')
          .set({ ...entryColumns(change.next), updated_at: at })
          .where('id', '=', entryId)
          .where('review_id', '=', reviewId)
          .where('status', '=', 'submitted')
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new StaleVersionError('The entry is not a submitted entry')
      })
    } catch (error) {
      if (error instanceof StaleVersionError) throw error
      // The unique (entry, version) refused a simultaneous correction.
      if (await this.#revisionExists(entryId, change.version)) {
        throw new StaleVersionError('The entry was corrected by someone else')
      }
      throw error
    }
  }

  async #revisionExists(entryId: string, version: number): Promise<boolean> {
    const row = await this.#db
      .selectFrom('chronology_entry_revision')
      .select('id')
      .where('entry_id', '=', entryId)
      .where('version', '=', version)
      .executeTakeFirst()
    return row !== undefined
  }

  /** A submitted entry's earlier texts, earliest first. Its current version is their count plus one. */
  async revisions(entryId: string): Promise<EntryRevision[]> {
    const rows = await this.#db
      .selectFrom('chronology_entry_revision as r')
      .leftJoin('app_user as u', 'u.id', 'r.changed_by')
      .select(['r.version', 'r.previous', 'r.reason', 'r.changed_by', 'r.changed_at', 'u.display_name'])
      .where('r.entry_id', '=', entryId)
      .orderBy('r.version')
      .execute()
    return rows.map((r) => ({
      version: Number(r.version),
      previous: JSON.parse(r.previous) as EntryContent,
      reason: r.reason,
      changedBy: r.changed_by,
      changedByName: r.display_name ?? 'A former user',
      changedAt: r.changed_at,
    }))
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
