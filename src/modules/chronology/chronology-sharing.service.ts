/**
 * Sharing the integrated chronology with the review's agencies: once shared, their contributors see every
 * agency's submitted entries (never drafts) until a coordinator withdraws it.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { ChronologySharingRepository, ShareEvent } from './chronology-sharing.repository.ts'

/** Whether the integrated chronology is shared with the review's agencies, and its history. */
export interface SharingState {
  shared: boolean
  /** Latest first. */
  events: ShareEvent[]
}

/** Use cases of sharing the integrated chronology with agencies. */
export class ChronologySharingService {
  readonly #access: AccessPolicy
  readonly #sharing: ChronologySharingRepository
  readonly #audit: AuditService
  readonly #now: () => Date

  constructor(deps: {
    access: AccessPolicy
    sharing: ChronologySharingRepository
    audit: AuditService
    now: () => Date
  }) {
    this.#access = deps.access
    this.#sharing = deps.sharing
    this.#audit = deps.audit
    this.#now = deps.now
  }

  /** Whether the integrated chronology is shared with the review's agencies, and who shared or withdrew it when. */
  async state(actor: Actor, reviewId: string): Promise<SharingState> {
    await this.#access.require(actor, 'chronology.read', { review: reviewId })
    const events = await this.#sharing.shareEvents(reviewId)
    return { shared: events[0]?.action === 'shared', events }
  }

  /**
   * Shares the integrated chronology with the agencies of the review (their contributors then see every
   * agency's submitted entries, never drafts), or withdraws it. Coordinators of the review's partnership.
   * Nothing is recorded when the state does not change. Audited.
   */
  async setSharing(actor: Actor, reviewId: string, share: boolean): Promise<void> {
    await this.#access.require(actor, 'review.manage', { review: reviewId })
    const changed = await this.#sharing.addShareEvent(
      reviewId,
      share ? 'shared' : 'withdrawn',
      actor.userId,
      this.#now(),
    )
    if (!changed) return
    await this.#audit.recordAction(actor, share ? 'chronology.share' : 'chronology.share.withdraw', {
      type: 'review',
      id: reviewId,
    })
  }
}
