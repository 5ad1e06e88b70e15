import { AccessPolicy } from '../access/access.policy.ts'
import { AccessRepository } from '../access/access.repository.ts'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../test/support/databases.ts'
import { anonymiseDocument, type CastMember, type Place } from '../../anonymisation/index.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { createSearchIndex } from '../../search/create-search-index.ts'
import { sharedDataPath } from '../../shared-data.ts'
import type { Actor } from '../access/actor.ts'
import { PublishedReviewRepository } from './published-review.repository.ts'
import { PublishedReviewService } from './published-review.service.ts'

/**
 * Leak test for the public repository: the demo case's executive summary, anonymised with its cast
 * and places, is published and indexed; no original identifier can then be found through search
 * results, snippets or facets.
 */
const read = (name: string) => readFileSync(sharedDataPath('demo-case', name), 'utf8')
const cast = JSON.parse(read('cast.json')) as (CastMember & { retain?: boolean })[]
const places = JSON.parse(read('places.json')) as (Place & { retain?: boolean })[]
const anonymised = anonymiseDocument(read('executive-summary-draft.md'), { cast, places }).text

const TITLES = new Set(['Dr', 'PC', 'DC', 'DS', 'DI', 'Mr', 'Mrs', 'Ms'])
// The reviewer (retain: true) is named in published reports on purpose, so is not an identifier here.
const fullNames = cast.filter((m) => !m.retain).flatMap((m) => [m.full_name, ...(m.other_names ?? [])])
const nameTokens = [...new Set(fullNames.flatMap((n) => n.split(/\s+/)).filter((t) => t.length >= 3 && !TITLES.has(t)))]
const placeNames = places.filter((p) => !p.retain).map((p) => p.name)
const identifiers = [...new Set([...fullNames, ...nameTokens, ...placeNames])]
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const containsIdentifier = (text: string) =>
  identifiers.find((id) => new RegExp(`(?<![\\p{L}])${escape(id)}(?![\\p{L}])`, 'u').test(text))

const curator: Actor = {
  userId: 'u1',
  email: 'c@example.org',
  displayName: 'C',
  role: 'coordinator',
  partnershipId: 'p1',
  agencyId: null,
  ip: null,
  userAgent: null,
}

test('the anonymised executive summary itself holds no original identifier', () => {
  assert.ok(anonymised.length > 2000)
  assert.equal(containsIdentifier(anonymised), undefined)
})

for (const database of testDatabases()) {
  describe(`public search leak test on ${database.name}`, () => {
    test('no original identifier is found through search results, snippets or facets', async () => {
      const handle = await database.open()
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        const service = new PublishedReviewService({
          repository: new PublishedReviewRepository(handle.db),
          searchIndex: createSearchIndex(handle),
          access: new AccessPolicy(new AccessRepository(handle.db), { recordRefusal: async () => {} }),
        })
        const paragraphs = anonymised.split(/\n\s*\n/).filter((p) => p.trim())
        const review = await service.publish(curator, {
          pseudonym: 'Child M',
          year: 2024,
          area: 'Marlshire',
          partnership: 'Marlshire Safeguarding Children Partnership',
          region: 'East of England',
          reviewType: 'lcspr',
          childAgeBand: 'under_1',
          themes: ['non_accidental_head_injury', 'domestic_abuse'],
          agencies: ['Marlshire Police'],
          summary: paragraphs.slice(0, 4).join(' ').slice(0, 4000),
          documents: [
            {
              title: 'Executive summary',
              html: paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join(''),
            },
          ],
          confirmedAnonymised: true,
        })

        // The review is found by its learning...
        const found = await service.search('head injury strangulation')
        assert.deepEqual(
          found.results.map((r) => r.id),
          [review.id],
        )
        assert.ok(found.results[0].snippet.some((s) => s.highlighted))

        // ...and never by who or where.
        const queries = [
          ...identifiers,
          ...identifiers.map((i) => `"${i}"`),
          'Child M',
          'baby',
          'mother partner',
          'nursery',
          '',
        ]
        for (const query of queries) {
          const response = await service.search(query, { pageSize: 100 })
          if (fullNames.includes(query) || placeNames.includes(query))
            assert.equal(response.total, 0, `search for ${query} found the review`)
          for (const result of response.results) {
            const shown = [
              result.title,
              result.area,
              result.reviewType ?? '',
              ...result.snippet.map((s) => s.text),
            ].join(' ')
            assert.equal(containsIdentifier(shown), undefined, `result for ${query}`)
          }
          for (const counts of Object.values(response.facets)) {
            for (const { value } of counts)
              assert.equal(containsIdentifier(value), undefined, `facet value for ${query}`)
          }
        }
        // Surnames and distinctive first names find nothing at all.
        for (const token of [
          'Calloway',
          'Hollis',
          'Ashworth',
          'Lomax',
          'Maisie',
          'Fenmoor',
          'Wyncombe',
          'Easterholme',
          'Millrace',
        ]) {
          assert.equal((await service.search(token)).total, 0, token)
        }
      } finally {
        await handle.close()
      }
    })
  })
}
