import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, PublishedReviewTable } from '../../db/schema.ts'
import type { PublishedDocument, PublishedReview } from './published-review.ts'

/** A document row to store, with its bytes for PDF and DOCX. */
export interface NewPublishedDocument extends PublishedDocument {
  readonly content: Uint8Array | null
}

/** A recommendation with the review it belongs to, for "recommended before" and grouping. */
export interface RecommendationRow {
  readonly id: string
  readonly reviewId: string
  readonly reviewTitle: string
  readonly year: number
  readonly publishedAt: string
  readonly position: number
  readonly text: string
}

/** The `change_counter` row of the published repository. */
const REPOSITORY_COUNTER = 'published_repository'

/** All SQL of the published repository (not the search index). Throws only on database failure. */
export class PublishedReviewRepository {
  readonly #db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Insert or replace a review with its recommendations and documents, in one transaction. */
  async save(
    review: PublishedReview,
    documents: readonly NewPublishedDocument[],
    createdBy: string | null,
    now: string,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('published_recommendation').where('review_id', '=', review.id).execute()
      await trx.deleteFrom('published_document').where('review_id', '=', review.id).execute()
      await trx.deleteFrom('published_review').where('id', '=', review.id).execute()
      await trx
        .insertInto('published_review')
        .values({
          id: review.id,
          title: review.title,
          pseudonym: review.pseudonym,
          year: review.year,
          area: review.area,
          partnership: review.partnership,
          region: review.region,
          review_type: review.reviewType,
          nature_of_incident: review.natureOfIncident,
          child_age_band: review.childAgeBand,
          sex: review.sex,
          ethnic_group: review.ethnicGroup,
          review_model: review.reviewModel,
          themes: JSON.stringify(review.themes),
          agencies: JSON.stringify(review.agencies),
          keywords: JSON.stringify(review.keywords),
          summary: review.summary,
          published_at: review.publishedAt,
          keep_until: review.keepUntil,
          created_by: createdBy,
          created_at: now,
          updated_at: now,
        })
        .execute()
      if (review.recommendations.length > 0) {
        await trx
          .insertInto('published_recommendation')
          .values(
            review.recommendations.map((r) => ({ id: r.id, review_id: review.id, position: r.position, text: r.text })),
          )
          .execute()
      }
      for (const [position, d] of documents.entries()) {
        await trx
          .insertInto('published_document')
          .values({
            id: d.id,
            review_id: review.id,
            position,
            title: d.title,
            format: d.format,
            file_name: d.fileName,
            content_type: d.contentType,
            html: d.html,
            text: d.text,
            content: d.content,
            byte_size: d.byteSize,
            created_at: now,
          })
          .execute()
      }
    })
  }

  /** A review with its recommendations and documents (without bytes), or null. */
  async find(id: string): Promise<PublishedReview | null> {
    const row = await this.#db.selectFrom('published_review').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const [recommendations, documents] = await Promise.all([
      this.#db
        .selectFrom('published_recommendation')
        .select(['id', 'position', 'text'])
        .where('review_id', '=', id)
        .orderBy('position')
        .execute(),
      this.#db
        .selectFrom('published_document')
        .select(['id', 'title', 'format', 'file_name', 'content_type', 'html', 'text', 'byte_size'])
        .where('review_id', '=', id)
        .orderBy('position')
        .execute(),
    ])
    return toReview(
      row,
      recommendations.map((r) => ({ id: r.id, position: Number(r.position), text: r.text })),
      documents.map((d) => ({
        id: d.id,
        title: d.title,
        format: d.format as PublishedDocument['format'],
        fileName: d.file_name,
        contentType: d.content_type,
        html: d.html,
        text: d.text,
        byteSize: Number(d.byte_size),
      })),
    )
  }

  /** One document's bytes and type, or null when the review has no such document. */
  async findDocumentContent(
    reviewId: string,
    documentId: string,
  ): Promise<{ document: PublishedDocument; content: Uint8Array | null } | null> {
    const d = await this.#db
      .selectFrom('published_document')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', documentId)
      .executeTakeFirst()
    if (!d) return null
    return {
      document: {
        id: d.id,
        title: d.title,
        format: d.format as PublishedDocument['format'],
        fileName: d.file_name,
        contentType: d.content_type,
        html: d.html,
        text: d.text,
        byteSize: Number(d.byte_size),
      },
      content: d.content ? new Uint8Array(d.content) : null,
    }
  }

  /** Delete a review and everything under it; true when it existed. */
  async delete(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('published_recommendation').where('review_id', '=', id).execute()
      await trx.deleteFrom('published_document').where('review_id', '=', id).execute()
      const result = await trx.deleteFrom('published_review').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    })
  }

  /** Every review's metadata (no recommendations or documents), newest first: the catalogue. */
  async listAll(): Promise<PublishedReview[]> {
    const rows = await this.#db
      .selectFrom('published_review')
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .execute()
    return rows.map((row) => toReview(row, [], []))
  }

  /** Every recommendation with its review's year, or only those of `reviewIds` when given. */
  async listRecommendations(reviewIds?: readonly string[]): Promise<RecommendationRow[]> {
    if (reviewIds && reviewIds.length === 0) return []
    const out: RecommendationRow[] = []
    // Chunked so a long id list stays within both engines' parameter limits.
    const chunks = reviewIds
      ? Array.from({ length: Math.ceil(reviewIds.length / 500) }, (_, i) => reviewIds.slice(i * 500, i * 500 + 500))
      : [null]
    for (const chunk of chunks) {
      let query = this.#db
        .selectFrom('published_recommendation as r')
        .innerJoin('published_review as p', 'p.id', 'r.review_id')
        .select(['r.id', 'r.review_id', 'r.position', 'r.text', 'p.title', 'p.year', 'p.published_at'])
      if (chunk) query = query.where('r.review_id', 'in', chunk)
      const rows = await query
        .orderBy('p.year')
        .orderBy('p.published_at')
        .orderBy('r.review_id')
        .orderBy('r.position')
        .execute()
      for (const row of rows) {
        out.push({
          id: row.id,
          reviewId: row.review_id,
          reviewTitle: row.title,
          year: Number(row.year),
          publishedAt: row.published_at,
          position: Number(row.position),
          text: row.text,
        })
      }
    }
    return out
  }

  /**
   * The repository's change number: raised by {@link bumpChangeNumber} on every publish and
   * unpublish, by whichever instance made the change. One primary-key read; 0 before any change.
   */
  async changeNumber(): Promise<number> {
    const row = await this.#db
      .selectFrom('change_counter')
      .select('value')
      .where('name', '=', REPOSITORY_COUNTER)
      .executeTakeFirst()
    return Number(row?.value ?? 0)
  }

  /** Raise the change number by one. Contract: atomic (one upsert), so no two changes share a number. */
  async bumpChangeNumber(): Promise<void> {
    await this.#db
      .insertInto('change_counter')
      .values({ name: REPOSITORY_COUNTER, value: 1 })
      .onConflict((conflict) => conflict.column('name').doUpdateSet({ value: sql`change_counter.value + 1` }))
      .execute()
  }

  /** A cheap value that changes whenever recommendations change (count and newest update). */
  async recommendationsVersion(): Promise<string> {
    const row = await this.#db
      .selectFrom('published_review')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
      .executeTakeFirst()
    return `${Number(row?.n ?? 0)}:${row?.latest ?? ''}`
  }
}

function toReview(
  row: Selectable<PublishedReviewTable>,
  recommendations: PublishedReview['recommendations'],
  documents: readonly PublishedDocument[],
): PublishedReview {
  return {
    id: row.id,
    title: row.title,
    pseudonym: row.pseudonym,
    year: Number(row.year),
    area: row.area,
    partnership: row.partnership,
    region: row.region,
    reviewType: row.review_type as PublishedReview['reviewType'],
    natureOfIncident: row.nature_of_incident as PublishedReview['natureOfIncident'],
    childAgeBand: row.child_age_band as PublishedReview['childAgeBand'],
    sex: row.sex as PublishedReview['sex'],
    ethnicGroup: row.ethnic_group as PublishedReview['ethnicGroup'],
    reviewModel: row.review_model,
    themes: JSON.parse(row.themes) as PublishedReview['themes'],
    agencies: JSON.parse(row.agencies) as string[],
    keywords: JSON.parse(row.keywords) as string[],
    summary: row.summary,
    recommendations,
    documents,
    publishedAt: row.published_at,
    keepUntil: row.keep_until,
  }
}
