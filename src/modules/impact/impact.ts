/**
 * Impact of a review's recommendations: pure types and rules, no I/O (issue 15, part 4).
 *
 * A recommendation shows impact only when a follow-up audit found that practice changed: actions closed
 * with evidence are not enough. Audits are planned per recommendation a number of months after the review
 * is published (6 and 12 by default); their due dates come from the publication date.
 */
import { addMonths, compareIsoDates, type IsoDate } from '../clocks/plain-date.ts'
import type { FieldError } from '../errors.ts'

/** The follow-up points offered by default, in months after publication. */
export const DEFAULT_AUDIT_MONTHS = [6, 12] as const

/** Latest follow-up point accepted (five years). */
export const MAX_AUDIT_MONTHS = 60

/** Longest question, sample and finding accepted. */
export const LIMITS = { question: 1000, sample: 1000, finding: 5000 } as const

/** A follow-up audit of one recommendation. */
export interface ImpactAudit {
  readonly id: string
  readonly reviewId: string
  readonly recommendationId: string
  readonly recommendationNumber: number
  readonly monthsAfter: number
  readonly question: string
  readonly sample: string
  readonly finding: string | null
  /** null until a finding is recorded. */
  readonly practiceChanged: boolean | null
  readonly auditedOn: IsoDate | null
  readonly recordedByName: string | null
}

/** An audit with its due date (null until the review is published) and state. */
export interface ScheduledAudit extends ImpactAudit {
  readonly dueDate: IsoDate | null
  readonly state: 'done' | 'overdue' | 'due' | 'awaiting_publication'
}

/** Where a recommendation stands. Only `impact_shown` counts as impact. */
export const IMPACT_STATUSES = [
  'impact_shown',
  'no_change_found',
  'audit_overdue',
  'audit_due',
  'awaiting_publication',
  'not_planned',
] as const
export type ImpactStatus = (typeof IMPACT_STATUSES)[number]

export const IMPACT_STATUS_NAMES: Readonly<Record<ImpactStatus, string>> = {
  impact_shown: 'Impact shown',
  no_change_found: 'No change found yet',
  audit_overdue: 'Audit overdue',
  audit_due: 'Audit due',
  awaiting_publication: 'Audit planned after publication',
  not_planned: 'No audit planned',
}

/** A recommendation's impact: its status and the next audit due, if any. */
export interface RecommendationImpact {
  readonly status: ImpactStatus
  /** The earliest audit not yet done, with its due date (null before publication). */
  readonly nextDue: IsoDate | null
}

/** Due date of an audit `months` after publication (`publishedOn`), or null before publication. Pure. */
export function auditDueDate(publishedOn: IsoDate | null, months: number): IsoDate | null {
  return publishedOn ? addMonths(publishedOn, months) : null
}

/** The audits with due dates and state on `today`, earliest follow-up point first. Pure; never throws. */
export function scheduleAudits(
  audits: readonly ImpactAudit[],
  publishedOn: IsoDate | null,
  today: IsoDate,
): ScheduledAudit[] {
  return [...audits]
    .sort((a, b) => a.recommendationNumber - b.recommendationNumber || a.monthsAfter - b.monthsAfter)
    .map((a) => {
      const dueDate = auditDueDate(publishedOn, a.monthsAfter)
      const state =
        a.practiceChanged !== null
          ? 'done'
          : !dueDate
            ? 'awaiting_publication'
            : compareIsoDates(dueDate, today) < 0
              ? 'overdue'
              : 'due'
      return { ...a, dueDate, state }
    })
}

/**
 * One recommendation's impact from its audits: "impact shown" when any recorded finding says practice
 * changed; otherwise the next audit not yet done (overdue, due, or waiting for publication); otherwise
 * "no change found" when every audit is done; "not planned" without audits. Pure.
 */
export function recommendationImpact(audits: readonly ScheduledAudit[]): RecommendationImpact {
  if (audits.some((a) => a.practiceChanged === true)) return { status: 'impact_shown', nextDue: null }
  const next = audits.find((a) => a.state !== 'done')
  if (next) {
    const status =
      next.state === 'overdue' ? 'audit_overdue' : next.state === 'due' ? 'audit_due' : 'awaiting_publication'
    return { status, nextDue: next.dueDate }
  }
  return { status: audits.length ? 'no_change_found' : 'not_planned', nextDue: null }
}

/** What the plan form holds, as typed. */
export interface PlanInput {
  readonly recommendationId: string
  /** Follow-up points in months, as typed or ticked. */
  readonly months: readonly string[]
  readonly question: string
  readonly sample: string
}

/** What the finding form holds (the date read from its date input; null when not given or not real). */
export interface FindingInput {
  readonly auditedOn: IsoDate | null
  readonly finding: string
  /** 'yes' or 'no'. */
  readonly practiceChanged: string
}

/**
 * Checks a plan: at least one follow-up point, each a whole number of months from 1 to MAX_AUDIT_MONTHS,
 * a question and a sample within LIMITS. Every problem at once. Pure.
 */
export function checkPlan(input: PlanInput): {
  errors: FieldError[]
  plan: { months: number[]; question: string; sample: string }
} {
  const errors: FieldError[] = []
  const typed = input.months.map((m) => m.trim()).filter(Boolean)
  const months = [...new Set(typed.map(Number))].sort((a, b) => a - b)
  if (!typed.length) errors.push({ field: 'months', message: 'Select or enter when to audit' })
  else if (typed.some((m) => !/^\d+$/.test(m) || Number(m) < 1 || Number(m) > MAX_AUDIT_MONTHS))
    errors.push({
      field: 'months',
      message: `The number of months after publication must be a whole number from 1 to ${MAX_AUDIT_MONTHS}`,
    })
  const question = input.question.trim()
  if (!question) errors.push({ field: 'question', message: 'Enter the question the audit answers' })
  else if (question.length > LIMITS.question)
    errors.push({ field: 'question', message: `The question must be ${LIMITS.question} characters or fewer` })
  const sample = input.sample.trim()
  if (!sample) errors.push({ field: 'sample', message: 'Enter what the audit samples' })
  else if (sample.length > LIMITS.sample)
    errors.push({ field: 'sample', message: `The sample must be ${LIMITS.sample} characters or fewer` })
  return { errors, plan: { months, question, sample } }
}

/**
 * Checks a finding: a date on or before `today`, the finding, and whether practice changed. Every
 * problem at once. Pure.
 */
export function checkFinding(
  input: FindingInput,
  today: IsoDate,
): { errors: FieldError[]; finding: { auditedOn: IsoDate; finding: string; practiceChanged: boolean } } {
  const errors: FieldError[] = []
  if (!input.auditedOn) errors.push({ field: 'auditedOn-day', message: 'Enter the date of the audit' })
  else if (input.auditedOn > today)
    errors.push({ field: 'auditedOn-day', message: 'The date of the audit must be today or in the past' })
  const finding = input.finding.trim()
  if (!finding) errors.push({ field: 'finding', message: 'Enter what the audit found' })
  else if (finding.length > LIMITS.finding)
    errors.push({ field: 'finding', message: `The finding must be ${LIMITS.finding} characters or fewer` })
  const changed = input.practiceChanged.trim()
  if (changed !== 'yes' && changed !== 'no')
    errors.push({ field: 'practiceChanged', message: 'Select whether the audit found that practice changed' })
  return { errors, finding: { auditedOn: input.auditedOn ?? '', finding, practiceChanged: changed === 'yes' } }
}
