import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  clockDueDate,
  DEFAULT_CLOCKS,
  readClock,
  validateClockDefinition,
  validateExtensions,
  type ClockDefinition,
  type ClockExtension,
  type ClockRun,
  type ClockStatus,
} from './clock.ts'

function clock(key: string): ClockDefinition {
  const found = DEFAULT_CLOCKS.find((c) => c.key === key)
  assert.ok(found, key)
  return found
}

// [clock key, anchor date, expected due date, why]
const DUE_CASES: [string, string, string, string][] = [
  ['serious_incident_notification', '2024-03-04', '2024-03-11', '5 working days from a Monday'],
  ['serious_incident_notification', '2024-03-25', '2024-04-03', 'over Good Friday and Easter Monday 2024'],
  ['serious_incident_notification', '2024-03-02', '2024-03-08', 'aware on a Saturday: counting starts Monday'],
  ['serious_incident_notification', '2021-12-23', '2022-01-04', 'Christmas and New Year 2021 substitute days'],
  ['rapid_review', '2023-12-20', '2024-01-15', '15 working days over Christmas 2023 and New Year'],
  ['rapid_review', '2024-03-04', '2024-03-25', '15 working days in an ordinary month'],
  ['review_decision', '2024-01-31', '2024-02-29', 'one month from 31 January in a leap year'],
  ['review_decision', '2023-01-31', '2023-02-28', 'one month from 31 January'],
  ['review_completion', '2023-08-31', '2024-02-29', 'six months, clamped to the end of February'],
  ['review_completion', '2024-03-15', '2024-09-15', 'six months lands on a Sunday and is not moved'],
  ['panel_notice_before_publication', '2024-04-03', '2024-03-25', '5 working days before, over Easter'],
  ['panel_notice_before_publication', '2024-03-11', '2024-03-04', '5 working days before a Monday'],
]

for (const [key, anchor, expected, why] of DUE_CASES) {
  test(`${key} from ${anchor} is due ${expected} (${why})`, () => {
    assert.equal(clockDueDate(clock(key), anchor), expected)
  })
}

test('the default clocks are valid definitions', () => {
  for (const definition of DEFAULT_CLOCKS) assert.deepEqual(validateClockDefinition(definition), [], definition.key)
  assert.equal(new Set(DEFAULT_CLOCKS.map((c) => c.key)).size, DEFAULT_CLOCKS.length)
})

test('an invalid definition gets plain-English problems', () => {
  const bad = {
    ...clock('rapid_review'),
    key: 'Rapid Review',
    name: ' ',
    length: { amount: 2.5, unit: 'weeks' },
    dueSoonWorkingDays: -1,
  } as unknown as ClockDefinition
  assert.deepEqual(validateClockDefinition(bad), [
    'Enter a key using lowercase letters, digits and _',
    'Enter a name for the clock',
    'The length must be a whole number, 0 or more',
    'The length must be in working days, calendar days or months',
    'The "due soon" warning must be a whole number of working days, 0 or more',
  ])
})

// Rapid review notified Monday 4 March 2024: due Monday 25 March 2024 (before Easter).
const rapid = clock('rapid_review')
const started: ClockRun = { startedOn: '2024-03-04', stoppedOn: null }

// [description, run, today, expected status, expected working days left]
const STATUS_CASES: [string, ClockRun, string, ClockStatus, number | null][] = [
  ['no start date', { startedOn: null, stoppedOn: null }, '2024-03-04', 'not_started', null],
  ['start date in the future', started, '2024-03-01', 'not_started', null],
  ['on the start day', started, '2024-03-04', 'on_track', 15],
  ['6 working days left', started, '2024-03-15', 'on_track', 6],
  ['5 working days left', started, '2024-03-18', 'due_soon', 5],
  ['on a Saturday with 1 working day left', started, '2024-03-23', 'due_soon', 1],
  ['on the due date', started, '2024-03-25', 'due_soon', 0],
  ['the day after', started, '2024-03-26', 'overdue', -1],
  ['over Easter: 26, 27, 28 March and 2 April', started, '2024-04-02', 'overdue', -4],
  ['stopped on the due date', { ...started, stoppedOn: '2024-03-25' }, '2024-06-01', 'met_on_time', 0],
  ['stopped early', { ...started, stoppedOn: '2024-03-20' }, '2024-03-20', 'met_on_time', 3],
  ['stopped a day late', { ...started, stoppedOn: '2024-03-26' }, '2024-06-01', 'met_late', -1],
  [
    'extended to a new date',
    { ...started, extensions: [{ reason: 'Two agency summaries late', newDueDate: '2024-04-05' }] },
    '2024-03-26',
    'on_track',
    6,
  ],
  [
    'extended by 5 working days, now due soon',
    { ...started, extensions: [{ reason: 'Panel meeting moved', addedLength: { amount: 5, unit: 'working_days' } }] },
    '2024-03-26',
    'due_soon',
    4,
  ],
  [
    'two extensions apply in order',
    {
      ...started,
      extensions: [
        { reason: 'Panel meeting moved', addedLength: { amount: 5, unit: 'working_days' } },
        { reason: 'Chair unwell', addedLength: { amount: 1, unit: 'months' } },
      ],
    },
    '2024-04-10',
    'on_track',
    17, // due 25 March + 5 working days = 3 April, + 1 month = Friday 3 May 2024
  ],
  [
    'met late against the original date but on time with the extension',
    { ...started, stoppedOn: '2024-04-02', extensions: [{ reason: 'Agreed with Panel', newDueDate: '2024-04-03' }] },
    '2024-04-10',
    'met_on_time',
    1,
  ],
]

for (const [description, run, today, status, left] of STATUS_CASES) {
  test(`readClock: ${description}`, () => {
    const reading = readClock(rapid, run, today)
    assert.equal(reading.status, status)
    assert.equal(reading.workingDaysLeft, left)
  })
}

test('readClock reports the original and extended due dates', () => {
  const reading = readClock(
    rapid,
    { ...started, extensions: [{ reason: 'Panel meeting moved', addedLength: { amount: 5, unit: 'working_days' } }] },
    '2024-03-04',
  )
  assert.equal(reading.originalDueDate, '2024-03-25')
  assert.equal(reading.dueDate, '2024-04-03')
})

test('a "before" clock counts down to the planned publication date', () => {
  const notice = clock('panel_notice_before_publication')
  const run: ClockRun = { startedOn: '2024-04-03', stoppedOn: null }
  assert.equal(readClock(notice, run, '2024-03-01').status, 'on_track')
  assert.equal(readClock(notice, run, '2024-03-20').status, 'due_soon')
  assert.equal(readClock(notice, run, '2024-03-26').status, 'overdue')
  assert.equal(readClock(notice, { ...run, stoppedOn: '2024-03-22' }, '2024-04-03').status, 'met_on_time')
  assert.equal(readClock(notice, { ...run, stoppedOn: '2024-03-28' }, '2024-04-03').status, 'met_late')
})

// [description, extensions, expected problems]
const EXTENSION_CASES: [string, ClockExtension[], string[]][] = [
  ['valid', [{ reason: 'Criminal trial', newDueDate: '2024-05-01', agreedOn: '2024-03-20' }], []],
  [
    'no reason',
    [{ reason: '  ', newDueDate: '2024-05-01' }],
    ['Extension 1: enter the reason the extension was agreed'],
  ],
  [
    'both a date and a length',
    [{ reason: 'x', newDueDate: '2024-05-01', addedLength: { amount: 1, unit: 'months' } }],
    ['Extension 1: enter either a new due date or the time added, not both'],
  ],
  ['neither', [{ reason: 'x' }], ['Extension 1: enter either a new due date or the time added, not both']],
  [
    'a date before the current due date',
    [{ reason: 'x', newDueDate: '2024-03-20' }],
    ['Extension 1: the new due date must be after the current due date'],
  ],
  [
    'an impossible date',
    [{ reason: 'x', newDueDate: '2024-02-30' }],
    ['Extension 1: the new due date must be a real date'],
  ],
  [
    'nothing added',
    [{ reason: 'x', addedLength: { amount: 0, unit: 'working_days' } }],
    ['Extension 1: the time added must be more than 0'],
  ],
  [
    'second one earlier than the first',
    [
      { reason: 'a', newDueDate: '2024-05-01' },
      { reason: 'b', newDueDate: '2024-04-20' },
    ],
    ['Extension 2: the new due date must be after the current due date'],
  ],
]

for (const [description, extensions, expected] of EXTENSION_CASES) {
  test(`validateExtensions: ${description}`, () => {
    assert.deepEqual(validateExtensions('2024-03-25', extensions), expected)
    if (expected.length > 0) assert.throws(() => clockDueDate(rapid, '2024-03-04', extensions), RangeError)
  })
}
