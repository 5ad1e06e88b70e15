import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { AccessDeniedError } from '../access/access.ts'
import { addMonths, todayInEngland } from '../clocks/plain-date.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { impactFixture } from './impact.test-fixtures.ts'

async function withApp(database: { open(): Promise<DatabaseHandle> }, body: (t: TestApp) => Promise<void>) {
  const t = await startTestApp(await database.open())
  try {
    await body(t)
  } finally {
    await t.close()
  }
}

const fields = (error: unknown) => (error as ValidationError).errors.map((e) => `${e.field}: ${e.message}`)

for (const database of testDatabases()) {
  describe(`impact (${database.name})`, () => {
    test('an audit finding that practice changed, and only that, turns a recommendation to "impact shown"', () =>
      withApp(database, async (t) => {
        const f = await impactFixture(t, { publishedMonthsAgo: 7 })
        const today = todayInEngland(t.now())
        const question = 'Are health visitors invited to strategy discussions?'
        assert.equal(
          await t.services.impact.plan(f.coordinator, f.reviewId, {
            recommendationId: f.first.id,
            months: ['6', '12'],
            question,
            sample: '20 strategy discussions',
          }),
          2,
        )
        await t.services.impact.plan(f.coordinator, f.reviewId, {
          recommendationId: f.second.id,
          months: ['12'],
          question: 'Is the escalation policy used?',
          sample: 'Every escalation in one quarter',
        })
        // Planning the same point again keeps the audit already planned.
        assert.equal(
          await t.services.impact.plan(f.coordinator, f.reviewId, {
            recommendationId: f.first.id,
            months: ['6'],
            question: 'Another question',
            sample: 'Another sample',
          }),
          0,
        )

        let view = await t.services.impact.overview(f.chair, f.reviewId)
        assert.equal(view.publishedOn, f.publishedOn)
        const [first, second] = view.recommendations
        assert.deepEqual(
          first!.audits.map((a) => [a.monthsAfter, a.dueDate, a.state, a.question]),
          [
            [6, addMonths(f.publishedOn!, 6), 'overdue', question],
            [12, addMonths(f.publishedOn!, 12), 'due', question],
          ],
        )
        assert.deepEqual(first!.impact, { status: 'audit_overdue', nextDue: addMonths(f.publishedOn!, 6) })
        assert.deepEqual(second!.impact, { status: 'audit_due', nextDue: addMonths(f.publishedOn!, 12) })

        // A finding that practice did not change is not impact.
        const [six, twelve] = first!.audits
        await t.services.impact.recordFinding(f.coordinator, f.reviewId, six!.id, {
          auditedOn: today,
          finding: 'Health visitors were invited to 9 of 20.',
          practiceChanged: 'no',
        })
        view = await t.services.impact.overview(f.chair, f.reviewId)
        assert.equal(view.recommendations[0]!.impact.status, 'audit_due')
        assert.equal((await t.services.impact.publicImpact(f.entryId!)).get(1)?.status, 'audit_due')

        await t.services.impact.recordFinding(f.coordinator, f.reviewId, twelve!.id, {
          auditedOn: today,
          finding: 'Health visitors were invited to 19 of 20.',
          practiceChanged: 'yes',
        })
        const statuses = await t.services.impact.statuses(f.chair, f.reviewId)
        assert.equal(statuses.get(f.first.id)!.status, 'impact_shown')
        assert.equal(statuses.get(f.second.id)!.status, 'audit_due')
        const shown = await t.services.impact.publicImpact(f.entryId!)
        assert.deepEqual(shown.get(1), { status: 'impact_shown', dueDate: null })
        assert.deepEqual(shown.get(2), { status: 'audit_due', dueDate: addMonths(f.publishedOn!, 12) })
        // Only statuses leave the service for the public page.
        assert.doesNotMatch(JSON.stringify([...shown]), /strategy|escalation|19 of 20/i)

        const events = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', 'like', 'impact.%')
          .execute()
        const actions = events.map((e) => e.action)
        assert.ok(actions.includes('impact.plan'))
        assert.equal(actions.filter((a) => a === 'impact.record_finding').length, 2)
        assert.ok(actions.includes('impact.read'))
      }))

    test('before publication the audits wait for the publication date', () =>
      withApp(database, async (t) => {
        const f = await impactFixture(t)
        await t.services.impact.plan(f.coordinator, f.reviewId, {
          recommendationId: f.first.id,
          months: ['6'],
          question: 'Q',
          sample: 'S',
        })
        const view = await t.services.impact.overview(f.coordinator, f.reviewId)
        assert.equal(view.publishedOn, null)
        assert.equal(view.recommendations[0]!.audits[0]!.dueDate, null)
        assert.deepEqual(view.recommendations[0]!.impact, { status: 'awaiting_publication', nextDue: null })
        assert.deepEqual(view.recommendations[1]!.impact, { status: 'not_planned', nextDue: null })
      }))

    test('bad plans and findings are refused with every problem at once; others may not plan or record', () =>
      withApp(database, async (t) => {
        const f = await impactFixture(t, { publishedMonthsAgo: 1 })
        await assert.rejects(
          t.services.impact.plan(f.coordinator, f.reviewId, {
            recommendationId: 'nope',
            months: ['0', 'six'],
            question: ' ',
            sample: '',
          }),
          (error) => {
            assert.ok(error instanceof ValidationError)
            assert.deepEqual(fields(error), [
              'recommendationId: Select a recommendation of this review',
              'months: The number of months after publication must be a whole number from 1 to 60',
              'question: Enter the question the audit answers',
              'sample: Enter what the audit samples',
            ])
            return true
          },
        )
        await t.services.impact.plan(f.coordinator, f.reviewId, {
          recommendationId: f.first.id,
          months: ['6'],
          question: 'Q',
          sample: 'S',
        })
        const auditId = (await t.services.impact.overview(f.coordinator, f.reviewId)).recommendations[0]!.audits[0]!.id
        await assert.rejects(
          t.services.impact.recordFinding(f.coordinator, f.reviewId, auditId, {
            auditedOn: addMonths(todayInEngland(t.now()), 1),
            finding: '   ',
            practiceChanged: '',
          }),
          (error) => {
            assert.deepEqual(fields(error), [
              'auditedOn-day: The date of the audit must be today or in the past',
              'finding: Enter what the audit found',
              'practiceChanged: Select whether the audit found that practice changed',
            ])
            return true
          },
        )
        await assert.rejects(
          t.services.impact.recordFinding(f.chair, f.reviewId, auditId, {
            auditedOn: todayInEngland(t.now()),
            finding: 'x',
            practiceChanged: 'yes',
          }),
          AccessDeniedError,
        )
        await assert.rejects(t.services.impact.overview(f.police, f.reviewId), AccessDeniedError)
        const other = await impactFixture(t)
        await assert.rejects(t.services.impact.forFinding(f.coordinator, other.reviewId, auditId), NotFoundError)
        // Nothing was recorded by the refused attempts.
        const audit = (await t.services.impact.overview(f.coordinator, f.reviewId)).recommendations[0]!.audits[0]!
        assert.equal(audit.finding, null)
      }))
  })
}
