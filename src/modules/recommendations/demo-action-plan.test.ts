import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { startTestApp } from '../../../test/support/app.ts'
import { openDatabase } from '../../db/database.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { seedChildMActionPlan, seedDemoActionPlan } from './demo-action-plan.ts'
import { planFixture } from '../../../test/fixtures/recommendation.fixture.ts'

test('the demo action plan: every status, overdue actions, and no person or place of the demo case', async () => {
  const t = await startTestApp(openDatabase('sqlite::memory:'))
  try {
    const f = await planFixture(t)
    const today = t.services.recommendations.today()
    assert.equal(await seedDemoActionPlan(t.services.recommendations, f.coordinator, f.reviewId, today), 5)
    assert.equal(await seedDemoActionPlan(t.services.recommendations, f.coordinator, f.reviewId, today), 0)
    const dashboard = await t.services.recommendations.dashboard(f.coordinator)
    assert.deepEqual(dashboard.byStatus, { not_started: 1, in_progress: 2, awaiting_evidence: 1, closed: 1 })
    assert.equal(dashboard.overdue, 2)
    const published = JSON.stringify([
      await t.services.recommendations.forPublication(f.coordinator, f.reviewId),
      await t.services.recommendations.findingsForPublication(f.coordinator, f.reviewId),
      (await t.services.recommendations.reviewPlan(f.coordinator, f.reviewId)).findings,
      dashboard.actions,
    ])
    const identifiers = JSON.parse(
      readFileSync(sharedDataPath('demo-case', 'expected-identifiers.json'), 'utf8'),
    ) as Array<{
      text: string
      type: string
    }>
    const places = JSON.parse(readFileSync(sharedDataPath('demo-case', 'places.json'), 'utf8')) as Array<{
      name: string
      retain?: boolean
    }>
    // The publishing area and its agencies are kept in published reports ("retain"); everything else must go.
    const names = [
      ...identifiers.filter((i) => i.type === 'PERSON').map((i) => i.text),
      ...places.filter((p) => !p.retain).map((p) => p.name),
    ]
    assert.ok(names.length > 10)
    const leaked = [...new Set(names)].filter((name) =>
      new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(published),
    )
    assert.deepEqual(leaked, [])
  } finally {
    await t.close()
  }
})

test('the demo seed gives "Child M" its action plan, once', async () => {
  const t = await startTestApp(openDatabase('sqlite::memory:'), { seedDemoReviews: true })
  try {
    const { recommendations, repositories, database, reviews } = t.services
    const actions = await database.db
      .selectFrom('plan_action')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    assert.equal(Number(actions.n), 5, 'seeded when the app starts with the demo reviews')
    const core = { reviews, users: repositories.users, partnerships: repositories.partnerships }
    assert.equal(await seedChildMActionPlan(recommendations, core, recommendations.today()), 0)
  } finally {
    await t.close()
  }
})
