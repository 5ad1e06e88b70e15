import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_CLOCKS } from '../clocks/clock.ts'
import { readReviewClocks } from './review-clocks.ts'
import { buildTimeAndQualityReport } from './time-and-quality.ts'

test('the time and quality report counts clock outcomes, working days taken and days per stage', () => {
  const today = '2026-11-25'
  const notification = DEFAULT_CLOCKS.filter((c) => c.key === 'serious_incident_notification')
  const onTime = { milestones: { local_authority_aware: '2026-11-02', panel_notified: '2026-11-04' } } // Mon → Wed: 2 working days
  const late = { milestones: { local_authority_aware: '2026-11-02', panel_notified: '2026-11-13' } } // 9 working days
  const overdue = { milestones: { local_authority_aware: '2026-11-02' } }
  const change = (toStage: string, changedAt: string, fromStage: string | null = null) => ({
    fromStage,
    toStage,
    changedByName: 'x',
    changedAt,
    note: null,
  })
  const report = buildTimeAndQualityReport(
    notification,
    [
      {
        review: onTime,
        clocks: readReviewClocks(notification, onTime, [], today),
        history: [
          change('notified', '2026-11-02T09:00:00Z'),
          change('rapid_review', '2026-11-12T09:00:00Z', 'notified'),
        ],
      },
      {
        review: late,
        clocks: readReviewClocks(notification, late, [], today),
        history: [
          change('notified', '2026-11-02T09:00:00Z'),
          change('notified', '2026-11-03T09:00:00Z', 'notified'),
          change('rapid_review', '2026-11-06T09:00:00Z', 'notified'),
        ],
      },
      {
        review: overdue,
        clocks: readReviewClocks(notification, overdue, [], today),
        history: [change('notified', '2026-11-20T09:00:00Z')],
      },
    ],
    new Date(`${today}T12:00:00Z`),
  )
  assert.equal(report.reviews, 3)
  const clock = report.clocks[0]
  assert.deepEqual([clock.counts.met_on_time, clock.counts.met_late, clock.counts.overdue], [1, 1, 1])
  assert.equal(clock.medianWorkingDaysTaken, 5.5)
  const notified = report.stages.find((s) => s.stage === 'notified')!
  // 10 days, 4 days (an edit within the stage does not restart it), and 5 days so far.
  assert.deepEqual([notified.reviews, notified.medianDays, notified.longestDays], [3, 5, 10])
  const rapid = report.stages.find((s) => s.stage === 'rapid_review')!
  assert.deepEqual([rapid.reviews, rapid.longestDays], [2, 19])
})
