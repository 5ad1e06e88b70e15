import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import { SECOND_PARTNERSHIP_NAME, TWO_PARTNERSHIP_USER } from '../../db/seed/demo-second-partnership.ts'
import type { Actor } from '../access/actor.ts'
import { ValidationError } from '../errors.ts'
import type { ResolvedSession } from './auth.service.ts'

/** The signed-in session of `email` (its cookie token), as the web layer would resolve it. */
async function sessionOf(t: TestApp, email: string): Promise<{ token: string; resolved: ResolvedSession }> {
  const { client } = await signIn(t, email)
  for (const token of client.cookies.values()) {
    const resolved = await t.services.auth.resolveSession(token)
    if (resolved?.session.state === 'authenticated') return { token, resolved }
  }
  throw new Error(`No session for ${email}`)
}

/** The actor of a resolved session (what the session plugin builds). */
function actorOf(resolved: ResolvedSession): Actor {
  return {
    userId: resolved.user.id,
    email: resolved.user.email,
    displayName: resolved.user.displayName,
    role: resolved.membership!.role,
    partnershipId: resolved.membership!.partnershipId,
    agencyId: resolved.membership!.agencyId,
    ip: null,
    userAgent: null,
  }
}

for (const database of testDatabases()) {
  describe(`several partnerships per user on ${database.name}`, () => {
    test('switching the session to another membership scopes the actor, and every list, to that partnership', async () => {
      const t = await startTestApp(await database.open())
      try {
        const marlshireCoordinator = await actorFor(t, 'coordinator@marlshire.example')
        const fenbridge = (await t.services.repositories.partnerships.findByName(SECOND_PARTNERSHIP_NAME))!
        const { token, resolved } = await sessionOf(t, TWO_PARTNERSHIP_USER.email)
        assert.deepEqual(
          resolved.memberships.map((m) => [m.partnershipName, m.role]),
          TWO_PARTNERSHIP_USER.memberships.map((m) => [m.partnership, m.role]),
        )
        const asChair = actorOf(resolved)
        assert.equal(asChair.partnershipId, marlshireCoordinator.partnershipId, 'the first membership at sign-in')
        await createSubmittedReview(t, marlshireCoordinator, { pseudonym: 'Child Marlow' })
        await createSubmittedReview(
          t,
          { ...asChair, role: 'coordinator', partnershipId: fenbridge.id },
          {
            pseudonym: 'Child Fenwick',
          },
        )
        const pseudonyms = async (actor: Actor) =>
          (await t.services.reviews.list(actor)).map((item) => item.review.pseudonym)
        assert.deepEqual(await pseudonyms(asChair), ['Child Marlow'])

        const chosen = await t.services.auth.switchPartnership(asChair, token, resolved.memberships[1].id)
        assert.equal(chosen.partnershipId, fenbridge.id)
        const after = (await t.services.auth.resolveSession(token))!
        assert.equal(after.membership?.id, resolved.memberships[1].id, 'kept in the session row')
        const asCoordinator = actorOf(after)
        assert.equal(asCoordinator.role, 'coordinator')
        assert.deepEqual(await pseudonyms(asCoordinator), ['Child Fenwick'])
      } finally {
        await t.close()
      }
    })

    test('a session cannot be switched to a membership of someone else, nor by another user', async () => {
      const t = await startTestApp(await database.open())
      try {
        const jamie = await sessionOf(t, TWO_PARTNERSHIP_USER.email)
        const coordinator = await sessionOf(t, 'coordinator@marlshire.example')
        const isRefused = (e: unknown) => e instanceof ValidationError && e.errors[0].field === 'membership'
        // Someone else's membership on one's own session.
        await assert.rejects(
          t.services.auth.switchPartnership(
            actorOf(coordinator.resolved),
            coordinator.token,
            jamie.resolved.memberships[1].id,
          ),
          isRefused,
        )
        // One's own membership on someone else's session.
        await assert.rejects(
          t.services.auth.switchPartnership(
            actorOf(coordinator.resolved),
            jamie.token,
            jamie.resolved.memberships[1].id,
          ),
          isRefused,
        )
        assert.equal((await t.services.auth.resolveSession(jamie.token))!.membership?.id, jamie.resolved.membership?.id)
        assert.equal(
          (await t.services.auth.resolveSession(coordinator.token))!.membership?.id,
          coordinator.resolved.membership?.id,
        )
      } finally {
        await t.close()
      }
    })
  })
}
