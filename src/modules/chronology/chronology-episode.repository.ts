import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { StaleVersionError } from './chronology.ts'

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

/** All SQL for key practice episodes (`chronology_episode`) and their entries (`chronology_episode_entry`). */
export class ChronologyEpisodeRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

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
}
