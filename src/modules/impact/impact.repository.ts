import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { ImpactAudit } from './impact.ts'
import type { ImpactAuditTable } from './impact.tables.ts'

/** All SQL of impact. Access is checked by `ImpactService`, never here. */
export class ImpactRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The review's audits, in recommendation and follow-up order. */
  async audits(reviewId: string): Promise<ImpactAudit[]> {
    const rows = await this.#db
      .selectFrom('impact_audit')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('recommendation_number')
      .orderBy('months_after')
      .execute()
    return rows.map(toAudit)
  }

  /** One audit, or undefined. */
  async audit(id: string): Promise<ImpactAudit | undefined> {
    const row = await this.#db.selectFrom('impact_audit').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toAudit(row) : undefined
  }

  /** When (ISO timestamp) the review's national repository entry was published, or null while it is not. */
  async publishedAt(reviewId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('publication')
      .innerJoin('published_review', 'published_review.id', 'publication.published_review_id')
      .select('published_review.published_at')
      .where('publication.review_id', '=', reviewId)
      .executeTakeFirst()
    return row ? row.published_at : null
  }

  /** The review a national repository entry was published from, or undefined (entries ingested by hand). */
  async reviewOfEntry(publishedReviewId: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('publication')
      .select('review_id')
      .where('published_review_id', '=', publishedReviewId)
      .executeTakeFirst()
    return row?.review_id
  }

  /** Adds audits of a recommendation at follow-up points not yet planned; returns how many were added. */
  async plan(
    recommendation: { id: string; number: number; reviewId: string; partnershipId: string },
    plan: { months: readonly number[]; question: string; sample: string },
    userId: string,
    now: Date,
  ): Promise<number> {
    const planned = new Set(
      (
        await this.#db
          .selectFrom('impact_audit')
          .select('months_after')
          .where('recommendation_id', '=', recommendation.id)
          .execute()
      ).map((r) => Number(r.months_after)),
    )
    const fresh = plan.months.filter((m) => !planned.has(m))
    if (!fresh.length) return 0
    const at = now.toISOString()
    await this.#db
      .insertInto('impact_audit')
      .values(
        fresh.map((months) => ({
          id: randomUUID(),
          review_id: recommendation.reviewId,
          partnership_id: recommendation.partnershipId,
          recommendation_id: recommendation.id,
          recommendation_number: recommendation.number,
          months_after: months,
          question: plan.question,
          sample: plan.sample,
          finding: null,
          practice_changed: null,
          audited_on: null,
          recorded_by: null,
          recorded_by_name: null,
          created_by: userId,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute()
    return fresh.length
  }

  /** Records (or corrects) an audit's finding. */
  async recordFinding(
    id: string,
    finding: { auditedOn: IsoDate; finding: string; practiceChanged: boolean },
    by: { userId: string; name: string },
    now: Date,
  ): Promise<void> {
    await this.#db
      .updateTable('impact_audit')
      .set({
        audited_on: finding.auditedOn,
        finding: finding.finding,
        practice_changed: finding.practiceChanged ? 1 : 0,
        recorded_by: by.userId,
        recorded_by_name: by.name,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
  }

  /** Every audit of a partnership's reviews (for the year's figures). */
  async partnershipAudits(partnershipId: string): Promise<ImpactAudit[]> {
    const rows = await this.#db
      .selectFrom('impact_audit')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .execute()
    return rows.map(toAudit)
  }
}

function toAudit(row: Selectable<ImpactAuditTable>): ImpactAudit {
  return {
    id: row.id,
    reviewId: row.review_id,
    recommendationId: row.recommendation_id,
    recommendationNumber: Number(row.recommendation_number),
    monthsAfter: Number(row.months_after),
    question: row.question,
    sample: row.sample,
    finding: row.finding,
    practiceChanged: row.practice_changed === null ? null : Number(row.practice_changed) === 1,
    auditedOn: row.audited_on,
    recordedByName: row.recorded_by_name,
  }
}
