import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CastMember } from '../../anonymisation/case-types.ts'
import type { Database } from '../../db/schema.ts'
import { CaseKnowledgeRepository } from '../case-knowledge/case-knowledge.repository.ts'
import { entryColumns, type EntryContent } from './chronology-entry-columns.ts'

/** A link between an entry and a person in the case (or a removed proposal). */
export interface EntryPersonLink {
  entryId: string
  personId: string
  source: 'matched' | 'added'
  status: 'linked' | 'removed'
}

/** A key practice episode as stored. */
export interface StoredEpisode {
  id: string
  reviewId: string
  name: string
  notes: string
  version: number
  entryIds: string[]
  createdBy: string
  createdAt: string
  updatedBy: string
  updatedAt: string
}

/** Sharing the integrated chronology with the review's agencies: shared or withdrawn, by whom, when. */
export interface ShareEvent {
  action: 'shared' | 'withdrawn'
  actedBy: string
  /** The user's display name. */
  actedByName: string
  actedAt: string
}

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

import { StaleVersionError } from './chronology.ts'

export { StaleVersionError }

/** All SQL for people linked to entries, key practice episodes, sharing and corrections of entries. */
export class ChronologyExtraRepository {
  readonly #db: Kysely<Database>
  readonly #cases: CaseKnowledgeRepository
  constructor(db: Kysely<Database>) {
    this.#db = db
    this.#cases = new CaseKnowledgeRepository(db)
  }

  // People in the case -----------------------------------------------------------------------------------

  /** The review's people in the case (real names: callers decide what to show) and its pseudonym register. */
  async cast(reviewId: string): Promise<{ people: CastMember[]; register: unknown | null }> {
    const [people, register] = await Promise.all([this.#cases.people(reviewId), this.#cases.register(reviewId)])
    return { people, register }
  }

  /** Keeps the register after new labels were given (the same person keeps one label everywhere). */
  async saveRegister(reviewId: string, data: unknown, now: Date): Promise<void> {
    await this.#cases.saveRegister(reviewId, data, now)
  }

  /** Every person link and removed proposal of a review (of some entries when given). */
  async personLinks(reviewId: string, entryIds?: readonly string[]): Promise<EntryPersonLink[]> {
    let q = this.#db
      .selectFrom('chronology_entry_person')
      .select(['entry_id', 'person_id', 'source', 'status'])
      .where('review_id', '=', reviewId)
    if (entryIds) {
      if (entryIds.length === 0) return []
      q = q.where('entry_id', 'in', [...entryIds])
    }
    const rows = await q.execute()
    return rows.map((r) => ({
      entryId: r.entry_id,
      personId: r.person_id,
      source: r.source as EntryPersonLink['source'],
      status: r.status as EntryPersonLink['status'],
    }))
  }

  /** Links (or unlinks, keeping the row so a proposal does not come back) one person and one entry. */
  async setPersonLink(reviewId: string, link: EntryPersonLink, by: string, now: Date): Promise<void> {
    const values = { source: link.source, status: link.status, updated_by: by, updated_at: now.toISOString() }
    await this.#db
      .insertInto('chronology_entry_person')
      .values({ id: randomUUID(), review_id: reviewId, entry_id: link.entryId, person_id: link.personId, ...values })
      .onConflict((oc) => oc.columns(['entry_id', 'person_id']).doUpdateSet(values))
      .execute()
  }

  /**
   * Stores the proposed people of entries: a matched link no longer proposed goes, a new proposal is linked
   * unless someone removed it before; links people added by hand stay. One transaction.
   */
  async replaceMatched(
    reviewId: string,
    proposals: ReadonlyMap<string, readonly string[]>,
    by: string,
    now: Date,
  ): Promise<void> {
    if (proposals.size === 0) return
    const at = now.toISOString()
    await this.#db.transaction().execute(async (trx) => {
      const ids = [...proposals.keys()]
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500)
        const existing = await trx
          .selectFrom('chronology_entry_person')
          .select(['id', 'entry_id', 'person_id', 'source', 'status'])
          .where('entry_id', 'in', batch)
          .execute()
        const stale = existing.filter(
          (r) => r.source === 'matched' && r.status === 'linked' && !proposals.get(r.entry_id)!.includes(r.person_id),
        )
        if (stale.length) {
          await trx
            .deleteFrom('chronology_entry_person')
            .where(
              'id',
              'in',
              stale.map((r) => r.id),
            )
            .execute()
        }
        const known = new Set(existing.map((r) => `${r.entry_id}|${r.person_id}`))
        const fresh = batch.flatMap((entryId) =>
          proposals
            .get(entryId)!
            .filter((personId) => !known.has(`${entryId}|${personId}`))
            .map((personId) => ({
              id: randomUUID(),
              review_id: reviewId,
              entry_id: entryId,
              person_id: personId,
              source: 'matched',
              status: 'linked',
              updated_by: by,
              updated_at: at,
            })),
        )
        for (let j = 0; j < fresh.length; j += 400) {
          await trx
            .insertInto('chronology_entry_person')
            .values(fresh.slice(j, j + 400))
            .execute()
        }
      }
    })
  }

  // Key practice episodes ----------------------------------------------------------------------------------

  /** Creates an episode from entries; returns its id. */
  async createEpisode(
    reviewId: string,
    input: { name: string; notes: string; entryIds: readonly string[] },
    by: string,
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    const at = now.toISOString()
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('chronology_episode')
        .values({
          id,
          review_id: reviewId,
          name: input.name,
          notes: input.notes,
          version: 1,
          created_by: by,
          created_at: at,
          updated_by: by,
          updated_at: at,
        })
        .execute()
      await trx
        .insertInto('chronology_episode_entry')
        .values([...new Set(input.entryIds)].map((entryId) => ({ episode_id: id, entry_id: entryId })))
        .execute()
    })
    return id
  }

  /** A review's episodes with their entries, by name. */
  async episodes(reviewId: string): Promise<StoredEpisode[]> {
    const rows = await this.#db
      .selectFrom('chronology_episode')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('name')
      .orderBy('created_at')
      .execute()
    if (rows.length === 0) return []
    const members = await this.#db
      .selectFrom('chronology_episode_entry')
      .select(['episode_id', 'entry_id'])
      .where(
        'episode_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    return rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      name: r.name,
      notes: r.notes,
      version: Number(r.version),
      entryIds: members.filter((m) => m.episode_id === r.id).map((m) => m.entry_id),
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }))
  }

  /**
   * Changes an episode's name, notes and entries when it is still at `version`. Throws StaleVersionError
   * when someone else changed it first (nothing is stored); returns false when there is no such episode.
   */
  async updateEpisode(
    reviewId: string,
    episodeId: string,
    input: { name: string; notes: string; entryIds: readonly string[]; version: number },
    by: string,
    now: Date,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('chronology_episode')
        .select('id')
        .where('id', '=', episodeId)
        .where('review_id', '=', reviewId)
        .executeTakeFirst()
      if (!exists) return false
      const result = await trx
        .updateTable('chronology_episode')
        .set({
          name: input.name,
          notes: input.notes,
          version: input.version + 1,
          updated_by: by,
          updated_at: now.toISOString(),
        })
        .where('id', '=', episodeId)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw new StaleVersionError('The episode was changed by someone else')
      await trx.deleteFrom('chronology_episode_entry').where('episode_id', '=', episodeId).execute()
      if (input.entryIds.length) {
        await trx
          .insertInto('chronology_episode_entry')
          .values([...new Set(input.entryIds)].map((entryId) => ({ episode_id: episodeId, entry_id: entryId })))
          .execute()
      }
      return true
    })
  }

  // Sharing ----------------------------------------------------------------------------------------------

  /**
   * Records that the integrated chronology was shared with the review's agencies, or withdrawn, when the
   * current state is not already that; returns false (recording nothing) when it is. Two coordinators at the
   * same moment: the unique (review, seq) lets only one of them record, the other's insert fails.
   */
  async addShareEvent(reviewId: string, action: ShareEvent['action'], by: string, now: Date): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('chronology_share_event')
        .select(['seq', 'action'])
        .where('review_id', '=', reviewId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst()
      if ((latest?.action ?? 'withdrawn') === action) return false
      await trx
        .insertInto('chronology_share_event')
        .values({
          id: randomUUID(),
          review_id: reviewId,
          seq: Number(latest?.seq ?? 0) + 1,
          action,
          acted_by: by,
          acted_at: now.toISOString(),
        })
        .execute()
      return true
    })
  }

  /** Every share and withdrawal of a review, latest first (the first is the current state). */
  async shareEvents(reviewId: string): Promise<ShareEvent[]> {
    const rows = await this.#db
      .selectFrom('chronology_share_event as s')
      .leftJoin('app_user as u', 'u.id', 's.acted_by')
      .select(['s.action', 's.acted_by', 's.acted_at', 'u.display_name'])
      .where('s.review_id', '=', reviewId)
      .orderBy('s.seq', 'desc')
      .execute()
    return rows.map((r) => ({
      action: r.action as ShareEvent['action'],
      actedBy: r.acted_by,
      actedByName: r.display_name ?? 'A former user',
      actedAt: r.acted_at,
    }))
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
