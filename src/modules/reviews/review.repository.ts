import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { ClockEvent } from '../clocks/clock.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import {
  EMPTY_RAPID_REVIEW,
  type Commissioning,
  type Decision,
  type RapidReview,
  type Review,
  type ReviewChild,
  type ReviewStage,
} from './review.ts'

/** The editable fields of a review row (children and milestones are stored separately). */
export type ReviewFields = Pick<
  Review,
  | 'incidentDate'
  | 'awareDate'
  | 'nature'
  | 'abuseOrNeglect'
  | 'agenciesInvolved'
  | 'outline'
  | 'pseudonym'
  | 'rapidReview'
  | 'decision'
  | 'commissioning'
  | 'embargoReason'
  | 'stage'
  | 'notificationSubmittedAt'
>

export interface StageChange {
  fromStage: string | null
  toStage: string
  changedByName: string
  changedAt: string
  note: string | null
}

export type { ClockExtensionRecord } from './review-clock.repository.ts'

/** All SQL for reviews, their children, milestones, stage history and members (clocks: review-clock.repository.ts). */
export class ReviewRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /**
   * Create a review with its children. The reference is `PREFIX-YEAR-NNN`, numbered within the
   * partnership and year; the unique constraint makes a clash fail rather than duplicate.
   */
  async create(
    input: {
      partnershipId: string
      referencePrefix: string
      createdBy: string
      fields: ReviewFields
      children: ReviewChild[]
    },
    now: Date,
  ): Promise<string> {
    return this.#db.transaction().execute(async (trx) => {
      const year = now.getUTCFullYear()
      const prefix = `${input.referencePrefix}-${year}-`
      const count = await trx
        .selectFrom('review')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', input.partnershipId)
        .where('reference', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow()
      const id = randomUUID()
      const stamp = now.toISOString()
      await trx
        .insertInto('review')
        .values({
          id,
          partnership_id: input.partnershipId,
          reference: `${prefix}${String(Number(count.n) + 1).padStart(3, '0')}`,
          ...(toRow(input.fields) as Pick<
            Database['review'],
            'stage' | 'agencies_involved' | 'outline' | 'rapid_review'
          >),
          created_by: input.createdBy,
          created_at: stamp,
          updated_at: stamp,
          version: 1,
        })
        .execute()
      await replaceChildren(trx, id, input.children)
      return id
    })
  }

  async findById(id: string): Promise<Review | undefined> {
    const row = await this.#db.selectFrom('review').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return undefined
    const [children, milestones] = await Promise.all([
      this.#db.selectFrom('review_child').selectAll().where('review_id', '=', id).orderBy('position').execute(),
      this.#db.selectFrom('review_milestone').select(['event', 'date']).where('review_id', '=', id).execute(),
    ])
    return toReview(row, children, milestones)
  }

  /** Reviews of a partnership (optionally only those a user is a member of), newest first. */
  async list(filter: {
    partnershipId?: string
    memberUserId?: string
    submittedOnly?: boolean
    /** Only these reviews (an empty list matches none). */
    reviewIds?: readonly string[]
  }): Promise<Review[]> {
    let query = this.#db.selectFrom('review').selectAll('review')
    if (filter.partnershipId) query = query.where('review.partnership_id', '=', filter.partnershipId)
    if (filter.reviewIds) {
      if (filter.reviewIds.length === 0) return []
      query = query.where('review.id', 'in', [...filter.reviewIds])
    }
    if (filter.memberUserId) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('review_member')
            .select('review_member.review_id')
            .whereRef('review_member.review_id', '=', 'review.id')
            .where('review_member.user_id', '=', filter.memberUserId!),
        ),
      )
    }
    if (filter.submittedOnly) query = query.where('review.notification_submitted_at', 'is not', null)
    const rows = await query.orderBy('review.created_at', 'desc').execute()
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.id)
    const [children, milestones] = await Promise.all([
      this.#db.selectFrom('review_child').selectAll().where('review_id', 'in', ids).orderBy('position').execute(),
      this.#db
        .selectFrom('review_milestone')
        .select(['review_id', 'event', 'date'])
        .where('review_id', 'in', ids)
        .execute(),
    ])
    return rows.map((row) =>
      toReview(
        row,
        children.filter((c) => c.review_id === row.id),
        milestones.filter((m) => m.review_id === row.id),
      ),
    )
  }

  /**
   * Save changed fields (and children when given) if the review is still at `expectedVersion`.
   * Returns false when someone else saved first (the caller shows that; nothing is overwritten).
   */
  async update(
    id: string,
    expectedVersion: number,
    fields: Partial<ReviewFields>,
    now: Date,
    children?: ReviewChild[],
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('review')
        .set({ ...toRow(fields), updated_at: now.toISOString(), version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      if (children) await replaceChildren(trx, id, children)
      return true
    })
  }

  async setMilestone(
    reviewId: string,
    event: ClockEvent,
    date: IsoDate | null,
    recordedBy: string,
    now: Date,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('review_milestone').where('review_id', '=', reviewId).where('event', '=', event).execute()
      if (date) {
        await trx
          .insertInto('review_milestone')
          .values({ review_id: reviewId, event, date, recorded_by: recordedBy, recorded_at: now.toISOString() })
          .execute()
      }
    })
  }

  async addStageChange(
    reviewId: string,
    change: {
      fromStage: string | null
      toStage: string
      changedBy: string
      changedByName: string
      note: string | null
    },
    now: Date,
  ): Promise<void> {
    const count = await this.#db
      .selectFrom('review_stage_change')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_id', '=', reviewId)
      .executeTakeFirstOrThrow()
    await this.#db
      .insertInto('review_stage_change')
      .values({
        id: randomUUID(),
        review_id: reviewId,
        seq: Number(count.n) + 1,
        from_stage: change.fromStage,
        to_stage: change.toStage,
        changed_by: change.changedBy,
        changed_by_name: change.changedByName,
        changed_at: now.toISOString(),
        note: change.note,
      })
      .execute()
  }

  /** The review's stage changes, oldest first. */
  async stageHistory(reviewId: string): Promise<StageChange[]> {
    const rows = await this.#db
      .selectFrom('review_stage_change')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('seq')
      .execute()
    return rows.map((r) => ({
      fromStage: r.from_stage,
      toStage: r.to_stage,
      changedByName: r.changed_by_name,
      changedAt: r.changed_at,
      note: r.note,
    }))
  }

  /** Every stage change of the partnership's reviews, in order within each review. */
  async stageHistoryForPartnership(partnershipId: string): Promise<Map<string, StageChange[]>> {
    const rows = await this.#db
      .selectFrom('review_stage_change')
      .innerJoin('review', 'review.id', 'review_stage_change.review_id')
      .selectAll('review_stage_change')
      .where('review.partnership_id', '=', partnershipId)
      .orderBy('review_stage_change.review_id')
      .orderBy('review_stage_change.seq')
      .execute()
    const byReview = new Map<string, StageChange[]>()
    for (const r of rows) {
      const list = byReview.get(r.review_id) ?? []
      list.push({
        fromStage: r.from_stage,
        toStage: r.to_stage,
        changedByName: r.changed_by_name,
        changedAt: r.changed_at,
        note: r.note,
      })
      byReview.set(r.review_id, list)
    }
    return byReview
  }

  /** Link two reviews (stored once; read in both directions). Linking twice changes nothing. */
  async addLink(reviewId: string, linkedReviewId: string, reason: string, createdBy: string, now: Date): Promise<void> {
    const [a, b] = [reviewId, linkedReviewId].sort()
    const existing = await this.#db
      .selectFrom('review_link')
      .select('review_id')
      .where('review_id', '=', a)
      .where('linked_review_id', '=', b)
      .executeTakeFirst()
    if (existing) return
    await this.#db
      .insertInto('review_link')
      .values({ review_id: a, linked_review_id: b, reason, created_by: createdBy, created_at: now.toISOString() })
      .execute()
  }

  /** Reviews linked to this one, either way round, with the reason. */
  async links(
    reviewId: string,
  ): Promise<Array<{ reviewId: string; reference: string; pseudonym: string | null; reason: string }>> {
    const links = await this.#db
      .selectFrom('review_link')
      .selectAll()
      .where((eb) => eb.or([eb('review_id', '=', reviewId), eb('linked_review_id', '=', reviewId)]))
      .execute()
    if (links.length === 0) return []
    const other = new Map(links.map((l) => [l.review_id === reviewId ? l.linked_review_id : l.review_id, l.reason]))
    const reviews = await this.#db
      .selectFrom('review')
      .select(['id', 'reference', 'pseudonym'])
      .where('id', 'in', [...other.keys()])
      .orderBy('reference')
      .execute()
    return reviews.map((r) => ({
      reviewId: r.id,
      reference: r.reference,
      pseudonym: r.pseudonym,
      reason: other.get(r.id)!,
    }))
  }

  /** Store a file of the review; returns its id. */
  async addFile(
    reviewId: string,
    file: {
      purpose: string
      agency: string | null
      fileName: string
      contentType: string
      data: Uint8Array
      uploadedBy: string
    },
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    await this.#db
      .insertInto('review_file')
      .values({
        id,
        review_id: reviewId,
        purpose: file.purpose,
        agency: file.agency,
        file_name: file.fileName,
        content_type: file.contentType,
        size_bytes: file.data.byteLength,
        content: file.data,
        uploaded_by: file.uploadedBy,
        uploaded_at: now.toISOString(),
      })
      .execute()
    return id
  }

  /** One file of the review, with its bytes; undefined when the review has no such file. */
  async file(
    reviewId: string,
    fileId: string,
  ): Promise<{ fileName: string; contentType: string; data: Uint8Array } | undefined> {
    const row = await this.#db
      .selectFrom('review_file')
      .select(['file_name', 'content_type', 'content'])
      .where('review_id', '=', reviewId)
      .where('id', '=', fileId)
      .executeTakeFirst()
    return row && { fileName: row.file_name, contentType: row.content_type, data: new Uint8Array(row.content) }
  }

  /** A review of the partnership by its reference. */
  async findByReference(partnershipId: string, reference: string): Promise<{ id: string } | undefined> {
    return this.#db
      .selectFrom('review')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('reference', '=', reference)
      .executeTakeFirst()
  }

  async addMember(reviewId: string, userId: string, roleInReview: 'lead_reviewer' | 'panel_member'): Promise<void> {
    await this.#db.deleteFrom('review_member').where('review_id', '=', reviewId).where('user_id', '=', userId).execute()
    await this.#db
      .insertInto('review_member')
      .values({ review_id: reviewId, user_id: userId, role_in_review: roleInReview })
      .execute()
  }

  async isMember(reviewId: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('review_member')
      .select('user_id')
      .where('review_id', '=', reviewId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row !== undefined
  }

  async members(
    reviewId: string,
  ): Promise<Array<{ userId: string; displayName: string; email: string; roleInReview: string }>> {
    const rows = await this.#db
      .selectFrom('review_member')
      .innerJoin('app_user', 'app_user.id', 'review_member.user_id')
      .select(['review_member.user_id', 'app_user.display_name', 'app_user.email', 'review_member.role_in_review'])
      .where('review_member.review_id', '=', reviewId)
      .orderBy('app_user.display_name')
      .execute()
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      roleInReview: r.role_in_review,
    }))
  }

  /** Reviews of the partnership with a child born on one of `dates` or an incident on `incidentDate`. */
  async possibleDuplicates(
    partnershipId: string,
    incidentDate: IsoDate | null,
    dates: IsoDate[],
    excludeId?: string,
  ): Promise<Review[]> {
    const ids = new Set<string>()
    if (dates.length > 0) {
      const rows = await this.#db
        .selectFrom('review_child')
        .innerJoin('review', 'review.id', 'review_child.review_id')
        .select('review.id')
        .where('review.partnership_id', '=', partnershipId)
        .where('review_child.date_of_birth', 'in', dates)
        .execute()
      for (const r of rows) ids.add(r.id)
    }
    if (incidentDate) {
      const rows = await this.#db
        .selectFrom('review')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where('incident_date', '=', incidentDate)
        .execute()
      for (const r of rows) ids.add(r.id)
    }
    if (excludeId) ids.delete(excludeId)
    const reviews = await Promise.all([...ids].map((id) => this.findById(id)))
    return reviews.filter((r): r is Review => r !== undefined)
  }
}

async function replaceChildren(trx: Transaction<Database>, reviewId: string, children: ReviewChild[]): Promise<void> {
  await trx.deleteFrom('review_child').where('review_id', '=', reviewId).execute()
  if (children.length === 0) return
  await trx
    .insertInto('review_child')
    .values(
      children.map((c, position) => ({
        id: randomUUID(),
        review_id: reviewId,
        position,
        name: c.name,
        date_of_birth: c.dateOfBirth,
        age_text: c.ageText,
        sex: c.sex,
        ethnic_group: c.ethnicGroup,
        disability: c.disability,
        looked_after: c.lookedAfter ? 1 : 0,
        child_protection_plan: c.childProtectionPlan ? 1 : 0,
        known_to_social_care: c.knownToSocialCare ? 1 : 0,
      })),
    )
    .execute()
}

function toRow(fields: Partial<ReviewFields>): Partial<Database['review']> {
  const row: Partial<Database['review']> = {}
  if (fields.stage !== undefined) row.stage = fields.stage
  if (fields.notificationSubmittedAt !== undefined) row.notification_submitted_at = fields.notificationSubmittedAt
  if (fields.incidentDate !== undefined) row.incident_date = fields.incidentDate
  if (fields.awareDate !== undefined) row.aware_date = fields.awareDate
  if (fields.nature !== undefined) row.nature = fields.nature
  if (fields.abuseOrNeglect !== undefined) row.abuse_or_neglect = fields.abuseOrNeglect
  if (fields.agenciesInvolved !== undefined) row.agencies_involved = JSON.stringify(fields.agenciesInvolved)
  if (fields.outline !== undefined) row.outline = fields.outline
  if (fields.pseudonym !== undefined) row.pseudonym = fields.pseudonym
  if (fields.rapidReview !== undefined) row.rapid_review = JSON.stringify(fields.rapidReview)
  if (fields.decision !== undefined) row.decision = fields.decision === null ? null : JSON.stringify(fields.decision)
  if (fields.commissioning !== undefined) {
    row.commissioning = fields.commissioning === null ? null : JSON.stringify(fields.commissioning)
  }
  if (fields.embargoReason !== undefined) row.embargo_reason = fields.embargoReason
  return row
}

function toReview(
  row: Database['review'],
  children: Database['review_child'][],
  milestones: Array<{ event: string; date: string }>,
): Review {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    reference: row.reference,
    stage: row.stage as ReviewStage,
    notificationSubmittedAt: row.notification_submitted_at,
    incidentDate: row.incident_date,
    awareDate: row.aware_date,
    nature: row.nature,
    abuseOrNeglect: row.abuse_or_neglect,
    agenciesInvolved: JSON.parse(row.agencies_involved) as string[],
    outline: row.outline,
    pseudonym: row.pseudonym,
    rapidReview: { ...EMPTY_RAPID_REVIEW, ...(JSON.parse(row.rapid_review) as Partial<RapidReview>) },
    decision: row.decision ? (JSON.parse(row.decision) as Decision) : null,
    commissioning: row.commissioning ? (JSON.parse(row.commissioning) as Commissioning) : null,
    embargoReason: row.embargo_reason,
    children: children.map((c) => ({
      name: c.name,
      dateOfBirth: c.date_of_birth,
      ageText: c.age_text,
      sex: c.sex,
      ethnicGroup: c.ethnic_group,
      disability: c.disability,
      lookedAfter: Number(c.looked_after) === 1,
      childProtectionPlan: Number(c.child_protection_plan) === 1,
      knownToSocialCare: Number(c.known_to_social_care) === 1,
    })),
    milestones: Object.fromEntries(milestones.map((m) => [m.event, m.date])),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  }
}
