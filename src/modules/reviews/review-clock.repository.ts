import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { ClockDefinition, ClockDirection, ClockEvent, ClockLengthUnit } from '../clocks/clock.ts'
import type { IsoDate } from '../clocks/plain-date.ts'

/** An agreed extension of one of a review's statutory clocks. */
export interface ClockExtensionRecord {
  id: string
  clockKey: string
  reason: string
  newDueDate: IsoDate
  agreedOn: IsoDate | null
  recordedAt: string
}

/** All SQL for the statutory clocks: each partnership's clock definitions and each review's agreed extensions. */
export class ReviewClockRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async addExtension(
    reviewId: string,
    input: { clockKey: string; reason: string; newDueDate: IsoDate; agreedOn: IsoDate | null; recordedBy: string },
    now: Date,
  ): Promise<void> {
    await this.#db
      .insertInto('clock_extension')
      .values({
        id: randomUUID(),
        review_id: reviewId,
        clock_key: input.clockKey,
        reason: input.reason,
        new_due_date: input.newDueDate,
        agreed_on: input.agreedOn,
        recorded_by: input.recordedBy,
        recorded_at: now.toISOString(),
      })
      .execute()
  }

  /** Extensions of the given reviews, in the order they were agreed. */
  async extensions(reviewIds: string[]): Promise<Map<string, ClockExtensionRecord[]>> {
    const byReview = new Map<string, ClockExtensionRecord[]>()
    if (reviewIds.length === 0) return byReview
    const rows = await this.#db
      .selectFrom('clock_extension')
      .selectAll()
      .where('review_id', 'in', reviewIds)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute()
    for (const r of rows) {
      const list = byReview.get(r.review_id) ?? []
      list.push({
        id: r.id,
        clockKey: r.clock_key,
        reason: r.reason,
        newDueDate: r.new_due_date,
        agreedOn: r.agreed_on,
        recordedAt: r.recorded_at,
      })
      byReview.set(r.review_id, list)
    }
    return byReview
  }

  /** The partnership's clock definitions in display order (empty when none are stored yet). */
  async clockDefinitions(partnershipId: string): Promise<ClockDefinition[]> {
    const rows = await this.#db
      .selectFrom('clock_definition')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('position')
      .execute()
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      startEvent: r.start_event as ClockEvent,
      length: { amount: Number(r.amount), unit: r.unit as ClockLengthUnit },
      direction: r.direction as ClockDirection,
      stopEvent: r.stop_event as ClockEvent,
      dueSoonWorkingDays: Number(r.due_soon_working_days),
    }))
  }

  /** Replace the partnership's clock definitions (an administrator's edit, or the defaults). */
  async saveClockDefinitions(partnershipId: string, definitions: readonly ClockDefinition[], now: Date): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('clock_definition').where('partnership_id', '=', partnershipId).execute()
      await trx
        .insertInto('clock_definition')
        .values(
          definitions.map((d, position) => ({
            partnership_id: partnershipId,
            key: d.key,
            name: d.name,
            start_event: d.startEvent,
            amount: d.length.amount,
            unit: d.length.unit,
            direction: d.direction,
            stop_event: d.stopEvent,
            due_soon_working_days: d.dueSoonWorkingDays,
            position,
            updated_at: now.toISOString(),
          })),
        )
        .execute()
    })
  }
}
