import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { NationalReview, PanelExchange, PanelParty, PanelTopic, QualityRatings } from './panel.ts'

/** Thrown when another step was recorded on the review at the same moment (the position was taken). */
export class ExchangeRaceError extends Error {
  override name = 'ExchangeRaceError'
}

/** A partnership as the Panel sees it in lists: its name and region. */
export interface PartnershipFacts {
  id: string
  name: string
  region: string
}

/** What the queue needs of each child to place the case in an age band (never shown). */
export interface ChildAgeFacts {
  reviewId: string
  dateOfBirth: IsoDate | null
  lookedAfter: boolean
}

/**
 * All SQL of the national Panel's workspace: exchanges, national reviews, and the few facts the queue
 * and figures read beside the reviews (partnerships' regions, children's dates of birth for age bands,
 * whether a review was published). Contract: reads never throw for unknown ids (empty results).
 */
export class PanelRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The exchanges of some reviews, oldest first within each review. */
  async exchanges(reviewIds: readonly string[]): Promise<PanelExchange[]> {
    if (reviewIds.length === 0) return []
    const rows = await this.#db
      .selectFrom('panel_exchange')
      .selectAll()
      .where('review_id', 'in', [...reviewIds])
      .orderBy('review_id')
      .orderBy('position')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      topic: r.topic as PanelTopic,
      party: r.party as PanelParty,
      outcome: r.outcome,
      reasons: r.reasons,
      questions: r.questions,
      ratings: r.ratings ? (JSON.parse(r.ratings) as QualityRatings) : null,
      happenedOn: r.happened_on,
      recordedByName: r.recorded_by_name,
      recordedAt: r.recorded_at,
    }))
  }

  /**
   * Append a step after `expectedCount` steps of the review.
   * @throws ExchangeRaceError when another step was recorded first (the position is taken).
   */
  async addExchange(
    input: Omit<PanelExchange, 'id' | 'recordedAt' | 'recordedByName'> & { recordedBy: string; recordedByName: string },
    expectedCount: number,
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    try {
      await this.#db
        .insertInto('panel_exchange')
        .values({
          id,
          review_id: input.reviewId,
          position: expectedCount + 1,
          topic: input.topic,
          party: input.party,
          outcome: input.outcome,
          reasons: input.reasons,
          questions: input.questions,
          ratings: input.ratings ? JSON.stringify(input.ratings) : null,
          happened_on: input.happenedOn,
          recorded_by: input.recordedBy,
          recorded_by_name: input.recordedByName,
          recorded_at: now.toISOString(),
        })
        .execute()
    } catch (error) {
      if (/unique|duplicate/i.test(String((error as Error).message))) throw new ExchangeRaceError('Position taken')
      throw error
    }
    return id
  }

  async nationalReviews(reviewIds: readonly string[]): Promise<NationalReview[]> {
    if (reviewIds.length === 0) return []
    const rows = await this.#db
      .selectFrom('national_review')
      .selectAll()
      .where('review_id', 'in', [...reviewIds])
      .execute()
    return rows.map((r) => ({
      reviewId: r.review_id,
      reasons: r.reasons,
      decidedOn: r.decided_on,
      recordedByName: r.recorded_by_name,
      recordedAt: r.recorded_at,
    }))
  }

  /** Record a national review; false when the case is already one (nothing changed). */
  async addNationalReview(
    input: { reviewId: string; reasons: string; decidedOn: IsoDate; recordedBy: string; recordedByName: string },
    now: Date,
  ): Promise<boolean> {
    const result = await this.#db
      .insertInto('national_review')
      .values({
        review_id: input.reviewId,
        reasons: input.reasons,
        decided_on: input.decidedOn,
        recorded_by: input.recordedBy,
        recorded_by_name: input.recordedByName,
        recorded_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('review_id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async partnerships(): Promise<PartnershipFacts[]> {
    return this.#db.selectFrom('partnership').select(['id', 'name', 'region']).orderBy('name').execute()
  }

  async childAges(reviewIds: readonly string[]): Promise<ChildAgeFacts[]> {
    if (reviewIds.length === 0) return []
    const rows = await this.#db
      .selectFrom('review_child')
      .select(['review_id', 'date_of_birth', 'looked_after'])
      .where('review_id', 'in', [...reviewIds])
      .orderBy('review_id')
      .orderBy('position')
      .execute()
    return rows.map((r) => ({ reviewId: r.review_id, dateOfBirth: r.date_of_birth, lookedAfter: !!r.looked_after }))
  }

  /** The reviews among these that are published in the national repository. */
  async publishedReviewIds(reviewIds: readonly string[]): Promise<Set<string>> {
    if (reviewIds.length === 0) return new Set()
    const rows = await this.#db
      .selectFrom('publication')
      .select('review_id')
      .where('review_id', 'in', [...reviewIds])
      .where('published_review_id', 'is not', null)
      .execute()
    return new Set(rows.map((r) => r.review_id))
  }
}
