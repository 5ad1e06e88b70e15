import type { ClockDefinition, ClockStatus } from '../clocks/clock.ts'
import { calendarDaysBetween, todayInEngland } from '../clocks/plain-date.ts'
import { workingDaysBetween } from '../clocks/working-days.ts'
import type { ReviewClock } from './review-clocks.ts'
import type { StageChange } from './review.repository.ts'
import { REVIEW_STAGES, STAGE_NAMES, type Review, type ReviewStage } from './review.ts'

/** How one clock went across a partnership's reviews. */
export interface ClockPerformance {
  key: string
  name: string
  counts: Record<ClockStatus, number>
  /** Median working days from start to stop, over the reviews where the clock was met; null if none. */
  medianWorkingDaysTaken: number | null
}

/** How long reviews spent in one stage (left it, or still in it today). */
export interface StageDuration {
  stage: ReviewStage
  name: string
  reviews: number
  medianDays: number | null
  longestDays: number | null
}

/** The regulation 14 "time and quality" report. */
export interface TimeAndQualityReport {
  reviews: number
  clocks: ClockPerformance[]
  stages: StageDuration[]
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Build the report from each review's clocks and stage history. Pure.
 * Stage durations are calendar days between entering a stage and the next change (or `today`).
 */
export function buildTimeAndQualityReport(
  definitions: readonly ClockDefinition[],
  reviews: ReadonlyArray<{ review: Pick<Review, 'milestones'>; clocks: ReviewClock[]; history: StageChange[] }>,
  now: Date,
): TimeAndQualityReport {
  const clocks = definitions.map((definition) => {
    const counts = { not_started: 0, on_track: 0, due_soon: 0, overdue: 0, met_on_time: 0, met_late: 0 } as Record<
      ClockStatus,
      number
    >
    const taken: number[] = []
    for (const review of reviews) {
      const clock = review.clocks.find((c) => c.definition.key === definition.key)
      if (!clock) continue
      counts[clock.reading.status]++
      const start = review.review.milestones[definition.startEvent]
      const stop = review.review.milestones[definition.stopEvent]
      // A "before" clock runs backwards from its anchor, so "time taken" has no meaning for it.
      if (definition.direction === 'after' && start && stop) taken.push(workingDaysBetween(start, stop))
    }
    return { key: definition.key, name: definition.name, counts, medianWorkingDaysTaken: median(taken) }
  })
  const today = todayInEngland(now)
  const perStage = new Map<ReviewStage, number[]>()
  for (const review of reviews) {
    const changes = review.history.filter((h, i) => i === 0 || h.toStage !== h.fromStage)
    changes.forEach((change, i) => {
      const stage = change.toStage as ReviewStage
      if (stage === 'closed') return
      const start = change.changedAt.slice(0, 10)
      const end = changes[i + 1]?.changedAt.slice(0, 10) ?? today
      const list = perStage.get(stage) ?? []
      list.push(Math.max(0, calendarDaysBetween(start, end)))
      perStage.set(stage, list)
    })
  }
  const stages = REVIEW_STAGES.filter((s) => s !== 'closed').map((stage) => {
    const days = perStage.get(stage) ?? []
    return {
      stage,
      name: STAGE_NAMES[stage],
      reviews: days.length,
      medianDays: median(days),
      longestDays: days.length ? Math.max(...days) : null,
    }
  })
  return { reviews: reviews.length, clocks, stages }
}
