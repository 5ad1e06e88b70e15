import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import { isStatutoryPartner, type PartnerSignOff, type StatutoryPartner } from './partner-sign-off.ts'

/** All SQL for the statutory partners' sign-off: who acts for which partner, and each partner's sign-off. */
export class PartnerSignOffRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The partner `userId` acts for in the partnership, or null. Never throws for an unknown user. */
  async partnerOf(partnershipId: string, userId: string): Promise<StatutoryPartner | null> {
    const row = await this.#db
      .selectFrom('partner_signatory')
      .select('partner')
      .where('partnership_id', '=', partnershipId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row && isStatutoryPartner(row.partner) ? row.partner : null
  }

  /** Record (or replace) the partner `userId` acts for in the partnership; null removes it. */
  async setPartner(partnershipId: string, userId: string, partner: StatutoryPartner | null, now: Date): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('partner_signatory')
        .where('partnership_id', '=', partnershipId)
        .where('user_id', '=', userId)
        .execute()
      if (partner) {
        await trx
          .insertInto('partner_signatory')
          .values({ partnership_id: partnershipId, user_id: userId, partner, created_at: now.toISOString() })
          .execute()
      }
    })
  }

  /** The review's sign-offs, oldest first. */
  async signOffs(reviewId: string): Promise<PartnerSignOff[]> {
    const rows = await this.#db
      .selectFrom('partner_sign_off')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('recorded_at')
      .execute()
    return rows
      .filter((r) => isStatutoryPartner(r.partner))
      .map((r) => ({
        partner: r.partner as StatutoryPartner,
        signedBy: r.signed_by,
        signedByName: r.signed_by_name,
        signedByRole: r.signed_by_role,
        signedOn: r.signed_on as IsoDate,
        note: r.note,
        recordedAt: r.recorded_at,
      }))
  }

  /**
   * Record one partner's sign-off. Returns false, recording nothing, when that partner has already
   * signed (the unique constraint decides when two people sign at once).
   */
  async add(reviewId: string, signOff: Omit<PartnerSignOff, 'recordedAt'>, now: Date): Promise<boolean> {
    const result = await this.#db
      .insertInto('partner_sign_off')
      .values({
        id: randomUUID(),
        review_id: reviewId,
        partner: signOff.partner,
        signed_by: signOff.signedBy,
        signed_by_name: signOff.signedByName,
        signed_by_role: signOff.signedByRole,
        signed_on: signOff.signedOn,
        note: signOff.note,
        recorded_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['review_id', 'partner']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
  }
}
