import type { Kysely } from 'kysely'
import type { DatabaseKind } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import type { OutboxMessageTable } from './outbox.tables.ts'

/** A row to insert: every column but the claim, which a new message never has. */
export type NewOutboxRow = Omit<OutboxMessageTable, 'claimed_by' | 'claim_expires_at'>

/**
 * All SQL of the email outbox (`outbox_message`).
 *
 * Times are ISO 8601 strings in UTC (`Date#toISOString`), compared as text: the same format
 * everywhere, so text order is time order on both databases.
 */
export class OutboxRepository {
  readonly #db: Kysely<Database>
  readonly #kind: DatabaseKind

  /** `kind` decides the claim's row locking: `FOR UPDATE SKIP LOCKED` exists on PostgreSQL only. */
  constructor(db: Kysely<Database>, kind: DatabaseKind) {
    this.#db = db
    this.#kind = kind
  }

  /**
   * Insert a message unless one with the same `dedupe_key` exists. Resolves true when inserted.
   * Contract: safe under concurrency (`INSERT … ON CONFLICT DO NOTHING` on the unique key).
   */
  async insert(row: NewOutboxRow): Promise<boolean> {
    const inserted = await this.#db
      .insertInto('outbox_message')
      .values({ ...row, claimed_by: null, claim_expires_at: null })
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .returning('id')
      .execute()
    return inserted.length === 1
  }

  /** One page of a partnership's messages, newest first, and how many there are in all. */
  async page(
    partnershipId: string,
    options: { status?: OutboxMessageTable['status']; limit: number; offset: number },
  ): Promise<{ rows: OutboxMessageTable[]; total: number }> {
    let query = this.#db.selectFrom('outbox_message').where('partnership_id', '=', partnershipId)
    if (options.status) query = query.where('status', '=', options.status)
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(options.limit)
        .offset(options.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { rows, total: Number(count.n) }
  }

  /** How many queued messages are due at `now` (claimed or not). */
  async countDue(now: string): Promise<number> {
    const row = await this.#db
      .selectFrom('outbox_message')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /**
   * Claim up to `limit` queued messages due at `now`, oldest first, for the sending run `token`,
   * until `until`; resolves to the claimed rows (with the new claim).
   *
   * Contract: one statement, so two runs never claim the same message while a claim holds. On
   * PostgreSQL the candidate rows are locked `FOR UPDATE SKIP LOCKED`: a run skips rows another run
   * is claiming at that moment instead of waiting for them, and a row claimed and committed meanwhile
   * is re-checked and left out. SQLite runs one writer at a time, so the statement alone suffices
   * (and SQLite is the single-instance database). A claim whose time has passed is claimable again.
   */
  async claimDue(options: { now: string; until: string; token: string; limit: number }): Promise<OutboxMessageTable[]> {
    const { now, until, token, limit } = options
    const due = this.#db
      .selectFrom('outbox_message')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<=', now)]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
    const candidates = this.#kind === 'postgres' ? due.forUpdate().skipLocked() : due
    const rows = await this.#db
      .updateTable('outbox_message')
      .set({ claimed_by: token, claim_expires_at: until })
      .where('id', 'in', candidates)
      .returningAll()
      .execute()
    // RETURNING gives no order: keep the oldest first, as claimed.
    return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
  }

  /** Record a message as sent by the run that claimed it, and drop the claim. */
  async markSent(id: string, token: string, sentAt: string, attempts: number): Promise<void> {
    await this.#db
      .updateTable('outbox_message')
      .set({ status: 'sent', sent_at: sentAt, attempts, claimed_by: null, claim_expires_at: null })
      .where('id', '=', id)
      .where('claimed_by', '=', token)
      .execute()
  }

  /**
   * Record a failed attempt: `status` queued (tried again at `nextAttemptAt`) or failed (given up),
   * with the transport's error text, and drop the claim.
   */
  async markAttemptFailed(
    id: string,
    token: string,
    failure: { status: 'queued' | 'failed'; attempts: number; lastError: string; nextAttemptAt: string },
  ): Promise<void> {
    await this.#db
      .updateTable('outbox_message')
      .set({
        status: failure.status,
        attempts: failure.attempts,
        last_error: failure.lastError,
        next_attempt_at: failure.nextAttemptAt,
        claimed_by: null,
        claim_expires_at: null,
      })
      .where('id', '=', id)
      .where('claimed_by', '=', token)
      .execute()
  }
}
