import assert from 'node:assert/strict'
import { test } from 'node:test'
import { auditDueDate, checkPlan, recommendationImpact, scheduleAudits, type ImpactAudit } from './impact.ts'

const audit = (monthsAfter: number, practiceChanged: boolean | null = null): ImpactAudit => ({
  id: `a${monthsAfter}`,
  reviewId: 'r',
  recommendationId: 'rec',
  recommendationNumber: 1,
  monthsAfter,
  question: 'Q',
  sample: 'S',
  finding: practiceChanged === null ? null : 'F',
  practiceChanged,
  auditedOn: practiceChanged === null ? null : '2027-03-01',
  recordedByName: null,
})

test('due dates are months after publication, clamped to the end of shorter months', () => {
  const table: Array<[string | null, number, string | null]> = [
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-12-08', 12, '2027-12-08'],
    [null, 6, null],
  ]
  for (const [published, months, due] of table)
    assert.equal(auditDueDate(published, months), due, `${published} + ${months}`)
})

test('only a finding that practice changed is impact', () => {
  const status = (audits: ImpactAudit[], published: string | null, today: string) =>
    recommendationImpact(scheduleAudits(audits, published, today))
  assert.deepEqual(status([], '2026-01-01', '2026-12-01'), { status: 'not_planned', nextDue: null })
  assert.deepEqual(status([audit(6)], null, '2026-12-01'), { status: 'awaiting_publication', nextDue: null })
  assert.deepEqual(status([audit(6)], '2026-01-01', '2026-12-01'), { status: 'audit_overdue', nextDue: '2026-07-01' })
  assert.deepEqual(status([audit(6)], '2026-01-01', '2026-07-01'), { status: 'audit_due', nextDue: '2026-07-01' })
  assert.deepEqual(status([audit(6, false), audit(12)], '2026-01-01', '2026-08-01'), {
    status: 'audit_due',
    nextDue: '2027-01-01',
  })
  assert.deepEqual(status([audit(6, false), audit(12, false)], '2026-01-01', '2027-08-01'), {
    status: 'no_change_found',
    nextDue: null,
  })
  assert.deepEqual(status([audit(6, false), audit(12, true)], '2026-01-01', '2027-08-01'), {
    status: 'impact_shown',
    nextDue: null,
  })
})

test('plans: months 1 to 60, duplicates merged', () => {
  assert.deepEqual(
    checkPlan({ recommendationId: 'x', months: ['12', '6', '6', ''], question: 'Q', sample: 'S' }).plan.months,
    [6, 12],
  )
  for (const bad of [['0'], ['61'], ['6.5'], ['-1'], ['six']]) {
    assert.equal(
      checkPlan({ recommendationId: 'x', months: bad, question: 'Q', sample: 'S' }).errors[0]?.field,
      'months',
      bad[0],
    )
  }
  assert.equal(
    checkPlan({ recommendationId: 'x', months: [], question: 'Q', sample: 'S' }).errors[0]?.message,
    'Select or enter when to audit',
  )
})
