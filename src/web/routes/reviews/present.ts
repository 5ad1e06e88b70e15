import { CLOCK_STATUS_LABELS, type ClockStatus } from '../../../modules/clocks/clock.ts'
import type { ReviewClock } from '../../../modules/reviews/review-clocks.ts'

/** GOV.UK tag colour for a clock status. */
const STATUS_CLASSES: Record<ClockStatus, string> = {
  overdue: 'govuk-tag--red',
  due_soon: 'govuk-tag--orange',
  on_track: 'govuk-tag--green',
  not_started: 'govuk-tag--grey',
  met_on_time: 'govuk-tag--turquoise',
  met_late: 'govuk-tag--pink',
}

/** A clock as the pages show it. */
export function presentClock(clock: ReviewClock | null) {
  if (!clock) return null
  return {
    key: clock.definition.key,
    name: clock.definition.name,
    status: clock.reading.status,
    statusText: CLOCK_STATUS_LABELS[clock.reading.status],
    statusClass: STATUS_CLASSES[clock.reading.status],
    dueDate: clock.reading.dueDate,
    originalDueDate: clock.reading.originalDueDate,
    workingDaysLeft: clock.reading.workingDaysLeft,
    extensions: clock.extensions,
  }
}
