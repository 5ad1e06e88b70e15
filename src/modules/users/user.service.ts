import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import { roleAllows, roleWorksForAnAgency, type Role } from '../access/permissions.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { newToken, sha256 } from '../auth/credentials.ts'
import type { SessionRepository } from '../auth/session.repository.ts'
import type { PartnershipRepository } from '../partnerships/partnership.repository.ts'
import type { PartnershipUser, UserRepository } from './user.repository.ts'
import { looksLikeEmail, normaliseEmail, type User } from './user.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'

/** How long an invitation link works. */
export const INVITATION_DAYS = 7

/**
 * Administration of a partnership's users: invite, change role and agency, reset the second
 * factor, deactivate and reactivate.
 *
 * Contract: every method starts with the access check for `user.manage` and acts only on users
 * with a membership in the actor's partnership (others are "not found", never revealed); every
 * change is audited; administrators cannot deactivate themselves or remove their own
 * administrator role (the partnership must not lose its last way in by accident).
 */
export class UserService {
  readonly #users: UserRepository
  readonly #sessions: SessionRepository
  readonly #partnerships: PartnershipRepository
  readonly #audit: AuditService
  readonly #now: () => Date
  readonly #access: AccessPolicy
  constructor(
    access: AccessPolicy,
    users: UserRepository,
    sessions: SessionRepository,
    partnerships: PartnershipRepository,
    audit: AuditService,
    now: () => Date,
  ) {
    this.#access = access
    this.#users = users
    this.#sessions = sessions
    this.#partnerships = partnerships
    this.#audit = audit
    this.#now = now
  }

  /** Everyone with a role in the actor's partnership. */
  async list(actor: Actor): Promise<PartnershipUser[]> {
    await this.#access.require(actor, 'user.manage')
    return this.#users.listForPartnership(this.#partnershipOf(actor))
  }

  /**
   * The people of a review's partnership, for whoever manages the review to choose members from
   * (`review.manage` on the review; NotFound outside the actor's reach).
   */
  async peopleForReview(actor: Actor, reviewId: string): Promise<PartnershipUser[]> {
    const { review } = await this.#access.require(actor, 'review.manage', { review: reviewId })
    return this.#users.listForPartnership(review!.partnershipId)
  }

  /** One user of the actor's partnership. */
  async get(actor: Actor, userId: string): Promise<PartnershipUser> {
    await this.#access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    return this.#member(actor, userId)
  }

  /**
   * Invite someone: creates the account (no password yet) with a role in the actor's partnership and
   * returns the one-time invitation token to send them (valid for {@link INVITATION_DAYS} days).
   * @throws ValidationError with GOV.UK messages for bad input or an email already in use.
   */
  async invite(
    actor: Actor,
    input: { email: string; displayName: string; role: Role; agencyId: string | null },
  ): Promise<{ user: User; invitationToken: string }> {
    await this.#access.require(actor, 'user.manage')
    const partnershipId = this.#partnershipOf(actor)
    const email = normaliseEmail(input.email)
    const errors: FieldError[] = []
    if (!input.displayName.trim()) errors.push({ field: 'displayName', message: 'Enter the person’s full name' })
    if (!email) errors.push({ field: 'email', message: 'Enter an email address' })
    else if (!looksLikeEmail(email)) {
      errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' })
    } else if (await this.#users.findByEmail(email)) {
      errors.push({ field: 'email', message: 'A user with this email address already exists' })
    }
    errors.push(...(await this.#agencyErrors(partnershipId, input.role, input.agencyId)))
    if (errors.length > 0) throw new ValidationError(errors)

    const now = this.#now()
    const user = await this.#users.create({ email, displayName: input.displayName.trim(), passwordHash: null }, now)
    await this.#users.addMembership(
      {
        userId: user.id,
        partnershipId,
        role: input.role,
        agencyId: roleWorksForAnAgency(input.role) ? input.agencyId : null,
      },
      now,
    )
    const invitationToken = newToken()
    await this.#users.createInvitation(
      {
        userId: user.id,
        tokenHash: sha256(invitationToken),
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
        createdBy: actor.userId,
      },
      now,
    )
    await this.#audit.recordAction(actor, 'user.invite', { type: 'user', id: user.id }, { role: input.role })
    return { user, invitationToken }
  }

  /** Change a user's role (and agency) in the actor's partnership. */
  async changeRole(actor: Actor, userId: string, role: Role, agencyId: string | null): Promise<void> {
    await this.#access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    const member = await this.#member(actor, userId)
    if (userId === actor.userId && !roleAllows(role, 'user.manage')) {
      throw new ValidationError([{ field: 'role', message: 'You cannot remove your own administrator role' }])
    }
    const errors = await this.#agencyErrors(this.#partnershipOf(actor), role, agencyId)
    if (errors.length > 0) throw new ValidationError(errors)
    await this.#users.updateMembership(member.membership.id, {
      role,
      agencyId: roleWorksForAnAgency(role) ? agencyId : null,
    })
    // A new role must take effect now, not at the next sign-in.
    await this.#sessions.deleteForUser(userId)
    await this.#audit.recordAction(
      actor,
      'user.change_role',
      { type: 'user', id: userId },
      {
        from: member.membership.role,
        to: role,
      },
    )
  }

  /**
   * A one-time link for a user who has forgotten their password (valid {@link INVITATION_DAYS}
   * days): following it sets a new password. Their current sessions end now.
   */
  async issuePasswordLink(actor: Actor, userId: string): Promise<{ user: User; invitationToken: string }> {
    await this.#access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    const member = await this.#member(actor, userId)
    const now = this.#now()
    const invitationToken = newToken()
    await this.#users.createInvitation(
      {
        userId,
        tokenHash: sha256(invitationToken),
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
        createdBy: actor.userId,
      },
      now,
    )
    await this.#sessions.deleteForUser(userId)
    await this.#audit.recordAction(actor, 'user.issue_password_link', { type: 'user', id: userId })
    return { user: member, invitationToken }
  }

  /** Remove a user's second factor and recovery codes; they enrol again at their next sign-in. */
  async resetSecondFactor(actor: Actor, userId: string): Promise<void> {
    await this.#access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    await this.#member(actor, userId)
    const now = this.#now()
    await this.#users.update(userId, { totpSecret: null, totpEnrolledAt: null, totpLastStep: null }, now)
    await this.#users.replaceRecoveryCodes(userId, [], now)
    await this.#sessions.deleteForUser(userId)
    await this.#audit.recordAction(actor, 'user.reset_second_factor', { type: 'user', id: userId })
  }

  /** Stop a user signing in; their sessions end at once. */
  async deactivate(actor: Actor, userId: string): Promise<void> {
    await this.#access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    if (userId === actor.userId) {
      throw new ValidationError([{ field: 'user', message: 'You cannot deactivate your own account' }])
    }
    await this.#member(actor, userId)
    await this.#users.update(userId, { deactivatedAt: this.#now().toISOString() }, this.#now())
    await this.#sessions.deleteForUser(userId)
    await this.#audit.recordAction(actor, 'user.deactivate', { type: 'user', id: userId })
  }

  /** Let a deactivated user sign in again (and clear any lock). */
  async reactivate(actor: Actor, userId: string): Promise<void> {
    await this.#access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    await this.#member(actor, userId)
    await this.#users.update(userId, { deactivatedAt: null, lockedUntil: null, failedSignInCount: 0 }, this.#now())
    await this.#audit.recordAction(actor, 'user.reactivate', { type: 'user', id: userId })
  }

  #partnershipOf(actor: Actor): string {
    if (!actor.partnershipId) throw new NotFoundError('You are not a member of a partnership')
    return actor.partnershipId
  }

  async #member(actor: Actor, userId: string): Promise<PartnershipUser> {
    const members = await this.#users.listForPartnership(this.#partnershipOf(actor))
    const member = members.find((m) => m.id === userId)
    if (!member) throw new NotFoundError('User not found')
    return member
  }

  async #agencyErrors(partnershipId: string, role: Role, agencyId: string | null): Promise<FieldError[]> {
    if (!roleWorksForAnAgency(role)) return []
    if (!agencyId) return [{ field: 'agencyId', message: 'Select the agency this person contributes for' }]
    const agency = await this.#partnerships.findAgency(agencyId)
    if (!agency || agency.partnershipId !== partnershipId) {
      return [{ field: 'agencyId', message: 'Select an agency of this partnership' }]
    }
    return []
  }
}
