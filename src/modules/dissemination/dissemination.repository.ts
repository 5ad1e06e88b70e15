import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { DisseminationRecord, DisseminationRequest, Method } from './dissemination.ts'

/** A request whose due date has passed with nothing recorded: what a reminder needs. */
export interface UnrecordedRequest {
  readonly id: string
  readonly reviewId: string
  readonly reviewReference: string
  readonly reviewPseudonym: string | null
  readonly partnershipId: string
  readonly agencyId: string
  readonly agencyName: string
  readonly dueDate: IsoDate
}

/** All SQL of dissemination. Access is checked by `DisseminationService`, never here. */
export class DisseminationRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The review's reference and pseudonym (to title pages), or undefined. */
  async reviewTitle(
    reviewId: string,
  ): Promise<{ id: string; reference: string; pseudonym: string | null } | undefined> {
    return this.#db
      .selectFrom('review')
      .select(['id', 'reference', 'pseudonym'])
      .where('id', '=', reviewId)
      .executeTakeFirst()
  }

  /** The review's requests (one agency's only when `agencyId` is given) with their records, oldest first. */
  async requests(reviewId: string, agencyId: string | null = null): Promise<DisseminationRequest[]> {
    let query = this.#db
      .selectFrom('dissemination_request')
      .innerJoin('agency', 'agency.id', 'dissemination_request.agency_id')
      .selectAll('dissemination_request')
      .select('agency.name as agency_name')
      .where('dissemination_request.review_id', '=', reviewId)
    if (agencyId) query = query.where('dissemination_request.agency_id', '=', agencyId)
    const requests = await query.orderBy('agency.name').execute()
    if (!requests.length) return []
    const records = await this.#db
      .selectFrom('dissemination_record')
      .selectAll()
      .where(
        'request_id',
        'in',
        requests.map((r) => r.id),
      )
      .orderBy('shared_on')
      .orderBy('created_at')
      .execute()
    return requests.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      partnershipId: r.partnership_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      dueDate: r.due_date,
      createdAt: r.created_at,
      records: records
        .filter((x) => x.request_id === r.id)
        .map((x): DisseminationRecord => ({
          id: x.id,
          requestId: x.request_id,
          method: x.method as Method,
          sharedOn: x.shared_on,
          practitioners: Number(x.practitioners),
          note: x.note,
          recordedByName: x.recorded_by_name,
          createdAt: x.created_at,
        })),
    }))
  }

  /** Asks agencies (those not yet asked in the review); returns how many were newly asked. */
  async ask(
    review: { id: string; partnershipId: string },
    agencyIds: readonly string[],
    dueDate: IsoDate,
    userId: string,
    now: Date,
  ): Promise<number> {
    const asked = new Set(
      (
        await this.#db
          .selectFrom('dissemination_request')
          .select('agency_id')
          .where('review_id', '=', review.id)
          .execute()
      ).map((r) => r.agency_id),
    )
    const fresh = [...new Set(agencyIds)].filter((id) => !asked.has(id))
    if (!fresh.length) return 0
    await this.#db
      .insertInto('dissemination_request')
      .values(
        fresh.map((agencyId) => ({
          id: randomUUID(),
          review_id: review.id,
          partnership_id: review.partnershipId,
          agency_id: agencyId,
          due_date: dueDate,
          created_by: userId,
          created_at: now.toISOString(),
        })),
      )
      .execute()
    return fresh.length
  }

  /** Adds a record to a request; returns its id. */
  async addRecord(
    requestId: string,
    record: { method: Method; sharedOn: IsoDate; practitioners: number; note: string },
    by: { userId: string; name: string },
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    await this.#db
      .insertInto('dissemination_record')
      .values({
        id,
        request_id: requestId,
        method: record.method,
        shared_on: record.sharedOn,
        practitioners: record.practitioners,
        note: record.note,
        recorded_by: by.userId,
        recorded_by_name: by.name,
        created_at: now.toISOString(),
      })
      .execute()
    return id
  }

  /** Requests of every partnership due before `today` with nothing recorded (for the reminder sweep). */
  async unrecordedBefore(today: IsoDate): Promise<UnrecordedRequest[]> {
    const rows = await this.#db
      .selectFrom('dissemination_request')
      .innerJoin('review', 'review.id', 'dissemination_request.review_id')
      .innerJoin('agency', 'agency.id', 'dissemination_request.agency_id')
      .select([
        'dissemination_request.id as id',
        'dissemination_request.review_id as review_id',
        'review.reference as reference',
        'review.pseudonym as pseudonym',
        'dissemination_request.partnership_id as partnership_id',
        'dissemination_request.agency_id as agency_id',
        'agency.name as agency_name',
        'dissemination_request.due_date as due_date',
      ])
      .where('dissemination_request.due_date', '<', today)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('dissemination_record')
              .select('dissemination_record.id')
              .whereRef('dissemination_record.request_id', '=', 'dissemination_request.id'),
          ),
        ),
      )
      .orderBy('dissemination_request.due_date')
      .orderBy('dissemination_request.id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      reviewReference: r.reference,
      reviewPseudonym: r.pseudonym,
      partnershipId: r.partnership_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      dueDate: r.due_date,
    }))
  }
}
