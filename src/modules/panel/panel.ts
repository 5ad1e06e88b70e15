import type { IsoDate } from '../clocks/plain-date.ts'
import type { DecisionOutcome, Review } from '../reviews/review.ts'

/**
 * The national Child Safeguarding Practice Review Panel's exchanges with a partnership about one review,
 * as types and pure rules: the Panel's response to the rapid review, its agreement with or challenge to a
 * decision not to review, its quality evaluation of the final report, and the partnership's answers.
 */

/** What an exchange is about. */
export const PANEL_TOPICS = ['rapid_review', 'decision', 'quality'] as const
export type PanelTopic = (typeof PANEL_TOPICS)[number]

/** URL segment of each topic (`/panel/notifications/:id/respond/rapid-review`). */
export const TOPIC_SLUGS: Record<PanelTopic, string> = {
  rapid_review: 'rapid-review',
  decision: 'decision',
  quality: 'quality',
}
export function topicFromSlug(slug: string): PanelTopic | null {
  return PANEL_TOPICS.find((t) => TOPIC_SLUGS[t] === slug) ?? null
}

export const TOPIC_NAMES: Record<PanelTopic, string> = {
  rapid_review: 'Rapid review',
  decision: 'Decision not to review',
  quality: 'Quality of the final report',
}

/** Who recorded a step. */
export const PANEL_PARTIES = ['panel', 'partnership'] as const
export type PanelParty = (typeof PANEL_PARTIES)[number]

/** What the Panel may say on each topic (the quality topic's outcome is the overall rating). */
export const PANEL_OUTCOMES = {
  rapid_review: ['agrees', 'disagrees'],
  decision: ['agrees', 'challenges'],
  quality: ['good', 'requires_improvement', 'inadequate'],
} as const satisfies Record<PanelTopic, readonly string[]>

/** What the partnership may answer on each topic. */
export const PARTNERSHIP_OUTCOMES = {
  rapid_review: ['answers'],
  decision: ['reconsiders', 'explains'],
  quality: ['answers'],
} as const satisfies Record<PanelTopic, readonly string[]>

export const OUTCOME_NAMES: Record<string, string> = {
  agrees: 'The Panel agrees with the decision',
  disagrees: 'The Panel does not agree with the decision',
  challenges: 'The Panel challenges the decision',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  answers: 'The partnership answered',
  reconsiders: 'The partnership will reconsider the decision',
  explains: 'The partnership explains the decision',
}

/**
 * The published quality markers a final report is judged against: the list, from the SCIE and
 * NSPCC "Learning into practice: quality markers for case reviews" (2016) and the Child Safeguarding
 * Practice Review Panel's annual reports (2018–19 onwards), which ask reviews to explain why, not only
 * what, happened.
 */
export const QUALITY_CRITERIA = [
  { key: 'findings_why', text: 'Clear findings about why things happened, not only what happened' },
  { key: 'lived_experience', text: 'The child’s lived experience and voice are at the centre' },
  { key: 'family_involvement', text: 'The family were involved and their views are reflected' },
  { key: 'systems_learning', text: 'Learning about the system, beyond individual practice' },
  { key: 'proportionate', text: 'A proportionate length and focus' },
  {
    key: 'smart_recommendations',
    text: 'Recommendations that are specific, measurable, achievable, relevant and timed',
  },
] as const
export type QualityCriterionKey = (typeof QUALITY_CRITERIA)[number]['key']
export const CRITERION_RATINGS = ['met', 'partly_met', 'not_met'] as const
export type CriterionRating = (typeof CRITERION_RATINGS)[number]
export const CRITERION_RATING_NAMES: Record<CriterionRating, string> = {
  met: 'Met',
  partly_met: 'Partly met',
  not_met: 'Not met',
}
export type QualityRatings = Record<QualityCriterionKey, { rating: CriterionRating; comment: string }>

/** One dated step of an exchange between the Panel and a partnership. */
export interface PanelExchange {
  id: string
  reviewId: string
  topic: PanelTopic
  party: PanelParty
  /** One of PANEL_OUTCOMES[topic] or PARTNERSHIP_OUTCOMES[topic]. */
  outcome: string
  reasons: string
  questions: string
  /** The quality evaluation's ratings (quality topic, Panel step only). */
  ratings: QualityRatings | null
  happenedOn: IsoDate
  recordedByName: string
  recordedAt: string
}

/** The Panel's decision to take a case on as a national review. */
export interface NationalReview {
  reviewId: string
  reasons: string
  decidedOn: IsoDate
  recordedByName: string
  recordedAt: string
}

/** Decisions that are "not to review" (no local child safeguarding practice review): the Panel agrees or challenges. */
export const NOT_REVIEW_OUTCOMES: readonly DecisionOutcome[] = ['no_review', 'other_learning_review']

/** The facts of a review the rules read. */
export type ReviewFacts = Pick<Review, 'decision' | 'milestones' | 'stage'>

/** The steps on one topic, oldest first. */
export function stepsOn(exchanges: readonly PanelExchange[], topic: PanelTopic): PanelExchange[] {
  return exchanges.filter((e) => e.topic === topic)
}

/** Has the Panel received what it answers on this topic? Pure. */
export function received(review: ReviewFacts, topic: PanelTopic): boolean {
  switch (topic) {
    case 'rapid_review':
      return !!review.milestones.rapid_review_sent_to_panel
    case 'decision':
      return !!review.decision && NOT_REVIEW_OUTCOMES.includes(review.decision.outcome)
    case 'quality':
      return !!review.milestones.report_sent_to_panel
  }
}

/** True when the Panel's latest step on the topic asks something of the partnership (not a plain agreement). */
export function asksPartnership(step: PanelExchange): boolean {
  return step.outcome !== 'agrees' || step.questions.trim() !== ''
}

/**
 * Why the Panel cannot record a step on `topic` now, in plain English, or null when it can: the thing must
 * have been received, and its last step must not be the Panel's own (the partnership answers first). Pure.
 */
export function panelStepProblem(review: ReviewFacts, exchanges: readonly PanelExchange[], topic: PanelTopic) {
  if (!received(review, topic)) {
    return {
      rapid_review: 'The Panel has not received the rapid review yet',
      decision: 'There is no decision not to review to respond to',
      quality: 'The Panel has not received the final report yet',
    }[topic]
  }
  const last = stepsOn(exchanges, topic).at(-1)
  if (last?.party === 'panel') return 'The Panel has responded; the partnership answers next'
  return null
}

/** Why the partnership cannot answer on `topic` now, or null: the last step must be the Panel's. Pure. */
export function partnershipStepProblem(exchanges: readonly PanelExchange[], topic: PanelTopic): string | null {
  const last = stepsOn(exchanges, topic).at(-1)
  if (!last) return 'The Panel has not responded on this yet'
  if (last.party !== 'panel') return 'You have answered; the Panel responds next'
  return null
}

/** What a case is waiting for, and on whom. */
export const WAITING = [
  'rapid_review',
  'panel_response',
  'partnership_answer',
  'panel_decision_response',
  'partnership_reconsideration',
  'final_report',
  'panel_evaluation',
  'nothing',
] as const
export type Waiting = (typeof WAITING)[number]
export const WAITING_NAMES: Record<Waiting, string> = {
  rapid_review: 'Partnership: the rapid review',
  panel_response: 'Panel: a response to the rapid review',
  partnership_answer: 'Partnership: an answer to the Panel',
  panel_decision_response: 'Panel: agree or challenge the decision not to review',
  partnership_reconsideration: 'Partnership: reconsider or explain the decision',
  final_report: 'Partnership: the final report',
  panel_evaluation: 'Panel: a quality evaluation of the final report',
  nothing: 'Nothing',
}
/** Who each wait is on. */
export function waitingOn(waiting: Waiting): PanelParty | null {
  if (waiting === 'nothing') return null
  return waiting.startsWith('panel') ? 'panel' : 'partnership'
}

/**
 * What the case waits for now, the Panel's turns first (they are its work). Pure.
 *
 * Order: an unanswered rapid review, a decision not to review the Panel has not answered, a final report
 * not evaluated; then what the partnership owes (answers, the rapid review, the final report).
 */
export function waitingFor(review: ReviewFacts, exchanges: readonly PanelExchange[]): Waiting {
  const lastOn = (topic: PanelTopic) => stepsOn(exchanges, topic).at(-1)
  const panelTurn = (topic: PanelTopic) => received(review, topic) && lastOn(topic)?.party !== 'panel'
  // The Panel's turn only when nothing has been said yet or the partnership has answered something it asked.
  const untouched = (topic: PanelTopic) => panelTurn(topic) && !lastOn(topic)
  if (untouched('rapid_review')) return 'panel_response'
  if (untouched('decision')) return 'panel_decision_response'
  if (untouched('quality')) return 'panel_evaluation'
  for (const topic of PANEL_TOPICS) {
    const last = lastOn(topic)
    if (last?.party === 'panel' && asksPartnership(last)) {
      return topic === 'decision' ? 'partnership_reconsideration' : 'partnership_answer'
    }
  }
  if (!received(review, 'rapid_review') && review.stage !== 'closed') return 'rapid_review'
  if (review.decision?.outcome === 'local_review' && !received(review, 'quality') && review.stage !== 'closed') {
    return 'final_report'
  }
  return 'nothing'
}

/** Queue filters (all optional; an empty value means any). */
export interface QueueFilters {
  region?: string
  ageBand?: string
  harm?: string
  stage?: string
  waiting?: string
}
