import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testConfig } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { composeServices } from '../../composition.ts'
import { DEMO_CORPUS_SIZE, demoRepositoryCorpus } from './demo-repository-corpus.ts'

describe('the demo corpus of published reviews', () => {
  test('is generated the same on every call, with facets spread out and nothing naming an anonymous area', () => {
    const corpus = demoRepositoryCorpus()
    assert.deepEqual(demoRepositoryCorpus(), corpus)
    assert.ok(corpus.length >= 30)
    const distinct = (values: unknown[]) => new Set(values.filter((v) => v !== null && v !== undefined)).size
    assert.ok(distinct(corpus.map((e) => e.year)) >= 10, 'years')
    assert.ok(distinct(corpus.map((e) => e.region)) >= 5, 'regions')
    assert.ok(distinct(corpus.map((e) => e.area)) >= 6, 'areas')
    assert.ok(distinct(corpus.map((e) => e.reviewType)) >= 3, 'review types')
    assert.equal(distinct(corpus.map((e) => e.natureOfIncident)), 2, 'death and serious harm')
    assert.ok(distinct(corpus.map((e) => e.childAgeBand)) >= 5, 'age bands')
    assert.ok(distinct(corpus.map((e) => e.sex)) >= 2, 'sex')
    assert.ok(distinct(corpus.map((e) => e.reviewModel)) >= 4, 'review models')
    assert.ok(distinct(corpus.flatMap((e) => e.themes ?? [])) >= 20, 'themes')
    assert.ok(distinct(corpus.flatMap((e) => e.agencies ?? [])) >= 10, 'agencies')
    const anonymous = corpus.filter((e) => e.area === 'Anonymous')
    assert.ok(anonymous.length >= 3, 'some published as Anonymous')
    const areas = new Set(corpus.map((e) => e.area ?? '').filter((a) => a && a !== 'Anonymous'))
    for (const entry of anonymous) {
      assert.equal(entry.partnership, null)
      assert.equal(entry.region, null)
    }
    // No entry's text names any area (so an anonymous one cannot, and none names where it happened).
    for (const entry of corpus) {
      const text = [entry.summary, ...(entry.recommendations ?? []), ...(entry.documents ?? []).map((d) => d.html)]
      for (const area of areas) assert.ok(!text.join(' ').includes(area), `${entry.pseudonym} names ${area}`)
    }
  })
})

for (const database of testDatabases()) {
  describe(`the demo repository seed on ${database.name}`, () => {
    test('publishes the corpus through the publish path once, and a second start adds nothing', async () => {
      const config = testConfig({ seedDemoRepository: true })
      const services = await composeServices(config, { database: await database.open() })
      try {
        const all = await services.publishedReviews.search('', { pageSize: 100 })
        assert.equal(all.total, DEMO_CORPUS_SIZE)
        // Latest first without a query; the index built facets and snippets as for any review.
        assert.equal(all.sort, 'date')
        assert.ok(all.facets.year.length >= 10)
        const neglect = await services.publishedReviews.search('neglect')
        assert.ok(neglect.total >= 5, `"neglect" finds ${neglect.total}`)
        assert.ok(neglect.results[0].snippet.some((s) => s.highlighted && /neglect/i.test(s.text)))

        // The newest reviews repeat recommendations made years before.
        const newest = all.results[0]
        const before = await services.publishedReviews.recommendedBefore(newest.id)
        assert.ok(
          before.some((r) => r.similar.some((s) => s.year < (newest.year ?? 0))),
          'recommended before',
        )
        const stats = await services.publishedReviews.statistics('', {})
        assert.ok(stats.repeatedRecommendations.length >= 5, 'recommendations made again and again')

        const publishedAt = new Map(all.results.map((r) => [r.id, r.publishedAt]))
        const again = await composeServices(config, { database: services.database })
        const after = await again.publishedReviews.search('', { pageSize: 100 })
        assert.equal(after.total, DEMO_CORPUS_SIZE)
        assert.deepEqual(new Map(after.results.map((r) => [r.id, r.publishedAt])), publishedAt)
      } finally {
        await services.close()
      }
    })

    test('is off when the configuration says so', async () => {
      const services = await composeServices(testConfig({ seedDemoRepository: false }), {
        database: await database.open(),
      })
      try {
        assert.equal((await services.publishedReviews.search('')).total, 0)
      } finally {
        await services.close()
      }
    })
  })
}
