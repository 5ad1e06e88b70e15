import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { StaleEditError, ValidationError, type FieldError } from '../errors.ts'
import { ageBandAt } from '../publication/publication.ts'
import type { AgeBand } from '../published-reviews/published-review.ts'
import type { ReviewListItem, ReviewService } from '../reviews/review.service.ts'
import { ExchangeRaceError, type PanelRepository, type PartnershipFacts } from './panel.repository.ts'
import { nationalFigures, type Figure } from './national-figures.ts'
import type { Review } from '../reviews/review.ts'
import {
  asksPartnership,
  CRITERION_RATINGS,
  PANEL_TOPICS,
  stepsOn,
  PANEL_OUTCOMES,
  PARTNERSHIP_OUTCOMES,
  panelStepProblem,
  partnershipStepProblem,
  QUALITY_CRITERIA,
  waitingFor,
  WAITING_NAMES,
  waitingOn,
  type NationalReview,
  type PanelExchange,
  type PanelParty,
  type PanelTopic,
  type QualityRatings,
  type QueueFilters,
  type Waiting,
} from './panel.ts'

/** A case in the Panel's queue (children only as labels; age bands, never dates of birth). */
export interface QueueItem extends ReviewListItem {
  partnership: PartnershipFacts
  ageBands: AgeBand[]
  waiting: Waiting
  waitingName: string
  waitingOn: PanelParty | null
  nationalReview: boolean
}

/** One case as the Panel sees it, with the exchanges so far. */
export interface PanelCase extends QueueItem {
  exchanges: PanelExchange[]
  national: NationalReview | null
}

/** The Panel's exchanges on one review, as its partnership sees them. */
export interface PartnershipPanelView {
  exchanges: PanelExchange[]
  national: NationalReview | null
  waiting: Waiting
  waitingName: string
}

/** What the Panel records on a topic. */
export interface PanelStepInput {
  outcome: string
  reasons: string
  questions: string
  /** The quality evaluation's ratings, one per criterion (quality topic only). */
  ratings?: Partial<Record<string, { rating: string; comment: string }>>
}

export interface PanelDeps {
  access: AccessPolicy
  repository: PanelRepository
  reviews: ReviewService
  audit: AuditService
  now: () => Date
}

/** Thrown when another step was recorded on the review after the page was opened. */
export class StalePanelStepError extends StaleEditError {
  override name = 'StalePanelStepError'
}

const MAX_TEXT = 10_000

/**
 * The national Panel's workspace and the partnership's side of it: the queue of every partnership's
 * submitted notifications, each case's page, the Panel's response to a rapid review, its agreement with or
 * challenge to a decision not to review, its quality evaluation of a final report, a national review, the
 * partnership's answers, and the national figures.
 *
 * Contract: every method starts with the access policy. The Panel's reach is "submitted notifications
 * only" (the policy's national rule); the partnership's is its own reviews. Children are shown as labels
 * unless the actor may reveal real names (the review service decides and audits the reveal). Every read
 * and every step is audited; steps are append-only and dated.
 */
export class PanelService {
  readonly #deps: PanelDeps
  constructor(deps: PanelDeps) {
    this.#deps = deps
  }

  /** Every submitted notification the actor may see, filtered, the Panel's own turns first, then by clock. */
  async queue(actor: Actor, filters: QueueFilters = {}): Promise<{ items: QueueItem[]; regions: string[] }> {
    await this.#deps.access.require(actor, 'panel.read')
    const listed = await this.#deps.reviews.list(actor)
    const items = await this.#queueItems(listed)
    const regions = [...new Set(items.map((i) => i.partnership.region))].sort((a, b) => a.localeCompare(b))
    const shown = items.filter(
      (i) =>
        (!filters.region || i.partnership.region === filters.region) &&
        (!filters.ageBand || i.ageBands.includes(filters.ageBand as AgeBand)) &&
        (!filters.harm || i.review.nature === filters.harm) &&
        (!filters.stage || i.review.stage === filters.stage) &&
        (!filters.waiting || i.waiting === filters.waiting),
    )
    // The Panel's work first; the list's own order (most urgent clock) within each.
    const rank = (i: QueueItem) => (i.waitingOn === 'panel' ? 0 : i.waitingOn === 'partnership' ? 1 : 2)
    shown.sort((a, b) => rank(a) - rank(b))
    await this.#deps.audit.recordAction(actor, 'panel.queue.read', null, { count: shown.length })
    return { items: shown, regions }
  }

  /** One case: the notification, rapid review and decision as received, clocks, and every exchange. Audited. */
  async caseFor(actor: Actor, reviewId: string): Promise<PanelCase> {
    await this.#deps.access.require(actor, 'panel.read', { review: reviewId })
    // The review service checks again, audits the read, and reveals real names only with the permission.
    const item = await this.#deps.reviews.get(actor, reviewId)
    const [queued] = await this.#queueItems([item])
    const [exchanges, national] = await Promise.all([
      this.#deps.repository.exchanges([reviewId]),
      this.#deps.repository.nationalReviews([reviewId]),
    ])
    await this.#deps.audit.recordAction(actor, 'panel.case.read', { type: 'review', id: reviewId })
    return { ...queued, exchanges, national: national[0] ?? null }
  }

  /**
   * Record the Panel's step on a topic: its response to the rapid review or to a decision not to review
   * (`panel.respond`), or its quality evaluation of the final report (`panel.evaluate`). `expectedSteps` is
   * the number of steps the page showed, so a step recorded meanwhile is not overtaken.
   * @throws ValidationError with every problem; StalePanelStepError when someone recorded a step first.
   */
  async recordPanelStep(
    actor: Actor,
    reviewId: string,
    topic: PanelTopic,
    input: PanelStepInput,
    expectedSteps: number,
  ): Promise<void> {
    await this.#deps.access.require(actor, topic === 'quality' ? 'panel.evaluate' : 'panel.respond', {
      review: reviewId,
    })
    const { review } = await this.#deps.reviews.get(actor, reviewId)
    const exchanges = await this.#deps.repository.exchanges([reviewId])
    const problem = panelStepProblem(review, exchanges, topic)
    if (problem) throw new ValidationError([{ field: 'form', message: problem }])
    const errors: FieldError[] = []
    const outcomes: readonly string[] = PANEL_OUTCOMES[topic]
    if (!outcomes.includes(input.outcome)) {
      errors.push({
        field: 'outcome',
        message:
          topic === 'quality'
            ? 'Select the overall rating of the report'
            : topic === 'decision'
              ? 'Select whether the Panel agrees with or challenges the decision'
              : 'Select whether the Panel agrees with the decision',
      })
    }
    let ratings: QualityRatings | null = null
    if (topic === 'quality') {
      const given = input.ratings ?? {}
      const entries = QUALITY_CRITERIA.map((c) => {
        const r = given[c.key]
        if (!r || !(CRITERION_RATINGS as readonly string[]).includes(r.rating)) {
          errors.push({ field: `rating-${c.key}`, message: `Select a rating for “${c.text}”` })
        }
        return [c.key, { rating: r?.rating ?? 'not_met', comment: (r?.comment ?? '').slice(0, MAX_TEXT) }]
      })
      ratings = Object.fromEntries(entries) as QualityRatings
    }
    if (!input.reasons.trim()) {
      errors.push({
        field: 'reasons',
        message: topic === 'quality' ? 'Enter the reasons for the rating' : 'Enter the Panel’s reasons',
      })
    }
    if (
      topic !== 'quality' &&
      outcomes.includes(input.outcome) &&
      input.outcome !== 'agrees' &&
      !input.questions.trim()
    ) {
      errors.push({ field: 'questions', message: 'Enter what the Panel asks the partnership to answer' })
    }
    if (errors.length) throw new ValidationError(errors)
    await this.#add(actor, reviewId, topic, 'panel', { ...input, ratings }, exchanges.length, expectedSteps)
  }

  /**
   * The partnership's answer to the Panel on a topic (`panel.answer`): for a challenged decision, whether it
   * reconsiders or explains; otherwise its answer. Dated and audited.
   * @throws ValidationError; StalePanelStepError when a step was recorded after the page was opened.
   */
  async answer(
    actor: Actor,
    reviewId: string,
    topic: PanelTopic,
    input: { outcome: string; reasons: string },
    expectedSteps: number,
  ): Promise<void> {
    await this.#deps.access.require(actor, 'panel.answer', { review: reviewId })
    const exchanges = await this.#deps.repository.exchanges([reviewId])
    const problem = partnershipStepProblem(exchanges, topic)
    if (problem) throw new ValidationError([{ field: 'form', message: problem }])
    const errors: FieldError[] = []
    const outcomes: readonly string[] = PARTNERSHIP_OUTCOMES[topic]
    const outcome = outcomes.length === 1 ? outcomes[0] : input.outcome
    if (!outcomes.includes(outcome)) {
      errors.push({
        field: 'outcome',
        message: 'Select whether the partnership will reconsider or explains the decision',
      })
    }
    if (!input.reasons.trim()) errors.push({ field: 'reasons', message: 'Enter the partnership’s answer' })
    if (errors.length) throw new ValidationError(errors)
    await this.#add(
      actor,
      reviewId,
      topic,
      'partnership',
      { outcome, reasons: input.reasons, questions: '', ratings: null },
      exchanges.length,
      expectedSteps,
    )
  }

  /** The Panel's exchanges on one of the partnership's reviews, for its review page. Audited. */
  async forReview(actor: Actor, reviewId: string): Promise<PartnershipPanelView> {
    await this.#deps.access.require(actor, 'review.read', { review: reviewId })
    const review = await this.#deps.reviews.readableReview(actor, reviewId)
    const [exchanges, national] = await Promise.all([
      this.#deps.repository.exchanges([reviewId]),
      this.#deps.repository.nationalReviews([reviewId]),
    ])
    await this.#deps.audit.recordAction(
      actor,
      'panel.exchanges.read',
      { type: 'review', id: reviewId },
      { count: exchanges.length },
    )
    const waiting = waitingFor(review, exchanges)
    return { exchanges, national: national[0] ?? null, waiting, waitingName: WAITING_NAMES[waiting] }
  }

  /**
   * The reviews of the actor's reach (`panel.answer`: the partnership's own) where the Panel's latest step on
   * a topic asks the partnership something (a disagreement, a challenge, questions or a rating), for Home.
   */
  async answersDue(actor: Actor): Promise<Array<{ review: Review; topic: PanelTopic }>> {
    await this.#deps.access.require(actor, 'panel.answer')
    const listed = await this.#deps.reviews.list(actor)
    const exchanges = await this.#deps.repository.exchanges(listed.map((i) => i.review.id))
    return listed.flatMap(({ review }) => {
      const own = exchanges.filter((e) => e.reviewId === review.id)
      return PANEL_TOPICS.filter((topic) => {
        const last = stepsOn(own, topic).at(-1)
        return last?.party === 'panel' && asksPartnership(last)
      }).map((topic) => ({ review, topic }))
    })
  }

  /**
   * Take the case on as a national review (`panel.nationalReview`): it is of national importance; the local
   * review stays linked. @throws ValidationError without reasons, or when it is already a national review.
   */
  async takeNationalReview(actor: Actor, reviewId: string, reasons: string): Promise<void> {
    await this.#deps.access.require(actor, 'panel.nationalReview', { review: reviewId })
    if (!reasons.trim()) {
      throw new ValidationError([{ field: 'nationalReasons', message: 'Enter why the case is of national importance' }])
    }
    const added = await this.#deps.repository.addNationalReview(
      {
        reviewId,
        reasons: reasons.slice(0, MAX_TEXT),
        decidedOn: this.#today(),
        recordedBy: actor.userId,
        recordedByName: actor.displayName,
      },
      this.#deps.now(),
    )
    if (!added) {
      throw new ValidationError([{ field: 'nationalReasons', message: 'The Panel has already taken this case on' }])
    }
    await this.#deps.audit.recordAction(actor, 'panel.national_review', { type: 'review', id: reviewId })
  }

  /** The national figures over every submitted notification, small numbers suppressed. Audited. */
  async figures(actor: Actor): Promise<{ figures: Figure[]; partnerships: number; notifications: number }> {
    await this.#deps.access.require(actor, 'panel.figures')
    const items = await this.#queueItems(await this.#deps.reviews.list(actor))
    const exchanges = await this.#deps.repository.exchanges(items.map((i) => i.review.id))
    const published = await this.#deps.repository.publishedReviewIds(items.map((i) => i.review.id))
    const rows = items.map((i) => ({
      region: i.partnership.region,
      decision: i.review.decision?.outcome ?? null,
      published: published.has(i.review.id),
      notificationClock: clockStatus(i, 'panel_notified'),
      rapidReviewClock: clockStatus(i, 'rapid_review_sent_to_panel'),
      panelOnDecision:
        exchanges.find((e) => e.reviewId === i.review.id && e.topic === 'decision' && e.party === 'panel')?.outcome ??
        null,
    }))
    await this.#deps.audit.recordAction(actor, 'panel.figures.read', null, { notifications: rows.length })
    return {
      figures: nationalFigures(rows),
      partnerships: new Set(items.map((i) => i.partnership.id)).size,
      notifications: rows.length,
    }
  }

  async #add(
    actor: Actor,
    reviewId: string,
    topic: PanelTopic,
    party: PanelParty,
    input: { outcome: string; reasons: string; questions: string; ratings: QualityRatings | null },
    count: number,
    expectedSteps: number,
  ): Promise<void> {
    const stale = () =>
      new StalePanelStepError(
        'Someone recorded a step on this review after you opened the page. Check it, then record yours again',
      )
    if (count !== expectedSteps) throw stale()
    try {
      await this.#deps.repository.addExchange(
        {
          reviewId,
          topic,
          party,
          outcome: input.outcome,
          reasons: input.reasons.slice(0, MAX_TEXT),
          questions: input.questions.slice(0, MAX_TEXT),
          ratings: input.ratings,
          happenedOn: this.#today(),
          recordedBy: actor.userId,
          recordedByName: actor.displayName,
        },
        count,
        this.#deps.now(),
      )
    } catch (error) {
      if (error instanceof ExchangeRaceError) throw stale()
      throw error
    }
    await this.#deps.audit.recordAction(
      actor,
      `panel.${party === 'panel' ? 'respond' : 'answer'}`,
      { type: 'review', id: reviewId },
      { topic, outcome: input.outcome },
    )
  }

  /** The queue's facts of listed reviews: partnership, age bands, what each waits for. */
  async #queueItems(listed: readonly ReviewListItem[]): Promise<QueueItem[]> {
    const ids = listed.map((i) => i.review.id)
    const [partnerships, ages, exchanges, national] = await Promise.all([
      this.#deps.repository.partnerships(),
      this.#deps.repository.childAges(ids),
      this.#deps.repository.exchanges(ids),
      this.#deps.repository.nationalReviews(ids),
    ])
    const byId = new Map(partnerships.map((p) => [p.id, p]))
    return listed.map((item) => {
      const { review } = item
      const bands = ages
        .filter((a) => a.reviewId === review.id)
        .map((a) => ageBandAt(a.dateOfBirth, review.incidentDate, a.lookedAfter))
        .filter((b): b is AgeBand => b !== null)
      const waiting = waitingFor(
        review,
        exchanges.filter((e) => e.reviewId === review.id),
      )
      return {
        ...item,
        partnership: byId.get(review.partnershipId) ?? { id: review.partnershipId, name: 'Unknown', region: 'Unknown' },
        ageBands: [...new Set(bands)],
        waiting,
        waitingName: WAITING_NAMES[waiting],
        waitingOn: waitingOn(waiting),
        nationalReview: national.some((n) => n.reviewId === review.id),
      }
    })
  }

  #today(): IsoDate {
    return todayInEngland(this.#deps.now())
  }
}

/** The status of the clock a review event stops (the notification, the rapid review), or null. */
function clockStatus(item: ReviewListItem, stopEvent: string) {
  return item.clocks.find((c) => c.definition.stopEvent === stopEvent)?.reading.status ?? null
}

/** Construct the Panel service (composition.ts). */
export function createPanelService(deps: PanelDeps): PanelService {
  return new PanelService(deps)
}
