import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import { roleAllows } from '../access/permissions.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import type { Review } from '../reviews/review.ts'
import type { UserDirectory } from '../users/user.ts'
import {
  allPartnersSigned,
  partnerSignOffProblems,
  signedOffNote,
  type PartnerSignOff,
  type StatutoryPartner,
} from './partner-sign-off.ts'
import type { PartnerSignOffRepository } from './partner-sign-off.repository.ts'
import { changePublicationRecord, StalePublicationError } from './publication-change.ts'
import type { PublicationRepository } from './publication.repository.ts'
import { PUBLICATION_LIMITS, type StepInput } from './publication-view.ts'
import { progressOf, stepProblems, type PublicationProgress, type StepContext } from './publication.ts'

/** What the statutory partners' sign-off is built from (constructed in `src/composition.ts`). */
export interface PartnerSignOffServiceDeps {
  readonly signOffs: PartnerSignOffRepository
  /** The publication record the "signed off" step is appended to. */
  readonly publication: PublicationRepository
  readonly access: AccessPolicy
  readonly audit: AuditService
  readonly users: UserDirectory
  /** The app's clock (tests move it). */
  readonly now: () => Date
}

/**
 * The statutory partners' sign-off (local authority, police, health): who signs for each partner
 * (administrators record it) and each partner's sign-off of a review, the "signed off" step once all
 * three have signed (docs/decisions/0029-statutory-partners-sign-off.md).
 */
export class PartnerSignOffService {
  readonly #deps: PartnerSignOffServiceDeps
  constructor(deps: PartnerSignOffServiceDeps) {
    this.#deps = deps
  }

  #now(): Date {
    return this.#deps.now()
  }

  /**
   * The statutory partner a user of the actor's partnership signs off for, or null. Administrators
   * (`user.manage`) only.
   * @throws AccessDeniedError.
   */
  async signatoryPartner(actor: Actor, userId: string): Promise<StatutoryPartner | null> {
    await this.#deps.access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    return actor.partnershipId ? this.#deps.signOffs.partnerOf(actor.partnershipId, userId) : null
  }

  /**
   * Record which statutory partner a user of the actor's partnership signs off for (null: none).
   * Only a user whose role may sign off can be linked. Administrators only; audited.
   * @throws ValidationError when the user's role cannot sign off; AccessDeniedError; NotFoundError.
   */
  async setSignatoryPartner(actor: Actor, userId: string, partner: StatutoryPartner | null): Promise<void> {
    await this.#deps.access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    const membership = (await this.#deps.users.memberships(userId)).find((m) => m.partnershipId === actor.partnershipId)
    if (!membership || !actor.partnershipId) throw new NotFoundError('No such user in this partnership')
    if (partner && !roleAllows(membership.role, 'review.signOff')) {
      throw new ValidationError([
        { field: 'partner', message: 'Only a user with the board chair role can sign off for a statutory partner' },
      ])
    }
    await this.#deps.signOffs.setPartner(actor.partnershipId, userId, partner, this.#now())
    await this.#deps.audit.recordAction(
      actor,
      'user.set_statutory_partner',
      { type: 'user', id: userId },
      { partner: partner ?? 'none' },
    )
  }

  /**
   * One statutory partner's sign-off, by a person recorded as acting for it; the "signed off" step
   * is appended once all three have signed. A refusal (no partner, already signed) is audited. The
   * publication service calls it for the "signed off" step, with the review's progress.
   * @throws ValidationError with every reason; AccessDeniedError without `review.signOff`.
   */
  async signOff(
    actor: Actor,
    review: Review,
    progress: PublicationProgress,
    context: StepContext,
    input: StepInput,
  ): Promise<void> {
    await this.#deps.access.require(actor, 'review.signOff', { review: review.id })
    const signOffs = await this.#deps.signOffs.signOffs(review.id)
    const partner = await this.#deps.signOffs.partnerOf(review.partnershipId, actor.userId)
    const refuse = async (reason: string) => {
      await this.#deps.audit.record({
        actorUserId: actor.userId,
        actorEmail: actor.email,
        partnershipId: actor.partnershipId,
        action: 'publication.partner_sign_off',
        outcome: 'refused',
        resourceType: 'review',
        resourceId: review.id,
        detail: { partner: partner ?? 'none', reason },
        ip: actor.ip,
        userAgent: actor.userAgent,
      })
    }
    const errors: FieldError[] = stepProblems(progress, 'signed_off', context).map((message) => ({
      field: 'step',
      message,
    }))
    const partnerProblems = partnerSignOffProblems(partner, signOffs)
    if (partnerProblems.length) {
      await refuse(partner ? 'already_signed' : 'not_a_partner_signatory')
      errors.push(...partnerProblems.map((message) => ({ field: 'step', message })))
    }
    const signerRole = (input.signerRole ?? '').trim()
    if (!signerRole) {
      errors.push({ field: 'signerRole', message: 'Enter your role, for example Director of Children’s Services' })
    } else if (signerRole.length > PUBLICATION_LIMITS.signerRole) {
      errors.push({
        field: 'signerRole',
        message: `Your role must be ${PUBLICATION_LIMITS.signerRole} characters or fewer`,
      })
    }
    const note = input.note.trim()
    if (note.length > PUBLICATION_LIMITS.note) {
      errors.push({ field: 'note', message: `The note must be ${PUBLICATION_LIMITS.note} characters or fewer` })
    }
    if (errors.length || !partner) throw new ValidationError(errors)
    const signOff: Omit<PartnerSignOff, 'recordedAt'> = {
      partner,
      signedBy: actor.userId,
      signedByName: actor.displayName,
      signedByRole: signerRole,
      signedOn: context.today,
      note,
    }
    if (!(await this.#deps.signOffs.add(review.id, signOff, this.#now()))) {
      // Someone else signed for the same partner between the page opening and this press.
      await refuse('already_signed')
      throw new ValidationError(
        partnerSignOffProblems(partner, await this.#deps.signOffs.signOffs(review.id)).map((message) => ({
          field: 'step',
          message,
        })),
      )
    }
    await this.#deps.audit.recordAction(
      actor,
      'publication.partner_sign_off',
      { type: 'review', id: review.id },
      { partner },
    )
    const after = await this.#deps.signOffs.signOffs(review.id)
    if (!allPartnersSigned(after)) return
    // The last partner completes the step. The record's current version is used (not the form's):
    // the sign-off itself is already safe, and two last signers at once append the step only once.
    const record = await this.#deps.publication.ensure(review.id, this.#now())
    const step = { step: 'signed_off' as const, happenedOn: context.today, how: null, note: signedOffNote(after) }
    try {
      await changePublicationRecord(this.#deps.publication, actor, review.id, record.version, {}, step, this.#now())
    } catch (error) {
      if (
        !(error instanceof StalePublicationError) ||
        !progressOf(await this.#deps.publication.steps(review.id)).done.signed_off
      ) {
        throw error
      }
    }
    await this.#deps.audit.recordAction(
      actor,
      'publication.record_step',
      { type: 'review', id: review.id },
      { step: 'signed_off' },
    )
  }
}
