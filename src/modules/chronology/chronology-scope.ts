/**
 * What of a review's chronology an actor may see, once the access policy has said yes: the review's
 * reference and pseudonym (never its case material), the agency the actor is confined to (agency
 * contributors: their own), and the partnership's agencies. Every chronology service asks the policy
 * first (`access.require`) and then reads the scope here with what the policy granted.
 */
import type { Granted } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import { ValidationError } from '../errors.ts'
import type { Agency, PartnershipDirectory } from '../partnerships/partnership.ts'
import type { ReviewSummary } from './chronology-entry.repository.ts'

/** What the actor may see of a review's chronology. */
export interface ChronologyScope {
  review: ReviewSummary
  /** Null: every agency. Otherwise only this agency (an agency contributor). */
  agencyId: string | null
  /** The partnership's agencies (all of them, for names). */
  agencies: Agency[]
}

/** Reads a {@link ChronologyScope} after the policy's check; never checks access itself. */
export class ChronologyScopes {
  readonly #reviews: { findReviewSummary(reviewId: string): Promise<ReviewSummary | undefined> }
  readonly #partnerships: PartnershipDirectory

  constructor(deps: {
    reviews: { findReviewSummary(reviewId: string): Promise<ReviewSummary | undefined> }
    partnerships: PartnershipDirectory
  }) {
    this.#reviews = deps.reviews
    this.#partnerships = deps.partnerships
  }

  /** The scope `granted` by the policy for `reviewId` (which the policy found, so it exists). */
  async of(actor: Actor, reviewId: string, granted: Granted): Promise<ChronologyScope> {
    const review = (await this.#reviews.findReviewSummary(reviewId))!
    return { review, agencyId: granted.confinedToAgency, agencies: await this.agencies(actor) }
  }

  /**
   * {@link of}, and the agency entries are submitted for: an agency contributor's own (when asked), or the
   * one a coordinator chose (`agencyId`). Throws ValidationError when there is none.
   */
  async submitting(actor: Actor, reviewId: string, granted: Granted, agencyId: string | null | undefined) {
    const scope = await this.of(actor, reviewId, granted)
    const id = scope.agencyId ?? agencyId
    const agency = scope.agencies.find((a) => a.id === id)
    if (!agency) throw new ValidationError([{ field: 'agencyId', message: 'Select the agency the entries come from' }])
    return { ...scope, agency }
  }

  /** The actor's partnership's agencies (none without a partnership). */
  async agencies(actor: Actor): Promise<Agency[]> {
    return actor.partnershipId ? this.#partnerships.listAgencies(actor.partnershipId) : []
  }
}
