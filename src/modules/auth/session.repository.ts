import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** A stored session. `id` is the SHA-256 of the cookie token, never the token itself. */
export interface StoredSession {
  id: string
  userId: string
  state: 'password_verified' | 'authenticated'
  partnershipId: string | null
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

/** All SQL for sessions (kept in the database so they can be revoked and shared by instances). */
export class SessionRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async create(session: StoredSession & { ip: string | null; userAgent: string | null }): Promise<void> {
    await this.#db
      .insertInto('session')
      .values({
        id: session.id,
        user_id: session.userId,
        state: session.state,
        partnership_id: session.partnershipId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .execute()
  }

  async find(id: string): Promise<StoredSession | undefined> {
    const row = await this.#db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return undefined
    return {
      id: row.id,
      userId: row.user_id,
      state: row.state === 'authenticated' ? 'authenticated' : 'password_verified',
      partnershipId: row.partnership_id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    }
  }

  async touch(id: string, lastSeenAt: string): Promise<void> {
    await this.#db.updateTable('session').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute()
  }

  /** Change the partnership a session acts for (the user chose another of their memberships). */
  async setPartnership(id: string, partnershipId: string | null): Promise<void> {
    await this.#db.updateTable('session').set({ partnership_id: partnershipId }).where('id', '=', id).execute()
  }

  async delete(id: string): Promise<void> {
    await this.#db.deleteFrom('session').where('id', '=', id).execute()
  }

  /** Revoke every session of a user (deactivation, second factor reset). */
  async deleteForUser(userId: string): Promise<void> {
    await this.#db.deleteFrom('session').where('user_id', '=', userId).execute()
  }

  /** Remove sessions past their absolute expiry or idle for longer than `idleBefore`. */
  async deleteExpired(now: string, idleBefore: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
