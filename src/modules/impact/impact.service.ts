/**
 * Impact of a review's recommendations: follow-up audits and what they found (issue 15, part 4;
 * docs/decisions/0041-impact-and-the-partnerships-year.md).
 *
 * Who does what:
 * - coordinators (`impact.manage`) plan audits of each recommendation (6 and 12 months after publication by
 *   default) with the question each answers and the sample, and record the finding and whether practice
 *   changed;
 * - readers of the review's action plan (`impact.read`) see the audits and each recommendation's status;
 * - the public sees, on the published entry, only "impact shown" or "audit due" beside the recommendation's
 *   published text (no question, sample, finding or name).
 * A recommendation shows impact only when a recorded finding says practice changed. Recommendations are
 * read through `RecommendationService` (which audits the read); every change here is audited too.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import type { RecommendationService } from '../recommendations/recommendation.service.ts'
import type { ImpactRepository } from './impact.repository.ts'
import {
  checkFinding,
  checkPlan,
  recommendationImpact,
  scheduleAudits,
  type FindingInput,
  type ImpactStatus,
  type PlanInput,
  type RecommendationImpact,
  type ScheduledAudit,
} from './impact.ts'

export type { FindingInput, PlanInput, RecommendationImpact, ScheduledAudit }

/** What the service is built from (composition.ts). */
export interface ImpactDeps {
  readonly access: AccessPolicy
  readonly repository: ImpactRepository
  readonly audit: AuditService
  readonly recommendations: Pick<RecommendationService, 'reviewPlan'>
  readonly now: () => Date
}

/** One recommendation on the impact page: its text, audits and status. */
export interface RecommendationAudits {
  readonly id: string
  readonly number: number
  readonly sentence: string
  readonly audits: ScheduledAudit[]
  readonly impact: RecommendationImpact
}

/** A review's impact page. */
export interface ReviewImpact {
  readonly review: { id: string; reference: string; pseudonym: string | null }
  /** The publication date, or null while the review is not published. */
  readonly publishedOn: IsoDate | null
  readonly recommendations: RecommendationAudits[]
  readonly canManage: boolean
  readonly today: IsoDate
}

/** An entry's impact as the public sees it: per published recommendation position, the status only. */
export type PublicImpact = ReadonlyMap<
  number,
  { status: Extract<ImpactStatus, 'impact_shown' | 'audit_due'>; dueDate: IsoDate | null }
>

/** Use cases of impact. */
export class ImpactService {
  readonly #deps: ImpactDeps
  constructor(deps: ImpactDeps) {
    this.#deps = deps
  }

  /**
   * The review's recommendations with their audits and status. Contract: `impact.read` within reach
   * (NotFoundError outside it); the recommendations are read (and that read audited) through
   * RecommendationService; this read is audited too.
   */
  async overview(actor: Actor, reviewId: string): Promise<ReviewImpact> {
    await this.#deps.access.require(actor, 'impact.read', { review: reviewId })
    const plan = await this.#deps.recommendations.reviewPlan(actor, reviewId)
    const today = this.#today()
    const publishedOn = await this.#publishedOn(reviewId)
    const audits = scheduleAudits(await this.#deps.repository.audits(reviewId), publishedOn, today)
    await this.#deps.audit.recordAction(actor, 'impact.read', { type: 'review', id: reviewId })
    return {
      review: { id: plan.review.id, reference: plan.review.reference, pseudonym: plan.review.pseudonym },
      publishedOn,
      recommendations: plan.recommendations.map((r) => {
        const own = audits.filter((a) => a.recommendationId === r.id)
        return { id: r.id, number: r.number, sentence: r.sentence, audits: own, impact: recommendationImpact(own) }
      }),
      canManage: this.#deps.access.can(actor, 'impact.manage'),
      today,
    }
  }

  /**
   * Each recommendation's status, by recommendation id (recommendations without audits are absent), for
   * the action plan page. Contract: `impact.read` within reach; reads no case material (audited by the
   * page's own read of the plan).
   */
  async statuses(actor: Actor, reviewId: string): Promise<Map<string, RecommendationImpact>> {
    await this.#deps.access.require(actor, 'impact.read', { review: reviewId })
    const audits = scheduleAudits(
      await this.#deps.repository.audits(reviewId),
      await this.#publishedOn(reviewId),
      this.#today(),
    )
    const byRecommendation = Map.groupBy(audits, (a) => a.recommendationId)
    return new Map([...byRecommendation].map(([id, own]) => [id, recommendationImpact(own)]))
  }

  /**
   * Plans audits of one recommendation of the review at the follow-up points given (points already planned
   * are kept as they are). Contract: `impact.manage` within reach; ValidationError with every problem at
   * once (unknown recommendation, months, question, sample); audited. Returns how many audits were added.
   */
  async plan(actor: Actor, reviewId: string, input: PlanInput): Promise<number> {
    const granted = await this.#deps.access.require(actor, 'impact.manage', { review: reviewId })
    const plan = await this.#deps.recommendations.reviewPlan(actor, reviewId)
    const recommendation = plan.recommendations.find((r) => r.id === input.recommendationId.trim())
    const { errors, plan: checked } = checkPlan(input)
    if (!recommendation)
      errors.unshift({ field: 'recommendationId', message: 'Select a recommendation of this review' })
    if (errors.length) throw new ValidationError(errors)
    const added = await this.#deps.repository.plan(
      {
        id: recommendation!.id,
        number: recommendation!.number,
        reviewId,
        partnershipId: granted.review!.partnershipId,
      },
      checked,
      actor.userId,
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'impact.plan',
      { type: 'recommendation', id: recommendation!.id },
      { reviewId, months: checked.months.join(', '), added },
    )
    return added
  }

  /**
   * One audit of the review with its recommendation, for the finding form. Contract: `impact.manage`
   * within reach; NotFoundError when the audit is not of this review; audited (through the plan read).
   */
  async forFinding(
    actor: Actor,
    reviewId: string,
    auditId: string,
  ): Promise<{
    review: ReviewImpact['review']
    audit: ScheduledAudit
    recommendation: { number: number; sentence: string }
  }> {
    await this.#deps.access.require(actor, 'impact.manage', { review: reviewId })
    const audit = await this.#auditOf(reviewId, auditId)
    const plan = await this.#deps.recommendations.reviewPlan(actor, reviewId)
    const recommendation = plan.recommendations.find((r) => r.id === audit.recommendationId)
    if (!recommendation) throw new NotFoundError('Audit not found')
    const [scheduled] = scheduleAudits([audit], await this.#publishedOn(reviewId), this.#today())
    return {
      review: { id: plan.review.id, reference: plan.review.reference, pseudonym: plan.review.pseudonym },
      audit: scheduled!,
      recommendation: { number: recommendation.number, sentence: recommendation.sentence },
    }
  }

  /**
   * Records what an audit found and whether practice changed (a later record corrects an earlier one).
   * Contract: `impact.manage` within reach; NotFoundError when the audit is not of this review;
   * ValidationError with every problem at once; audited.
   */
  async recordFinding(actor: Actor, reviewId: string, auditId: string, input: FindingInput): Promise<void> {
    await this.#deps.access.require(actor, 'impact.manage', { review: reviewId })
    const audit = await this.#auditOf(reviewId, auditId)
    const { errors, finding } = checkFinding(input, this.#today())
    if (errors.length) throw new ValidationError(errors)
    await this.#deps.repository.recordFinding(
      audit.id,
      finding,
      { userId: actor.userId, name: actor.displayName },
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'impact.record_finding',
      { type: 'impact_audit', id: audit.id },
      { reviewId, recommendationId: audit.recommendationId, practiceChanged: finding.practiceChanged },
    )
  }

  /**
   * A published entry's impact for its public page (no actor): by published recommendation position, only
   * "impact shown" or "audit due" with the due date; nothing else of the audits leaves the service.
   * Entries not published from a review here (ingested by hand) have none. Never throws for an unknown id.
   */
  async publicImpact(publishedReviewId: string): Promise<PublicImpact> {
    const reviewId = await this.#deps.repository.reviewOfEntry(publishedReviewId)
    if (!reviewId) return new Map()
    const audits = scheduleAudits(
      await this.#deps.repository.audits(reviewId),
      await this.#publishedOn(reviewId),
      this.#today(),
    )
    const result = new Map<number, { status: 'impact_shown' | 'audit_due'; dueDate: IsoDate | null }>()
    // Published recommendations are the review's in number order, numbered from 1: the position is the number.
    for (const [number, own] of Map.groupBy(audits, (a) => a.recommendationNumber)) {
      const impact = recommendationImpact(own)
      if (impact.status === 'impact_shown') result.set(number, { status: 'impact_shown', dueDate: null })
      else if (impact.status === 'audit_due' || impact.status === 'audit_overdue')
        result.set(number, { status: 'audit_due', dueDate: impact.nextDue })
    }
    return result
  }

  /**
   * The partnership's follow-up audits completed in `year` and the recommendations an audit that year
   * showed impact for (counts only). Contract: `partnershipYear.read` in the actor's own partnership.
   */
  async yearCounts(
    actor: Actor,
    partnershipId: string,
    year: number,
  ): Promise<{ auditsDone: number; impactShown: number }> {
    await this.#deps.access.require(actor, 'partnershipYear.read', { partnership: partnershipId })
    const done = (await this.#deps.repository.partnershipAudits(partnershipId)).filter(
      (a) => a.auditedOn !== null && a.auditedOn.startsWith(`${year}-`),
    )
    return {
      auditsDone: done.length,
      impactShown: new Set(done.filter((a) => a.practiceChanged).map((a) => a.recommendationId)).size,
    }
  }

  async #auditOf(reviewId: string, auditId: string) {
    const audit = await this.#deps.repository.audit(auditId)
    if (!audit || audit.reviewId !== reviewId) throw new NotFoundError('Audit not found')
    return audit
  }

  async #publishedOn(reviewId: string): Promise<IsoDate | null> {
    const at = await this.#deps.repository.publishedAt(reviewId)
    return at ? todayInEngland(new Date(at)) : null
  }

  #today(): IsoDate {
    return todayInEngland(this.#deps.now())
  }
}

/** Builds the service (composition.ts). */
export function createImpactService(deps: ImpactDeps): ImpactService {
  return new ImpactService(deps)
}
