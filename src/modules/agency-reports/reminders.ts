/**
 * Reminders for requests to agencies: which reminder (if any) a request needs on a day, and the email's
 * words. Pure: no database, no clock of its own.
 */
import { DEFAULT_DUE_SOON_WORKING_DAYS } from '../clocks/clock.ts'
import { formatLongDate, type IsoDate } from '../clocks/plain-date.ts'
import { workingDaysBetween } from '../clocks/working-days.ts'

/** A request is "due soon" from this many working days before its due date (the clocks' own threshold). */
export const REMINDER_WORKING_DAYS = DEFAULT_DUE_SOON_WORKING_DAYS

/** Which reminder a request needs. */
export type ReminderKind = 'request.reminder' | 'request.overdue'

/**
 * The reminder an open request needs on `today`: `request.overdue` after its due date, `request.reminder`
 * from {@link REMINDER_WORKING_DAYS} working days before it up to the due date itself (England and Wales
 * bank holidays are not working days), otherwise null. Throws RangeError for invalid dates.
 */
export function reminderFor(dueDate: IsoDate, today: IsoDate): ReminderKind | null {
  if (today > dueDate) return 'request.overdue'
  return workingDaysBetween(today, dueDate) <= REMINDER_WORKING_DAYS ? 'request.reminder' : null
}

/**
 * The key that makes a reminder go once: one "due soon" and one "overdue" email per request, due date and
 * recipient. A moved due date is a new request in effect, so it is reminded again.
 */
export function reminderKey(kind: ReminderKind, requestId: string, dueDate: IsoDate, userId: string): string {
  return `${kind}:${requestId}:${dueDate}:${userId}`
}

/** What the email says. Only the review's reference and pseudonym: never a name of the family. */
export function reminderEmail(input: {
  kind: ReminderKind
  requestKind: string
  dueDate: IsoDate
  today: IsoDate
  reviewReference: string
  reviewPseudonym: string | null
  agencyName: string
}): { subject: string; body: string } {
  const what = input.requestKind === 'agency_report' ? 'agency report (individual management review)' : 'chronology'
  const review = input.reviewPseudonym ? `${input.reviewReference} (${input.reviewPseudonym})` : input.reviewReference
  const due = formatLongDate(input.dueDate)
  const overdue = input.kind === 'request.overdue'
  const left = workingDaysBetween(input.today, input.dueDate)
  const when = overdue
    ? `It was due on ${due} and has not been submitted yet.`
    : left === 0
      ? `It is due today, ${due}.`
      : `It is due on ${due}, in ${left} working ${left === 1 ? 'day' : 'days'}.`
  const subject = overdue
    ? `Overdue: ${what} for review ${review}`
    : `Reminder: ${what} for review ${review} is due on ${due}`
  const body = [
    `${input.agencyName} has been asked for its ${what} for review ${review}.`,
    '',
    when,
    '',
    `Sign in to Case Review and open review ${input.reviewReference} to submit it.`,
    'Do not reply to this email with case details: this email is not a secure way to send them.',
  ].join('\n')
  return { subject, body }
}
