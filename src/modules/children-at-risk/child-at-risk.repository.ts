import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { ChildAtRiskTable } from './child-at-risk.tables.ts'
import type { ChildAtRisk, ChildAtRiskContent, Confirmation, Relationship } from './child-at-risk.ts'

/** An open safety action with the review it belongs to (for Home): no name, only the label's parts. */
export interface OpenChildAtRisk {
  readonly id: string
  readonly reviewId: string
  readonly reviewReference: string
  readonly reviewPseudonym: string | null
  readonly number: number
  readonly relationship: Relationship
  readonly agencyName: string
  readonly responsiblePerson: string
  readonly dueDate: IsoDate
}

/** Which reviews a list covers: the reach rules of the access policy, as rows to filter on. */
export type ChildListScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'partnership'; readonly partnershipId: string }
  | { readonly kind: 'member'; readonly partnershipId: string; readonly userId: string }
  | { readonly kind: 'reviews'; readonly partnershipId: string; readonly reviewIds: readonly string[] }

/** How many times an insert retries when another took the same number at the same moment. */
const NUMBERING_ATTEMPTS = 5

/** All SQL of other children at risk. Access is checked by `ChildAtRiskService`, never here. */
export class ChildAtRiskRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** A review's other children, by number. */
  async list(reviewId: string): Promise<ChildAtRisk[]> {
    const rows = await this.#select().where('child_at_risk.review_id', '=', reviewId).orderBy('number').execute()
    return rows.map(toChild)
  }

  /** One child of the review, or undefined (also for a child of another review). */
  async find(reviewId: string, id: string): Promise<ChildAtRisk | undefined> {
    const row = await this.#select()
      .where('child_at_risk.review_id', '=', reviewId)
      .where('child_at_risk.id', '=', id)
      .executeTakeFirst()
    return row ? toChild(row) : undefined
  }

  /** Adds a child numbered after the review's last one; returns its id and number. */
  async add(
    review: { id: string; partnershipId: string },
    content: ChildAtRiskContent & { dueDate: IsoDate },
    userId: string,
    now: Date,
  ): Promise<{ id: string; number: number }> {
    const id = randomUUID()
    const at = now.toISOString()
    for (let attempt = 1; ; attempt++) {
      const highest = await this.#db
        .selectFrom('child_at_risk')
        .select((eb) => eb.fn.max<number | null>('number').as('highest'))
        .where('review_id', '=', review.id)
        .executeTakeFirst()
      const number = Number(highest?.highest ?? 0) + 1
      try {
        await this.#db
          .insertInto('child_at_risk')
          .values({
            id,
            review_id: review.id,
            partnership_id: review.partnershipId,
            number,
            ...columns(content),
            confirmed_on: null,
            confirmed_by: null,
            confirmation_note: null,
            confirmed_recorded_by: null,
            version: 1,
            created_by: userId,
            created_at: at,
            updated_at: at,
          })
          .execute()
        return { id, number }
      } catch (error) {
        if (attempt >= NUMBERING_ATTEMPTS || !isUniqueViolation(error)) throw error
      }
    }
  }

  /** Saves a child's details if it is still at `version`; false when someone changed it since. */
  async update(id: string, version: number, content: ChildAtRiskContent & { dueDate: IsoDate }, now: Date) {
    const result = await this.#db
      .updateTable('child_at_risk')
      .set({ ...columns(content), version: version + 1, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Records (or corrects) the confirmation if the child is still at `version`; false otherwise. */
  async confirm(id: string, version: number, confirmation: Confirmation, userId: string, now: Date) {
    const result = await this.#db
      .updateTable('child_at_risk')
      .set({
        confirmed_on: confirmation.confirmedOn,
        confirmed_by: confirmation.confirmedBy,
        confirmation_note: confirmation.note,
        confirmed_recorded_by: userId,
        version: version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /**
   * Safety actions not yet confirmed in the reviews of `scope`, soonest due first, with no name (Home shows
   * the label). Reviews closed without a review still count: a child's safety does not end with a decision.
   */
  async openActions(scope: ChildListScope): Promise<OpenChildAtRisk[]> {
    if (scope.kind === 'none' || (scope.kind === 'reviews' && scope.reviewIds.length === 0)) return []
    let query = this.#db
      .selectFrom('child_at_risk')
      .innerJoin('review', 'review.id', 'child_at_risk.review_id')
      .innerJoin('agency', 'agency.id', 'child_at_risk.agency_id')
      .select([
        'child_at_risk.id as id',
        'child_at_risk.review_id as review_id',
        'review.reference as reference',
        'review.pseudonym as pseudonym',
        'child_at_risk.number as number',
        'child_at_risk.relationship as relationship',
        'agency.name as agency_name',
        'child_at_risk.responsible_person as responsible_person',
        'child_at_risk.due_date as due_date',
      ])
      .where('child_at_risk.partnership_id', '=', scope.partnershipId)
      .where('child_at_risk.confirmed_on', 'is', null)
    if (scope.kind === 'member') {
      const userId = scope.userId
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('review_member')
            .select('review_member.review_id')
            .whereRef('review_member.review_id', '=', 'child_at_risk.review_id')
            .where('review_member.user_id', '=', userId),
        ),
      )
    }
    if (scope.kind === 'reviews') query = query.where('child_at_risk.review_id', 'in', [...scope.reviewIds])
    const rows = await query.orderBy('child_at_risk.due_date').orderBy('review.reference').orderBy('number').execute()
    return rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      reviewReference: r.reference,
      reviewPseudonym: r.pseudonym,
      number: Number(r.number),
      relationship: r.relationship as Relationship,
      agencyName: r.agency_name,
      responsiblePerson: r.responsible_person,
      dueDate: r.due_date,
    }))
  }

  #select() {
    return this.#db
      .selectFrom('child_at_risk')
      .innerJoin('agency', 'agency.id', 'child_at_risk.agency_id')
      .selectAll('child_at_risk')
      .select('agency.name as agency_name')
  }
}

function columns(content: ChildAtRiskContent & { dueDate: IsoDate }) {
  return {
    name: content.name,
    age: content.age,
    relationship: content.relationship,
    relationship_detail: content.relationshipDetail,
    concern: content.concern,
    safety_action: content.safetyAction,
    agency_id: content.agencyId,
    responsible_person: content.responsiblePerson,
    due_date: content.dueDate,
  }
}

function toChild(row: Selectable<ChildAtRiskTable> & { agency_name: string }): ChildAtRisk {
  return {
    id: row.id,
    reviewId: row.review_id,
    partnershipId: row.partnership_id,
    number: Number(row.number),
    name: row.name,
    age: row.age,
    relationship: row.relationship as Relationship,
    relationshipDetail: row.relationship_detail,
    concern: row.concern,
    safetyAction: row.safety_action,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    responsiblePerson: row.responsible_person,
    dueDate: row.due_date,
    confirmation:
      row.confirmed_on === null
        ? null
        : { confirmedOn: row.confirmed_on, confirmedBy: row.confirmed_by ?? '', note: row.confirmation_note ?? '' },
    version: Number(row.version),
  }
}

/** SQLite says "UNIQUE constraint failed"; PostgreSQL uses code 23505. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '')
}
