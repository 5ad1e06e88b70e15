import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../test/support/databases.ts'
import { openDatabase, type DatabaseHandle } from '../../db/database.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { createSearchIndex } from '../../search/create-search-index.ts'
import { AccessPolicy } from '../access/access.policy.ts'
import { AccessRepository } from '../access/access.repository.ts'
import type { Actor } from '../access/actor.ts'
import { PublishedReviewRepository } from './published-review.repository.ts'
import { PublishedReviewService, type PublishInput } from './published-review.service.ts'

/**
 * Two instances of the service, each with its own connection (SQLite: a second connection to one
 * file; PostgreSQL: a second pool on one schema) and so its own facet snapshot, match lists and
 * snippets: what one publishes or withdraws, the other's next search shows. The whole-response
 * cache is turned off here (`max: 0`): this is about what the search index keeps.
 */

const curator: Actor = {
  userId: 'u-curator',
  email: 'curator@example.org',
  displayName: 'Curator',
  role: 'administrator',
  partnershipId: 'p1',
  agencyId: null,
  ip: null,
  userAgent: null,
}

const input = (overrides: Partial<PublishInput>): PublishInput => ({
  pseudonym: 'Child A',
  year: 2020,
  area: 'Anonymous',
  reviewType: 'lcspr',
  themes: ['neglect'],
  summary: 'Chronic neglect of a toddler.',
  recommendations: [],
  confirmedAnonymised: true,
  ...overrides,
})

/** Two handles on one database, and how to close both. */
async function twoConnections(
  database: ReturnType<typeof testDatabases>[number],
): Promise<{ a: DatabaseHandle; b: DatabaseHandle; close: () => Promise<void> }> {
  if (database.name === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'instances-'))
    const a = openDatabase(`sqlite:${join(folder, 'one.db')}`)
    await migrateToLatest(a.db as never)
    const b = openDatabase(`sqlite:${join(folder, 'one.db')}`)
    return {
      a,
      b,
      close: async () => {
        await b.close()
        await a.close()
        rmSync(folder, { recursive: true, force: true })
      },
    }
  }
  const a = await database.open()
  await migrateToLatest(a.db as never, a.schema)
  const b = openDatabase(process.env.TEST_DATABASE_URL!, { schema: a.schema })
  return {
    a,
    b,
    close: async () => {
      await b.close()
      await a.close()
    },
  }
}

function service(handle: DatabaseHandle): PublishedReviewService {
  return new PublishedReviewService({
    repository: new PublishedReviewRepository(handle.db),
    searchIndex: createSearchIndex(handle),
    access: new AccessPolicy(new AccessRepository(handle.db), { recordRefusal: async () => {} }),
    searchCache: { max: 0 },
  })
}

for (const database of testDatabases()) {
  describe(`two instances of the repository on ${database.name}`, () => {
    test('a review published or withdrawn on one instance is found or gone on the other at once', async () => {
      const { a, b, close } = await twoConnections(database)
      try {
        const one = service(a)
        const other = service(b)
        const first = await one.publish(curator, input({ pseudonym: 'Child A' }))
        // The other instance builds its snapshot and keeps this query's match list and snippets.
        for (const sort of ['relevance', 'date'] as const) {
          const seen = await other.search('neglect', { sort, filters: { themes: ['neglect'] } })
          assert.deepEqual(
            seen.results.map((r) => r.id),
            [first.id],
          )
        }
        assert.equal((await other.search('')).total, 1)

        const second = await one.publish(
          curator,
          input({
            pseudonym: 'Child B',
            year: 2022,
            summary: 'Neglect and domestic abuse.',
            themes: ['domestic_abuse'],
          }),
        )
        const both = await other.search('neglect', { sort: 'date' })
        assert.deepEqual(
          both.results.map((r) => r.id),
          [second.id, first.id],
        )
        assert.deepEqual(both.facets.themes, [
          { value: 'domestic_abuse', count: 1 },
          { value: 'neglect', count: 1 },
        ])
        assert.ok(both.results[0].snippet.some((s) => s.highlighted))

        await one.unpublish(curator, first.id)
        const after = await other.search('neglect')
        assert.deepEqual(
          after.results.map((r) => r.id),
          [second.id],
        )
        assert.equal((await other.search('neglect', { filters: { themes: ['neglect'] } })).total, 0)
        assert.deepEqual(await other.search('', { pageSize: 0 }).then((r) => r.facets.year), [
          { value: '2022', count: 1 },
        ])

        // Re-published with other text under the same id: the old words no longer find it there.
        await one.publish(curator, {
          ...input({ pseudonym: 'Child B', year: 2022, summary: 'Criminal exploitation.', themes: [] }),
          id: second.id,
        })
        assert.equal((await other.search('neglect')).total, 0)
        assert.deepEqual(
          (await other.search('exploitation')).results.map((r) => r.id),
          [second.id],
        )
        // And the other way round: what the second instance publishes, the first finds.
        const third = await other.publish(curator, input({ pseudonym: 'Child C', summary: 'Neglect again.' }))
        assert.deepEqual(
          (await one.search('neglect')).results.map((r) => r.id),
          [third.id],
        )
      } finally {
        await close()
      }
    })
  })
}
