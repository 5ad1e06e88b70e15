import { readClock, type ClockDefinition, type ClockReading } from '../clocks/clock.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { ClockExtensionRecord } from './review-clock.repository.ts'
import type { Review } from './review.ts'

/** One clock of one review, read on a day. */
export interface ReviewClock {
  definition: ClockDefinition
  reading: ClockReading
  extensions: ClockExtensionRecord[]
}

/** Order of urgency for choosing a review's "next due" clock and sorting the dashboard. */
const URGENCY: Record<ClockReading['status'], number> = {
  overdue: 0,
  due_soon: 1,
  on_track: 2,
  not_started: 3,
  met_late: 4,
  met_on_time: 5,
}

/**
 * Read every clock of a review on `today` from its milestones and agreed extensions.
 * Contract: pure; a clock whose dates are inconsistent (an extension earlier than the due date)
 * reads as not started rather than throwing, so one bad record cannot break a dashboard.
 */
export function readReviewClocks(
  definitions: readonly ClockDefinition[],
  review: Pick<Review, 'milestones'>,
  extensions: readonly ClockExtensionRecord[],
  today: IsoDate,
): ReviewClock[] {
  return definitions.map((definition) => {
    const own = extensions.filter((e) => e.clockKey === definition.key)
    const run = {
      startedOn: review.milestones[definition.startEvent] ?? null,
      stoppedOn: review.milestones[definition.stopEvent] ?? null,
      extensions: own.map((e) => ({ reason: e.reason, agreedOn: e.agreedOn, newDueDate: e.newDueDate })),
    }
    let reading: ClockReading
    try {
      reading = readClock(definition, run, today)
    } catch {
      reading = { status: 'not_started', dueDate: null, originalDueDate: null, workingDaysLeft: null }
    }
    return { definition, reading, extensions: own }
  })
}

/** The clock that matters most now: the most urgent running one (earliest due first), or null. */
export function nextDueClock(clocks: readonly ReviewClock[]): ReviewClock | null {
  const running = clocks.filter((c) => ['overdue', 'due_soon', 'on_track'].includes(c.reading.status))
  running.sort(
    (a, b) =>
      URGENCY[a.reading.status] - URGENCY[b.reading.status] ||
      (a.reading.dueDate ?? '').localeCompare(b.reading.dueDate ?? ''),
  )
  return running[0] ?? null
}

/** Sort key: lower is more urgent (overdue first, then due soon, then by due date). */
export function urgencyOf(clock: ReviewClock | null): [number, string] {
  return clock ? [URGENCY[clock.reading.status], clock.reading.dueDate ?? '9999'] : [9, '9999']
}
