import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../test/support/reviews.ts'

/** Invented names only. */
const SIBLING = 'Aled Brackenbury'
const XSS = '<script>alert("x")</script>'

for (const database of testDatabases()) {
  describe(`other children at risk pages (${database.name})`, () => {
    test('record with clear date errors, confirm, and what the panel member sees', async () => {
      const t = await startTestApp(await database.open())
      try {
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const reviewId = await createSubmittedReview(t, coordinatorActor)
        const agencies = await t.services.repositories.partnerships.listAgencies(coordinatorActor.partnershipId!)
        const police = agencies.find((a) => a.name === 'Marlshire Police')!
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const base = `/reviews/${reviewId}/children-at-risk`

        const form = await client.get(`${base}/new`)
        assert.equal(form.statusCode, 200)
        const fields = {
          name: SIBLING,
          age: '6',
          relationship: 'sibling',
          relationshipDetail: '',
          concern: `${SIBLING} lives in the household. ${XSS}`,
          safetyAction: 'Visit and see the child alone',
          agencyId: police.id,
          responsiblePerson: 'DS Public Protection',
          'dueDate-day': '31',
          'dueDate-month': '2',
          'dueDate-year': '2027',
        }
        // An impossible date: the date input's own message, with everything typed kept.
        const impossible = await client.post(`${base}/new`, fields)
        assert.equal(impossible.statusCode, 400)
        assert.match(impossible.body, /govuk-error-summary/)
        assert.match(impossible.body, /<a href="#dueDate-day">The date the action is due must be a real date<\/a>/)
        assert.match(impossible.body, /value="Aled Brackenbury"/)
        const partial = await client.post(`${base}/new`, { ...fields, 'dueDate-month': '' })
        assert.match(partial.body, /The date the action is due must include a month/)

        const saved = await client.post(`${base}/new`, { ...fields, 'dueDate-day': '28' })
        assert.equal(saved.statusCode, 303)
        assert.equal(saved.headers.location, `${base}?saved=added`)
        const list = await client.get(base)
        assert.equal(list.statusCode, 200)
        assert.match(list.body, /Aled Brackenbury, other child 1 \(sibling\)/)
        assert.match(list.body, /28 February 2027/)
        assert.ok(!list.body.includes(XSS), 'typed text comes back escaped')
        assert.match(list.body, /&lt;script&gt;/)

        const [child] = (await t.services.childrenAtRisk.list(coordinatorActor, reviewId)).children
        const confirmUrl = `${base}/${child.id}/confirm`
        await client.get(confirmUrl)
        const future = await client.post(confirmUrl, {
          'confirmedOn-day': '1',
          'confirmedOn-month': '1',
          'confirmedOn-year': '2099',
          confirmedBy: '',
          note: '',
          version: String(child.version),
        })
        assert.equal(future.statusCode, 400)
        assert.match(future.body, /The date confirmed must be today or in the past/)
        assert.match(future.body, /Enter who confirmed the action was taken/)
        const today = t.now()
        const confirmed = await client.post(confirmUrl, {
          'confirmedOn-day': String(Number(today.toISOString().slice(8, 10))),
          'confirmedOn-month': String(today.getUTCMonth() + 1),
          'confirmedOn-year': String(today.getUTCFullYear()),
          confirmedBy: 'Social worker',
          note: '',
          version: String(child.version),
        })
        assert.equal(confirmed.statusCode, 303)
        assert.match((await client.get(base)).body, /govuk-tag--green">\s*Confirmed\s*</)

        // A stale change is refused with the typed values kept.
        await client.get(`${base}/${child.id}`)
        const stale = await client.post(`${base}/${child.id}`, {
          ...fields,
          'dueDate-day': '1',
          safetyAction: 'Changed',
          version: String(child.version),
        })
        assert.equal(stale.statusCode, 409)
        assert.match(stale.body, /Someone else changed this child’s record/)

        // The panel member of the review sees the label, never the name; and may not change anything.
        const panelActor = await actorFor(t, 'panel@marlshire.example')
        await t.services.reviews.addMember(coordinatorActor, reviewId, panelActor.userId, 'panel_member')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const seen = await panel.get(base)
        assert.equal(seen.statusCode, 200)
        assert.match(seen.body, /Other child 1 \(sibling\)/)
        assert.ok(!seen.body.includes('Brackenbury') && !seen.body.includes('Aled'))
        assert.ok(!seen.body.includes('Record another child'))
        assert.equal((await panel.get(`${base}/new`)).statusCode, 403)
        const review = await panel.get(`/reviews/${reviewId}`)
        assert.match(review.body, /Other children at risk/)
        assert.ok(!review.body.includes('Brackenbury'))
      } finally {
        await t.close()
      }
    })
  })
}
