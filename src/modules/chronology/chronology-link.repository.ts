import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { linkKey } from './integrated-chronology.ts'

/** A reviewer's decision on a proposed link. */
export interface LinkDecision {
  entryIds: string[]
  status: 'confirmed' | 'split'
  decidedBy: string
  decidedAt: string
}

/** All SQL for reviewers' decisions on links proposed between agencies' entries (`chronology_link`). */
export class ChronologyLinkRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

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
}
