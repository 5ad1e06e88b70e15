import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** What the access policy needs to know about a review to decide. */
export interface ReviewAccessFacts {
  readonly id: string
  readonly partnershipId: string
  /** True once the notification was submitted to the national panel. */
  readonly notificationSubmitted: boolean
}

/** The review and (when the resource belongs to one agency) the agency that owns a resource. */
export interface OwnedResource {
  readonly reviewId: string
  readonly agencyId: string | null
}

/**
 * The lookups the access policy makes, and nothing else: a review's partnership and submitted
 * state, membership of a review, whether an agency is asked to contribute, and the review (and
 * agency) that own a chronology entry, agency report, action, file or document.
 *
 * Contract: every method is a read; unknown ids answer `undefined` / `false`, never throw.
 */
export class AccessRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async review(reviewId: string): Promise<ReviewAccessFacts | undefined> {
    const row = await this.#db
      .selectFrom('review')
      .select(['id', 'partnership_id', 'notification_submitted_at'])
      .where('id', '=', reviewId)
      .executeTakeFirst()
    return (
      row && { id: row.id, partnershipId: row.partnership_id, notificationSubmitted: !!row.notification_submitted_at }
    )
  }

  async isMember(reviewId: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('review_member')
      .select('user_id')
      .where('review_id', '=', reviewId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row !== undefined
  }

  /** True when the agency has (or had) a chronology or agency-report request in the review. */
  async isAskedToContribute(reviewId: string, agencyId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('agency_request')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst()
    return row !== undefined
  }

  /** The reviews of a partnership the agency is asked to contribute to (for lists). */
  async reviewsAskingAgency(agencyId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('agency_request')
      .select('review_id')
      .distinct()
      .where('agency_id', '=', agencyId)
      .execute()
    return rows.map((r) => r.review_id)
  }

  async chronologyEntry(id: string): Promise<OwnedResource | undefined> {
    const row = await this.#db
      .selectFrom('chronology_entry')
      .select(['review_id', 'agency_id'])
      .where('id', '=', id)
      .executeTakeFirst()
    return row && { reviewId: row.review_id, agencyId: row.agency_id }
  }

  async agencyReport(id: string): Promise<OwnedResource | undefined> {
    const row = await this.#db
      .selectFrom('agency_report')
      .select(['review_id', 'agency_id'])
      .where('id', '=', id)
      .executeTakeFirst()
    return row && { reviewId: row.review_id, agencyId: row.agency_id }
  }

  async action(id: string): Promise<OwnedResource | undefined> {
    const row = await this.#db
      .selectFrom('plan_action')
      .select(['review_id', 'agency_id'])
      .where('id', '=', id)
      .executeTakeFirst()
    return row && { reviewId: row.review_id, agencyId: row.agency_id }
  }

  async file(id: string): Promise<OwnedResource | undefined> {
    const row = await this.#db.selectFrom('review_file').select(['review_id']).where('id', '=', id).executeTakeFirst()
    return row && { reviewId: row.review_id, agencyId: null }
  }

  async document(id: string): Promise<OwnedResource | undefined> {
    const row = await this.#db
      .selectFrom('review_document')
      .select(['review_id'])
      .where('id', '=', id)
      .executeTakeFirst()
    return row && { reviewId: row.review_id, agencyId: null }
  }
}
