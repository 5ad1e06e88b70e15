/**
 * Statutory clocks as data: each clock is anchored on an event (the authority becoming aware, the
 * notification, the decision, the planned publication date), runs for a length in working days, calendar
 * days or months, and is stopped by another event. An administrator can change the definitions; the
 * arithmetic here never hard-codes them.
 */
import { addCalendarDays, addMonths, compareIsoDates, isIsoDate, type IsoDate } from './plain-date.ts'
import { addWorkingDays, workingDaysBetween } from './working-days.ts'

/** Units a clock length can be given in. */
export const CLOCK_LENGTH_UNITS = ['working_days', 'calendar_days', 'months'] as const
/** A unit a clock length can be given in. */
export type ClockLengthUnit = (typeof CLOCK_LENGTH_UNITS)[number]

/** A length of time: a whole, non-negative amount of a unit. */
export type ClockLength = { amount: number; unit: ClockLengthUnit }

/**
 * Which side of the anchor event the deadline is on: `after` (5 working days after becoming aware) or
 * `before` (the report goes to the Panel 5 working days before the planned publication date).
 */
export const CLOCK_DIRECTIONS = ['after', 'before'] as const
/** Which side of the anchor event the deadline is on. */
export type ClockDirection = (typeof CLOCK_DIRECTIONS)[number]

/** Events in a review's life that start or stop a clock. */
export const CLOCK_EVENTS = [
  'local_authority_aware',
  'panel_notified',
  'rapid_review_sent_to_panel',
  'decision_made',
  'review_completed',
  'planned_publication',
  'report_sent_to_panel',
] as const
/** An event in a review's life that starts or stops a clock. */
export type ClockEvent = (typeof CLOCK_EVENTS)[number]

/** A statutory clock definition (stored as data and editable by an administrator). */
export type ClockDefinition = {
  /** Stable identifier, snake_case. */
  key: string
  /** What users see: "Rapid review". */
  name: string
  /** The event the clock runs from (or, for `direction: 'before'`, the event the deadline precedes). */
  startEvent: ClockEvent
  length: ClockLength
  direction: ClockDirection
  /** The event that meets the clock. */
  stopEvent: ClockEvent
  /** A running clock is "due soon" when its due date is at most this many working days away. */
  dueSoonWorkingDays: number
}

/** Default number of working days before the due date at which a clock shows as due soon. */
export const DEFAULT_DUE_SOON_WORKING_DAYS = 5

/**
 * The clocks of Working Together 2023 (and, for the decision, the SCR era), as shipped. Sources: section 3
 * of the safeguarding reviews reference. "About 6 months" and "about 1 month" are modelled as calendar
 * months; "in advance of publication" as Working Together 2013's one week, taken as 5 working days.
 */
export const DEFAULT_CLOCKS: readonly ClockDefinition[] = Object.freeze([
  {
    key: 'serious_incident_notification',
    name: 'Serious incident notification',
    startEvent: 'local_authority_aware',
    length: { amount: 5, unit: 'working_days' },
    direction: 'after',
    stopEvent: 'panel_notified',
    dueSoonWorkingDays: DEFAULT_DUE_SOON_WORKING_DAYS,
  },
  {
    key: 'rapid_review',
    name: 'Rapid review',
    startEvent: 'panel_notified',
    length: { amount: 15, unit: 'working_days' },
    direction: 'after',
    stopEvent: 'rapid_review_sent_to_panel',
    dueSoonWorkingDays: DEFAULT_DUE_SOON_WORKING_DAYS,
  },
  {
    key: 'review_decision',
    name: 'Decision whether to hold a review',
    startEvent: 'panel_notified',
    length: { amount: 1, unit: 'months' },
    direction: 'after',
    stopEvent: 'decision_made',
    dueSoonWorkingDays: DEFAULT_DUE_SOON_WORKING_DAYS,
  },
  {
    key: 'review_completion',
    name: 'Review completion',
    startEvent: 'decision_made',
    length: { amount: 6, unit: 'months' },
    direction: 'after',
    stopEvent: 'review_completed',
    dueSoonWorkingDays: DEFAULT_DUE_SOON_WORKING_DAYS,
  },
  {
    key: 'panel_notice_before_publication',
    name: 'Report sent to the Panel before publication',
    startEvent: 'planned_publication',
    length: { amount: 5, unit: 'working_days' },
    direction: 'before',
    stopEvent: 'report_sent_to_panel',
    dueSoonWorkingDays: DEFAULT_DUE_SOON_WORKING_DAYS,
  },
] satisfies ClockDefinition[])

/**
 * An agreed extension: either a new due date or a length added to the current due date, always with a
 * reason. Extensions apply in the order given, each to the due date the previous one produced.
 */
export type ClockExtension = {
  reason: string
  agreedOn?: IsoDate | null
  newDueDate?: IsoDate | null
  addedLength?: ClockLength | null
}

/** What a clock can be showing on a given day. */
export const CLOCK_STATUSES = ['not_started', 'on_track', 'due_soon', 'overdue', 'met_on_time', 'met_late'] as const
/** What a clock is showing on a given day. */
export type ClockStatus = (typeof CLOCK_STATUSES)[number]

/** Plain-English label for each status, as shown in a GOV.UK tag. */
export const CLOCK_STATUS_LABELS: Readonly<Record<ClockStatus, string>> = Object.freeze({
  not_started: 'Not started',
  on_track: 'On track',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  met_on_time: 'Met on time',
  met_late: 'Met late',
})

/**
 * Plain-English problems with a clock definition, empty when it is valid (for the administrator's form).
 * Never throws.
 */
export function validateClockDefinition(definition: ClockDefinition): string[] {
  const problems: string[] = []
  if (!/^[a-z][a-z0-9_]*$/.test(definition.key)) problems.push('Enter a key using lowercase letters, digits and _')
  if (definition.name.trim() === '') problems.push('Enter a name for the clock')
  if (!(CLOCK_EVENTS as readonly string[]).includes(definition.startEvent)) problems.push('Select the start event')
  if (!(CLOCK_EVENTS as readonly string[]).includes(definition.stopEvent)) problems.push('Select the stop event')
  problems.push(...validateLength(definition.length, 'The length'))
  if (!(CLOCK_DIRECTIONS as readonly string[]).includes(definition.direction)) {
    problems.push('Select whether the deadline is after or before the start event')
  }
  if (!Number.isInteger(definition.dueSoonWorkingDays) || definition.dueSoonWorkingDays < 0) {
    problems.push('The "due soon" warning must be a whole number of working days, 0 or more')
  }
  return problems
}

function validateLength(length: ClockLength | null | undefined, what: string): string[] {
  if (length == null) return [`${what} is missing`]
  const problems: string[] = []
  if (!Number.isInteger(length.amount) || length.amount < 0) problems.push(`${what} must be a whole number, 0 or more`)
  if (!(CLOCK_LENGTH_UNITS as readonly string[]).includes(length.unit)) {
    problems.push(`${what} must be in working days, calendar days or months`)
  }
  return problems
}

/**
 * Moves a date by a length, forwards (`after`) or backwards (`before`). Calendar-day and month results are
 * not moved off weekends or bank holidays: the statutory wording ("about 6 months") does not ask for it.
 * Throws RangeError for an invalid date or length.
 */
export function applyClockLength(date: IsoDate, length: ClockLength, direction: ClockDirection = 'after'): IsoDate {
  const problems = validateLength(length, 'The length')
  if (problems.length > 0) throw new RangeError(problems.join('; '))
  const sign = direction === 'before' ? -1 : 1
  switch (length.unit) {
    case 'working_days':
      return addWorkingDays(date, sign * length.amount)
    case 'calendar_days':
      return addCalendarDays(date, sign * length.amount)
    case 'months':
      return addMonths(date, sign * length.amount)
  }
}

/**
 * Plain-English problems with a list of extensions applied to a clock whose original due date is
 * `originalDueDate`, empty when they are valid. Never throws.
 */
export function validateExtensions(originalDueDate: IsoDate, extensions: readonly ClockExtension[]): string[] {
  const problems: string[] = []
  let due = originalDueDate
  extensions.forEach((extension, i) => {
    const label = `Extension ${i + 1}`
    if (extension.reason.trim() === '') problems.push(`${label}: enter the reason the extension was agreed`)
    const hasDate = extension.newDueDate != null
    const hasLength = extension.addedLength != null
    if (hasDate === hasLength) {
      problems.push(`${label}: enter either a new due date or the time added, not both`)
      return
    }
    if (hasDate) {
      if (!isIsoDate(extension.newDueDate!)) {
        problems.push(`${label}: the new due date must be a real date`)
        return
      }
      if (compareIsoDates(extension.newDueDate!, due) <= 0) {
        problems.push(`${label}: the new due date must be after the current due date`)
        return
      }
      due = extension.newDueDate!
    } else {
      const lengthProblems = validateLength(extension.addedLength, `${label}: the time added`)
      if (lengthProblems.length > 0 || extension.addedLength!.amount === 0) {
        problems.push(
          ...(lengthProblems.length > 0 ? lengthProblems : [`${label}: the time added must be more than 0`]),
        )
        return
      }
      due = applyClockLength(due, extension.addedLength!, 'after')
    }
    if (extension.agreedOn != null && !isIsoDate(extension.agreedOn)) {
      problems.push(`${label}: the date it was agreed must be a real date`)
    }
  })
  return problems
}

/**
 * The due date of a clock anchored on `anchorDate`, after any agreed extensions (an extension always moves
 * the due date later, whatever the clock's direction).
 * Throws RangeError when the definition, date or an extension is invalid (message from the validators).
 */
export function clockDueDate(
  definition: ClockDefinition,
  anchorDate: IsoDate,
  extensions: readonly ClockExtension[] = [],
): IsoDate {
  let due = applyClockLength(anchorDate, definition.length, definition.direction)
  const problems = validateExtensions(due, extensions)
  if (problems.length > 0) throw new RangeError(problems.join('; '))
  for (const extension of extensions) {
    due = extension.newDueDate ?? applyClockLength(due, extension.addedLength!, 'after')
  }
  return due
}

/** The state of one clock for one review: the dates its start and stop events happened, and extensions. */
export type ClockRun = {
  /** Date of the start (anchor) event; null while it has not happened (or, for a `before` clock, is unknown). */
  startedOn: IsoDate | null
  /** Date of the stop event; null while it has not happened. */
  stoppedOn: IsoDate | null
  extensions?: readonly ClockExtension[]
}

/** A clock's position on a given day. */
export type ClockReading = {
  status: ClockStatus
  /** Null only when not started. */
  dueDate: IsoDate | null
  /** Due date before extensions; null only when not started. */
  originalDueDate: IsoDate | null
  /**
   * Working days from `today` to the due date (negative when overdue); for a stopped clock, from the stop
   * date to the due date (negative when met late). Null when not started.
   */
  workingDaysLeft: number | null
}

/**
 * Reads a clock on `today`:
 * - `not_started`: no anchor date, or (for an `after` clock) the anchor is later than today;
 * - `met_on_time` / `met_late`: stopped on or before / after the due date;
 * - `overdue`: running and today is after the due date;
 * - `due_soon`: running and the due date is today or at most `dueSoonWorkingDays` working days away;
 * - `on_track`: otherwise.
 * Throws RangeError for invalid dates, definitions or extensions.
 */
export function readClock(definition: ClockDefinition, run: ClockRun, today: IsoDate): ClockReading {
  if (run.startedOn === null) {
    return { status: 'not_started', dueDate: null, originalDueDate: null, workingDaysLeft: null }
  }
  const originalDueDate = clockDueDate(definition, run.startedOn)
  const dueDate = clockDueDate(definition, run.startedOn, run.extensions ?? [])
  if (run.stoppedOn !== null) {
    const met = compareIsoDates(run.stoppedOn, dueDate) <= 0
    return {
      status: met ? 'met_on_time' : 'met_late',
      dueDate,
      originalDueDate,
      workingDaysLeft: workingDaysBetween(run.stoppedOn, dueDate),
    }
  }
  if (definition.direction === 'after' && compareIsoDates(today, run.startedOn) < 0) {
    return { status: 'not_started', dueDate, originalDueDate, workingDaysLeft: null }
  }
  const workingDaysLeft = workingDaysBetween(today, dueDate)
  let status: ClockStatus
  if (compareIsoDates(today, dueDate) > 0) status = 'overdue'
  else if (workingDaysLeft <= definition.dueSoonWorkingDays) status = 'due_soon'
  else status = 'on_track'
  return { status, dueDate, originalDueDate, workingDaysLeft }
}
