import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CastMember, Place } from '../../anonymisation/case-types.ts'
import type { Database } from '../../db/schema.ts'

/** All SQL for a review's people, places and pseudonym register. */
export class CaseKnowledgeRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The review's people in the order they were added; each person's `id` is the row id. */
  async people(reviewId: string): Promise<CastMember[]> {
    const rows = await this.#db
      .selectFrom('case_person')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute()
    return rows.map((r) => ({ ...(JSON.parse(r.data) as Omit<CastMember, 'id'>), id: r.id }))
  }

  async places(reviewId: string): Promise<Array<Place & { id: string }>> {
    const rows = await this.#db
      .selectFrom('case_place')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute()
    return rows.map((r) => ({ ...(JSON.parse(r.data) as Place), id: r.id }))
  }

  /** Add people (and places) in one transaction: all or nothing. */
  async add(reviewId: string, people: Omit<CastMember, 'id'>[], places: Place[], by: string, now: Date): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (const [table, items] of [
        ['case_person', people],
        ['case_place', places],
      ] as const) {
        if (items.length === 0) continue
        const count = await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('review_id', '=', reviewId)
          .executeTakeFirstOrThrow()
        await trx
          .insertInto(table)
          .values(
            items.map((item, i) => ({
              id: randomUUID(),
              review_id: reviewId,
              position: Number(count.n) + i + 1,
              data: JSON.stringify(item),
              updated_by: by,
              updated_at: now.toISOString(),
            })),
          )
          .execute()
      }
    })
  }

  /** Remove one person or place of the review; false when there was none. */
  async remove(reviewId: string, kind: 'person' | 'place', id: string): Promise<boolean> {
    const table = kind === 'person' ? 'case_person' : 'case_place'
    const result = await this.#db
      .deleteFrom(table)
      .where('review_id', '=', reviewId)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numDeletedRows) === 1
  }

  async register(reviewId: string): Promise<unknown | null> {
    const row = await this.#db
      .selectFrom('pseudonym_register')
      .select('data')
      .where('review_id', '=', reviewId)
      .executeTakeFirst()
    return row ? JSON.parse(row.data) : null
  }

  async saveRegister(reviewId: string, data: unknown, now: Date): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('pseudonym_register').where('review_id', '=', reviewId).execute()
      await trx
        .insertInto('pseudonym_register')
        .values({ review_id: reviewId, data: JSON.stringify(data), updated_at: now.toISOString() })
        .execute()
    })
  }
}
