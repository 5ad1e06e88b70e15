import { NotFoundError } from '../errors.ts'
import { AccessDeniedError, type RefusalRecorder } from './access.ts'
import type { AccessRepository, OwnedResource, ReviewAccessFacts } from './access.repository.ts'
import type { Actor } from './actor.ts'
import { roleAllows, type Permission } from './permissions.ts'

/**
 * The resource an access check is about. Give one id; `review` may be given beside an owned
 * resource to insist that it belongs to that review (a URL's `/reviews/:id/…/:entryId`).
 */
export interface AccessTarget {
  readonly review?: string
  readonly chronologyEntry?: string
  readonly agencyReport?: string
  readonly action?: string
  readonly file?: string
  readonly document?: string
  /** A partnership-wide resource (clock definitions, the time and quality report): the actor's own partnership only. */
  readonly partnership?: string
  /**
   * A resource outside any review (a user account, a published review, an ingest batch): named only so a
   * refusal is audited against it. The role alone decides.
   */
  readonly subject?: { readonly type: string; readonly id: string | null }
}

/** What a passed check looked up: the review the resource belongs to, and the agency owning it (if any). */
export interface Granted {
  readonly review: ReviewAccessFacts | null
  /** The agency that owns the resource (an entry, agency report or action), or null. */
  readonly agencyId: string | null
  /**
   * The agency the actor is confined to in this review (agency contributors: their own), or null when
   * they see every agency's material. Lists must filter by it.
   */
  readonly confinedToAgency: string | null
}

/** Which reviews an actor sees in a list (the same reach rules as {@link AccessPolicy.require}). */
export type ReviewListScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'national' }
  | { readonly kind: 'partnership'; readonly partnershipId: string }
  | { readonly kind: 'member'; readonly partnershipId: string; readonly userId: string }
  | { readonly kind: 'reviews'; readonly partnershipId: string; readonly reviewIds: readonly string[] }

type OwnedKind = 'chronologyEntry' | 'agencyReport' | 'action' | 'file' | 'document'
const OWNED_KINDS: readonly OwnedKind[] = ['chronologyEntry', 'agencyReport', 'action', 'file', 'document']
/** Audit-log resource type of each kind (as the services recorded them before). */
const AUDIT_TYPE: Record<OwnedKind | 'review' | 'partnership', string> = {
  review: 'review',
  chronologyEntry: 'chronology_entry',
  agencyReport: 'agency_report',
  action: 'plan_action',
  file: 'review_file',
  document: 'review_document',
  partnership: 'partnership',
}

/**
 * The one access policy: "may this actor do this to this resource?", answered in one place.
 *
 * Every service method starts with `await policy.require(actor, permission, target)`. It decides in
 * this order, reading nothing of the case before it has decided:
 *
 * 1. **Role.** The actor's role must grant `permission` in `ROLE_PERMISSIONS` (permissions.ts).
 *    Otherwise the refusal is audited and {@link AccessDeniedError} thrown (a 403 page).
 * 2. **Resource.** An owned resource (entry, agency report, action, file, document) is resolved to its
 *    review and agency. If `target.review` is also given, the resource must belong to it.
 * 3. **Reach**, one named rule per reach permission, the first the role holds deciding:
 *    - `notification.readNational` — "national: submitted notifications only", of any partnership;
 *    - otherwise the review must be in the actor's partnership, and then
 *    - `review.readAll` — "sees every review of its partnership";
 *    - `review.readAsMember` — "member of the review";
 *    - `review.readAsAskedAgency` — "its agency is asked to contribute" (has or had a chronology or
 *      agency-report request) or "its agency owns the resource" (an action assigned to it); a resource
 *      owned by another agency is out of reach.
 *
 * Anything unknown or out of reach is audited as a refusal and answered with {@link NotFoundError},
 * exactly like a resource that does not exist, so existence is never revealed.
 */
export class AccessPolicy {
  readonly #repository: AccessRepository
  readonly #recorder: RefusalRecorder
  constructor(repository: AccessRepository, recorder: RefusalRecorder) {
    this.#repository = repository
    this.#recorder = recorder
  }

  /**
   * True when the actor's role grants `permission` (the table only, no resource). For showing or
   * hiding a button; never a substitute for {@link require} in a service.
   */
  can(actor: Actor, permission: Permission): boolean {
    return roleAllows(actor.role, permission)
  }

  /**
   * Resolves with what was looked up when the actor may do `permission` to `target`.
   *
   * @throws AccessDeniedError (refusal audited) when the role lacks the permission, or a partnership-wide
   *   check names another partnership.
   * @throws NotFoundError (refusal audited) when the resource is unknown or out of the actor's reach.
   */
  async require(actor: Actor, permission: Permission, target: AccessTarget = {}): Promise<Granted> {
    const kind = OWNED_KINDS.find((k) => target[k] !== undefined)
    const auditResource = kind
      ? { type: AUDIT_TYPE[kind], id: target[kind]! }
      : target.review !== undefined
        ? { type: 'review', id: target.review }
        : target.partnership !== undefined
          ? { type: 'partnership', id: target.partnership }
          : target.subject
    const refuse = async (error: Error): Promise<never> => {
      await this.#recorder.recordRefusal(actor, permission, auditResource)
      throw error
    }

    if (!roleAllows(actor.role, permission)) return refuse(new AccessDeniedError(permission))
    if (target.partnership !== undefined && target.partnership !== actor.partnershipId) {
      return refuse(new AccessDeniedError(permission))
    }

    let owned: OwnedResource | undefined
    if (kind) {
      owned = await this.#owner(kind, target[kind]!)
      if (!owned || (target.review !== undefined && owned.reviewId !== target.review)) {
        return refuse(new NotFoundError(`${NOT_FOUND[kind]} not found`))
      }
    }
    const reviewId = owned?.reviewId ?? target.review
    if (reviewId === undefined) return { review: null, agencyId: null, confinedToAgency: null }

    const review = await this.#repository.review(reviewId)
    const notFound = new NotFoundError(kind ? `${NOT_FOUND[kind]} not found` : 'Review not found')
    if (!review) return refuse(notFound)
    const agencyId = owned?.agencyId ?? null
    const confinedToAgency = await this.#reach(actor, review, agencyId)
    if (confinedToAgency === false) return refuse(notFound)
    if (confinedToAgency !== null && agencyId !== null && agencyId !== confinedToAgency) return refuse(notFound)
    return { review, agencyId, confinedToAgency }
  }

  /**
   * Which reviews the actor sees in a list, by the same reach rules as {@link require}. Does not check
   * an action permission: the caller's `require` (e.g. `review.list`) comes first.
   */
  async reviewListScope(actor: Actor): Promise<ReviewListScope> {
    if (roleAllows(actor.role, 'notification.readNational')) return { kind: 'national' }
    const partnershipId = actor.partnershipId
    if (!partnershipId) return { kind: 'none' }
    if (roleAllows(actor.role, 'review.readAll')) return { kind: 'partnership', partnershipId }
    if (roleAllows(actor.role, 'review.readAsMember')) return { kind: 'member', partnershipId, userId: actor.userId }
    if (roleAllows(actor.role, 'review.readAsAskedAgency') && actor.agencyId) {
      return { kind: 'reviews', partnershipId, reviewIds: await this.#repository.reviewsAskingAgency(actor.agencyId) }
    }
    return { kind: 'none' }
  }

  /** The reach rules: false when out of reach; else the agency the actor is confined to (null: none). */
  async #reach(actor: Actor, review: ReviewAccessFacts, ownerAgencyId: string | null): Promise<string | null | false> {
    // National: submitted notifications only, of any partnership.
    if (roleAllows(actor.role, 'notification.readNational')) return review.notificationSubmitted ? null : false
    if (!actor.partnershipId || review.partnershipId !== actor.partnershipId) return false
    // Sees every review of its partnership.
    if (roleAllows(actor.role, 'review.readAll')) return null
    // Member of the review.
    if (roleAllows(actor.role, 'review.readAsMember') && (await this.#repository.isMember(review.id, actor.userId))) {
      return null
    }
    // Its agency is asked to contribute (or owns the resource, such as an action assigned to it): only
    // its own agency's material.
    if (
      roleAllows(actor.role, 'review.readAsAskedAgency') &&
      actor.agencyId &&
      (ownerAgencyId === actor.agencyId || (await this.#repository.isAskedToContribute(review.id, actor.agencyId)))
    ) {
      return actor.agencyId
    }
    return false
  }

  #owner(kind: OwnedKind, id: string): Promise<OwnedResource | undefined> {
    switch (kind) {
      case 'chronologyEntry':
        return this.#repository.chronologyEntry(id)
      case 'agencyReport':
        return this.#repository.agencyReport(id)
      case 'action':
        return this.#repository.action(id)
      case 'file':
        return this.#repository.file(id)
      case 'document':
        return this.#repository.document(id)
    }
  }
}

/** The "not found" messages services gave before the policy existed. */
const NOT_FOUND: Record<OwnedKind, string> = {
  chronologyEntry: 'Entry',
  agencyReport: 'Report',
  action: 'Action',
  file: 'File',
  document: 'Document',
}
