import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { requestIdOfReminderKey, type ReminderFact } from './task.ts'

/** A review an agency has been asked to contribute to: its reference and pseudonym only. */
export interface ReviewAskingAgency {
  readonly id: string
  readonly reference: string
  readonly pseudonym: string | null
  /** The review's stage: whether its requests are still waiting (see stageAllows). */
  readonly stage: string
}

/** A reminder email of one review, with its body (only the coordinator's view shows the body). */
export interface ReviewReminder extends ReminderFact {
  readonly kind: string
  readonly subject: string
  readonly body: string
}

/**
 * The reads the home pages need that no other slice has: an agency's requests across its partnership's
 * reviews, and a review's reminder emails. Access is checked by {@link TaskService}, never here.
 */
export class TaskRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /**
   * The reviews of `partnershipId` in which `agencyId` has been asked for anything (reference and pseudonym
   * only), by reference. The requests themselves are read through the chronology service, as the actor.
   */
  async reviewsAskingAgency(partnershipId: string, agencyId: string): Promise<ReviewAskingAgency[]> {
    const rows = await this.#db
      .selectFrom('agency_request')
      .innerJoin('review', 'review.id', 'agency_request.review_id')
      .select(['review.id as id', 'review.reference as reference', 'review.pseudonym as pseudonym', 'review.stage as stage'])
      .where('review.partnership_id', '=', partnershipId)
      .where('agency_request.agency_id', '=', agencyId)
      .groupBy(['review.id', 'review.reference', 'review.pseudonym', 'review.stage'])
      .orderBy('review.reference')
      .execute()
    return rows.map((r) => ({ id: r.id, reference: r.reference, pseudonym: r.pseudonym, stage: r.stage }))
  }

  /** Reminder emails about a review's agency requests, newest first. */
  async remindersOfReview(reviewId: string): Promise<ReviewReminder[]> {
    const rows = await this.#db
      .selectFrom('outbox_message')
      .select(['dedupe_key', 'recipient', 'created_at', 'status', 'sent_at', 'kind', 'subject', 'body'])
      .where('review_id', '=', reviewId)
      .where('kind', 'in', ['request.reminder', 'request.overdue'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
    return rows.flatMap((r) => {
      const requestId = requestIdOfReminderKey(r.dedupe_key)
      if (!requestId) return []
      return [
        {
          requestId,
          to: r.recipient,
          queuedAt: r.created_at,
          status: r.status,
          sentAt: r.sent_at,
          kind: r.kind,
          subject: r.subject,
          body: r.body,
        },
      ]
    })
  }
}
