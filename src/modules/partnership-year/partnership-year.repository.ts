import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { YearCounts } from './partnership-year.ts'

/** What the year's figures count, in one partnership. */
export type ReviewCounts = Pick<
  YearCounts,
  'notified' | 'decided' | 'started' | 'published' | 'agenciesSharing' | 'practitionersReached'
>

/**
 * All SQL of the partnership's year: counts only, never case material. Access is checked by
 * `PartnershipYearService`, never here. Dates are compared as ISO text (`YYYY-…` sorts as text).
 */
export class PartnershipYearRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Counts of reviews and dissemination in `year` for the partnership. */
  async counts(partnershipId: string, year: number): Promise<ReviewCounts> {
    const from = `${year}-01-01`
    const to = `${year + 1}-01-01`
    const milestone = async (event: string) =>
      Number(
        (
          await this.#db
            .selectFrom('review_milestone')
            .innerJoin('review', 'review.id', 'review_milestone.review_id')
            .select((eb) => eb.fn.count<number>('review_milestone.review_id').distinct().as('n'))
            .where('review.partnership_id', '=', partnershipId)
            .where('review_milestone.event', '=', event)
            .where('review_milestone.date', '>=', from)
            .where('review_milestone.date', '<', to)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const started = await this.#db
      .selectFrom('review_stage_change')
      .innerJoin('review', 'review.id', 'review_stage_change.review_id')
      .select((eb) => eb.fn.count<number>('review_stage_change.review_id').distinct().as('n'))
      .where('review.partnership_id', '=', partnershipId)
      .where('review_stage_change.to_stage', '=', 'commissioned')
      .where('review_stage_change.changed_at', '>=', from)
      .where('review_stage_change.changed_at', '<', to)
      .executeTakeFirstOrThrow()
    const published = await this.#db
      .selectFrom('publication')
      .innerJoin('review', 'review.id', 'publication.review_id')
      .innerJoin('published_review', 'published_review.id', 'publication.published_review_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review.partnership_id', '=', partnershipId)
      .where('published_review.published_at', '>=', from)
      .where('published_review.published_at', '<', to)
      .executeTakeFirstOrThrow()
    const shared = await this.#db
      .selectFrom('dissemination_record')
      .innerJoin('dissemination_request', 'dissemination_request.id', 'dissemination_record.request_id')
      .select((eb) => [
        eb.fn.count<number>('dissemination_request.agency_id').distinct().as('agencies'),
        sql<number>`coalesce(sum(dissemination_record.practitioners), 0)`.as('practitioners'),
      ])
      .where('dissemination_request.partnership_id', '=', partnershipId)
      .where('dissemination_record.shared_on', '>=', from)
      .where('dissemination_record.shared_on', '<', to)
      .executeTakeFirstOrThrow()
    return {
      notified: await milestone('panel_notified'),
      decided: await milestone('decision_made'),
      started: Number(started.n),
      published: Number(published.n),
      agenciesSharing: Number(shared.agencies),
      practitionersReached: Number(shared.practitioners),
    }
  }
}
