import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { AgencyRequest, RequestKind } from './chronology.ts'

/**
 * All SQL for requests to agencies (`agency_request`): what a coordinator asked of each agency, by when.
 * (Submitting an agency's chronology marks its request submitted inside the entries' own transaction, in
 * {@link ChronologyEntryRepository.submitDrafts}.)
 */
export class ChronologyRequestRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Creates a request, or moves the due date of the same open request (one per review, agency and kind). */
  async upsertRequest(
    input: { reviewId: string; agencyId: string; kind: RequestKind; dueDate: string; requestedBy: string },
    now: Date,
  ): Promise<void> {
    await this.#db
      .insertInto('agency_request')
      .values({
        id: randomUUID(),
        review_id: input.reviewId,
        agency_id: input.agencyId,
        kind: input.kind,
        due_date: input.dueDate,
        status: 'requested',
        requested_by: input.requestedBy,
        created_at: now.toISOString(),
        submitted_at: null,
      })
      .onConflict((oc) => oc.columns(['review_id', 'agency_id', 'kind']).doUpdateSet({ due_date: input.dueDate }))
      .execute()
  }

  /** Requests of a review (of one agency when given), by due date. */
  async listRequests(reviewId: string, agencyId?: string): Promise<AgencyRequest[]> {
    let q = this.#db.selectFrom('agency_request').selectAll().where('review_id', '=', reviewId)
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId)
    const rows = await q.orderBy('due_date').orderBy('agency_id').orderBy('kind').execute()
    return rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      agencyId: r.agency_id,
      kind: r.kind as RequestKind,
      dueDate: r.due_date,
      status: r.status as AgencyRequest['status'],
      requestedBy: r.requested_by,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
    }))
  }
}
