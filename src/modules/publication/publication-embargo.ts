/**
 * Lifting the publication embargo as a recorded decision (ADR 0027): how it ended, when, and
 * why, checked with zod into GOV.UK error messages. Pure: no database, no web.
 */
import { z } from 'zod'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { FieldError } from '../errors.ts'
import type { Review } from '../reviews/review.ts'
import { EMBARGO_OUTCOMES, happenedOnProblems, type EmbargoOutcome } from './publication.ts'

/** What the embargo's form sends (the same fields as a step's input). */
export interface EmbargoLiftInput {
  outcome?: EmbargoOutcome | null
  outcomeDetail?: string
  happenedOn?: IsoDate | null
  /** Why the date typed could not be read (the form's own check), shown instead of the date rules. */
  happenedOnError?: string | null
}

/** Longest "other" outcome, in characters. */
export const OUTCOME_DETAIL_MAX = 500

/**
 * What is wrong with a lifted embargo as typed: an outcome from the list (with words for "other"),
 * the date it was lifted (required, real, not in the future, not before the decision to commission,
 * when the embargo was set), and the reason (the note; required). Pure.
 */
export function embargoLiftProblems(
  input: EmbargoLiftInput,
  reason: string,
  today: IsoDate,
  embargoSetOn: IsoDate | null,
): { errors: FieldError[]; outcome: EmbargoOutcome | null; outcomeDetail: string | null } {
  const parsed = EMBARGO_LIFT_SCHEMA.safeParse({
    outcome: input.outcome ?? '',
    outcomeDetail: input.outcomeDetail ?? '',
    note: reason,
  })
  const errors: FieldError[] = []
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = String(issue.path[0])
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message })
  }
  const dateErrors = input.happenedOnError
    ? [input.happenedOnError]
    : happenedOnProblems(input.happenedOn ?? null, 'the date the embargo was lifted', today, embargoSetOn)
  errors.push(...dateErrors.map((message) => ({ field: 'happenedOn-day', message })))
  // In the order the form asks: outcome, its words, the date, the reason.
  const order = ['outcome', 'outcomeDetail', 'happenedOn-day', 'note']
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  if (!parsed.success) return { errors, outcome: null, outcomeDetail: null }
  return {
    errors,
    outcome: parsed.data.outcome,
    outcomeDetail: parsed.data.outcome === 'other' ? parsed.data.outcomeDetail : null,
  }
}

/** The lifted embargo's outcome, its words for "other", and the reason, with GOV.UK error messages. */
const EMBARGO_LIFT_SCHEMA = z
  .object({
    outcome: z.enum(EMBARGO_OUTCOMES, { error: 'Select how the embargo ended' }),
    outcomeDetail: z
      .string()
      .trim()
      .max(OUTCOME_DETAIL_MAX, `How the embargo ended must be ${OUTCOME_DETAIL_MAX} characters or fewer`),
    note: z.string().trim().min(1, 'Enter the reason the embargo was lifted'),
  })
  .refine((v) => v.outcome !== 'other' || v.outcomeDetail.length > 0, {
    path: ['outcomeDetail'],
    message: 'Enter how the embargo ended',
    // Checked even when another field is wrong, so the error summary lists every problem at once.
    when: (payload) => (payload.value as { outcome?: unknown }).outcome === 'other',
  })

/**
 * The earliest day the embargo can have been set: it is set at commissioning, which follows the
 * decision to review (no commissioning date is kept); without a decision, the day of the incident.
 */
export function embargoSetOn(review: Review): IsoDate | null {
  return review.milestones.decision_made ?? review.incidentDate ?? null
}
