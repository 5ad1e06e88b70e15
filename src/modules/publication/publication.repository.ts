import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { Database } from '../../db/schema.ts'
import type { EmbargoOutcome, PublicationEvent, StepRecord } from './publication.ts'

/** A review's publication record: what will be published, and its version. */
export interface PublicationRecord {
  reviewId: string
  summary: string
  /** Themes chosen in addition to the findings' themes. */
  themes: string[]
  keywords: string[]
  publishAsAnonymous: boolean
  publishedReviewId: string | null
  keepUntil: string | null
  version: number
  updatedAt: string
}

/** Changes to the publication record that go with a step (the entry's id once published). */
export type PublicationChanges = Partial<
  Pick<PublicationRecord, 'summary' | 'themes' | 'keywords' | 'publishAsAnonymous' | 'publishedReviewId' | 'keepUntil'>
>

/** A step to append to the history. */
export interface NewStep {
  step: PublicationEvent
  happenedOn: IsoDate
  how: string | null
  note: string
  recordedBy: string
  recordedByName: string
  /** How the embargo ended ("embargo cleared" only). */
  outcome?: EmbargoOutcome | null
  outcomeDetail?: string | null
}

/** All SQL for sign-off and publication. */
export class PublicationRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /**
   * The review's publication record, created empty (version 0) the first time it is asked for.
   * Safe when two requests create it at once: the second insert does nothing.
   */
  async ensure(reviewId: string, now: Date): Promise<PublicationRecord> {
    await this.#db
      .insertInto('publication')
      .values({
        review_id: reviewId,
        summary: '',
        themes: '[]',
        keywords: '[]',
        publish_as_anonymous: 0,
        published_review_id: null,
        keep_until: null,
        version: 0,
        updated_by: null,
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('review_id').doNothing())
      .execute()
    const row = await this.#db
      .selectFrom('publication')
      .selectAll()
      .where('review_id', '=', reviewId)
      .executeTakeFirstOrThrow()
    return {
      reviewId: row.review_id,
      summary: row.summary,
      themes: JSON.parse(row.themes) as string[],
      keywords: JSON.parse(row.keywords) as string[],
      publishAsAnonymous: Number(row.publish_as_anonymous) === 1,
      publishedReviewId: row.published_review_id,
      keepUntil: row.keep_until,
      version: Number(row.version),
      updatedAt: row.updated_at,
    }
  }

  /** The review's publication history, in the order it was recorded. */
  async steps(reviewId: string): Promise<StepRecord[]> {
    const rows = await this.#db
      .selectFrom('publication_step')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute()
    return rows.map((r) => ({
      position: Number(r.position),
      step: r.step as PublicationEvent,
      happenedOn: r.happened_on as IsoDate,
      how: r.how,
      note: r.note,
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by_name,
      recordedAt: r.recorded_at,
      outcome: (r.outcome as EmbargoOutcome | null) ?? null,
      outcomeDetail: r.outcome_detail ?? null,
    }))
  }

  /**
   * Change the record (and append a step, when given) if it is still at `version`; both or neither.
   * Returns false, changing nothing, when someone else changed it first.
   */
  async change(
    reviewId: string,
    version: number,
    changes: PublicationChanges,
    step: NewStep | null,
    by: string,
    now: Date,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('publication')
        .set({
          ...(changes.summary !== undefined ? { summary: changes.summary } : {}),
          ...(changes.themes !== undefined ? { themes: JSON.stringify(changes.themes) } : {}),
          ...(changes.keywords !== undefined ? { keywords: JSON.stringify(changes.keywords) } : {}),
          ...(changes.publishAsAnonymous !== undefined
            ? { publish_as_anonymous: changes.publishAsAnonymous ? 1 : 0 }
            : {}),
          ...(changes.publishedReviewId !== undefined ? { published_review_id: changes.publishedReviewId } : {}),
          ...(changes.keepUntil !== undefined ? { keep_until: changes.keepUntil } : {}),
          version: version + 1,
          updated_by: by,
          updated_at: now.toISOString(),
        })
        .where('review_id', '=', reviewId)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) return false
      if (step) {
        const last = await trx
          .selectFrom('publication_step')
          .select((eb) => eb.fn.max('position').as('max'))
          .where('review_id', '=', reviewId)
          .executeTakeFirst()
        await trx
          .insertInto('publication_step')
          .values({
            id: randomUUID(),
            review_id: reviewId,
            position: Number(last?.max ?? 0) + 1,
            step: step.step,
            happened_on: step.happenedOn,
            how: step.how,
            note: step.note,
            recorded_by: step.recordedBy,
            recorded_by_name: step.recordedByName,
            recorded_at: now.toISOString(),
            outcome: step.outcome ?? null,
            outcome_detail: step.outcomeDetail ?? null,
          })
          .execute()
      }
      return true
    })
  }
}
