import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CastMember, Place } from '../../anonymisation/case-types.ts'
import type { Database } from '../../db/schema.ts'
import type { AnonymisationDecision } from './anonymisation-decisions.ts'

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
    // An upsert, not delete-then-insert: two anonymisations of one review at once must both succeed.
    const row = { review_id: reviewId, data: JSON.stringify(data), updated_at: now.toISOString() }
    await this.#db
      .insertInto('pseudonym_register')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('review_id').doUpdateSet({ data: row.data, updated_at: row.updated_at }),
      )
      .execute()
  }

  async createDocument(reviewId: string, title: string, body: string, by: string, now: Date): Promise<string> {
    const id = randomUUID()
    await this.#db
      .insertInto('review_document')
      .values({
        id,
        review_id: reviewId,
        title,
        body,
        decisions: '[]',
        status: 'draft',
        anonymised_text: null,
        marked_by: null,
        marked_at: null,
        version: 1,
        updated_by: by,
        updated_at: now.toISOString(),
      })
      .execute()
    return id
  }

  async documents(reviewId: string): Promise<Array<{ id: string; title: string; status: string; updatedAt: string }>> {
    const rows = await this.#db
      .selectFrom('review_document')
      .select(['id', 'title', 'status', 'updated_at'])
      .where('review_id', '=', reviewId)
      .orderBy('title')
      .execute()
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, updatedAt: r.updated_at }))
  }

  async document(reviewId: string, id: string): Promise<StoredDocument | undefined> {
    const r = await this.#db
      .selectFrom('review_document')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', id)
      .executeTakeFirst()
    return (
      r && {
        id: r.id,
        title: r.title,
        body: r.body,
        decisions: JSON.parse(r.decisions) as AnonymisationDecision[],
        status: r.status as StoredDocument['status'],
        anonymisedText: r.anonymised_text,
        markedAt: r.marked_at,
        version: Number(r.version),
      }
    )
  }

  /**
   * Save a change to a document if it is still at `expectedVersion` (false when someone else saved
   * first). Any change makes the document a draft again, except marking it anonymised.
   */
  async updateDocument(
    reviewId: string,
    id: string,
    expectedVersion: number,
    changes: { body?: string; decisions?: AnonymisationDecision[]; anonymisedText?: string },
    by: string,
    now: Date,
  ): Promise<boolean> {
    const marking = changes.anonymisedText !== undefined
    const result = await this.#db
      .updateTable('review_document')
      .set({
        ...(changes.body !== undefined ? { body: changes.body } : {}),
        ...(changes.decisions !== undefined ? { decisions: JSON.stringify(changes.decisions) } : {}),
        status: marking ? 'anonymised' : 'draft',
        anonymised_text: marking ? changes.anonymisedText! : null,
        marked_by: marking ? by : null,
        marked_at: marking ? now.toISOString() : null,
        version: expectedVersion + 1,
        updated_by: by,
        updated_at: now.toISOString(),
      })
      .where('review_id', '=', reviewId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}

/** A document as stored. */
export interface StoredDocument {
  id: string
  title: string
  body: string
  decisions: AnonymisationDecision[]
  status: 'draft' | 'anonymised'
  anonymisedText: string | null
  markedAt: string | null
  version: number
}
