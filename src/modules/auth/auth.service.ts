import type { Config } from '../../config.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { passwordProblem } from '../users/password-policy.ts'
import { ValidationError } from '../errors.ts'
import type { NamedMembership, User } from '../users/user.ts'
import { normaliseEmail } from '../users/user.ts'
import type { UserCredentials, UserRepository } from '../users/user.repository.ts'
import {
  checkTotpCode,
  hashPassword,
  newRecoveryCodes,
  newToken,
  newTotpSecret,
  normaliseRecoveryCode,
  passwordMatches,
  sha256,
  totpUri,
} from './credentials.ts'
import type { SessionRepository, StoredSession } from './session.repository.ts'

/** Where a request came from (for the audit log and the session record). */
export interface RequestOrigin {
  ip: string | null
  userAgent: string | null
}

/** Result of the password step. `token` is the new session cookie value (rotated at each step). */
export type PasswordStepResult =
  | { kind: 'second_factor_needed'; token: string; enrolled: boolean }
  | { kind: 'invalid'; delayMs: number }
  | { kind: 'locked'; lockedUntil: string; delayMs: number }

/** Result of the second-factor step. */
export type SecondFactorResult =
  | { kind: 'signed_in'; token: string; recoveryCodes?: string[]; recoveryCodesLeft?: number }
  | { kind: 'invalid'; delayMs: number }
  | { kind: 'locked'; lockedUntil: string; delayMs: number }

/** A live session with its user, acting membership, and every membership the user may switch to. */
export interface ResolvedSession {
  session: StoredSession
  user: User
  membership: NamedMembership | null
  /** The user's memberships, oldest first (one per partnership they work for, each with its role). */
  memberships: NamedMembership[]
}

type Clock = () => Date

// Verified when the email is unknown, so that a wrong email and a wrong password take the same time.
const DUMMY_HASH_PROMISE = hashPassword('not-a-real-password-used-for-timing-only')

/**
 * Signing in and out: password (argon2id), then a TOTP second factor (enrolled at first sign-in,
 * with one-time recovery codes), with sessions stored in the database.
 *
 * Contract: sessions are rotated (a new token) after the password step and after the second
 * factor; a session expires after `sessionIdleMinutes` without use and `sessionAbsoluteHours` after
 * sign-in. Failed attempts (password or code) count towards a lock of `lockoutMinutes` after
 * `lockoutThreshold` in a row; from the third, the caller is told to slow the answer down.
 * Every sign-in, failure, lock and sign-out is audited. Tokens, passwords and codes are never
 * stored or logged in clear.
 */
export class AuthService {
  readonly #users: UserRepository
  readonly #sessions: SessionRepository
  readonly #audit: AuditService
  readonly #config: Config
  readonly #now: Clock
  constructor(users: UserRepository, sessions: SessionRepository, audit: AuditService, config: Config, now: Clock) {
    this.#users = users
    this.#sessions = sessions
    this.#audit = audit
    this.#config = config
    this.#now = now
  }

  /** Step 1: check email and password. */
  async signInWithPassword(email: string, password: string, origin: RequestOrigin): Promise<PasswordStepResult> {
    const now = this.#now()
    const normalised = normaliseEmail(email)
    const user = await this.#users.credentialsByEmail(normalised)
    if (!user || !user.passwordHash || user.deactivatedAt) {
      await passwordMatches(await DUMMY_HASH_PROMISE, password)
      await this.#audit.record({
        actorUserId: user?.id ?? null,
        actorEmail: normalised.slice(0, 254),
        partnershipId: null,
        action: 'auth.sign_in',
        outcome: 'failure',
        detail: { reason: user?.deactivatedAt ? 'deactivated' : 'unknown_user' },
        ...origin,
      })
      return { kind: 'invalid', delayMs: this.#config.failedSignInDelayMs }
    }
    const locked = this.#lockedUntil(user, now)
    if (locked) {
      await this.#recordFailure(user, 'locked_attempt', origin)
      return { kind: 'locked', lockedUntil: locked, delayMs: 0 }
    }
    if (!(await passwordMatches(user.passwordHash, password))) {
      return this.#countFailure(user, 'wrong_password', origin)
    }
    await this.#users.update(user.id, { failedSignInCount: 0, lockedUntil: null }, now)
    const token = await this.#startSession(user.id, 'password_verified', origin, now)
    await this.#recordSuccess(user, 'auth.password_verified', origin)
    return { kind: 'second_factor_needed', token, enrolled: user.totpEnrolledAt !== null }
  }

  /**
   * The enrolment details for a user who has passed the password step but has no second factor:
   * a secret (kept until enrolment completes, so reloading shows the same one) and its otpauth URI.
   */
  async enrolmentDetails(resolved: ResolvedSession): Promise<{ secret: string; uri: string }> {
    const user = await this.#users.credentialsById(resolved.user.id)
    if (!user) throw new Error('User not found')
    if (user.totpEnrolledAt) throw new Error('The second factor is already set up')
    let secret = user.totpSecret
    if (!secret) {
      secret = newTotpSecret()
      await this.#users.update(user.id, { totpSecret: secret }, this.#now())
    }
    return { secret, uri: totpUri(secret, user.email) }
  }

  /** Step 2, first time: confirm the authenticator with a code; returns the recovery codes to show once. */
  async completeEnrolment(resolved: ResolvedSession, code: string, origin: RequestOrigin): Promise<SecondFactorResult> {
    const now = this.#now()
    const user = await this.#users.credentialsById(resolved.user.id)
    if (!user || !user.totpSecret || user.totpEnrolledAt) return { kind: 'invalid', delayMs: 0 }
    const locked = this.#lockedUntil(user, now)
    if (locked) return { kind: 'locked', lockedUntil: locked, delayMs: 0 }
    const step = await checkTotpCode(user.totpSecret, code, user.totpLastStep, now)
    if (step === null) return this.#countFailure(user, 'wrong_enrolment_code', origin)
    const recoveryCodes = newRecoveryCodes()
    await this.#users.replaceRecoveryCodes(user.id, recoveryCodes.map(sha256), now)
    await this.#users.update(
      user.id,
      { totpEnrolledAt: now.toISOString(), totpLastStep: step, failedSignInCount: 0, lockedUntil: null },
      now,
    )
    const token = await this.#rotateToAuthenticated(resolved, origin, now)
    await this.#recordSuccess(user, 'auth.second_factor_enrolled', origin)
    await this.#recordSuccess(user, 'auth.sign_in', origin)
    return { kind: 'signed_in', token, recoveryCodes }
  }

  /** Step 2: a TOTP code from the authenticator, or one of the recovery codes. */
  async verifySecondFactor(
    resolved: ResolvedSession,
    code: string,
    origin: RequestOrigin,
  ): Promise<SecondFactorResult> {
    const now = this.#now()
    const user = await this.#users.credentialsById(resolved.user.id)
    if (!user || !user.totpSecret || !user.totpEnrolledAt) return { kind: 'invalid', delayMs: 0 }
    const locked = this.#lockedUntil(user, now)
    if (locked) return { kind: 'locked', lockedUntil: locked, delayMs: 0 }

    const step = await checkTotpCode(user.totpSecret, code, user.totpLastStep, now)
    let usedRecoveryCode = false
    if (step === null) {
      const recovery = normaliseRecoveryCode(code)
      usedRecoveryCode =
        recovery.length === 14 && (await this.#users.consumeRecoveryCode(user.id, sha256(recovery), now))
      if (!usedRecoveryCode) return this.#countFailure(user, 'wrong_code', origin)
    }
    await this.#users.update(
      user.id,
      { failedSignInCount: 0, lockedUntil: null, ...(step === null ? {} : { totpLastStep: step }) },
      now,
    )
    const token = await this.#rotateToAuthenticated(resolved, origin, now)
    await this.#recordSuccess(user, 'auth.sign_in', origin, { method: usedRecoveryCode ? 'recovery_code' : 'totp' })
    if (!usedRecoveryCode) return { kind: 'signed_in', token }
    return { kind: 'signed_in', token, recoveryCodesLeft: await this.#users.unusedRecoveryCodeCount(user.id) }
  }

  /**
   * The live session for a cookie token, or undefined when it is unknown, expired (idle or
   * absolute), or its user is deactivated. Expired sessions are deleted. Extends the idle timer.
   * Contract: never throws for a bad token.
   */
  async resolveSession(token: string | undefined): Promise<ResolvedSession | undefined> {
    if (!token || token.length > 200) return undefined
    const id = sha256(token)
    const session = await this.#sessions.find(id)
    if (!session) return undefined
    const now = this.#now()
    const idleLimit = new Date(now.getTime() - this.#config.sessionIdleMinutes * 60_000).toISOString()
    if (session.expiresAt <= now.toISOString() || session.lastSeenAt < idleLimit) {
      await this.#sessions.delete(id)
      return undefined
    }
    const user = await this.#users.findById(session.userId)
    if (!user || user.deactivatedAt) {
      await this.#sessions.delete(id)
      return undefined
    }
    // Write the idle timer at most once a minute: every page view need not be a database write.
    if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
      await this.#sessions.touch(id, now.toISOString())
    }
    const memberships = await this.#users.namedMemberships(user.id)
    const membership =
      memberships.find((m) => m.partnershipId === session.partnershipId) ??
      (session.partnershipId ? null : (memberships[0] ?? null))
    return { session, user, membership, memberships }
  }

  /**
   * Act for another of the user's partnerships: the session (by its cookie `token`) now acts
   * through membership `membershipId`, with that membership's role and agency, on every instance
   * (the choice is kept in the session row). Audited in the partnership chosen, naming the one left.
   * Resolves to the membership now acting.
   *
   * Access: a user chooses among their own memberships only; the membership is the check (no role
   * grants acting for a partnership the user is not a member of).
   * @throws ValidationError when `membershipId` is not one of the signed-in user's memberships.
   */
  async switchPartnership(actor: Actor, token: string, membershipId: string): Promise<NamedMembership> {
    const resolved = await this.resolveSession(token)
    const chosen = resolved?.user.id === actor.userId && resolved.memberships.find((m) => m.id === membershipId)
    if (!resolved || !chosen) {
      throw new ValidationError([{ field: 'membership', message: 'Select a partnership you work for' }])
    }
    await this.#sessions.setPartnership(resolved.session.id, chosen.partnershipId)
    await this.#audit.recordAction(
      { ...actor, role: chosen.role, partnershipId: chosen.partnershipId, agencyId: chosen.agencyId },
      'auth.partnership_switched',
      chosen.partnershipId ? { type: 'partnership', id: chosen.partnershipId } : null,
      { fromPartnershipId: actor.partnershipId ?? 'national', role: chosen.role },
    )
    return chosen
  }

  /** End the session for a cookie token (if any). */
  async signOut(token: string | undefined, actor: Actor | null): Promise<void> {
    if (!token) return
    await this.#sessions.delete(sha256(token))
    if (actor) await this.#audit.recordAction(actor, 'auth.sign_out', null)
  }

  /**
   * Set the password of an invited user from their invitation link, and start their first sign-in.
   * Returns an error message for the form, or the new session token (second factor enrolment next).
   */
  async acceptInvitation(
    invitationToken: string,
    password: string,
    origin: RequestOrigin,
  ): Promise<{ kind: 'error'; message: string } | { kind: 'accepted'; token: string }> {
    const now = this.#now()
    const invitation = await this.#users.findInvitation(sha256(invitationToken))
    if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now.toISOString()) {
      return {
        kind: 'error',
        message: 'This invitation link has expired or has already been used. Ask your administrator for a new one',
      }
    }
    const user = await this.#users.credentialsById(invitation.userId)
    if (!user || user.deactivatedAt) return { kind: 'error', message: 'This account has been deactivated' }
    const problem = passwordProblem(password, user.email)
    if (problem) return { kind: 'error', message: problem }
    if (!(await this.#users.acceptInvitation(invitation.id, now))) {
      return { kind: 'error', message: 'This invitation link has already been used' }
    }
    await this.#users.update(user.id, { passwordHash: await hashPassword(password) }, now)
    await this.#recordSuccess(user, 'user.invitation_accepted', origin)
    const token = await this.#startSession(user.id, 'password_verified', origin, now)
    return { kind: 'accepted', token }
  }

  /** Is the invitation link usable? (For showing the set-password page.) */
  async invitationIsOpen(invitationToken: string): Promise<boolean> {
    const invitation = await this.#users.findInvitation(sha256(invitationToken))
    return !!invitation && !invitation.acceptedAt && invitation.expiresAt > this.#now().toISOString()
  }

  #lockedUntil(user: UserCredentials, now: Date): string | null {
    return user.lockedUntil && user.lockedUntil > now.toISOString() ? user.lockedUntil : null
  }

  async #countFailure(
    user: UserCredentials,
    reason: string,
    origin: RequestOrigin,
  ): Promise<{ kind: 'invalid'; delayMs: number } | { kind: 'locked'; lockedUntil: string; delayMs: number }> {
    const now = this.#now()
    const count = await this.#users.incrementFailedSignIns(user.id, now)
    const delayMs = failedAttemptDelayMs(count, this.#config.failedSignInDelayMs)
    if (count >= this.#config.lockoutThreshold) {
      const lockedUntil = new Date(now.getTime() + this.#config.lockoutMinutes * 60_000).toISOString()
      await this.#users.update(user.id, { lockedUntil, failedSignInCount: 0 }, now)
      await this.#recordFailure(user, reason, origin)
      await this.#audit.record({
        actorUserId: user.id,
        actorEmail: user.email,
        partnershipId: await this.#partnershipOf(user.id),
        action: 'auth.account_locked',
        outcome: 'refused',
        detail: { lockedUntil, failedAttempts: count },
        ...origin,
      })
      return { kind: 'locked', lockedUntil, delayMs }
    }
    await this.#recordFailure(user, reason, origin)
    return { kind: 'invalid', delayMs }
  }

  async #startSession(
    userId: string,
    state: StoredSession['state'],
    origin: RequestOrigin,
    now: Date,
    partnershipId?: string | null,
  ): Promise<string> {
    const token = newToken()
    const stamp = now.toISOString()
    await this.#sessions.create({
      id: sha256(token),
      userId,
      state,
      partnershipId: partnershipId === undefined ? await this.#partnershipOf(userId) : partnershipId,
      createdAt: stamp,
      lastSeenAt: stamp,
      expiresAt: new Date(now.getTime() + this.#config.sessionAbsoluteHours * 3_600_000).toISOString(),
      ...origin,
    })
    return token
  }

  // Rotation: the pre-second-factor session is deleted and a new token issued, so a token seen
  // before sign-in completed (session fixation) is worthless afterwards. The absolute expiry still
  // counts from the password step.
  async #rotateToAuthenticated(resolved: ResolvedSession, origin: RequestOrigin, now: Date): Promise<string> {
    await this.#sessions.delete(resolved.session.id)
    const token = newToken()
    await this.#sessions.create({
      id: sha256(token),
      userId: resolved.user.id,
      state: 'authenticated',
      partnershipId: resolved.session.partnershipId,
      createdAt: resolved.session.createdAt,
      lastSeenAt: now.toISOString(),
      expiresAt: resolved.session.expiresAt,
      ...origin,
    })
    return token
  }

  async #partnershipOf(userId: string): Promise<string | null> {
    const memberships = await this.#users.memberships(userId)
    return memberships[0]?.partnershipId ?? null
  }

  async #recordSuccess(
    user: UserCredentials,
    action: string,
    origin: RequestOrigin,
    detail: Record<string, string> = {},
  ): Promise<void> {
    await this.#audit.record({
      actorUserId: user.id,
      actorEmail: user.email,
      partnershipId: await this.#partnershipOf(user.id),
      action,
      outcome: 'success',
      detail,
      ...origin,
    })
  }

  async #recordFailure(user: UserCredentials, reason: string, origin: RequestOrigin): Promise<void> {
    await this.#audit.record({
      actorUserId: user.id,
      actorEmail: user.email,
      partnershipId: await this.#partnershipOf(user.id),
      action: 'auth.sign_in',
      outcome: 'failure',
      detail: { reason },
      ...origin,
    })
  }
}

/**
 * How long to hold back the answer to a failed attempt: nothing for the first two, then
 * `baseMs`, doubling with each further failure, capped at 8 seconds. Pure.
 */
export function failedAttemptDelayMs(failedInARow: number, baseMs: number): number {
  if (failedInARow < 3 || baseMs <= 0) return 0
  return Math.min(8000, baseMs * 2 ** (failedInARow - 3))
}
