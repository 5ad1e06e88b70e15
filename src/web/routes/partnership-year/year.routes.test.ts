import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { todayInEngland } from '../../../modules/clocks/plain-date.ts'
import { impactFixture } from '../../../modules/impact/impact.test-fixtures.ts'

/** The count in the year page's row labelled `label`. */
function figure(body: string, label: string): string {
  const match = new RegExp(`>${label}</th><td[^>]*>([^<]*)</td>`).exec(body)
  assert.ok(match, `no row "${label}"`)
  return match[1]!
}

const IMPACT = 'Recommendations with impact shown by an audit'

for (const database of testDatabases()) {
  describe(`the partnership's year (${database.name})`, () => {
    test('audit findings that practice changed show on the year page, small numbers suppressed', async () => {
      const t = await startTestApp(await database.open())
      try {
        const f = await impactFixture(t, { publishedMonthsAgo: 0 })
        const today = todayInEngland(t.now())
        const year = today.slice(0, 4)
        const ids = [f.first.id, f.second.id]
        for (let i = 0; i < 3; i++) {
          const r = await t.services.recommendations.addRecommendation(f.coordinator, f.reviewId, {
            addressedTo: 'Marlshire Safeguarding Children Partnership',
            action: `should do synthetic thing ${i}`,
            measureOfSuccess: 'Done',
            timescale: 'A year',
            findingIds: [],
          })
          ids.push(r.id)
        }
        for (const id of ids) {
          await t.services.impact.plan(f.coordinator, f.reviewId, {
            recommendationId: id,
            months: ['6'],
            question: 'Q',
            sample: 'S',
          })
        }
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const home = await client.get('/dashboard')
        assert.match(home.body, /href="\/partnership\/year"/)
        let page = await client.get(`/partnership/year?year=${year}`)
        assert.equal(page.statusCode, 200)
        assert.equal(figure(page.body, IMPACT), '0')
        assert.equal(figure(page.body, 'Reviews published'), 'fewer than 5')

        const audits = (await t.services.impact.overview(f.coordinator, f.reviewId)).recommendations.map(
          (r) => r.audits[0]!.id,
        )
        const record = (id: string) =>
          t.services.impact.recordFinding(f.coordinator, f.reviewId, id, {
            auditedOn: today,
            finding: 'Practice changed in most cases sampled.',
            practiceChanged: 'yes',
          })
        await record(audits[0]!)
        page = await client.get(`/partnership/year?year=${year}`)
        assert.equal(figure(page.body, IMPACT), 'fewer than 5')
        for (const id of audits.slice(1)) await record(id)
        page = await client.get(`/partnership/year?year=${year}`)
        assert.equal(figure(page.body, IMPACT), '5')
        assert.equal(figure(page.body, 'Follow-up audits completed'), '5')
        // Another year has none; an impossible year falls back to this one.
        page = await client.get(`/partnership/year?year=${Number(year) - 1}`)
        assert.equal(figure(page.body, IMPACT), '0')
        page = await client.get('/partnership/year?year=20x6')
        assert.match(page.body, new RegExp(`The partnership’s year ${new Date().getFullYear()}`))

        const { client: lead } = await signIn(t, 'reviewer@marlshire.example')
        assert.equal((await lead.get('/partnership/year')).statusCode, 403)
      } finally {
        await t.close()
      }
    })
  })
}
