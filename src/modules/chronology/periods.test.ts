import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ChronologyDate } from './chronology-date.ts'
import { duplicateKey, duplicatePlan, findDuplicates } from './import-duplicates.ts'
import { inPeriod, periodLabel, periodsOf } from './periods.ts'

const day = (iso: string): ChronologyDate =>
  ({ precision: 'day', start: iso, end: iso, approximate: false }) as unknown as ChronologyDate

test('a chronology is paged by year, or by month when a year has more entries than a page holds', () => {
  const entries = ['2022-10-04', '2023-01-02', '2023-01-05', '2023-03-01'].map((d) => ({ date: day(d) }))
  assert.deepEqual(periodsOf(entries), [
    { key: '2022', label: '2022', count: 1 },
    { key: '2023', label: '2023', count: 3 },
  ])
  // A year over the limit: runs of months, each filled up to the page size (here 2).
  assert.deepEqual(
    periodsOf(entries, 2, 2).map((p) => [p.key, p.label, p.count]),
    [
      ['2022-10', 'October 2022', 1],
      ['2023-01', 'January 2023', 2],
      ['2023-03', 'March 2023', 1],
    ],
  )
  assert.deepEqual(
    periodsOf(entries, 2, 3).map((p) => [p.key, p.label, p.count]),
    [
      ['2022-10_2023-01', 'October 2022 to January 2023', 3],
      ['2023-03', 'March 2023', 1],
    ],
  )
  assert.equal(inPeriod(entries[1], '2022-10_2023-01'), true)
  assert.equal(inPeriod(entries[3], '2022-10_2023-01'), false)
  assert.deepEqual(periodsOf([]), [])
  assert.equal(inPeriod(entries[1], '2023'), true)
  assert.equal(inPeriod(entries[1], '2023-01'), true)
  assert.equal(inPeriod(entries[1], '2023-03'), false)
  assert.equal(inPeriod(entries[1], '202'), false, 'a partial key is no period')
  assert.equal(periodLabel('2023-13'), '2023-13', 'a month that is not one is shown as typed')
  assert.equal(inPeriod(entries[1], '2023-01_x'), false)
})

test('a row is a duplicate of an entry with the same date, event and source record, whatever its case and spacing', () => {
  const entry = { date: day('2023-01-02'), event: 'Home visit by  health visitor', sourceRecord: 'HV/1' }
  assert.equal(
    duplicateKey(entry),
    duplicateKey({ ...entry, event: ' HOME visit by health\u00a0visitor ', sourceRecord: 'hv/1' }),
  )
  assert.notEqual(duplicateKey(entry), duplicateKey({ ...entry, sourceRecord: 'HV/2' }))
  assert.notEqual(duplicateKey(entry), duplicateKey({ ...entry, date: day('2023-01-03') }))
  const found = findDuplicates(
    [
      { row: 2, ...entry },
      { row: 3, ...entry, event: 'Something else' },
      { row: 4, ...entry },
    ],
    [
      { id: 'draft', status: 'draft', ...entry },
      { id: 'sub', status: 'submitted', ...entry },
    ],
  )
  assert.deepEqual(found, [
    { row: 2, entryId: 'sub', status: 'submitted' },
    { row: 4, entryId: 'sub', status: 'submitted' },
  ])
  assert.deepEqual(duplicatePlan(found, 'skip'), { skipRows: [2, 4], replace: [] })
  assert.deepEqual(duplicatePlan(found, 'replace'), { skipRows: [2, 4], replace: [{ row: 2, entryId: 'sub' }] })
})
