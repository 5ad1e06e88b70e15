import assert from 'node:assert/strict'
import { test } from 'node:test'
import { nationalFigures, type FigureRow } from './national-figures.ts'

const row = (region: string, extra: Partial<FigureRow> = {}): FigureRow => ({
  region,
  decision: null,
  published: false,
  notificationClock: null,
  rapidReviewClock: null,
  panelOnDecision: null,
  ...extra,
})

test('every count shown is suppressed below 5: cells, totals and chart bars; 0 and 5+ shown', () => {
  const rows = [
    ...Array.from({ length: 5 }, () => row('North West', { notificationClock: 'met_on_time' })),
    ...Array.from({ length: 4 }, () => row('South West', { notificationClock: 'met_late', decision: 'no_review' })),
  ]
  const figures = nationalFigures(rows)
  const notifications = figures.find((f) => f.key === 'notifications')!
  assert.deepEqual(
    notifications.rows.map((r) => [r.region, r.cells[0].label]),
    [
      ['North West', '5'],
      ['South West', 'fewer than 5'],
    ],
  )
  assert.deepEqual(notifications.chart, [
    { category: 'North West', value: 5 },
    { category: 'South West', value: null },
  ])
  assert.equal(notifications.totals[0].label, '9')
  const timeliness = figures.find((f) => f.key === 'notification-timeliness')!
  assert.deepEqual(
    timeliness.totals.map((t) => t.label),
    ['5', 'fewer than 5', '0'],
  )
  assert.deepEqual(
    timeliness.chart.map((c) => c.value),
    [5, null, 0],
  )
  const decisions = figures.find((f) => f.key === 'decisions')!
  assert.ok(decisions.rows.every((r) => r.cells.every((c) => c.value === null || c.value === 0 || c.value >= 5)))
})

test('no notifications: no regions, every total 0', () => {
  const figures = nationalFigures([])
  assert.ok(figures.every((f) => f.rows.length === 0 && f.totals.every((t) => t.label === '0')))
})
