import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  agencyRows,
  orderTasks,
  requestIdOfReminderKey,
  reviewPartStates,
  signOffTask,
  stageAllows,
  type ReviewFacts,
} from './task.ts'

const NOTHING: ReviewFacts = {
  notificationSubmitted: false,
  rapidReviewStarted: false,
  rapidReviewOutcomeRecorded: false,
  decision: null,
  commissioned: false,
  requests: [],
  chronologyEntries: null,
  overviewReport: null,
  executiveSummary: null,
  recommendations: null,
  publication: null,
  closedWithoutReview: false,
}
const statusOf = (facts: Partial<ReviewFacts>) =>
  Object.fromEntries(reviewPartStates({ ...NOTHING, ...facts }).map((s) => [s.part, [s.status, s.note]]))

test('tasks: overdue first (longest overdue first), then soonest due, then undated', () => {
  const task = (title: string, dueDate: string | null) => ({ title, href: '/', review: null, dueDate })
  const ordered = orderTasks(
    [task('undated', null), task('next month', '2026-12-31'), task('late', '2026-12-01'), task('later', '2026-11-20')],
    '2026-12-07',
  )
  assert.deepEqual(
    ordered.map((t) => [t.title, t.overdue, t.daysOverdue]),
    [
      ['later', true, 17],
      ['late', true, 6],
      ['next month', false, 0],
      ['undated', false, 0],
    ],
  )
})

test('task list: a draft notification is in progress and everything after it cannot start yet', () => {
  const s = statusOf({})
  assert.deepEqual(s.notification, ['in_progress', null])
  assert.deepEqual(s.rapid_review, ['cannot_start', 'Submit the notification first'])
  assert.equal(s.agency_contributions[0], 'cannot_start')
  assert.equal(s.publication[0], 'cannot_start')
})

test('task list: after the rapid review outcome the decision waits on the chair', () => {
  const s = statusOf({ notificationSubmitted: true, rapidReviewStarted: true, rapidReviewOutcomeRecorded: true })
  assert.deepEqual(s.rapid_review, ['done', null])
  assert.deepEqual(s.decision, ['waiting', 'the chair'])
  assert.deepEqual(s.commissioning, ['cannot_start', 'Record the decision first'])
})

test('task list: a decision not to hold a local review means the later parts are not needed', () => {
  const s = statusOf({ notificationSubmitted: true, rapidReviewOutcomeRecorded: true, decision: 'no_review' })
  assert.deepEqual(s.decision, ['done', null])
  assert.equal(s.commissioning[0], 'cannot_start')
  assert.match(String(s.overview_report[1]), /Not needed/)
})

test('task list: agency work waits on the agencies still to submit, and is done when all have', () => {
  const base = {
    notificationSubmitted: true,
    rapidReviewOutcomeRecorded: true,
    decision: 'local_review',
    commissioned: true,
  }
  const waiting = statusOf({
    ...base,
    requests: [
      { agencyId: 'police', kind: 'chronology', status: 'requested' },
      { agencyId: 'police', kind: 'agency_report', status: 'requested' },
      { agencyId: 'health', kind: 'chronology', status: 'submitted' },
      { agencyId: 'school', kind: 'chronology', status: 'requested' },
    ],
  })
  assert.deepEqual(waiting.agency_contributions, ['waiting', '2 agencies'])
  assert.deepEqual(waiting.integrated_chronology, ['in_progress', null])
  const done = statusOf({ ...base, requests: [{ agencyId: 'police', kind: 'chronology', status: 'submitted' }] })
  assert.deepEqual(done.agency_contributions, ['done', null])
  assert.deepEqual(done.integrated_chronology, ['done', null])
  assert.deepEqual(statusOf(base).agency_contributions, ['not_started', null])
})

test('task list: documents, anonymisation and publication follow what is recorded', () => {
  const base = {
    notificationSubmitted: true,
    rapidReviewOutcomeRecorded: true,
    decision: 'local_review',
    commissioned: true,
  }
  const written = { latestVersion: 3, sentForAnonymisation: true, anonymisedAndCurrent: false }
  const anonymised = { latestVersion: 3, sentForAnonymisation: true, anonymisedAndCurrent: true }
  const s = statusOf({
    ...base,
    overviewReport: anonymised,
    executiveSummary: written,
    publication: {
      done: 2,
      total: 8,
      next: { name: 'Family told', who: 'review coordinator' },
      published: false,
      notToPublish: false,
    },
  })
  assert.deepEqual(s.overview_report, ['done', null])
  assert.deepEqual(s.executive_summary, ['in_progress', null])
  assert.deepEqual(s.anonymisation, ['in_progress', null])
  assert.deepEqual(s.publication, ['waiting', 'review coordinator'])
  const nothingWritten = statusOf(base)
  assert.equal(nothingWritten.anonymisation[0], 'cannot_start')
})

test('agency rows: one per agency, overdue first, with reminders matched by request', () => {
  const rows = agencyRows(
    [
      {
        id: 'r1',
        agencyId: 'a-health',
        kind: 'chronology',
        dueDate: '2026-12-20',
        status: 'requested',
        createdAt: '2026-11-01T10:00:00Z',
        submittedAt: null,
      },
      {
        id: 'r2',
        agencyId: 'a-police',
        kind: 'chronology',
        dueDate: '2026-12-01',
        status: 'requested',
        createdAt: '2026-11-01T10:00:00Z',
        submittedAt: null,
      },
      {
        id: 'r3',
        agencyId: 'a-police',
        kind: 'agency_report',
        dueDate: '2026-12-01',
        status: 'submitted',
        createdAt: '2026-11-01T10:00:00Z',
        submittedAt: '2026-11-30T09:00:00Z',
      },
    ],
    new Map([
      ['a-health', 'Marlshire Health'],
      ['a-police', 'Marlshire Police'],
    ]),
    [
      { requestId: 'r2', to: 'p@x.example', queuedAt: '2026-11-25T08:00:00Z', status: 'queued', sentAt: null },
      {
        requestId: 'r2',
        to: 'p@x.example',
        queuedAt: '2026-12-02T08:00:00Z',
        status: 'sent',
        sentAt: '2026-12-02T08:01:00Z',
      },
    ],
    '2026-12-07',
  )
  assert.deepEqual(
    rows.map((r) => [r.agencyName, r.daysOverdue, r.allSubmitted]),
    [
      ['Marlshire Police', 6, false],
      ['Marlshire Health', 0, false],
    ],
  )
  const [chronology, report] = rows[0].requests
  assert.deepEqual(
    [chronology.reminders, chronology.lastRemindedAt, chronology.daysOverdue],
    [2, '2026-12-02T08:00:00Z', 6],
  )
  assert.deepEqual([report.submittedAt, report.daysOverdue, report.reminders], ['2026-11-30T09:00:00Z', 0, 0])
})

test('reminder keys: the request id of agency reminders, nothing for other email', () => {
  assert.equal(requestIdOfReminderKey('request.overdue:abc-123:2026-12-01:user-1'), 'abc-123')
  assert.equal(requestIdOfReminderKey('request.reminder:abc-123:2026-12-01:user-1'), 'abc-123')
  assert.equal(requestIdOfReminderKey('action.overdue:abc:2026-12-01:x@y'), null)
  assert.equal(requestIdOfReminderKey(null), null)
})

test('home tasks follow the stage: nothing waits on a published or closed review, reports are not written before information gathering', () => {
  const table: Array<[string, Record<string, boolean>]> = [
    ['notified', { contribution: true, chase: true, writing: false, reading: false }],
    ['commissioned', { contribution: true, chase: true, writing: false, reading: false }],
    ['information_gathering', { contribution: true, chase: true, writing: true, reading: true }],
    ['sign_off', { contribution: false, chase: false, writing: true, reading: true }],
    ['publication', { contribution: false, chase: false, writing: true, reading: false }],
    ['action_monitoring', { contribution: false, chase: false, writing: false, reading: false }],
    ['closed', { contribution: false, chase: false, writing: false, reading: false }],
  ]
  for (const [stage, expected] of table) {
    const got = Object.fromEntries(
      (['contribution', 'chase', 'writing', 'reading'] as const).map((w) => [w, stageAllows(stage, w)]),
    )
    assert.deepEqual(got, expected, stage)
  }
})

test('sign-off task: names only the partners still waiting; a partner’s signer has it only until their partner signs', () => {
  const signed = { signedByName: 'Someone' }
  const partners = [
    { partner: 'local_authority', name: 'Local authority', signOff: signed },
    { partner: 'police', name: 'Police', signOff: null },
    { partner: 'health', name: 'Health (integrated care board)', signOff: null },
  ]
  assert.deepEqual(signOffTask(partners, null), {
    title: 'The safeguarding partners sign off the report',
    detail: 'Waiting for: Police, Health (integrated care board)',
  })
  assert.equal(signOffTask(partners, 'local_authority'), null, 'the local authority has signed')
  assert.deepEqual(signOffTask(partners, 'police'), {
    title: 'Sign off the report for the police',
    detail: 'Also waiting for: Health (integrated care board)',
  })
  const lastOne = partners.map((p) => (p.partner === 'police' ? { ...p, signOff: signed } : p))
  assert.equal(signOffTask(lastOne, 'health')?.detail, 'The last partner to sign')
  assert.equal(signOffTask(lastOne.map((p) => ({ ...p, signOff: signed })), null), null, 'nobody waits once all signed')
})
