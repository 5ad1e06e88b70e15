import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reminderEmail, reminderFor, reminderKey } from './reminders.ts'

test('which reminder a request needs, counting working days without weekends and bank holidays', () => {
  const cases: Array<[due: string, today: string, expected: ReturnType<typeof reminderFor>, why: string]> = [
    ['2026-12-03', '2026-11-26', 'request.reminder', '5 working days ahead (Thursday to Thursday)'],
    ['2026-12-04', '2026-11-26', null, '6 working days ahead'],
    ['2026-11-26', '2026-11-26', 'request.reminder', 'due today'],
    ['2026-11-25', '2026-11-26', 'request.overdue', 'due yesterday'],
    [
      '2027-01-04',
      '2026-12-24',
      'request.reminder',
      'Christmas, Boxing Day (substitute Monday 28th) and New Year are not working days',
    ],
    ['2027-01-05', '2026-12-24', 'request.reminder', 'Christmas week: 24 Dec to 5 Jan is 5 working days'],
    ['2027-01-06', '2026-12-24', null, 'and 6 Jan is 6'],
    [
      '2026-12-04',
      '2026-11-28',
      'request.reminder',
      'from a Saturday: Monday 30 Nov to Friday 4 Dec is 5 working days',
    ],
    ['2026-12-07', '2026-11-28', null, 'and Monday 7 Dec is 6'],
  ]
  for (const [due, today, expected, why] of cases) assert.equal(reminderFor(due, today), expected, why)
})

test('one key per kind, request, due date and person', () => {
  assert.equal(reminderKey('request.overdue', 'r1', '2026-12-03', 'u1'), 'request.overdue:r1:2026-12-03:u1')
  assert.notEqual(
    reminderKey('request.reminder', 'r1', '2026-12-03', 'u1'),
    reminderKey('request.overdue', 'r1', '2026-12-03', 'u1'),
  )
  assert.notEqual(
    reminderKey('request.reminder', 'r1', '2026-12-03', 'u1'),
    reminderKey('request.reminder', 'r1', '2026-12-10', 'u1'),
  )
})

test('the email names the review by reference and pseudonym, what is asked and when', () => {
  const base = {
    requestKind: 'chronology',
    dueDate: '2026-11-27',
    today: '2026-11-26',
    reviewReference: 'MSCP-2026-004',
    reviewPseudonym: 'Child M',
    agencyName: 'Marlshire Police',
  }
  const soon = reminderEmail({ ...base, kind: 'request.reminder' })
  assert.equal(soon.subject, 'Reminder: chronology for review MSCP-2026-004 (Child M) is due on 27 November 2026')
  assert.match(soon.body, /^Marlshire Police has been asked for its chronology for review MSCP-2026-004 \(Child M\)\./)
  assert.match(soon.body, /It is due on 27 November 2026, in 1 working day\./)
  const today = reminderEmail({ ...base, kind: 'request.reminder', today: '2026-11-27' })
  assert.match(today.body, /It is due today, 27 November 2026\./)
  const overdue = reminderEmail({
    ...base,
    kind: 'request.overdue',
    requestKind: 'agency_report',
    today: '2026-12-01',
    reviewPseudonym: null,
  })
  assert.equal(overdue.subject, 'Overdue: agency report (individual management review) for review MSCP-2026-004')
  assert.match(overdue.body, /It was due on 27 November 2026 and has not been submitted yet\./)
})
