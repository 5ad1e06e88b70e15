import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Agency, Partnership } from './partnership.ts'

/** All SQL for partnerships and their agencies. */
export class PartnershipRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async create(input: { name: string; region: string }, now: Date): Promise<Partnership> {
    const partnership = { id: randomUUID(), name: input.name, region: input.region }
    await this.#db
      .insertInto('partnership')
      .values({ ...partnership, created_at: now.toISOString() })
      .execute()
    return partnership
  }

  async findById(id: string): Promise<Partnership | undefined> {
    return this.#db.selectFrom('partnership').select(['id', 'name', 'region']).where('id', '=', id).executeTakeFirst()
  }

  async findByName(name: string): Promise<Partnership | undefined> {
    return this.#db
      .selectFrom('partnership')
      .select(['id', 'name', 'region'])
      .where('name', '=', name)
      .executeTakeFirst()
  }

  async addAgency(partnershipId: string, input: { name: string; kind: string }, now: Date): Promise<Agency> {
    const agency = { id: randomUUID(), partnershipId, name: input.name, kind: input.kind }
    await this.#db
      .insertInto('agency')
      .values({
        id: agency.id,
        partnership_id: partnershipId,
        name: agency.name,
        kind: agency.kind,
        created_at: now.toISOString(),
      })
      .execute()
    return agency
  }

  /** The partnership's agencies in name order. */
  async listAgencies(partnershipId: string): Promise<Agency[]> {
    const rows = await this.#db
      .selectFrom('agency')
      .select(['id', 'partnership_id', 'name', 'kind'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute()
    return rows.map((r) => ({ id: r.id, partnershipId: r.partnership_id, name: r.name, kind: r.kind }))
  }

  async findAgency(id: string): Promise<Agency | undefined> {
    const r = await this.#db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst()
    return r && { id: r.id, partnershipId: r.partnership_id, name: r.name, kind: r.kind }
  }
}
