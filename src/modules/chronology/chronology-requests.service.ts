/**
 * Requests to agencies: a coordinator asks agencies for their chronology and/or agency report by a due
 * date; readers of the review see the requests (an agency contributor only their own agency's).
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { todayInEngland } from '../clocks/plain-date.ts'
import { ValidationError, type FieldError } from '../errors.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import { REQUEST_KINDS, type AgencyRequest } from './chronology.ts'
import type { ChronologyRequestRepository } from './chronology-request.repository.ts'
import type { ChronologyScope, ChronologyScopes } from './chronology-scope.ts'

/** Use cases of requests to agencies for their chronology or agency report. */
export class ChronologyRequestService {
  readonly #access: AccessPolicy
  readonly #requests: ChronologyRequestRepository
  readonly #scopes: ChronologyScopes
  readonly #reviews: ReviewService
  readonly #audit: AuditService
  readonly #now: () => Date

  constructor(deps: {
    access: AccessPolicy
    requests: ChronologyRequestRepository
    scopes: ChronologyScopes
    reviews: ReviewService
    audit: AuditService
    now: () => Date
  }) {
    this.#access = deps.access
    this.#requests = deps.requests
    this.#scopes = deps.scopes
    this.#reviews = deps.reviews
    this.#audit = deps.audit
    this.#now = deps.now
  }

  /**
   * Asks agencies for their chronology and/or agency report by a due date (coordinators: `review.manage`).
   * Throws ValidationError (no agency, nothing asked, no or past due date). Returns how many requests. Audited.
   */
  async requestFromAgencies(
    actor: Actor,
    reviewId: string,
    input: { agencyIds: string[]; kinds: string[]; dueDate: string | null },
  ): Promise<number> {
    const review = await this.#reviews.manageableReview(actor, reviewId)
    const agencies = await this.#scopes.agencies(actor)
    const errors: FieldError[] = []
    const chosen = agencies.filter((a) => input.agencyIds.includes(a.id))
    if (chosen.length === 0) errors.push({ field: 'agencyIds', message: 'Select at least one agency' })
    const kinds = REQUEST_KINDS.filter((k) => input.kinds.includes(k))
    if (kinds.length === 0) errors.push({ field: 'kinds', message: 'Select what you are asking for' })
    if (!input.dueDate) errors.push({ field: 'dueDate-day', message: 'Enter the date it is due' })
    else if (input.dueDate < todayInEngland(this.#now()))
      errors.push({ field: 'dueDate-day', message: 'The due date must be today or in the future' })
    if (errors.length) throw new ValidationError(errors)
    for (const agency of chosen) {
      for (const kind of kinds) {
        await this.#requests.upsertRequest(
          { reviewId: review.id, agencyId: agency.id, kind, dueDate: input.dueDate!, requestedBy: actor.userId },
          this.#now(),
        )
      }
    }
    await this.#audit.recordAction(
      actor,
      'chronology.request',
      { type: 'review', id: reviewId },
      {
        agencies: chosen.map((a) => a.name).join(', '),
        kinds: kinds.join(', '),
        dueDate: input.dueDate!,
      },
    )
    return chosen.length * kinds.length
  }

  /**
   * The review's requests: all of them for readers of the whole chronology, an agency's own otherwise.
   * Throws AccessDeniedError without `chronology.read`, NotFoundError outside the actor's scope.
   */
  async listRequests(actor: Actor, reviewId: string): Promise<{ scope: ChronologyScope; requests: AgencyRequest[] }> {
    const granted = await this.#access.require(actor, 'chronology.read', { review: reviewId })
    const scope = await this.#scopes.of(actor, reviewId, granted)
    return { scope, requests: await this.#requests.listRequests(reviewId, scope.agencyId ?? undefined) }
  }
}
