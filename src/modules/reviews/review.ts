import type { ClockEvent } from '../clocks/clock.ts'
import type { IsoDate } from '../clocks/plain-date.ts'

/**
 * A review's types and pure rules: its stages and the guards on moving between them, the criteria
 * for deciding whether to review, and duplicate detection for notifications.
 */

/** Stages, in order (section 4 of the domain reference). */
export const REVIEW_STAGES = [
  'notified',
  'rapid_review',
  'decided',
  'commissioned',
  'information_gathering',
  'analysis_and_drafting',
  'sign_off',
  'publication',
  'action_monitoring',
  'closed',
] as const
export type ReviewStage = (typeof REVIEW_STAGES)[number]

export const STAGE_NAMES: Record<ReviewStage, string> = {
  notified: 'Notified',
  rapid_review: 'Rapid review',
  decided: 'Decided',
  commissioned: 'Commissioned',
  information_gathering: 'Information gathering',
  analysis_and_drafting: 'Analysis and drafting',
  sign_off: 'Sign-off',
  publication: 'Publication',
  action_monitoring: 'Action monitoring',
  closed: 'Closed',
}

export const INCIDENT_NATURES = ['death', 'serious_harm'] as const
export const ABUSE_OR_NEGLECT = ['known', 'suspected'] as const
export const SEXES = ['female', 'male', 'not_known'] as const
/** Broad ethnic groups (ONS 2021 census top level). */
export const ETHNIC_GROUPS = ['asian', 'black', 'mixed', 'white', 'other', 'not_known'] as const

/** The criteria a decision is recorded against (section 2), each answered met / not met / unknown. */
export const DECISION_CRITERIA = [
  { key: 'death_abuse_neglect', text: 'A child has died and abuse or neglect is known or suspected' },
  { key: 'serious_harm', text: 'A child has been seriously harmed and abuse or neglect is known or suspected' },
  { key: 'sexual_abuse', text: 'A child has been seriously harmed through sexual abuse' },
  { key: 'parent_murdered', text: 'A parent has been murdered and a domestic homicide review is starting' },
  { key: 'violent_assault', text: 'A child has been seriously harmed after a violent assault' },
  { key: 'inter_agency_concerns', text: 'The case raises concerns about how agencies worked together' },
  {
    key: 'custody_or_detention',
    text: 'A child died in custody, a secure setting or detained under mental health law',
  },
] as const
export type CriterionKey = (typeof DECISION_CRITERIA)[number]['key']
export const CRITERION_ANSWERS = ['met', 'not_met', 'unknown'] as const
export type CriterionAnswer = (typeof CRITERION_ANSWERS)[number]

export const DECISION_OUTCOMES = [
  'local_review',
  'other_learning_review',
  'no_review',
  'national_review_referral',
] as const
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number]
export const DECISION_OUTCOME_NAMES: Record<DecisionOutcome, string> = {
  local_review: 'Local child safeguarding practice review',
  other_learning_review: 'Another kind of learning review',
  no_review: 'No review',
  national_review_referral: 'Refer to the national Panel for a national review',
}

export const PARALLEL_PROCESS_KINDS = [
  'criminal_proceedings',
  'inquest',
  'domestic_homicide_review',
  'safeguarding_adults_review',
  'child_death_review',
] as const
export type ParallelProcessKind = (typeof PARALLEL_PROCESS_KINDS)[number]
export const PARALLEL_PROCESS_NAMES: Record<ParallelProcessKind, string> = {
  criminal_proceedings: 'Criminal proceedings',
  inquest: 'Inquest',
  domestic_homicide_review: 'Domestic homicide review',
  safeguarding_adults_review: 'Safeguarding adults review',
  child_death_review: 'Child death review',
}

export interface ReviewChild {
  name: string
  dateOfBirth: IsoDate | null
  /** Free text when the date of birth is not known ("about 14"). */
  ageText: string | null
  sex: string | null
  ethnicGroup: string | null
  disability: string | null
  lookedAfter: boolean
  childProtectionPlan: boolean
  knownToSocialCare: boolean
}

export interface AgencySummary {
  agency: string
  dueDate: IsoDate
  receivedDate: IsoDate | null
  summary: string
  /** The agency's summary as a file, when sent as one (id of a `review_file`). */
  file?: { id: string; name: string } | null
}

export interface RapidReview {
  summaries: AgencySummary[]
  meetingDate: IsoDate | null
  outcome: string
  recommendedNextStep: string
}

export interface Decision {
  criteria: Record<CriterionKey, { answer: CriterionAnswer; evidence: string }>
  outcome: DecisionOutcome
  rationale: string
  decidedBy: string
  decidedOn: IsoDate
  panelToldOn: IsoDate | null
}

export interface ParallelProcess {
  kind: ParallelProcessKind
  reference: string
  /** `ongoing` or `concluded`. */
  status: 'ongoing' | 'concluded'
  expectedEnd: IsoDate | null
}

export interface Commissioning {
  scopeStart: IsoDate
  scopeEnd: IsoDate
  linesOfEnquiry: string[]
  methodology: string
  leadReviewers: string
  panelMembers: string
  familyInvolvement: string
  parallelProcesses: ParallelProcess[]
}

export interface Review {
  id: string
  partnershipId: string
  reference: string
  stage: ReviewStage
  notificationSubmittedAt: string | null
  incidentDate: IsoDate | null
  awareDate: IsoDate | null
  nature: string | null
  abuseOrNeglect: string | null
  agenciesInvolved: string[]
  outline: string
  pseudonym: string | null
  rapidReview: RapidReview
  decision: Decision | null
  commissioning: Commissioning | null
  embargoReason: string | null
  children: ReviewChild[]
  /** Dates of the events the clocks run from and to. */
  milestones: Partial<Record<ClockEvent, IsoDate>>
  createdAt: string
  updatedAt: string
  version: number
}

export const EMPTY_RAPID_REVIEW: RapidReview = {
  summaries: [],
  meetingDate: null,
  outcome: '',
  recommendedNextStep: '',
}

/**
 * Stages a review may move to from its current stage. Forward one step; a decision not to hold a
 * local review closes the review from `decided`.
 */
export function nextStages(stage: ReviewStage): ReviewStage[] {
  if (stage === 'decided') return ['commissioned', 'closed']
  if (stage === 'closed') return []
  return [REVIEW_STAGES[REVIEW_STAGES.indexOf(stage) + 1]]
}

/**
 * Why the review cannot move to `to` now, in plain English; an empty list when it can.
 * Contract: pure; never throws.
 */
export function transitionProblems(review: Review, to: ReviewStage): string[] {
  if (!nextStages(review.stage).includes(to)) {
    return [`A review at “${STAGE_NAMES[review.stage]}” cannot move to “${STAGE_NAMES[to]}”`]
  }
  const problems: string[] = []
  switch (to) {
    case 'rapid_review':
      if (!review.notificationSubmittedAt) problems.push('Submit the notification before starting the rapid review')
      if (!review.milestones.panel_notified) problems.push('Record the date the national Panel was notified')
      break
    case 'decided':
      if (!review.rapidReview.outcome.trim()) problems.push('Record the outcome of the rapid review panel meeting')
      if (!review.decision) problems.push('Record the decision, with its rationale, against each criterion')
      break
    case 'commissioned': {
      if (review.decision?.outcome !== 'local_review') {
        problems.push('Only a decision to hold a local review can be commissioned')
      }
      const c = review.commissioning
      if (!c) problems.push('Record the terms of reference and the lead reviewer')
      else {
        if (!c.leadReviewers.trim()) problems.push('Name the lead reviewer or reviewers')
        if (!c.methodology.trim()) problems.push('Choose the methodology')
        if (c.linesOfEnquiry.length === 0) problems.push('Add at least one key line of enquiry')
      }
      break
    }
    case 'closed':
      if (review.stage === 'decided' && review.decision?.outcome === 'local_review') {
        problems.push('A decision to hold a local review must be commissioned, not closed')
      }
      break
    default:
      break
  }
  return problems
}

/** An unfinished criminal process holds publication back; the reason names it. Pure. */
export function embargoReasonFor(commissioning: Commissioning | null): string | null {
  const criminal = commissioning?.parallelProcesses.find(
    (p) => p.kind === 'criminal_proceedings' && p.status === 'ongoing',
  )
  if (!criminal) return null
  const expected = criminal.expectedEnd ? `, expected to end ${criminal.expectedEnd}` : ''
  return `Criminal proceedings are not finished (${criminal.reference || 'no reference'}${expected}); publication is held back until they end`
}

/** Lower-case, collapse spaces, drop punctuation: names compared as a coordinator would. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A notification already on record that may be the same incident, and why. */
export interface DuplicateCandidate {
  reviewId: string
  reference: string
  reason: string
}

/**
 * Is `candidate` (a notification being written) likely the same incident as `existing`?
 * The same child (name and date of birth), or the same incident date with a child of the same
 * name. Returns the reason, or null. Pure.
 */
export function duplicateReason(
  candidate: { incidentDate: IsoDate | null; children: Pick<ReviewChild, 'name' | 'dateOfBirth'>[] },
  existing: { incidentDate: IsoDate | null; children: Pick<ReviewChild, 'name' | 'dateOfBirth'>[] },
): string | null {
  for (const child of candidate.children) {
    const name = normaliseName(child.name)
    if (!name) continue
    for (const other of existing.children) {
      if (normaliseName(other.name) !== name) continue
      if (child.dateOfBirth && child.dateOfBirth === other.dateOfBirth) {
        return `A child with the same name and date of birth (${child.dateOfBirth}) is already notified`
      }
      if (candidate.incidentDate && candidate.incidentDate === existing.incidentDate) {
        return `An incident on the same date (${candidate.incidentDate}) with a child of the same name is already notified`
      }
    }
  }
  return null
}

/** Shown instead of a child's date of birth to someone who may not see real names. */
export const DATE_OF_BIRTH_WITHHELD = 'Not shown'

/**
 * The review as someone without `review.revealOriginal` may see it: each child's name replaced by a
 * label and the date of birth withheld. A review of one child labels them with the review's
 * pseudonym ("Child Q"); otherwise, or without one, "Child 1", "Child 2" in the notification's order.
 * Pure; the review passed in is not changed.
 */
export function withChildrenPseudonymised(review: Review): Review {
  const children = review.children.map((child, i) => ({
    ...child,
    name: review.children.length === 1 && review.pseudonym ? review.pseudonym : `Child ${i + 1}`,
    dateOfBirth: null,
    ageText: child.dateOfBirth ? DATE_OF_BIRTH_WITHHELD : child.ageText,
  }))
  return { ...review, children }
}
