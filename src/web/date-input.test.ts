import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readDateInput } from './date-input.ts'

test('GOV.UK date inputs: real dates only, plain messages', () => {
  const cases: Array<
    [Record<string, string>, { required?: boolean; notInFuture?: string }, string | null, string | null]
  > = [
    [{ 'd-day': '3', 'd-month': '4', 'd-year': '2024' }, {}, '2024-04-03', null],
    [{ 'd-day': '29', 'd-month': '2', 'd-year': '2024' }, {}, '2024-02-29', null],
    [{ 'd-day': '29', 'd-month': '2', 'd-year': '2023' }, {}, null, 'The date of the incident must be a real date'],
    [{ 'd-day': '31', 'd-month': '2', 'd-year': '2024' }, {}, null, 'The date of the incident must be a real date'],
    [{ 'd-day': '0', 'd-month': '1', 'd-year': '2024' }, {}, null, 'The date of the incident must be a real date'],
    [{ 'd-day': '1', 'd-month': '13', 'd-year': '2024' }, {}, null, 'The date of the incident must be a real date'],
    [
      { 'd-day': '1', 'd-month': '1', 'd-year': '24' },
      {},
      null,
      'The date of the incident must be a real date, with a 4-digit year',
    ],
    [
      { 'd-day': 'x', 'd-month': '1', 'd-year': '2024' },
      {},
      null,
      'The date of the incident must be a real date, with a 4-digit year',
    ],
    [{ 'd-day': '1', 'd-year': '2024' }, {}, null, 'The date of the incident must include a month'],
    [{ 'd-year': '2024' }, {}, null, 'The date of the incident must include a day and a month'],
    [{}, {}, null, null],
    [{}, { required: true }, null, 'Enter the date of the incident'],
    [
      { 'd-day': '1', 'd-month': '1', 'd-year': '2030' },
      { notInFuture: '2026-11-25' },
      null,
      'The date of the incident must be today or in the past',
    ],
  ]
  for (const [body, options, value, error] of cases) {
    const result = readDateInput(body, 'd', 'The date of the incident', options)
    assert.equal(result.value, value, JSON.stringify(body))
    assert.equal(result.error, error, JSON.stringify(body))
  }
})
