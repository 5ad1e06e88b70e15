import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

for (const database of testDatabases()) {
  describe(`home tasks follow the review's stage (${database.name})`, () => {
    test('an agency request on a closed review is not waiting on the contributor; one on an open review is', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const police = await actorFor(t, 'police.contributor@marlshire.example')
        // The demo's Child T was decided without a local review and closed.
        const closed = (await t.services.reviews.list(coordinator)).find((i) => i.review.pseudonym === 'Child T')!
        assert.equal(closed.review.stage, 'closed')
        const open = await createSubmittedReview(t, coordinator, { pseudonym: 'Child O' })
        for (const reviewId of [closed.review.id, open]) {
          await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
            agencyIds: [police.agencyId!],
            kinds: ['chronology'],
            dueDate: '2099-01-31',
          })
        }
        const home = await t.services.tasks.home(police)
        const reviews = home.tasks.map((task) => task.review ?? '')
        assert.ok(
          reviews.some((r) => r.endsWith('Child O')),
          'the open review’s request is a task',
        )
        assert.ok(!reviews.some((r) => r.endsWith('Child T')), 'the closed review’s request is not')
      } finally {
        await t.close()
      }
    })
  })
}
