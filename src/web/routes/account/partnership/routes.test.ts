import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp, type TestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../../test/support/reviews.ts'
import { SECOND_PARTNERSHIP_NAME, TWO_PARTNERSHIP_USER } from '../../../../db/seed/demo-second-partnership.ts'
import { DEMO_PARTNERSHIP_NAME } from '../../../../db/seed/demo-seed.ts'

/** A review in each partnership, and the memberships of the user who works for both. */
async function twoPartnerships(t: TestApp) {
  const { users, partnerships } = t.services.repositories
  const marlshire = (await partnerships.findByName(DEMO_PARTNERSHIP_NAME))!
  const fenbridge = (await partnerships.findByName(SECOND_PARTNERSHIP_NAME))!
  const jamie = (await users.findByEmail(TWO_PARTNERSHIP_USER.email))!
  const [inMarlshire, inFenbridge] = await users.namedMemberships(jamie.id)
  assert.equal(inMarlshire.partnershipId, marlshire.id)
  assert.equal(inFenbridge.partnershipId, fenbridge.id)
  const marlshireCoordinator = await actorFor(t, 'coordinator@marlshire.example')
  const fenbridgeCoordinator = {
    ...marlshireCoordinator,
    userId: jamie.id,
    email: jamie.email,
    displayName: jamie.displayName,
    partnershipId: fenbridge.id,
  }
  const marlshireReview = await createSubmittedReview(t, marlshireCoordinator, { pseudonym: 'Child Marlow' })
  const fenbridgeReview = await createSubmittedReview(t, fenbridgeCoordinator, { pseudonym: 'Child Fenwick' })
  return { marlshire, fenbridge, jamie, inMarlshire, inFenbridge, marlshireReview, fenbridgeReview }
}

for (const database of testDatabases()) {
  describe(`switching partnership on ${database.name}`, () => {
    test('a user with two memberships switches partnership and sees only that partnership’s reviews; the audit log says which', async () => {
      const t = await startTestApp(await database.open())
      try {
        const p = await twoPartnerships(t)
        const { client } = await signIn(t, TWO_PARTNERSHIP_USER.email)

        // Signed in: the first membership (chair in Marlshire), with a switcher in the header.
        let reviews = await client.get('/reviews')
        assert.equal(reviews.statusCode, 200)
        assert.match(reviews.body, /Child Marlow/)
        assert.doesNotMatch(reviews.body, /Child Fenwick/)
        assert.match(reviews.body, /<select class="govuk-select[^"]*" id="partnership-switcher" name="membership">/)
        assert.match(reviews.body, new RegExp(`<option value="${p.inMarlshire.id}" selected>`))
        assert.match(reviews.body, /Board chair or safeguarding partner · Marlshire Safeguarding Children Partnership/)

        const switched = await client.post('/account/partnership', { membership: p.inFenbridge.id })
        assert.equal(switched.statusCode, 303)
        assert.equal(switched.headers.location, '/dashboard')

        // Now a coordinator in Fenbridge: Fenbridge's reviews only, Marlshire's not found.
        reviews = await client.get('/reviews')
        assert.match(reviews.body, /Child Fenwick/)
        assert.doesNotMatch(reviews.body, /Child Marlow/)
        assert.match(
          reviews.body,
          /Review coordinator \(board business manager\) · Fenbridge Safeguarding Children Partnership/,
        )
        assert.match(reviews.body, new RegExp(`<option value="${p.inFenbridge.id}" selected>`))
        assert.equal((await client.get(`/reviews/${p.fenbridgeReview}`)).statusCode, 200)
        assert.equal((await client.get(`/reviews/${p.marlshireReview}`)).statusCode, 404)
        assert.equal((await client.get('/reviews/new')).statusCode, 200, 'a coordinator there may notify')

        // The audit log records the switch in the partnership chosen, and what follows there too.
        const events = await t.services.database.db
          .selectFrom('audit_event')
          .select(['action', 'partnership_id', 'detail', 'outcome'])
          .where('actor_user_id', '=', p.jamie.id)
          .orderBy('seq')
          .execute()
        const at = events.findIndex((e) => e.action === 'auth.partnership_switched')
        assert.ok(at >= 0, 'the switch is audited')
        assert.equal(events[at].partnership_id, p.fenbridge.id)
        assert.deepEqual(JSON.parse(events[at].detail), { fromPartnershipId: p.marlshire.id, role: 'coordinator' })
        const after = events.slice(at + 1)
        assert.ok(after.length > 0, 'reads after the switch are audited')
        assert.ok(
          after.every((e) => e.partnership_id === p.fenbridge.id),
          JSON.stringify(after.map((e) => [e.action, e.partnership_id])),
        )

        // And back again with the page's own form.
        assert.equal((await client.get('/account/partnership')).statusCode, 200)
        assert.equal((await client.post('/account/partnership', { membership: p.inMarlshire.id })).statusCode, 303)
        reviews = await client.get('/reviews')
        assert.match(reviews.body, /Child Marlow/)
        assert.doesNotMatch(reviews.body, /Child Fenwick/)
      } finally {
        await t.close()
      }
    })

    test('a membership that is not the user’s is refused with an error, and nothing changes', async () => {
      const t = await startTestApp(await database.open())
      try {
        const p = await twoPartnerships(t)
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const dashboard = await client.get('/dashboard')
        assert.doesNotMatch(dashboard.body, /partnership-switcher/, 'one membership: no switcher')

        const refused = await client.post('/account/partnership', { membership: p.inFenbridge.id })
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /There is a problem/)
        assert.match(refused.body, /<a href="#membership">Select a partnership you work for<\/a>/)
        const empty = await client.post('/account/partnership', { membership: '' })
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /Select the partnership you are working for/)

        const reviews = await client.get('/reviews')
        assert.match(reviews.body, /Child Marlow/)
        assert.doesNotMatch(reviews.body, /Child Fenwick/)
        assert.equal((await client.get(`/reviews/${p.fenbridgeReview}`)).statusCode, 404)
      } finally {
        await t.close()
      }
    })
  })
}
