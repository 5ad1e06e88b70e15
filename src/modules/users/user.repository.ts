import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { isRole, type Role } from '../access/permissions.ts'
import type { Membership, NamedMembership, PartnershipUser, User } from './user.ts'

/** The secret parts of a user row, only for the authentication service. */
export interface UserCredentials {
  id: string
  email: string
  displayName: string
  passwordHash: string | null
  totpSecret: string | null
  totpEnrolledAt: string | null
  totpLastStep: number | null
  failedSignInCount: number
  lockedUntil: string | null
  deactivatedAt: string | null
}

/** A user listed with their membership in one partnership (the type lives in user.ts). */
export type { PartnershipUser } from './user.ts'

/** All SQL for users, memberships, recovery codes and invitations. */
export class UserRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async create(input: { email: string; displayName: string; passwordHash: string | null }, now: Date): Promise<User> {
    const id = randomUUID()
    const stamp = now.toISOString()
    await this.#db
      .insertInto('app_user')
      .values({
        id,
        email: input.email,
        display_name: input.displayName,
        password_hash: input.passwordHash,
        totp_secret: null,
        totp_enrolled_at: null,
        totp_last_step: null,
        failed_sign_in_count: 0,
        locked_until: null,
        deactivated_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
    return (await this.findById(id))!
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.#db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toUser(row)
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.#db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
    return row && toUser(row)
  }

  async credentialsByEmail(email: string): Promise<UserCredentials | undefined> {
    const row = await this.#db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
    return row && toCredentials(row)
  }

  async credentialsById(id: string): Promise<UserCredentials | undefined> {
    const row = await this.#db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toCredentials(row)
  }

  async update(
    id: string,
    changes: Partial<{
      displayName: string
      passwordHash: string | null
      totpSecret: string | null
      totpEnrolledAt: string | null
      totpLastStep: number | null
      failedSignInCount: number
      lockedUntil: string | null
      deactivatedAt: string | null
    }>,
    now: Date,
  ): Promise<void> {
    const set: Partial<Database['app_user']> = { updated_at: now.toISOString() }
    if (changes.displayName !== undefined) set.display_name = changes.displayName
    if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash
    if (changes.totpSecret !== undefined) set.totp_secret = changes.totpSecret
    if (changes.totpEnrolledAt !== undefined) set.totp_enrolled_at = changes.totpEnrolledAt
    if (changes.totpLastStep !== undefined) set.totp_last_step = changes.totpLastStep
    if (changes.failedSignInCount !== undefined) set.failed_sign_in_count = changes.failedSignInCount
    if (changes.lockedUntil !== undefined) set.locked_until = changes.lockedUntil
    if (changes.deactivatedAt !== undefined) set.deactivated_at = changes.deactivatedAt
    await this.#db.updateTable('app_user').set(set).where('id', '=', id).execute()
  }

  /**
   * Count one more failed sign-in atomically and return the new count (two wrong guesses at the
   * same moment must both count).
   */
  async incrementFailedSignIns(id: string, now: Date): Promise<number> {
    const row = await this.#db
      .updateTable('app_user')
      .set((eb) => ({ failed_sign_in_count: eb('failed_sign_in_count', '+', 1), updated_at: now.toISOString() }))
      .where('id', '=', id)
      .returning('failed_sign_in_count')
      .executeTakeFirstOrThrow()
    return Number(row.failed_sign_in_count)
  }

  async addMembership(
    input: { userId: string; partnershipId: string | null; role: Role; agencyId: string | null },
    now: Date,
  ): Promise<Membership> {
    const membership = { id: randomUUID(), ...input }
    await this.#db
      .insertInto('membership')
      .values({
        id: membership.id,
        user_id: input.userId,
        partnership_id: input.partnershipId,
        role: input.role,
        agency_id: input.agencyId,
        created_at: now.toISOString(),
      })
      .execute()
    return membership
  }

  async updateMembership(id: string, changes: { role: Role; agencyId: string | null }): Promise<void> {
    await this.#db
      .updateTable('membership')
      .set({ role: changes.role, agency_id: changes.agencyId })
      .where('id', '=', id)
      .execute()
  }

  /** The user's memberships, oldest first (the first is the default context at sign-in). */
  async memberships(userId: string): Promise<Membership[]> {
    const rows = await this.#db
      .selectFrom('membership')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.flatMap(toMembership)
  }

  /**
   * The user's memberships with their partnership's and agency's names, oldest first (the same
   * order as {@link memberships}). One query; for resolving a session on every request.
   */
  async namedMemberships(userId: string): Promise<NamedMembership[]> {
    const rows = await this.#db
      .selectFrom('membership')
      .leftJoin('partnership', 'partnership.id', 'membership.partnership_id')
      .leftJoin('agency', 'agency.id', 'membership.agency_id')
      .selectAll('membership')
      .select(['partnership.name as partnership_name', 'agency.name as agency_name'])
      .where('membership.user_id', '=', userId)
      .orderBy('membership.created_at')
      .orderBy('membership.id')
      .execute()
    return rows.flatMap((row) =>
      toMembership(row).map((m) => ({ ...m, partnershipName: row.partnership_name, agencyName: row.agency_name })),
    )
  }

  /** Users with a membership in the partnership, by name. */
  async listForPartnership(partnershipId: string): Promise<PartnershipUser[]> {
    const rows = await this.#db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .leftJoin('agency', 'agency.id', 'membership.agency_id')
      .selectAll('app_user')
      .select([
        'membership.id as membership_id',
        'membership.partnership_id as membership_partnership_id',
        'membership.role as membership_role',
        'membership.agency_id as membership_agency_id',
        'agency.name as agency_name',
      ])
      .where('membership.partnership_id', '=', partnershipId)
      .orderBy('app_user.display_name')
      .execute()
    return rows.flatMap((row) => {
      const membership = toMembership({
        id: row.membership_id,
        user_id: row.id,
        partnership_id: row.membership_partnership_id,
        role: row.membership_role,
        agency_id: row.membership_agency_id,
        created_at: '',
      })
      return membership.map((m) => ({ ...toUser(row), membership: m, agencyName: row.agency_name }))
    })
  }

  async replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
      if (codeHashes.length === 0) return
      await trx
        .insertInto('recovery_code')
        .values(
          codeHashes.map((hash) => ({
            id: randomUUID(),
            user_id: userId,
            code_hash: hash,
            used_at: null,
            created_at: now.toISOString(),
          })),
        )
        .execute()
    })
  }

  /** Mark an unused recovery code used; true only if this call used it (a code works once). */
  async consumeRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('recovery_code')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async unusedRecoveryCodeCount(userId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('recovery_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async createInvitation(
    input: { userId: string; tokenHash: string; expiresAt: string; createdBy: string },
    now: Date,
  ): Promise<void> {
    await this.#db
      .insertInto('invitation')
      .values({
        id: randomUUID(),
        user_id: input.userId,
        token_hash: input.tokenHash,
        expires_at: input.expiresAt,
        accepted_at: null,
        created_by: input.createdBy,
        created_at: now.toISOString(),
      })
      .execute()
  }

  async findInvitation(
    tokenHash: string,
  ): Promise<{ id: string; userId: string; expiresAt: string; acceptedAt: string | null } | undefined> {
    const row = await this.#db
      .selectFrom('invitation')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
    return row && { id: row.id, userId: row.user_id, expiresAt: row.expires_at, acceptedAt: row.accepted_at }
  }

  /** Mark an invitation accepted; true only if this call accepted it. */
  async acceptInvitation(id: string, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('invitation')
      .set({ accepted_at: now.toISOString() })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}

function toUser(row: Database['app_user']): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    hasPassword: row.password_hash !== null,
    secondFactorEnrolled: row.totp_enrolled_at !== null,
    failedSignInCount: Number(row.failed_sign_in_count),
    lockedUntil: row.locked_until,
    deactivatedAt: row.deactivated_at,
    createdAt: row.created_at,
  }
}

function toCredentials(row: Database['app_user']): UserCredentials {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpEnrolledAt: row.totp_enrolled_at,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    failedSignInCount: Number(row.failed_sign_in_count),
    lockedUntil: row.locked_until,
    deactivatedAt: row.deactivated_at,
  }
}

// A membership with a role this version does not know is ignored rather than trusted.
function toMembership(row: Database['membership']): Membership[] {
  if (!isRole(row.role)) return []
  return [
    {
      id: row.id,
      userId: row.user_id,
      partnershipId: row.partnership_id,
      role: row.role,
      agencyId: row.agency_id,
    },
  ]
}
