import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { ActionStatus } from './action-plan.ts'

/** A finding of a review. */
export interface Finding {
  id: string
  reviewId: string
  number: number
  title: string
  text: string
  theme: string | null
  version: number
  updatedAt: string
}

/** What a finding form holds. */
export interface FindingContent {
  title: string
  text: string
  theme: string | null
}

/** A recommendation with the ids of the findings it answers. */
export interface Recommendation extends RecommendationContent {
  id: string
  reviewId: string
  number: number
  version: number
  updatedAt: string
}

/** What a recommendation form holds. */
export interface RecommendationContent {
  addressedTo: string
  action: string
  measureOfSuccess: string
  timescale: string
  findingIds: string[]
}

/** An action with what lists need beside it (its review, recommendation and agency). */
export interface PlanAction {
  id: string
  recommendationId: string
  recommendationNumber: number
  reviewId: string
  reviewReference: string
  reviewPseudonym: string | null
  partnershipId: string
  number: number
  description: string
  agencyId: string
  agencyName: string
  owner: string
  dueDate: IsoDate
  status: ActionStatus
  version: number
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

/** What an action form holds. */
export interface ActionContent {
  description: string
  agencyId: string
  owner: string
  dueDate: IsoDate
}

/** A progress note. */
export interface ProgressNote {
  id: string
  note: string
  statusBefore: ActionStatus
  statusAfter: ActionStatus
  authorName: string
  createdAt: string
}

/** Evidence of impact (without the file's bytes). */
export interface Evidence {
  id: string
  description: string
  file: { name: string; contentType: string; sizeBytes: number } | null
  addedByName: string
  createdAt: string
}

/** Filters of the actions dashboard, applied in SQL. */
export interface ActionQuery {
  partnershipId: string
  /** Only these reviews (members' scope); undefined: every review of the partnership. */
  reviewIds?: string[]
  reviewId?: string
  agencyId?: string
  status?: ActionStatus
  /** Only actions not closed and due before this date. */
  overdueOn?: IsoDate
}

/** Tries at a new number when someone else took the one chosen at the same moment. */
const NUMBERING_ATTEMPTS = 5

/** All SQL of findings, recommendations and action plans. */
export class RecommendationRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  // Findings ------------------------------------------------------------------------------------------

  async listFindings(reviewId: string): Promise<Finding[]> {
    const rows = await this.#db
      .selectFrom('finding')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('number')
      .execute()
    return rows.map(toFinding)
  }

  async findFinding(reviewId: string, findingId: string): Promise<Finding | undefined> {
    const row = await this.#db
      .selectFrom('finding')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', findingId)
      .executeTakeFirst()
    return row && toFinding(row)
  }

  /** Adds a finding with the review's next number; returns its id and number. */
  async addFinding(
    reviewId: string,
    content: FindingContent,
    createdBy: string,
    now: Date,
  ): Promise<{ id: string; number: number }> {
    const id = randomUUID()
    const at = now.toISOString()
    const number = await withNextNumber(
      () => this.#nextNumber('finding', 'review_id', reviewId),
      (number) =>
        this.#db
          .insertInto('finding')
          .values({
            id,
            review_id: reviewId,
            number,
            ...findingColumns(content),
            version: 1,
            created_by: createdBy,
            created_at: at,
            updated_at: at,
          })
          .execute(),
    )
    return { id, number }
  }

  /** Saves a finding if it is still at `version`; false when someone saved it first. */
  async updateFinding(findingId: string, version: number, content: FindingContent, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('finding')
      .set({ ...findingColumns(content), version: version + 1, updated_at: now.toISOString() })
      .where('id', '=', findingId)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  // Recommendations -----------------------------------------------------------------------------------

  async listRecommendations(reviewId: string): Promise<Recommendation[]> {
    const rows = await this.#db
      .selectFrom('recommendation')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('number')
      .execute()
    const links = await this.#db
      .selectFrom('recommendation_finding')
      .innerJoin('finding', 'finding.id', 'recommendation_finding.finding_id')
      .select(['recommendation_finding.recommendation_id', 'recommendation_finding.finding_id'])
      .where('finding.review_id', '=', reviewId)
      .orderBy('finding.number')
      .execute()
    return rows.map((row) =>
      toRecommendation(
        row,
        links.filter((l) => l.recommendation_id === row.id).map((l) => l.finding_id),
      ),
    )
  }

  async findRecommendation(reviewId: string, recommendationId: string): Promise<Recommendation | undefined> {
    return (await this.listRecommendations(reviewId)).find((r) => r.id === recommendationId)
  }

  /** Adds a recommendation with the review's next number and its links to findings (ids of the same review). */
  async addRecommendation(
    reviewId: string,
    content: RecommendationContent,
    createdBy: string,
    now: Date,
  ): Promise<{ id: string; number: number }> {
    const id = randomUUID()
    const at = now.toISOString()
    const number = await withNextNumber(
      () => this.#nextNumber('recommendation', 'review_id', reviewId),
      (number) =>
        this.#db.transaction().execute(async (trx) => {
          await trx
            .insertInto('recommendation')
            .values({
              id,
              review_id: reviewId,
              number,
              ...recommendationColumns(content),
              version: 1,
              created_by: createdBy,
              created_at: at,
              updated_at: at,
            })
            .execute()
          await replaceLinks(trx, id, content.findingIds)
        }),
    )
    return { id, number }
  }

  /** Saves a recommendation and its links if it is still at `version`; false when someone saved it first. */
  async updateRecommendation(
    recommendationId: string,
    version: number,
    content: RecommendationContent,
    now: Date,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('recommendation')
        .set({ ...recommendationColumns(content), version: version + 1, updated_at: now.toISOString() })
        .where('id', '=', recommendationId)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      await replaceLinks(trx, recommendationId, content.findingIds)
      return true
    })
  }

  // Actions -------------------------------------------------------------------------------------------

  /** Adds an action to a recommendation with its next number; returns the action's id. */
  async addAction(
    recommendation: { id: string; reviewId: string },
    partnershipId: string,
    content: ActionContent,
    createdBy: string,
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    const at = now.toISOString()
    await withNextNumber(
      () => this.#nextNumber('plan_action', 'recommendation_id', recommendation.id),
      (number) =>
        this.#db
          .insertInto('plan_action')
          .values({
            id,
            recommendation_id: recommendation.id,
            review_id: recommendation.reviewId,
            partnership_id: partnershipId,
            number,
            description: content.description,
            agency_id: content.agencyId,
            owner: content.owner,
            due_date: content.dueDate,
            status: 'not_started',
            version: 1,
            created_by: createdBy,
            created_at: at,
            updated_at: at,
            closed_at: null,
          })
          .execute(),
    )
    return id
  }

  /** Saves an action's description, owner and due date if it is still at `version`. */
  async updateAction(actionId: string, version: number, content: ActionContent, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('plan_action')
      .set({
        description: content.description,
        agency_id: content.agencyId,
        owner: content.owner,
        due_date: content.dueDate,
        version: version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', actionId)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Actions matching the query, by review reference, recommendation and action number. */
  async listActions(query: ActionQuery): Promise<PlanAction[]> {
    if (query.reviewIds && query.reviewIds.length === 0) return []
    let select = this.#actions().where('plan_action.partnership_id', '=', query.partnershipId)
    if (query.reviewIds) select = select.where('plan_action.review_id', 'in', query.reviewIds)
    if (query.reviewId) select = select.where('plan_action.review_id', '=', query.reviewId)
    if (query.agencyId) select = select.where('plan_action.agency_id', '=', query.agencyId)
    if (query.status) select = select.where('plan_action.status', '=', query.status)
    if (query.overdueOn) {
      select = select.where('plan_action.status', '<>', 'closed').where('plan_action.due_date', '<', query.overdueOn)
    }
    const rows = await select
      .orderBy('review.reference')
      .orderBy('recommendation.number')
      .orderBy('plan_action.number')
      .execute()
    return rows.map(toAction)
  }

  async findAction(actionId: string): Promise<PlanAction | undefined> {
    const row = await this.#actions().where('plan_action.id', '=', actionId).executeTakeFirst()
    return row && toAction(row)
  }

  /** Every action not closed and due before `today`, in every partnership (the reminder sweep). */
  async overdueActions(today: IsoDate): Promise<PlanAction[]> {
    const rows = await this.#actions()
      .where('plan_action.status', '<>', 'closed')
      .where('plan_action.due_date', '<', today)
      .orderBy('plan_action.due_date')
      .orderBy('plan_action.id')
      .execute()
    return rows.map(toAction)
  }

  /** Reviews the user is a member of (lead reviewers and panel members see only these). */
  async memberReviewIds(userId: string): Promise<string[]> {
    const rows = await this.#db.selectFrom('review_member').select('review_id').where('user_id', '=', userId).execute()
    return rows.map((r) => r.review_id)
  }

  // Progress and evidence -----------------------------------------------------------------------------

  /**
   * Records a progress note and the status it sets, if the action is still at `version` when the status
   * changes (a note alone never conflicts: notes are only ever added). False when someone changed it first.
   */
  async addProgress(
    action: { id: string; version: number; status: ActionStatus },
    note: { text: string; status: ActionStatus; authorUserId: string; authorName: string },
    now: Date,
  ): Promise<boolean> {
    const at = now.toISOString()
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('plan_action')
        .set({
          status: note.status,
          version: action.version + 1,
          updated_at: at,
          closed_at: note.status === 'closed' ? at : null,
        })
        .where('id', '=', action.id)
        .where('version', '=', action.version)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      await trx
        .insertInto('plan_action_progress')
        .values({
          id: randomUUID(),
          action_id: action.id,
          note: note.text,
          status_before: action.status,
          status_after: note.status,
          author_user_id: note.authorUserId,
          author_name: note.authorName,
          created_at: at,
        })
        .execute()
      return true
    })
  }

  async progress(actionId: string): Promise<ProgressNote[]> {
    const rows = await this.#db
      .selectFrom('plan_action_progress')
      .selectAll()
      .where('action_id', '=', actionId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      note: r.note,
      statusBefore: r.status_before as ActionStatus,
      statusAfter: r.status_after as ActionStatus,
      authorName: r.author_name,
      createdAt: r.created_at,
    }))
  }

  async addEvidence(
    actionId: string,
    evidence: {
      description: string
      file: { fileName: string; contentType: string; data: Uint8Array } | null
      addedByUserId: string
      addedByName: string
    },
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    await this.#db
      .insertInto('plan_action_evidence')
      .values({
        id,
        action_id: actionId,
        description: evidence.description,
        file_name: evidence.file?.fileName ?? null,
        content_type: evidence.file?.contentType ?? null,
        size_bytes: evidence.file?.data.byteLength ?? null,
        content: evidence.file?.data ?? null,
        added_by_user_id: evidence.addedByUserId,
        added_by_name: evidence.addedByName,
        created_at: now.toISOString(),
      })
      .execute()
    return id
  }

  async evidence(actionId: string): Promise<Evidence[]> {
    const rows = await this.#db
      .selectFrom('plan_action_evidence')
      .select(['id', 'description', 'file_name', 'content_type', 'size_bytes', 'added_by_name', 'created_at'])
      .where('action_id', '=', actionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      description: r.description,
      file:
        r.file_name && r.content_type
          ? { name: r.file_name, contentType: r.content_type, sizeBytes: Number(r.size_bytes ?? 0) }
          : null,
      addedByName: r.added_by_name,
      createdAt: r.created_at,
    }))
  }

  async evidenceCount(actionId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('plan_action_evidence')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('action_id', '=', actionId)
      .executeTakeFirstOrThrow()
    return Number(row.count)
  }

  async evidenceFile(
    actionId: string,
    evidenceId: string,
  ): Promise<{ fileName: string; contentType: string; data: Uint8Array } | undefined> {
    const row = await this.#db
      .selectFrom('plan_action_evidence')
      .select(['file_name', 'content_type', 'content'])
      .where('action_id', '=', actionId)
      .where('id', '=', evidenceId)
      .executeTakeFirst()
    if (!row?.file_name || !row.content_type || !row.content) return undefined
    return { fileName: row.file_name, contentType: row.content_type, data: new Uint8Array(row.content) }
  }

  // Helpers -------------------------------------------------------------------------------------------

  #actions() {
    return this.#db
      .selectFrom('plan_action')
      .innerJoin('recommendation', 'recommendation.id', 'plan_action.recommendation_id')
      .innerJoin('review', 'review.id', 'plan_action.review_id')
      .innerJoin('agency', 'agency.id', 'plan_action.agency_id')
      .selectAll('plan_action')
      .select([
        'recommendation.number as recommendation_number',
        'review.reference as review_reference',
        'review.pseudonym as review_pseudonym',
        'agency.name as agency_name',
      ])
  }

  async #nextNumber(
    table: 'finding' | 'recommendation' | 'plan_action',
    column: 'review_id' | 'recommendation_id',
    value: string,
  ): Promise<number> {
    const row = await this.#db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>('number').as('highest'))
      .where(sql.ref<string>(column), '=', value)
      .executeTakeFirst()
    return Number(row?.highest ?? 0) + 1
  }
}

/**
 * Insert with the next free number: read the highest, insert; if another insert took that number at the
 * same moment (the unique constraint refuses it), read again and retry.
 */
async function withNextNumber(
  next: () => Promise<number>,
  insert: (number: number) => Promise<unknown>,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const number = await next()
    try {
      await insert(number)
      return number
    } catch (error) {
      if (attempt >= NUMBERING_ATTEMPTS || !isUniqueViolation(error)) throw error
    }
  }
}

/** SQLite says "UNIQUE constraint failed"; PostgreSQL uses code 23505. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '')
}

async function replaceLinks(trx: Transaction<Database>, recommendationId: string, findingIds: string[]): Promise<void> {
  await trx.deleteFrom('recommendation_finding').where('recommendation_id', '=', recommendationId).execute()
  const unique = [...new Set(findingIds)]
  if (unique.length) {
    await trx
      .insertInto('recommendation_finding')
      .values(unique.map((findingId) => ({ recommendation_id: recommendationId, finding_id: findingId })))
      .execute()
  }
}

function findingColumns(content: FindingContent) {
  return { title: content.title, text: content.text, theme: content.theme }
}

function recommendationColumns(content: RecommendationContent) {
  return {
    addressed_to: content.addressedTo,
    action: content.action,
    measure_of_success: content.measureOfSuccess,
    timescale: content.timescale,
  }
}

function toFinding(row: {
  id: string
  review_id: string
  number: number
  title: string
  text: string
  theme: string | null
  version: number
  updated_at: string
}): Finding {
  return {
    id: row.id,
    reviewId: row.review_id,
    number: Number(row.number),
    title: row.title,
    text: row.text,
    theme: row.theme,
    version: Number(row.version),
    updatedAt: row.updated_at,
  }
}

function toRecommendation(
  row: {
    id: string
    review_id: string
    number: number
    addressed_to: string
    action: string
    measure_of_success: string
    timescale: string
    version: number
    updated_at: string
  },
  findingIds: string[],
): Recommendation {
  return {
    id: row.id,
    reviewId: row.review_id,
    number: Number(row.number),
    addressedTo: row.addressed_to,
    action: row.action,
    measureOfSuccess: row.measure_of_success,
    timescale: row.timescale,
    findingIds,
    version: Number(row.version),
    updatedAt: row.updated_at,
  }
}

function toAction(row: {
  id: string
  recommendation_id: string
  recommendation_number: number
  review_id: string
  review_reference: string
  review_pseudonym: string | null
  partnership_id: string
  number: number
  description: string
  agency_id: string
  agency_name: string
  owner: string
  due_date: string
  status: string
  version: number
  created_at: string
  updated_at: string
  closed_at: string | null
}): PlanAction {
  return {
    id: row.id,
    recommendationId: row.recommendation_id,
    recommendationNumber: Number(row.recommendation_number),
    reviewId: row.review_id,
    reviewReference: row.review_reference,
    reviewPseudonym: row.review_pseudonym,
    partnershipId: row.partnership_id,
    number: Number(row.number),
    description: row.description,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    owner: row.owner,
    dueDate: row.due_date,
    status: row.status as ActionStatus,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  }
}
