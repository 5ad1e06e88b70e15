import { AccessPolicy } from '../access/access.policy.ts'
import { AccessRepository } from '../access/access.repository.ts'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../test/support/databases.ts'
import { openDatabase } from '../../db/database.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { createSearchIndex } from '../../search/create-search-index.ts'
import { AccessDeniedError } from '../access/access.ts'
import type { Actor } from '../access/actor.ts'
import type { Role } from '../access/permissions.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { keepUntil, reviewTitle, suppress } from './published-review.ts'
import { PublishedReviewRepository } from './published-review.repository.ts'
import { PublishedReviewService, type PublishInput } from './published-review.service.ts'

function actor(role: Role): Actor {
  return {
    userId: `u-${role}`,
    email: `${role}@example.org`,
    displayName: role,
    role,
    partnershipId: 'p1',
    agencyId: null,
    ip: null,
    userAgent: null,
  }
}

const base = (overrides: Partial<PublishInput>): PublishInput => ({
  pseudonym: 'Child A',
  year: 2020,
  area: 'Anonymous',
  reviewType: 'lcspr',
  themes: ['neglect'],
  summary: 'A summary.',
  recommendations: [],
  confirmedAnonymised: true,
  ...overrides,
})

test('titles, keep-until and suppression rules', () => {
  assert.equal(reviewTitle(2024, 'Marlshire', 'Child M'), '2024 – Marlshire – Child M')
  assert.equal(reviewTitle(2024, '  ', 'Baby Y'), '2024 – Anonymous – Baby Y')
  assert.equal(keepUntil('2024-03-31T00:00:00.000Z'), '2025-03-31T00:00:00.000Z')
  assert.equal(keepUntil('2024-03-31T00:00:00.000Z', '2024-06-01T00:00:00.000Z'), '2025-03-31T00:00:00.000Z')
  assert.equal(keepUntil('2024-03-31T00:00:00.000Z', '2030-01-01T00:00:00.000Z'), '2030-01-01T00:00:00.000Z')
  const table: [number, number | null, string][] = [
    [0, 0, '0'],
    [1, null, 'fewer than 5'],
    [4, null, 'fewer than 5'],
    [5, 5, '5'],
    [120, 120, '120'],
  ]
  for (const [count, value, label] of table) assert.deepEqual(suppress(count), { value, label }, String(count))
})

for (const database of testDatabases()) {
  describe(`published repository on ${database.name}`, () => {
    async function withService(
      body: (service: PublishedReviewService, refusals: string[]) => Promise<void>,
    ): Promise<void> {
      const handle = await database.open()
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        const refusals: string[] = []
        const service = new PublishedReviewService({
          repository: new PublishedReviewRepository(handle.db),
          searchIndex: createSearchIndex(handle),
          access: new AccessPolicy(new AccessRepository(handle.db), {
            recordRefusal: async (a, p) => void refusals.push(`${a.role}:${p}`),
          }),
          now: () => new Date('2026-11-26T10:00:00.000Z'),
        })
        await body(service, refusals)
      } finally {
        await handle.close()
      }
    }

    test('only curators publish and unpublish; refusals are recorded', async () => {
      await withService(async (service, refusals) => {
        for (const role of [
          'chair',
          'lead_reviewer',
          'panel_member',
          'agency_contributor',
          'national_viewer',
        ] as const) {
          await assert.rejects(service.publish(actor(role), base({})), AccessDeniedError, role)
        }
        assert.equal(refusals.length, 5)
        const review = await service.publish(actor('administrator'), base({}))
        await assert.rejects(service.unpublish(actor('panel_member'), review.id), AccessDeniedError)
        await service.unpublish(actor('coordinator'), review.id)
        await assert.rejects(service.get(review.id), NotFoundError)
        await assert.rejects(service.unpublish(actor('coordinator'), review.id), NotFoundError)
      })
    })

    test('publishing validates, refuses unconfirmed text, stores, sanitises HTML and indexes', async () => {
      await withService(async (service) => {
        await assert.rejects(
          service.publish(actor('coordinator'), { ...base({}), confirmedAnonymised: false as never }),
          (e: unknown) => e instanceof ValidationError && e.errors.some((x) => x.field === 'confirmedAnonymised'),
        )
        await assert.rejects(
          service.publish(actor('coordinator'), base({ year: 1800, themes: ['not_a_theme' as never] })),
          (e: unknown) => e instanceof ValidationError && e.errors.length === 2,
        )
        const review = await service.publish(
          actor('coordinator'),
          base({
            pseudonym: 'Baby Q',
            year: 2023,
            area: 'Marlshire',
            region: 'South West',
            childAgeBand: 'under_1',
            themes: ['sudden_unexpected_infant_death_unsafe_sleep', 'parental_substance_misuse'],
            agencies: ['health visiting'],
            keywords: ['co-sleeping'],
            summary: 'A baby died after co-sleeping with a parent who had been drinking.',
            recommendations: ['Safer sleep advice should be repeated at every contact.'],
            documents: [
              {
                title: 'Report',
                html: '<h1>Report</h1><p onclick="x()">Safer sleep <script>alert(1)</script>advice</p><img src=x onerror=alert(1)>',
              },
            ],
          }),
        )
        assert.equal(review.title, '2023 – Marlshire – Baby Q')
        assert.equal(review.keepUntil, '2027-11-26T10:00:00.000Z')
        const stored = await service.get(review.id)
        assert.equal(stored.documents[0].html, '<h1>Report</h1><p>Safer sleep advice</p>')
        assert.deepEqual(
          stored.recommendations.map((r) => r.text),
          ['Safer sleep advice should be repeated at every contact.'],
        )
        const found = await service.search('drinking', {
          filters: { themes: ['parental_substance_misuse'], region: 'South West' },
        })
        assert.deepEqual(
          found.results.map((r) => r.id),
          [review.id],
        )
        assert.equal(found.results[0].title, '2023 – Marlshire – Baby Q')
        // Nothing of the script reached the index.
        assert.equal((await service.search('alert')).total, 0)
      })
    })

    test('"recommended before" finds similar recommendations in earlier reviews only', async () => {
      await withService(async (service) => {
        const c = actor('coordinator')
        const old = await service.publish(
          c,
          base({
            pseudonym: 'Child B',
            year: 2015,
            recommendations: [
              'Agencies should share information about new partners in the household with children’s social care.',
              'Schools should record attendance daily.',
            ],
          }),
        )
        await service.publish(
          c,
          base({
            pseudonym: 'Child C',
            year: 2018,
            recommendations: ['Health visitors should be trained in safer sleep advice.'],
          }),
        )
        const newer = await service.publish(
          c,
          base({
            pseudonym: 'Child D',
            year: 2024,
            recommendations: [
              'All agencies must share information about a new partner in the household.',
              'Review the transport policy.',
            ],
          }),
        )
        const later = await service.publish(
          c,
          base({
            pseudonym: 'Child E',
            year: 2025,
            recommendations: ['Share information about new partners in the household.'],
          }),
        )
        const answer = await service.recommendedBefore(newer.id)
        assert.equal(answer.length, 2)
        assert.deepEqual(
          answer[0].similar.map((s) => s.reviewId),
          [old.id],
        )
        assert.ok(answer[0].similar[0].score > 0.4 && answer[0].similar[0].score <= 1)
        assert.deepEqual(answer[1].similar, [])
        // The 2025 review is later, so it never appears for 2024; the oldest has nothing before it.
        assert.ok(answer.every((a) => a.similar.every((s) => s.reviewId !== later.id)))
        assert.deepEqual((await service.recommendedBefore(old.id))[0].similar, [])
        await assert.rejects(service.recommendedBefore('missing'), NotFoundError)
      })
    })

    test('thematic statistics suppress counts of 1 to 4 and group repeated recommendations', async () => {
      await withService(async (service) => {
        const c = actor('coordinator')
        for (let i = 0; i < 6; i++) {
          await service.publish(
            c,
            base({
              pseudonym: `Child ${String.fromCharCode(65 + i)}`,
              year: i < 5 ? 2022 : 2023,
              childAgeBand: i < 5 ? 'under_1' : '16_17',
              themes: i < 2 ? ['neglect', 'housing_poverty'] : ['neglect'],
              summary: `Case ${i} of neglect.`,
              recommendations:
                i < 3
                  ? [`The partnership should audit neglect cases using the graded care profile (${i}).`]
                  : [
                      ['Ferries need timetables.', 'Orchards flourish in spring.', 'Violins require careful tuning.'][
                        i - 3
                      ],
                    ],
            }),
          )
        }
        const stats = await service.statistics('', { themes: ['neglect'] })
        assert.deepEqual(stats.total, { value: 6, label: '6' })
        assert.deepEqual(stats.byYear, [
          { year: '2023', count: { value: null, label: 'fewer than 5' } },
          { year: '2022', count: { value: 5, label: '5' } },
        ])
        assert.deepEqual(
          stats.byAgeBand.map((b) => `${b.band}=${b.count.label}`),
          ['under_1=5', '1_4=0', '5_9=0', '10_15=0', '16_17=fewer than 5', 'care_leaver_18_24=0'],
        )
        assert.deepEqual(stats.coOccurringThemes, [
          { theme: 'housing_poverty', label: 'Housing and poverty', count: { value: null, label: 'fewer than 5' } },
        ])
        assert.equal(stats.repeatedRecommendations.length, 1)
        assert.equal(stats.repeatedRecommendations[0].examples.length, 3)
        assert.deepEqual(stats.repeatedRecommendations[0].reviews, { value: null, label: 'fewer than 5' })
      })
    })

    test('two instances: a search cached on one sees a review published or withdrawn on the other at once', async () => {
      const handle = await database.open()
      // The second instance: on PostgreSQL its own pool on the same schema; on SQLite the one database.
      const url = process.env.TEST_DATABASE_URL
      const second = database.name === 'postgres' && url ? openDatabase(url, { schema: handle.schema }) : null
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        const instance = (db: typeof handle) =>
          new PublishedReviewService({
            repository: new PublishedReviewRepository(db.db),
            searchIndex: createSearchIndex(db),
            access: new AccessPolicy(new AccessRepository(db.db), { recordRefusal: async () => {} }),
            now: () => new Date('2026-11-26T10:00:00.000Z'),
          })
        const a = instance(handle)
        const b = instance(second ?? handle)
        await a.publish(actor('coordinator'), base({ pseudonym: 'Child A', summary: 'Bruising seen by the school.' }))
        const before = await b.search('bruising')
        assert.equal(before.total, 1)
        assert.equal(await b.search('bruising'), before, 'the second search is answered from the cache')
        const other = await a.publish(
          actor('coordinator'),
          base({ pseudonym: 'Child B', summary: 'Bruising seen by the nursery.' }),
        )
        assert.equal((await b.search('bruising')).total, 2, 'published on A, found on B')
        await a.unpublish(actor('coordinator'), other.id)
        assert.equal((await b.search('bruising')).total, 1, 'withdrawn on A, gone on B')
      } finally {
        await second?.close()
        await handle.close()
      }
    })

    test('the catalogue CSV escapes formulas and quotes', async () => {
      await withService(async (service) => {
        await service.publish(
          actor('coordinator'),
          base({ pseudonym: 'Child Z', summary: '=HYPERLINK("http://x","y"), then more', keywords: ['+1', 'plain'] }),
        )
        const csv = await service.catalogueCsv()
        const [header, row] = csv.replace('\uFEFF', '').split('\r\n')
        assert.match(header, /^id,title,year,area/)
        assert.ok(row.includes(`"'=HYPERLINK(""http://x"",""y""), then more"`), row)
        assert.ok(row.includes("'+1; plain"), row)
      })
    })
  })
}
