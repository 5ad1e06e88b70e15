import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { todayInEngland } from '../../../modules/clocks/plain-date.ts'
import { IMPACT_CHILD_NAME, impactFixture } from '../../../modules/impact/impact.test-fixtures.ts'

for (const database of testDatabases()) {
  describe(`impact pages (${database.name})`, () => {
    test('bad plans and findings get GOV.UK errors; a finding that practice changed shows on the plan and the public entry', async () => {
      const t = await startTestApp(await database.open())
      try {
        const f = await impactFixture(t, { publishedMonthsAgo: 7 })
        const url = `/reviews/${f.reviewId}/impact`
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const page = await client.get(url)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /No follow-up audit is planned/)

        const badPlan = await client.post(url, {
          recommendationId: f.first.id,
          otherMonths: '0',
          question: '',
          sample: '',
        })
        assert.equal(badPlan.statusCode, 400)
        assert.match(
          badPlan.body,
          /<a href="#months">The number of months after publication must be a whole number from 1 to 60<\/a>/,
        )
        assert.match(badPlan.body, /<a href="#question">Enter the question the audit answers<\/a>/)
        assert.match(badPlan.body, /<a href="#sample">Enter what the audit samples<\/a>/)
        const planned = await client.post(url, {
          recommendationId: f.first.id,
          months: '6',
          otherMonths: '12',
          question: 'Are <i>health visitors</i> invited?',
          sample: '20 strategy discussions',
        })
        assert.equal(planned.statusCode, 303)
        const withAudits = await client.get(url)
        assert.match(withAudits.body, /Are &lt;i&gt;health visitors&lt;\/i&gt; invited\?/)
        const auditIds = [...withAudits.body.matchAll(/\/impact\/audits\/([0-9a-f-]{36})/g)].map((m) => m[1]!)
        assert.equal(new Set(auditIds).size, 2)
        const findingUrl = `${url}/audits/${auditIds[1]}`

        const impossible = await client.post(findingUrl, {
          'auditedOn-day': '31',
          'auditedOn-month': '2',
          'auditedOn-year': '2026',
          finding: '   ',
        })
        assert.equal(impossible.statusCode, 400)
        assert.match(impossible.body, /<a href="#auditedOn-day">The date of the audit must be a real date<\/a>/)
        assert.match(impossible.body, /<a href="#finding">Enter what the audit found<\/a>/)
        assert.match(
          impossible.body,
          /<a href="#practiceChanged">Select whether the audit found that practice changed<\/a>/,
        )
        // What was typed is shown back.
        assert.match(impossible.body, /name="auditedOn-day"[^>]*value="31"/)

        const [year, month, day] = todayInEngland(t.now()).split('-')
        const recorded = await client.post(findingUrl, {
          'auditedOn-day': day,
          'auditedOn-month': month,
          'auditedOn-year': year,
          finding: 'Health visitors were invited to 19 of 20 discussions.',
          practiceChanged: 'yes',
        })
        assert.equal(recorded.statusCode, 303)

        const plan = await client.get(`/reviews/${f.reviewId}/recommendations`)
        assert.equal(plan.statusCode, 200)
        assert.match(plan.body, /Impact shown/)
        assert.match(plan.body, new RegExp(`href="/reviews/${f.reviewId}/impact"`))

        // The public entry: the published recommendation text with "Impact shown", nothing of the audit.
        const entry = await t.app.inject({ method: 'GET', url: `/repository/reviews/${f.entryId}` })
        assert.equal(entry.statusCode, 200)
        assert.match(entry.body, /Impact shown/)
        for (const secret of [
          IMPACT_CHILD_NAME,
          '19 of 20',
          'Are &lt;i&gt;',
          'Are <i>',
          '20 strategy',
          'Coordinator',
        ])
          assert.ok(!entry.body.includes(secret), `the public entry shows ${secret}`)

        // The chair reads but may not record.
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        assert.equal((await chair.get(url)).statusCode, 200)
        assert.equal((await chair.post(findingUrl, { finding: 'x', practiceChanged: 'yes' })).statusCode, 403)
      } finally {
        await t.close()
      }
    })
  })
}
