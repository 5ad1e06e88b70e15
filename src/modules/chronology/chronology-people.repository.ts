import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CastMember } from '../../anonymisation/case-types.ts'
import type { Database } from '../../db/schema.ts'

/** A link between an entry and a person in the case (or a removed proposal). */
export interface EntryPersonLink {
  entryId: string
  personId: string
  source: 'matched' | 'added'
  status: 'linked' | 'removed'
}

/**
 * The review's people in the case and its pseudonym register, as the case-knowledge slice stores them
 * (composition.ts passes its repository): the chronology reads them to link and mask, and keeps the register
 * when it gives someone a new label.
 */
export interface CastStore {
  people(reviewId: string): Promise<CastMember[]>
  register(reviewId: string): Promise<unknown | null>
  saveRegister(reviewId: string, data: unknown, now: Date): Promise<void>
}

/** All SQL for the people in the case linked to chronology entries (`chronology_entry_person`). */
export class ChronologyPeopleRepository {
  readonly #db: Kysely<Database>
  readonly #cast: CastStore
  constructor(db: Kysely<Database>, cast: CastStore) {
    this.#db = db
    this.#cast = cast
  }

  /** The review's people in the case (real names: callers decide what to show) and its pseudonym register. */
  async cast(reviewId: string): Promise<{ people: CastMember[]; register: unknown | null }> {
    const [people, register] = await Promise.all([this.#cast.people(reviewId), this.#cast.register(reviewId)])
    return { people, register }
  }

  /** Keeps the register after new labels were given (the same person keeps one label everywhere). */
  async saveRegister(reviewId: string, data: unknown, now: Date): Promise<void> {
    await this.#cast.saveRegister(reviewId, data, now)
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
}
