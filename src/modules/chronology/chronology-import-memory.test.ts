import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import type { Actor } from '../access/actor.ts'
import { ChronologyRepository } from './chronology.repository.ts'
import { ChronologyService } from './chronology.service.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

for (const database of testDatabases()) {
  describe(`chronology import staged in memory on ${database.name}`, () => {
    test('a stage evicted from memory is read again from the kept file: its pages and its commit still work', async () => {
      const t = await startTestApp(await database.open())
      try {
        const db = t.services.database.db
        // Without `imports`, the service stages rows in this process's memory (at most ten imports).
        const service = new ChronologyService({
          access: t.services.access,
          repository: new ChronologyRepository(db),
          reviews: t.services.reviews,
          audit: t.services.audit,
          partnerships: t.services.repositories.partnerships,
          now: t.now,
        })
        const user = (await t.services.repositories.users.findByEmail('coordinator@marlshire.example'))!
        const [membership] = await t.services.repositories.users.memberships(user.id)
        const coordinator: Actor = {
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          role: membership.role,
          partnershipId: membership.partnershipId,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
        const reviewId = await createSubmittedReview(t, coordinator, {
          outline: 'Memory staging test review.',
          pseudonym: 'Child E',
        })
        const agencyId = (await t.services.repositories.partnerships.listAgencies(membership.partnershipId!))[0].id
        const upload = (event: string, secondDate = '31/02/2024') =>
          service.previewImport(coordinator, reviewId, {
            agencyId,
            fileName: `${event}.csv`,
            data: Buffer.from(`Date,Event\n03/04/2024,${event}\n${secondDate},Second\n04/04/2024,Call\n`),
          })
        const first = await upload('First visit')
        // Eleven later uploads push the first one's stage out of memory.
        for (let i = 0; i < 11; i++) await upload(`Visit ${i}`)
        const page = await service.importPage(coordinator, reviewId, first.importId)
        assert.equal(page.summary.rowCount, 3)
        assert.deepEqual(
          page.problemRows.map((r) => r.problems),
          [['Row 3: 31/02/2024 is not a real date']],
        )
        assert.equal(page.firstRows[0].event, 'First visit')

        const fine = await upload('Fine visit', '28/02/2024')
        assert.equal(fine.preview.canCommit, true)
        for (let i = 0; i < 11; i++) await upload(`Later ${i}`)
        // The commit of an evicted stage reads the kept file again and stores every row.
        assert.equal((await service.commitImport(coordinator, reviewId, fine.importId, {})).count, 3)
        const events = await db.selectFrom('chronology_entry').select('event').orderBy('import_row').execute()
        assert.deepEqual(
          events.map((e) => e.event),
          ['Fine visit', 'Second', 'Call'],
        )
      } finally {
        await t.close()
      }
    })
  })
}
