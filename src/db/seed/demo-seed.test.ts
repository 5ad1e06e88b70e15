import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testConfig } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { composeServices } from '../../composition.ts'

for (const database of testDatabases()) {
  describe(`the demo seed on ${database.name}`, () => {
    test('seeds reviews at different stages with every kind of clock status, and the demo case commissioned', async () => {
      const services = await composeServices(testConfig({ seedDemoReviews: true }), {
        database: await database.open(),
        now: () => new Date('2026-11-25T12:00:00Z'),
      })
      try {
        const user = (await services.repositories.users.findByEmail('coordinator@marlshire.example'))!
        const partnership = (await services.repositories.partnerships.findByName(
          'Marlshire Safeguarding Children Partnership',
        ))!
        const coordinator = {
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          role: 'coordinator' as const,
          partnershipId: partnership.id,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
        const items = await services.reviews.list(coordinator)
        assert.equal(items.length, 5)
        const byPseudonym = new Map(items.map((i) => [i.review.pseudonym, i]))
        const m = byPseudonym.get('Child M')!
        assert.equal(m.review.stage, 'information_gathering')
        assert.match(m.review.embargoReason ?? '', /Criminal proceedings/)
        assert.equal(m.nextDue?.definition.key, 'review_completion')
        assert.equal(m.nextDue?.reading.status, 'overdue')
        assert.equal(byPseudonym.get('Child K')!.nextDue?.reading.status, 'overdue')
        assert.equal(byPseudonym.get('Baby P')!.nextDue?.reading.status, 'due_soon')
        assert.equal(byPseudonym.get('Child T')!.review.stage, 'closed')
        assert.ok(
          items.some((i) => i.review.notificationSubmittedAt === null),
          'a draft',
        )
        // Overdue first.
        assert.equal(items[0].nextDue?.reading.status, 'overdue')
        // Child M holds the demo case's material: its people, every agency's chronology, the drafts.
        const people = await services.caseKnowledge.overview(coordinator, m.review.id, { reveal: false })
        assert.equal(people.people.length, 45)
        const integrated = await services.chronology.integrated.view(coordinator, m.review.id)
        assert.equal(integrated.entries.length, 321)
        assert.ok(integrated.links.length > 0, 'reports of the same event proposed as linked')
        const reports = await services.reports.summaries(coordinator, m.review.id)
        assert.ok(
          reports.documents.every((d) => d.latestVersion === 1),
          'both drafts imported as their first version',
        )
        // Seeding twice adds nothing.
        const again = await composeServices(testConfig({ seedDemoReviews: true }), { database: services.database })
        assert.equal((await again.reviews.list(coordinator)).length, 5)
      } finally {
        await services.close()
      }
    })
  })
}
