import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { AccessDeniedError } from '../access/access.ts'
import { addCalendarDays, todayInEngland } from '../clocks/plain-date.ts'
import { ValidationError } from '../errors.ts'

const DAY = 24 * 3600 * 1000

async function withApp(database: { open(): Promise<DatabaseHandle> }, body: (t: TestApp) => Promise<void>) {
  const t = await startTestApp(await database.open())
  try {
    await body(t)
  } finally {
    await t.close()
  }
}

/** An agency contributor of `agencyId` (invented), for agencies the demo seed has no contributor for. */
async function contributorOf(t: TestApp, partnershipId: string, agencyId: string, email: string) {
  const user = await t.services.repositories.users.create({ email, displayName: email, passwordHash: null }, t.now())
  await t.services.repositories.users.addMembership(
    { userId: user.id, partnershipId, role: 'agency_contributor', agencyId },
    t.now(),
  )
  return actorFor(t, email)
}

async function setUp(t: TestApp) {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator)
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const police = agencies.find((a) => a.name === 'Marlshire Police')!
  const [socialCare, health] = agencies.filter((a) => a.id !== police.id)
  const socialCareWorker = await contributorOf(t, coordinator.partnershipId!, socialCare.id, 'sc@marlshire.example')
  const healthWorker = await contributorOf(t, coordinator.partnershipId!, health.id, 'health@marlshire.example')
  const policeWorker = await actorFor(t, 'police.contributor@marlshire.example')
  const due = addCalendarDays(todayInEngland(t.now()), 7)
  // The agencies were asked for chronologies too: that is what puts the review in their contributors' reach.
  await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [police.id, socialCare.id, health.id],
    kinds: ['chronology'],
    dueDate: addCalendarDays(todayInEngland(t.now()), 30),
  })
  await t.services.dissemination.ask(coordinator, reviewId, {
    agencyIds: [police.id, socialCare.id, health.id],
    dueDate: due,
  })
  return { coordinator, reviewId, police, socialCare, health, socialCareWorker, healthWorker, policeWorker, due }
}

const reminders = (t: TestApp) =>
  t.services.database.db
    .selectFrom('outbox_message')
    .select(['recipient', 'subject', 'body', 'dedupe_key'])
    .where('kind', '=', 'dissemination.reminder')
    .execute()

for (const database of testDatabases()) {
  describe(`dissemination (${database.name})`, () => {
    test('two agencies record how they shared the learning; the third is reminded by email exactly once', () =>
      withApp(database, async (t) => {
        const f = await setUp(t)
        const today = todayInEngland(t.now())
        await t.services.dissemination.record(f.socialCareWorker, f.reviewId, {
          agencyId: '',
          method: 'team_meeting',
          sharedOn: today,
          practitioners: '25',
          note: 'Both assessment teams',
        })
        // A contributor records for their own agency, whatever the form says.
        await t.services.dissemination.record(f.healthWorker, f.reviewId, {
          agencyId: f.police.id,
          method: 'bulletin',
          sharedOn: today,
          practitioners: '1,140',
          note: '',
        })

        // Before the due date nobody is reminded.
        assert.equal(await t.services.dissemination.queueReminders(), 0)
        t.advance(10 * DAY)
        assert.equal(await t.services.dissemination.queueReminders(), 1)
        // Again, and through the server's sweep: nothing more.
        assert.equal(await t.services.dissemination.queueReminders(), 0)
        await t.services.reminders.run()
        const sent = await reminders(t)
        assert.deepEqual(
          sent.map((m) => m.recipient),
          ['police.contributor@marlshire.example'],
        )
        assert.match(sent[0].subject, /^Record how your agency shared the learning – MSCP-/)
        assert.match(sent[0].body, /Marlshire Police was asked to share the learning/)
        assert.ok(!sent[0].body.includes('Test Child'), 'no case detail in the email')

        const view = await t.services.dissemination.overview(f.coordinator, f.reviewId)
        assert.deepEqual(
          view.rows.map((r) => [r.agencyName, r.status, r.practitioners]),
          [
            ['Marlshire Police', 'overdue', 0],
            ...[
              [f.health.name, 'recorded', 1140],
              [f.socialCare.name, 'recorded', 25],
            ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          ],
        )
        assert.equal(view.practitioners, 1165)
        assert.equal(view.rows[0].daysOverdue, 3)
        // Each agency sees its own row only.
        const own = await t.services.dissemination.overview(f.healthWorker, f.reviewId)
        assert.deepEqual(
          own.rows.map((r) => r.agencyName),
          [f.health.name],
        )
        // Once the police record, no later sweep reminds anyone.
        await t.services.dissemination.record(f.policeWorker, f.reviewId, {
          agencyId: '',
          method: 'training',
          sharedOn: todayInEngland(t.now()),
          practitioners: '60',
          note: '',
        })
        t.advance(30 * DAY)
        assert.equal(await t.services.dissemination.queueReminders(), 0)
        assert.equal((await reminders(t)).length, 1)
        const audit = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', 'like', 'dissemination.%')
          .execute()
        assert.ok(audit.some((a) => a.action === 'dissemination.record'))
        assert.ok(audit.some((a) => a.action === 'dissemination.read'))
      }))

    test('every problem at once; who may ask and record', () =>
      withApp(database, async (t) => {
        const f = await setUp(t)
        await assert.rejects(
          t.services.dissemination.record(f.coordinator, f.reviewId, {
            agencyId: 'not-asked',
            method: 'carrier pigeon',
            sharedOn: '2099-01-01',
            practitioners: 'lots',
            note: '',
          }),
          (e: unknown) => {
            assert.ok(e instanceof ValidationError)
            assert.deepEqual(e.errors, [
              { field: 'agencyId', message: 'Select an agency that was asked to share the learning' },
              { field: 'method', message: 'Select how the learning was shared' },
              { field: 'sharedOn-day', message: 'The date shared must be today or in the past' },
              { field: 'practitioners', message: 'The number of practitioners must be a whole number, like 25' },
            ])
            return true
          },
        )
        await assert.rejects(
          t.services.dissemination.ask(f.coordinator, f.reviewId, { agencyIds: [], dueDate: null }),
          (e) => {
            assert.ok(e instanceof ValidationError)
            assert.deepEqual(
              e.errors.map((x) => x.message),
              ['Select at least one agency', 'Enter the date to share the learning by'],
            )
            return true
          },
        )
        const chair = await actorFor(t, 'chair@marlshire.example')
        await assert.rejects(
          t.services.dissemination.ask(chair, f.reviewId, { agencyIds: [f.police.id], dueDate: f.due }),
          AccessDeniedError,
        )
        await assert.rejects(
          t.services.dissemination.ask(f.policeWorker, f.reviewId, { agencyIds: [f.police.id], dueDate: f.due }),
          AccessDeniedError,
        )
        const national = await actorFor(t, 'national@panel.example')
        await assert.rejects(t.services.dissemination.overview(national, f.reviewId), AccessDeniedError)
        assert.equal((await t.services.dissemination.overview(chair, f.reviewId)).rows.length, 3)
        // Asking again keeps the agencies' requests (and their due dates).
        assert.equal(
          await t.services.dissemination.ask(f.coordinator, f.reviewId, {
            agencyIds: [f.police.id],
            dueDate: '2027-06-30',
          }),
          0,
        )
      }))
  })
}
