import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  chronologySortKey,
  compareChronologyDates,
  formatChronologyDate,
  parseChronologyDate,
  parseChronologyTime,
  type ChronologyDate,
  type DatePrecision,
} from './chronology-date.ts'

// [text, precision, approximate, start, end]
const VALID: [string, DatePrecision, boolean, string, string][] = [
  ['03/04/2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['3/4/24', 'day', false, '2024-04-03', '2024-04-03'],
  ['3/4/96', 'day', false, '1996-04-03', '1996-04-03'],
  ['03-04-2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['03.04.2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['3 April 2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['  3  april   2024 ', 'day', false, '2024-04-03', '2024-04-03'],
  ['3rd Apr 24', 'day', false, '2024-04-03', '2024-04-03'],
  ['21st Sept 2023', 'day', false, '2023-09-21', '2023-09-21'],
  ['3-Apr-2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['3rd of April 2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['2024-04-03', 'day', false, '2024-04-03', '2024-04-03'],
  ['2024/04/03', 'day', false, '2024-04-03', '2024-04-03'],
  ['Monday 1 April 2024', 'day', false, '2024-04-01', '2024-04-01'],
  ['Wed, 3 April 2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['April 3, 2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['29/02/2024', 'day', false, '2024-02-29', '2024-02-29'],
  ['the 3rd of April, 2024', 'day', false, '2024-04-03', '2024-04-03'],
  ['April 2024', 'month', false, '2024-04-01', '2024-04-30'],
  ['Apr 2024', 'month', false, '2024-04-01', '2024-04-30'],
  ['Nov 2022', 'month', false, '2022-11-01', '2022-11-30'],
  ['Feb 2024', 'month', false, '2024-02-01', '2024-02-29'],
  ['Apr-24', 'month', false, '2024-04-01', '2024-04-30'],
  ['04/2024', 'month', false, '2024-04-01', '2024-04-30'],
  ['2024-04', 'month', false, '2024-04-01', '2024-04-30'],
  ['spring 2023', 'season', false, '2023-03-01', '2023-05-31'],
  ['Summer 2023', 'season', false, '2023-06-01', '2023-08-31'],
  ['autumn 2022', 'season', false, '2022-09-01', '2022-11-30'],
  ['winter 2023', 'season', false, '2023-12-01', '2024-02-29'],
  ['winter 2023/24', 'season', false, '2023-12-01', '2024-02-29'],
  ['2021', 'year', false, '2021-01-01', '2021-12-31'],
  ['approx. spring 2023', 'season', true, '2023-03-01', '2023-05-31'],
  ['approx. spring 2021', 'season', true, '2021-03-01', '2021-05-31'],
  ['Approximately spring 2020', 'season', true, '2020-03-01', '2020-05-31'],
  ['c. March 2021', 'month', true, '2021-03-01', '2021-03-31'],
  ['circa March 2021', 'month', true, '2021-03-01', '2021-03-31'],
  ['about 2020', 'year', true, '2020-01-01', '2020-12-31'],
  ['around 14/06/2023', 'day', true, '2023-06-14', '2023-06-14'],
  ['June 2023 (approx)', 'month', true, '2023-06-01', '2023-06-30'],
  ['early 2021', 'year', true, '2021-01-01', '2021-12-31'],
]

for (const [text, precision, approximate, start, end] of VALID) {
  test(`parseChronologyDate(${JSON.stringify(text)}) is ${precision} ${start}..${end}`, () => {
    const result = parseChronologyDate(text)
    assert.ok(result.ok, result.ok ? '' : result.message)
    assert.equal(result.value.precision, precision)
    assert.equal(result.value.approximate, approximate)
    assert.equal(result.value.start, start)
    assert.equal(result.value.end, end)
  })
}

// [text, message]
const INVALID: [string, string][] = [
  ['31/02/2024', '31/02/2024 is not a real date'],
  ['30/02/2023', '30/02/2023 is not a real date'],
  ['29/02/2023', '29/02/2023 is not a real date'],
  ['2023-13-05', '2023-13-05 is not a real date'],
  ['00/01/2024', '00/01/2024 is not a real date'],
  ['04/13/2024', '04/13/2024 is not a real date'],
  ['31 April 2024', '31 April 2024 is not a real date'],
  ['31st Sep 23', '31st Sep 23 is not a real date'],
  ['13/2024', '13/2024 is not a real date'],
  ['Tuesday 3 April 2024', 'Tuesday 3 April 2024 is not a real date: 3 April 2024 is a Wednesday'],
  ['Apr 24', 'Apr 24 is unclear: write April 2024 for the month, or the full date such as 24 April 2024'],
  ['spring 2023/24', 'spring 2023/24 is not a real season'],
  ['1850', '1850: the year must be between 1900 and 2100'],
  ['', 'Enter a date'],
  ['   ', 'Enter a date'],
  [
    'next Tuesday',
    'next Tuesday is not a date we recognise. Enter a date like 3 April 2024, 03/04/2024, April 2024 or approx. spring 2023',
  ],
  [
    'unknown',
    'unknown is not a date we recognise. Enter a date like 3 April 2024, 03/04/2024, April 2024 or approx. spring 2023',
  ],
  [
    '3 April',
    '3 April is not a date we recognise. Enter a date like 3 April 2024, 03/04/2024, April 2024 or approx. spring 2023',
  ],
  [
    '=HYPERLINK("x")',
    '=HYPERLINK("x") is not a date we recognise. Enter a date like 3 April 2024, 03/04/2024, April 2024 or approx. spring 2023',
  ],
  [
    '3 April 2024 10:00',
    '3 April 2024 10:00 is not a date we recognise. Enter a date like 3 April 2024, 03/04/2024, April 2024 or approx. spring 2023',
  ],
]

for (const [text, message] of INVALID) {
  test(`parseChronologyDate(${JSON.stringify(text)}) is refused`, () => {
    assert.deepEqual(parseChronologyDate(text), { ok: false, message })
  })
}

// [text, expected HH:MM, or an error message]
const TIMES: [string, string | null | { message: string }][] = [
  ['14:30', '14:30'],
  ['9:05', '09:05'],
  ['09.05', '09:05'],
  ['2205', '22:05'],
  ['14:30:00', '14:30'],
  ['00:00', '00:00'],
  ['23:59', '23:59'],
  ['2pm', '14:00'],
  ['12:15 am', '00:15'],
  ['12 p.m.', '12:00'],
  ['', null],
  ['  ', null],
  ['25:61', { message: '25:61 is not a real time' }],
  ['24:00', { message: '24:00 is not a real time' }],
  ['12:60', { message: '12:60 is not a real time' }],
  ['13pm', { message: '13pm is not a real time' }],
  [
    'morning',
    { message: 'morning is not a time we recognise. Enter a time using the 24-hour clock, for example 14:30' },
  ],
]

for (const [text, expected] of TIMES) {
  test(`parseChronologyTime(${JSON.stringify(text)})`, () => {
    const result = parseChronologyTime(text)
    if (expected !== null && typeof expected === 'object') assert.deepEqual(result, { ok: false, ...expected })
    else assert.deepEqual(result, { ok: true, value: expected })
  })
}

function date(text: string): ChronologyDate {
  const result = parseChronologyDate(text)
  assert.ok(result.ok, text)
  return result.value
}

test('formatChronologyDate reads the way the service shows dates', () => {
  assert.equal(formatChronologyDate(date('03/04/2024')), '3 April 2024')
  assert.equal(formatChronologyDate(date('Nov 2022')), 'November 2022')
  assert.equal(formatChronologyDate(date('approx. spring 2021')), 'approx. spring 2021')
  assert.equal(formatChronologyDate(date('winter 2023')), 'winter 2023 to 2024')
  assert.equal(formatChronologyDate(date('about 2020')), 'approx. 2020')
})

test('precision-aware ordering: coarse dates sort at the start of their period, before finer ones', () => {
  const items = [
    { label: '2 April 2024 09:00', date: date('02/04/2024'), time: '09:00' },
    { label: '1 April 2024 10:00', date: date('01/04/2024'), time: '10:00' },
    { label: '1 April 2024 (no time)', date: date('01/04/2024'), time: null },
    { label: 'April 2024', date: date('April 2024'), time: null },
    { label: 'spring 2024', date: date('spring 2024'), time: null },
    { label: '31 March 2024', date: date('31/03/2024'), time: '23:00' },
    { label: '2024', date: date('2024'), time: null },
    { label: 'approx. March 2024', date: date('c. March 2024'), time: null },
    { label: '1 March 2024', date: date('01/03/2024'), time: null },
  ]
  const sorted = [...items].sort(compareChronologyDates).map((i) => i.label)
  assert.deepEqual(sorted, [
    '2024',
    'spring 2024',
    'approx. March 2024',
    '1 March 2024',
    '31 March 2024',
    'April 2024',
    '1 April 2024 (no time)',
    '1 April 2024 10:00',
    '2 April 2024 09:00',
  ])
  // The key sorts as a plain string, so a database can index it.
  const keys = items.map((i) => chronologySortKey(i.date, i.time))
  assert.deepEqual(
    [...keys].sort(),
    [...items].sort(compareChronologyDates).map((i) => chronologySortKey(i.date, i.time)),
  )
})
