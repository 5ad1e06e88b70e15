import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** Sharing the integrated chronology with the review's agencies: shared or withdrawn, by whom, when. */
export interface ShareEvent {
  action: 'shared' | 'withdrawn'
  actedBy: string
  /** The user's display name. */
  actedByName: string
  actedAt: string
}

/** All SQL for sharing the integrated chronology with the review's agencies (`chronology_share_event`). */
export class ChronologySharingRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** True when the integrated chronology is shared with the review's agencies now (its latest event). */
  async isShared(reviewId: string): Promise<boolean> {
    const [latest] = await this.shareEvents(reviewId)
    return latest?.action === 'shared'
  }

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
}
