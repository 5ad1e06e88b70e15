import { test } from 'node:test'
import assert from 'node:assert/strict'
import Holidays from 'date-holidays'
import {
  addWorkingDays,
  bankHoliday,
  bankHolidaysInYear,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './working-days.ts'
import {
  addCalendarDays,
  addMonths,
  calendarDaysBetween,
  dayOfWeek,
  formatLongDate,
  isIsoDate,
  todayInEngland,
} from './plain-date.ts'

// [description, start, working days to add, expected]
const ADD_CASES: [string, string, number, string][] = [
  ['Friday + 5 is the next Friday', '2024-03-01', 5, '2024-03-08'],
  ['Saturday + 1 is Monday', '2024-03-02', 1, '2024-03-04'],
  ['Sunday + 5 is Friday', '2024-03-03', 5, '2024-03-08'],
  ['zero leaves a weekend date alone', '2024-03-02', 0, '2024-03-02'],
  ['Easter 2024: Good Friday 29 March and Easter Monday 1 April skipped', '2024-03-28', 1, '2024-04-02'],
  ['Easter 2024, 5 days', '2024-03-28', 5, '2024-04-08'],
  ['Easter 2023: Good Friday 7 April, Easter Monday 10 April', '2023-04-06', 1, '2023-04-11'],
  ['Christmas 2021 on a Saturday: substitutes Monday 27 and Tuesday 28', '2021-12-24', 1, '2021-12-29'],
  ['Christmas 2022 on a Sunday: Boxing Day Monday, substitute Tuesday 27', '2022-12-23', 1, '2022-12-28'],
  ['New Year 2023 on a Sunday: substitute Monday 2 January', '2022-12-30', 1, '2023-01-03'],
  ['Christmas 2027 on a Saturday: substitutes 27 and 28 December', '2027-12-24', 1, '2027-12-29'],
  ['New Year 2028 on a Saturday: substitute Monday 3 January', '2027-12-31', 1, '2028-01-04'],
  ['across the 2023/24 year end', '2023-12-22', 5, '2024-01-03'],
  ['leap day 29 February 2024 is a working day', '2024-02-28', 1, '2024-02-29'],
  ['after the leap day', '2024-02-28', 2, '2024-03-01'],
  ['no leap day in 2023', '2023-02-27', 2, '2023-03-01'],
  ['early May bank holiday 6 May 2024', '2024-05-03', 1, '2024-05-07'],
  ['spring bank holiday 27 May 2024', '2024-05-24', 1, '2024-05-28'],
  ['summer bank holiday 26 August 2024', '2024-08-23', 1, '2024-08-27'],
  ["Queen's funeral Monday 19 September 2022", '2022-09-16', 1, '2022-09-20'],
  ['early May bank holiday 1 May 2023', '2023-04-28', 1, '2023-05-02'],
  ['coronation Monday 8 May 2023', '2023-05-05', 1, '2023-05-09'],
  [
    'Platinum Jubilee: spring bank holiday moved to Thursday 2 June 2022, plus Friday 3 June',
    '2022-06-01',
    1,
    '2022-06-06',
  ],
  ['2020: early May bank holiday moved to Friday 8 May (VE Day)', '2020-05-07', 1, '2020-05-11'],
  ['2020: Monday 4 May was a working day', '2020-05-01', 1, '2020-05-04'],
  ['backwards over Christmas 2021', '2021-12-29', -1, '2021-12-24'],
  ['backwards over Easter 2024', '2024-04-03', -5, '2024-03-25'],
]

for (const [description, start, n, expected] of ADD_CASES) {
  test(`addWorkingDays: ${description}`, () => {
    assert.equal(addWorkingDays(start, n), expected)
    if (n > 0) assert.equal(workingDaysBetween(start, expected), n)
  })
}

test('workingDaysBetween is the inverse of addWorkingDays across 2020-2028', () => {
  for (let date = '2020-01-01'; date < '2028-12-31'; date = addCalendarDays(date, 5)) {
    for (const n of [1, 5, 15, -3]) {
      // Backwards, the start itself is counted by workingDaysBetween, so the identity needs a working day.
      if (n < 0 && !isWorkingDay(date)) continue
      assert.equal(workingDaysBetween(date, addWorkingDays(date, n)), n, `${date} ${n}`)
    }
  }
})

test('workingDaysBetween counts days after the start up to and including the end', () => {
  assert.equal(workingDaysBetween('2024-03-04', '2024-03-04'), 0)
  assert.equal(workingDaysBetween('2024-03-04', '2024-03-11'), 5)
  assert.equal(workingDaysBetween('2024-03-11', '2024-03-04'), -5)
  assert.equal(workingDaysBetween('2024-03-08', '2024-03-09'), 0)
  assert.ok(Object.is(workingDaysBetween('2024-03-09', '2024-03-08'), 0), 'never -0')
})

// Weekday bank holidays of England and Wales as published on gov.uk/bank-holidays: an oracle for the
// library, not an input to the code.
const GOV_UK_WEEKDAY_BANK_HOLIDAYS: Record<number, string[]> = {
  2022: [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
  ],
  2023: [
    '2023-01-02',
    '2023-04-07',
    '2023-04-10',
    '2023-05-01',
    '2023-05-08',
    '2023-05-29',
    '2023-08-28',
    '2023-12-25',
    '2023-12-26',
  ],
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
}

for (const [year, expected] of Object.entries(GOV_UK_WEEKDAY_BANK_HOLIDAYS)) {
  test(`date-holidays gives gov.uk's weekday bank holidays for ${year}`, () => {
    const weekday = bankHolidaysInYear(Number(year))
      .map((h) => h.date)
      .filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6)
    assert.deepEqual(weekday, expected)
  })
}

test('substitute days are marked and named by the library', () => {
  assert.deepEqual(bankHoliday('2021-12-28'), {
    date: '2021-12-28',
    name: 'Boxing Day (substitute day)',
    substitute: true,
  })
  assert.equal(bankHoliday('2022-09-19')?.name, "Queen Elizabeth's Funeral Day")
  assert.equal(bankHoliday('2023-05-08')?.name, "King Charles III's Coronation")
  assert.equal(bankHoliday('2024-03-31'), null, 'Easter Sunday is an observance, not a bank holiday')
  assert.equal(bankHoliday('2024-03-10'), null, "Mother's Day is not a bank holiday")
})

test('England (ENG) and Wales (WLS) have the same bank holidays in date-holidays, 2019-2030', () => {
  const wales = new Holidays('GB', 'WLS')
  for (let year = 2019; year <= 2030; year++) {
    const w = wales
      .getHolidays(year)
      .filter((h) => h.type === 'public' || h.type === 'bank')
      .map((h) => h.date.slice(0, 10))
    assert.deepEqual(
      bankHolidaysInYear(year).map((h) => h.date),
      w,
      String(year),
    )
  }
})

test('isWorkingDay and nextWorkingDayOnOrAfter', () => {
  assert.equal(isWorkingDay('2024-02-29'), true)
  assert.equal(isWorkingDay('2024-03-02'), false)
  assert.equal(isWorkingDay('2024-12-25'), false)
  assert.equal(nextWorkingDayOnOrAfter('2021-12-25'), '2021-12-29')
  assert.equal(nextWorkingDayOnOrAfter('2024-03-04'), '2024-03-04')
})

test('invalid dates and fractional counts are refused', () => {
  assert.throws(() => addWorkingDays('2023-02-29', 1), RangeError)
  assert.throws(() => addWorkingDays('2024-02-29', 1.5), RangeError)
  assert.throws(() => addWorkingDays('03/04/2024', 0), RangeError)
  assert.throws(() => workingDaysBetween('2024-13-01', '2024-01-01'), RangeError)
})

// [start, months, expected]
const MONTH_CASES: [string, number, string][] = [
  ['2024-01-31', 1, '2024-02-29'],
  ['2023-01-31', 1, '2023-02-28'],
  ['2024-03-31', 1, '2024-04-30'],
  ['2023-08-31', 6, '2024-02-29'],
  ['2024-02-29', 12, '2025-02-28'],
  ['2023-12-15', 1, '2024-01-15'],
  ['2024-03-31', -1, '2024-02-29'],
  ['2024-01-15', -1, '2023-12-15'],
  ['2024-05-31', 6, '2024-11-30'],
]

for (const [start, months, expected] of MONTH_CASES) {
  test(`addMonths(${start}, ${months}) is ${expected}`, () => assert.equal(addMonths(start, months), expected))
}

test('calendar helpers work on calendar dates whatever the time zone', () => {
  assert.equal(addCalendarDays('2024-03-30', 1), '2024-03-31') // clocks go forward 31 March 2024
  assert.equal(addCalendarDays('2024-03-31', 1), '2024-04-01')
  assert.equal(addCalendarDays('2023-10-29', 1), '2023-10-30') // clocks go back
  assert.equal(addCalendarDays('2023-12-31', 1), '2024-01-01')
  assert.equal(calendarDaysBetween('2024-02-28', '2024-03-01'), 2)
  assert.equal(calendarDaysBetween('2023-02-28', '2023-03-01'), 1)
  assert.equal(dayOfWeek('2024-04-03'), 3)
  assert.equal(isIsoDate('2024-02-29'), true)
  assert.equal(isIsoDate('2023-02-29'), false)
  assert.equal(formatLongDate('2024-04-03'), '3 April 2024')
  // 23:30 UTC on 30 June is already 1 July in London (BST).
  assert.equal(todayInEngland(new Date('2024-06-30T23:30:00Z')), '2024-07-01')
  assert.equal(todayInEngland(new Date('2024-12-31T23:30:00Z')), '2024-12-31')
})
