import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { hashAuditEvent, type AuditEvent } from './audit-event.ts'

/** Filters for listing the audit log; all optional, combined with AND. */
export interface AuditFilter {
  partnershipId?: string | null
  action?: string
  actorEmail?: string
  outcome?: string
  /** ISO date `YYYY-MM-DD`, inclusive, UTC. */
  from?: string
  /** ISO date `YYYY-MM-DD`, inclusive, UTC. */
  to?: string
}

type NewAuditEvent = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>

/** All SQL for the append-only audit log. Nothing here updates or deletes an event. */
export class AuditRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /**
   * Append one event to the hash chain.
   *
   * Contract: events are chained in the order their transactions take the chain head; the first
   * statement is an UPDATE of the single head row, which takes the row lock on PostgreSQL and the
   * write lock on SQLite, so concurrent appends (even from several app instances) queue instead of
   * forking the chain.
   */
  async append(event: NewAuditEvent): Promise<AuditEvent> {
    return this.#db.transaction().execute(async (trx) => {
      const head = await trx
        .updateTable('audit_chain_head')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', 1)
        .returning(['last_seq', 'last_hash'])
        .executeTakeFirstOrThrow()
      const unhashed = { ...event, seq: Number(head.last_seq), prevHash: head.last_hash }
      const stored: AuditEvent = { ...unhashed, hash: hashAuditEvent(unhashed) }
      await trx
        .insertInto('audit_event')
        .values({
          seq: stored.seq,
          occurred_at: stored.occurredAt,
          actor_user_id: stored.actorUserId,
          actor_email: stored.actorEmail,
          partnership_id: stored.partnershipId,
          action: stored.action,
          outcome: stored.outcome,
          resource_type: stored.resourceType,
          resource_id: stored.resourceId,
          detail: stored.detail,
          ip: stored.ip,
          user_agent: stored.userAgent,
          prev_hash: stored.prevHash,
          hash: stored.hash,
        })
        .execute()
      await trx.updateTable('audit_chain_head').set({ last_hash: stored.hash }).where('id', '=', 1).execute()
      return stored
    })
  }

  /** Newest first, at most `limit` events, skipping `offset`. */
  async list(filter: AuditFilter, limit: number, offset: number): Promise<{ events: AuditEvent[]; total: number }> {
    const base = this.#filtered(filter)
    const rows = await base.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute()
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return { events: rows.map(toEvent), total: Number(count.n) }
  }

  /** Events in chain order, read in pages so memory stays flat on a long log. */
  async *inOrder(filter: AuditFilter = {}, pageSize = 1000): AsyncGenerator<AuditEvent> {
    let after = 0
    for (;;) {
      const rows = await this.#filtered(filter)
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq', 'asc')
        .limit(pageSize)
        .execute()
      for (const row of rows) yield toEvent(row)
      if (rows.length < pageSize) return
      after = Number(rows[rows.length - 1].seq)
    }
  }

  /** The chain head: the sequence number and hash of the newest event. */
  async head(): Promise<{ seq: number; hash: string }> {
    const head = await this.#db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
    return { seq: Number(head.last_seq), hash: head.last_hash }
  }

  #filtered(filter: AuditFilter) {
    let query = this.#db.selectFrom('audit_event')
    if (filter.partnershipId !== undefined) {
      query =
        filter.partnershipId === null
          ? query.where('partnership_id', 'is', null)
          : query.where('partnership_id', '=', filter.partnershipId)
    }
    if (filter.action) query = query.where('action', '=', filter.action)
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome)
    if (filter.actorEmail) query = query.where('actor_email', '=', filter.actorEmail.toLowerCase())
    if (filter.from) query = query.where('occurred_at', '>=', `${filter.from}T00:00:00.000Z`)
    if (filter.to) query = query.where('occurred_at', '<=', `${filter.to}T23:59:59.999Z`)
    return query
  }
}

function toEvent(row: Database['audit_event']): AuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorEmail: row.actor_email,
    partnershipId: row.partnership_id,
    action: row.action,
    outcome: row.outcome,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    detail: row.detail,
    ip: row.ip,
    userAgent: row.user_agent,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
