import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { AccessDeniedError } from '../access/access.ts'
import { addCalendarDays, todayInEngland } from '../clocks/plain-date.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { StaleEditError } from './recommendation.service.ts'
import { FIXTURE_CHILD_NAME, planFixture } from '../../../test/fixtures/recommendation.fixture.ts'

/** A fixed clock: 26 November 2026, midday in England. */
const NOW = new Date('2026-11-26T12:00:00Z')

async function withApp(
  database: { open(): Promise<import('../../db/database.ts').DatabaseHandle> },
  body: (t: TestApp) => Promise<void>,
) {
  const t = await startTestApp(await database.open())
  try {
    await body(t)
  } finally {
    await t.close()
  }
}

/** One finding, one recommendation answering it, and one police action due on `dueDate`. */
async function onePlan(f: Awaited<ReturnType<typeof planFixture>>, dueDate = '2026-12-31') {
  const finding = await f.service.addFinding(f.lead, f.reviewId, {
    title: 'Information about the father was not shared',
    text: 'Agencies held pieces of the picture; no meeting brought them together because …',
    theme: 'information_sharing',
  })
  const recommendation = await f.service.addRecommendation(f.lead, f.reviewId, {
    addressedTo: 'The Marlshire Safeguarding Children Partnership',
    action: 'Seek assurance that agencies share information about fathers',
    measureOfSuccess: 'an audit of 20 cases showing fathers recorded',
    timescale: 'within 6 months',
    findingIds: [finding.id],
  })
  const actionId = await f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
    description: 'Add fathers to the police referral form',
    agencyId: f.policeAgency.id,
    owner: 'Head of Public Protection',
    dueDate,
  })
  return { finding, recommendation, actionId }
}

for (const database of testDatabases()) {
  describe(`recommendations and action plans (${database.name})`, () => {
    test('findings, recommendations and actions are numbered in order; recommendations keep the findings they answer', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const first = await f.service.addFinding(f.lead, f.reviewId, { title: 'One', text: 'Why one', theme: '' })
        const second = await f.service.addFinding(f.coordinator, f.reviewId, {
          title: 'Two',
          text: 'Why two',
          theme: 'voice_of_the_child',
        })
        assert.deepEqual([first.number, second.number], [1, 2])
        const r1 = await f.service.addRecommendation(f.lead, f.reviewId, {
          addressedTo: 'Marlshire Police',
          action: 'Train officers',
          measureOfSuccess: 'all officers trained',
          timescale: '3 months',
          findingIds: [first.id, second.id],
        })
        const r2 = await f.service.addRecommendation(f.lead, f.reviewId, {
          addressedTo: 'Marlshire ICB',
          action: 'Audit records',
          measureOfSuccess: 'an audit',
          timescale: '6 months',
          findingIds: [second.id],
        })
        assert.deepEqual([r1.number, r2.number], [1, 2])
        for (const n of [1, 2]) {
          await f.service.addAction(f.coordinator, f.reviewId, r2.id, {
            description: `Action ${n}`,
            agencyId: f.policeAgency.id,
            owner: 'Inspector',
            dueDate: '2027-01-31',
          })
        }
        const plan = await f.service.reviewPlan(f.chair, f.reviewId)
        assert.deepEqual(
          plan.findings.map((x) => [x.number, x.title, x.theme]),
          [
            [1, 'One', null],
            [2, 'Two', 'voice_of_the_child'],
          ],
        )
        assert.deepEqual(plan.recommendations[0].findingIds.sort(), [first.id, second.id].sort())
        assert.deepEqual(plan.recommendations[1].findingIds, [second.id])
        assert.deepEqual(
          plan.recommendations[1].actions.map((a) => `${a.recommendationNumber}.${a.number}`),
          ['2.1', '2.2'],
        )
        assert.deepEqual(await f.service.findingsForPublication(f.chair, f.reviewId), [
          { number: 1, title: 'One', theme: null },
          { number: 2, title: 'Two', theme: 'voice_of_the_child' },
        ])
        assert.deepEqual(await f.service.forPublication(f.coordinator, f.reviewId), [
          {
            number: 1,
            text: 'Marlshire Police should train officers. Success will be shown by all officers trained. Timescale: 3 months.',
            addressedTo: 'Marlshire Police',
          },
          {
            number: 2,
            text: 'Marlshire ICB should audit records. Success will be shown by an audit. Timescale: 6 months.',
            addressedTo: 'Marlshire ICB',
          },
        ])
      }))

    test('bad input is refused with plain-English messages; findings of another review cannot be linked', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const other = await planFixture(t)
        const foreign = await other.service.addFinding(other.lead, other.reviewId, { title: 'X', text: 'Y', theme: '' })
        await assert.rejects(
          f.service.addFinding(f.lead, f.reviewId, { title: ' ', text: '', theme: 'not_a_theme' }),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors.map((x) => x.message).join('|') ===
              'Enter the title of the finding|Enter the finding|Select a theme from the list',
        )
        await assert.rejects(
          f.service.addRecommendation(f.lead, f.reviewId, {
            addressedTo: '',
            action: 'Do it',
            measureOfSuccess: '',
            timescale: '',
            findingIds: [foreign.id],
          }),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors.map((x) => x.field).join(',') === 'addressedTo,measureOfSuccess,timescale,findingIds',
        )
      }))

    test('an edit based on an older version is refused and overwrites nothing', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const { recommendation, finding } = await onePlan(f)
        const input = {
          addressedTo: 'Marlshire Police',
          action: 'First editor’s words',
          measureOfSuccess: 'm',
          timescale: 't',
          findingIds: [finding.id],
        }
        await f.service.updateRecommendation(f.lead, f.reviewId, recommendation.id, 1, input)
        await assert.rejects(
          f.service.updateRecommendation(f.coordinator, f.reviewId, recommendation.id, 1, {
            ...input,
            action: 'Second editor’s words',
            findingIds: [],
          }),
          StaleEditError,
        )
        const saved = (await f.service.recommendation(f.lead, f.reviewId, recommendation.id)).recommendation
        assert.equal(saved.action, 'First editor’s words')
        assert.equal(saved.version, 2)
        assert.deepEqual(saved.findingIds, [finding.id])
        await f.service.updateFinding(f.lead, f.reviewId, finding.id, 1, { title: 'New', text: 'T', theme: '' })
        await assert.rejects(
          f.service.updateFinding(f.lead, f.reviewId, finding.id, 1, { title: 'Old', text: 'T', theme: '' }),
          StaleEditError,
        )
      }))

    test('who writes: the lead reviewer and coordinator write; the chair cannot; only coordinators add actions', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const { recommendation } = await onePlan(f)
        await assert.rejects(
          f.service.addFinding(f.chair, f.reviewId, { title: 'A', text: 'B', theme: '' }),
          AccessDeniedError,
        )
        await assert.rejects(
          f.service.addAction(f.lead, f.reviewId, recommendation.id, {
            description: 'x',
            agencyId: f.policeAgency.id,
            owner: 'y',
            dueDate: '2027-01-01',
          }),
          AccessDeniedError,
        )
        // The panel member is not a member of this review.
        await assert.rejects(f.service.reviewPlan(f.panel, f.reviewId), NotFoundError)
        await assert.rejects(f.service.reviewPlan(f.police, f.reviewId), AccessDeniedError)
        // National viewers read submitted notifications, not findings.
        const national = { ...f.chair, role: 'national_viewer' as const, partnershipId: null }
        await assert.rejects(f.service.reviewPlan(national, f.reviewId), AccessDeniedError)
        await assert.rejects(f.service.findingsForPublication(national, f.reviewId), AccessDeniedError)
        await assert.rejects(
          f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
            description: '',
            agencyId: 'another-partnership-agency',
            owner: '',
            dueDate: null,
          }),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors.map((x) => x.message).join('|') ===
              'Enter the action|Select the agency that owns the action|Enter the person or role who owns the action|Enter the due date',
        )
      }))

    test('an action cannot be closed without evidence of impact; agency contributors update but do not close', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const { actionId } = await onePlan(f)
        await f.service.addProgress(f.police, actionId, 1, { note: 'Form drafted', status: 'in_progress' })
        await assert.rejects(
          f.service.addProgress(f.police, actionId, 2, { note: 'Done', status: 'closed' }),
          AccessDeniedError,
        )
        await assert.rejects(
          f.service.addProgress(f.coordinator, actionId, 2, { note: 'Closing', status: 'closed' }),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors[0].message === 'Add evidence of impact before you close the action',
        )
        await f.service.addProgress(f.police, actionId, 2, { note: 'Form in use', status: 'awaiting_evidence' })
        await f.service.addEvidence(f.police, actionId, {
          description: 'Audit: fathers recorded in 19 of 20 referrals',
          file: { fileName: 'audit.txt', data: new TextEncoder().encode('19 of 20 referrals name the father') },
        })
        // Someone saw version 2; the action is now at 3: a status change based on it is refused.
        await assert.rejects(
          f.service.addProgress(f.coordinator, actionId, 2, { note: 'Closing', status: 'closed' }),
          StaleEditError,
        )
        await f.service.addProgress(f.coordinator, actionId, 3, { note: 'Board satisfied', status: 'closed' })
        // Reopening a closed action is the coordinator's decision too.
        await assert.rejects(
          f.service.addProgress(f.police, actionId, 4, { note: 'Reopen', status: 'in_progress' }),
          AccessDeniedError,
        )
        const detail = await f.service.action(f.chair, actionId)
        assert.equal(detail.action.status, 'closed')
        assert.deepEqual(detail.progress.map((p) => [p.note, p.statusBefore, p.statusAfter]).reverse(), [
          ['Form drafted', 'not_started', 'in_progress'],
          ['Form in use', 'in_progress', 'awaiting_evidence'],
          ['Board satisfied', 'awaiting_evidence', 'closed'],
        ])
        assert.equal(detail.evidence[0].file?.name, 'audit.txt')
        const file = await f.service.evidenceFile(f.chair, actionId, detail.evidence[0].id)
        assert.equal(new TextDecoder().decode(file.data), '19 of 20 referrals name the father')
      }))

    test('evidence files are checked by their bytes and size; the description is required', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const { actionId } = await onePlan(f)
        const refused = async (input: Parameters<typeof f.service.addEvidence>[2], message: string) =>
          assert.rejects(
            f.service.addEvidence(f.coordinator, actionId, input),
            (e: unknown) => e instanceof ValidationError && e.errors.some((x) => x.message === message),
          )
        await refused({ description: '', file: null }, 'Describe the evidence of impact')
        await refused(
          { description: 'A', file: { fileName: 'fake.pdf', data: new TextEncoder().encode('not a pdf') } },
          'The selected file is not a real PDF',
        )
        await refused(
          { description: 'A', file: { fileName: 'run.exe', data: new Uint8Array([0x4d, 0x5a]) } },
          'The selected file must be a PDF, Word document (DOCX), text file, PNG or JPEG',
        )
        await refused(
          { description: 'A', file: { fileName: 'big.txt', data: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41) } },
          'The selected file must be smaller than 10 MB',
        )
        const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
        await f.service.addEvidence(f.coordinator, actionId, {
          description: 'Photo of the new poster',
          file: { fileName: '../poster.png', data: png },
        })
        const [evidence] = (await f.service.action(f.coordinator, actionId)).evidence
        assert.deepEqual(evidence.file, { name: 'poster.png', contentType: 'image/png', sizeBytes: png.byteLength })
      }))

    test('overdue: due date passed and not closed, on the injected clock; the dashboard flags and filters them', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t, { now: () => NOW })
        const { recommendation } = await onePlan(f, '2026-11-25')
        const add = (dueDate: string) =>
          f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
            description: `Due ${dueDate}`,
            agencyId: f.socialCareAgency.id,
            owner: 'Team manager',
            dueDate,
          })
        await add('2026-11-26') // due today: not overdue yet
        const closed = await add('2026-01-01')
        await f.service.addEvidence(f.coordinator, closed, { description: 'Evidence', file: null })
        await f.service.addProgress(f.coordinator, closed, 1, { note: 'Done', status: 'closed' })
        const dashboard = await f.service.dashboard(f.coordinator)
        assert.deepEqual(
          dashboard.actions.map((a) => [a.dueDate, a.overdue]),
          [
            ['2026-11-25', true],
            ['2026-11-26', false],
            ['2026-01-01', false],
          ],
        )
        assert.equal(dashboard.overdue, 1)
        assert.deepEqual(dashboard.byStatus, { not_started: 2, in_progress: 0, awaiting_evidence: 0, closed: 1 })
        const overdue = await f.service.dashboard(f.coordinator, { overdue: true })
        assert.deepEqual(
          overdue.actions.map((a) => a.description),
          ['Add fathers to the police referral form'],
        )
        const byAgency = await f.service.dashboard(f.coordinator, { agencyId: f.socialCareAgency.id, status: 'closed' })
        assert.deepEqual(
          byAgency.actions.map((a) => a.dueDate),
          ['2026-01-01'],
        )
      }))

    test('reminders: one email per overdue action, queued once per key, to the agency and coordinators, no real name', () =>
      withApp(database, async (t) => {
        let now = NOW
        const f = await planFixture(t, { now: () => now })
        const { actionId } = await onePlan(f, '2026-11-20')
        assert.equal(await f.service.queueOverdueReminders(), 2, 'one email to each person to tell')
        assert.equal(await f.service.queueOverdueReminders(), 0)
        now = new Date('2026-11-27T12:00:00Z')
        assert.equal(await f.service.queueOverdueReminders(), 0, 'the next day the same reminder is not sent again')
        assert.deepEqual(
          f.outbox.messages.map((m) => m.to),
          ['coordinator@marlshire.example', 'police.contributor@marlshire.example'],
        )
        const [message] = f.outbox.messages
        assert.equal(message.kind, 'action.overdue')
        assert.equal(message.dedupeKey, `action.overdue:${actionId}:2026-11-20:coordinator@marlshire.example`)
        assert.equal(message.reviewId, f.reviewId)
        assert.match(message.subject, new RegExp(`Overdue action 1\\.1 – ${f.reference} \\(Child P\\)`))
        assert.match(message.body, /Add fathers to the police referral form/)
        assert.match(message.body, /Due: 20 November 2026/)
        assert.ok(!`${message.subject}\n${message.body}`.includes(FIXTURE_CHILD_NAME))
        assert.ok(!`${message.subject}\n${message.body}`.includes('Harriet'))
      }))

    test('coordinators change an action with optimistic versions; a new due date is reminded again', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t, { now: () => NOW })
        const { actionId } = await onePlan(f, '2026-11-20')
        assert.equal(await f.service.queueOverdueReminders(), 2)
        const change = {
          description: 'Changed',
          agencyId: f.policeAgency.id,
          owner: 'New owner',
          dueDate: '2026-11-24',
        }
        await f.service.updateAction(f.coordinator, actionId, 1, change)
        await assert.rejects(
          f.service.updateAction(f.coordinator, actionId, 1, { ...change, owner: 'Lost' }),
          StaleEditError,
        )
        await assert.rejects(f.service.updateAction(f.police, actionId, 2, change), AccessDeniedError)
        await assert.rejects(
          f.service.updateAction(f.coordinator, actionId, 2, { ...change, dueDate: null }),
          (e: unknown) => e instanceof ValidationError && e.errors[0].message === 'Enter the due date',
        )
        const { action } = await f.service.forEditAction(f.coordinator, actionId)
        assert.deepEqual([action.owner, action.dueDate, action.version], ['New owner', '2026-11-24', 2])
        assert.equal(await f.service.queueOverdueReminders(), 2, 'the new due date has its own reminder')
        assert.equal(
          f.outbox.messages[2].dedupeKey,
          `action.overdue:${actionId}:2026-11-24:coordinator@marlshire.example`,
        )
      }))

    test('reminders through the app’s real outbox are stored once per key', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const yesterday = addCalendarDays(todayInEngland(t.now()), -1)
        const { actionId } = await onePlan(f, yesterday)
        // The app's own service, composed with the real outbox and the app's clock.
        assert.equal(await t.services.recommendations.queueOverdueReminders(), 2)
        assert.equal(await t.services.recommendations.queueOverdueReminders(), 0)
        const stored = await t.services.database.db
          .selectFrom('outbox_message')
          .select(['recipient', 'kind', 'dedupe_key', 'review_id', 'body'])
          .where('kind', '=', 'action.overdue')
          .execute()
        assert.equal(stored.length, 2)
        stored.sort((a, b) => a.recipient.localeCompare(b.recipient))
        assert.equal(stored[0].dedupe_key, `action.overdue:${actionId}:${yesterday}:coordinator@marlshire.example`)
        assert.deepEqual(
          stored.map((m) => m.recipient),
          ['coordinator@marlshire.example', 'police.contributor@marlshire.example'],
        )
        assert.equal(stored[0].review_id, f.reviewId)
        assert.ok(!stored[0].body.includes(FIXTURE_CHILD_NAME))
      }))

    test('agency scope: a contributor of another agency can neither see nor update the action', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const { actionId } = await onePlan(f)
        await assert.rejects(f.service.action(f.socialCare, actionId), NotFoundError)
        await assert.rejects(
          f.service.addProgress(f.socialCare, actionId, 1, { note: 'Sneaky', status: 'in_progress' }),
          NotFoundError,
        )
        await assert.rejects(
          f.service.addEvidence(f.socialCare, actionId, { description: 'Sneaky', file: null }),
          NotFoundError,
        )
        assert.deepEqual((await f.service.dashboard(f.socialCare)).actions, [])
        assert.deepEqual(
          (await f.service.dashboard(f.police)).actions.map((a) => a.id),
          [actionId],
        )
        // The panel member is not a member of the review: nothing of it on their dashboard.
        assert.deepEqual((await f.service.dashboard(f.panel)).actions, [])
        await assert.rejects(f.service.action(f.panel, actionId), NotFoundError)
        assert.equal((await f.service.action(f.lead, actionId)).canUpdate, false)
      }))

    test('the CSV export escapes formulas in every cell', () =>
      withApp(database, async (t) => {
        const f = await planFixture(t)
        const { recommendation } = await onePlan(f)
        await f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
          description: '=HYPERLINK("http://example.invalid","click")',
          agencyId: f.policeAgency.id,
          owner: '@owner',
          dueDate: '2027-02-01',
        })
        const csv = await f.service.dashboardCsv(f.coordinator)
        assert.ok(csv.includes(`"'=HYPERLINK(""http://example.invalid"",""click"")"`), csv)
        assert.ok(csv.includes(",'@owner,"))
        assert.ok(!/(^|,)=HYPERLINK/m.test(csv))
      }))
  })
}
