import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDatabases } from '../../test/support/databases.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { createSearchIndex, type SearchDocument, type SearchIndex } from './create-search-index.ts'

function doc(
  id: string,
  overrides: Partial<Omit<SearchDocument, 'facets'>> & { facets?: Partial<SearchDocument['facets']> },
): SearchDocument {
  return {
    id,
    title: overrides.title ?? `Review ${id}`,
    summary: overrides.summary ?? 'A review of multi-agency practice.',
    body: overrides.body ?? 'The panel considered the records of every agency.',
    publishedAt: overrides.publishedAt ?? '2024-01-01T00:00:00.000Z',
    area: overrides.area ?? 'Anonymous',
    facets: {
      year: 2024,
      region: 'North West',
      partnership: null,
      reviewType: 'lcspr',
      natureOfIncident: 'serious_harm',
      childAgeBand: 'under_1',
      sex: 'female',
      ethnicGroup: 'white',
      reviewModel: null,
      themes: [],
      agencies: [],
      ...overrides.facets,
    },
  }
}

const CORPUS: SearchDocument[] = [
  doc('a', {
    title: '2021 – Anonymous – Child A',
    summary: 'Chronic neglect of a toddler over four years.',
    body: 'Professionals did not hear the voice of the child. Neglect was normalised.',
    publishedAt: '2021-05-01T00:00:00.000Z',
    facets: {
      year: 2021,
      region: 'North West',
      childAgeBand: '1_4',
      themes: ['neglect', 'voice_of_the_child'],
      agencies: ['police', 'health'],
    },
  }),
  doc('b', {
    title: '2022 – Marlshire – Baby B',
    summary: 'A baby suffered a non-accidental head injury.',
    body: 'The child was seen but the voice was absent. Neglected home conditions were recorded once.',
    publishedAt: '2022-03-01T00:00:00.000Z',
    area: 'Marlshire',
    facets: {
      year: 2022,
      region: 'South East',
      themes: ['non_accidental_head_injury', 'neglect'],
      agencies: ['health'],
    },
  }),
  doc('c', {
    title: '2023 – Anonymous – Child C',
    summary: 'Criminal exploitation of a 15 year old.',
    body: 'County lines. Information sharing between police and education failed.',
    publishedAt: '2023-07-01T00:00:00.000Z',
    facets: {
      year: 2023,
      region: 'North West',
      childAgeBand: '10_15',
      sex: 'male',
      themes: ['criminal_exploitation', 'information_sharing'],
      agencies: ['police', 'education'],
    },
  }),
  doc('d', {
    title: '2023 – Anonymous – Child D',
    summary: 'Domestic abuse and parental substance misuse.',
    body: 'Domestic abuse was known to police. Assessment did not consider the father.',
    publishedAt: '2023-09-01T00:00:00.000Z',
    facets: { year: 2023, region: 'London', themes: ['domestic_abuse', 'hidden_men_fathers'], agencies: ['police'] },
  }),
]

const HOSTILE = [
  '"unbalanced quote',
  'neglect"',
  'NEAR(',
  'NEAR(neglect abuse, 2)',
  'AND OR NOT',
  'OR',
  "'; drop table search_document; --",
  'x"; DROP TABLE search_fts; --',
  '*',
  'negl*',
  '^neglect',
  'title:neglect',
  '()',
  '(((',
  '\\',
  '-',
  '- -neglect',
  '""',
  '\u0000\uE000\uE001',
  '😀 neglect',
  'a'.repeat(10_000),
  'neglect '.repeat(1_250),
  Array.from({ length: 2_000 }, (_, i) => `w${i}`).join(' '),
]

for (const database of testDatabases()) {
  describe(`search index on ${database.name}`, () => {
    async function withIndex(body: (index: SearchIndex) => Promise<void>): Promise<void> {
      const handle = await database.open()
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        const index = createSearchIndex(handle)
        for (const d of CORPUS) await index.index(d)
        await body(index)
      } finally {
        await handle.close()
      }
    }
    const ids = (r: { results: readonly { id: string }[] }) => r.results.map((x) => x.id).sort()

    test('stemming: "neglected" finds reviews that say "neglect", and the reverse', async () => {
      await withIndex(async (index) => {
        assert.deepEqual(ids(await index.search('neglected')), ['a', 'b'])
        assert.deepEqual(ids(await index.search('neglect')), ['a', 'b'])
      })
    })

    test('a phrase in quotes matches only those words in order', async () => {
      await withIndex(async (index) => {
        assert.deepEqual(ids(await index.search('"voice of the child"')), ['a'])
        // Both words appear in b, but not as the phrase.
        assert.deepEqual(ids(await index.search('voice child')), ['a', 'b'])
      })
    })

    test('OR and exclusion behave the same on both engines', async () => {
      await withIndex(async (index) => {
        assert.deepEqual(ids(await index.search('exploitation OR baby')), ['b', 'c'])
        assert.deepEqual(ids(await index.search('neglect -baby')), ['a'])
        // Exclusions alone are not a query: every review is listed.
        assert.equal((await index.search('-baby')).total, 4)
      })
    })

    test('title and summary outrank the body', async () => {
      await withIndex(async (index) => {
        const r = await index.search('neglect')
        // a: in summary and body twice; b: once in body ("neglected").
        assert.deepEqual(
          r.results.map((x) => x.id),
          ['a', 'b'],
        )
        const police = await index.search('police')
        assert.equal(police.total, 2)
      })
    })

    test('snippets mark the matched words and carry no markup', async () => {
      await withIndex(async (index) => {
        const r = await index.search('neglected')
        for (const result of r.results) {
          const highlighted = result.snippet.filter((s) => s.highlighted).map((s) => s.text.toLowerCase())
          assert.ok(highlighted.length > 0, `no highlight in ${result.id}`)
          for (const h of highlighted) assert.match(h, /^neglect/)
          for (const s of result.snippet) assert.doesNotMatch(s.text, /[\uE000\uE001]/)
        }
        const browse = await index.search('')
        assert.ok(browse.results.every((x) => x.snippet.length > 0 && x.snippet.every((s) => !s.highlighted)))
      })
    })

    test('facets count with the query and the filters combined', async () => {
      await withIndex(async (index) => {
        const all = await index.search('', { pageSize: 0 })
        assert.equal(all.total, 4)
        assert.deepEqual(all.facets.year, [
          { value: '2023', count: 2 },
          { value: '2022', count: 1 },
          { value: '2021', count: 1 },
        ])
        assert.deepEqual(
          all.facets.themes.find((f) => f.value === 'neglect'),
          { value: 'neglect', count: 2 },
        )
        assert.deepEqual(all.facets.agencies[0], { value: 'police', count: 3 })

        const policeNorthWest = await index.search('', { filters: { agencies: ['police'], region: 'North West' } })
        assert.deepEqual(ids(policeNorthWest), ['a', 'c'])
        // The region facet ignores its own filter: choosing London instead would give 1.
        assert.deepEqual(policeNorthWest.facets.region, [
          { value: 'North West', count: 2 },
          { value: 'London', count: 1 },
        ])
        // Themes count within the current result.
        assert.deepEqual(policeNorthWest.facets.themes.find((f) => f.value === 'neglect')?.count, 1)

        const twoThemes = await index.search('', { filters: { themes: ['neglect', 'voice_of_the_child'] } })
        assert.deepEqual(ids(twoThemes), ['a'])
        const textAndFacet = await index.search('police', { filters: { year: '2023' } })
        assert.deepEqual(ids(textAndFacet), ['c', 'd'])
        // Only c and d say "police" in their text (a lists the police as an agency only).
        assert.deepEqual(textAndFacet.facets.year, [{ value: '2023', count: 2 }])
        const impossible = await index.search('', { filters: { year: 'not a year', themes: [''] } })
        assert.equal(impossible.total, 0)
      })
    })

    test('date sort lists the newest first; relevance is the default only with a query', async () => {
      await withIndex(async (index) => {
        const browse = await index.search('')
        assert.equal(browse.sort, 'date')
        assert.deepEqual(
          browse.results.map((r) => r.id),
          ['d', 'c', 'b', 'a'],
        )
        const byDate = await index.search('police', { sort: 'date' })
        assert.deepEqual(
          byDate.results.map((r) => r.id),
          ['d', 'c'],
        )
      })
    })

    test('pagination edges', async () => {
      await withIndex(async (index) => {
        const cases: {
          page?: number
          pageSize?: number
          expect: { page: number; pageSize: number; count: number; totalPages: number }
        }[] = [
          { page: 1, pageSize: 3, expect: { page: 1, pageSize: 3, count: 3, totalPages: 2 } },
          { page: 2, pageSize: 3, expect: { page: 2, pageSize: 3, count: 1, totalPages: 2 } },
          { page: 3, pageSize: 3, expect: { page: 3, pageSize: 3, count: 0, totalPages: 2 } },
          { page: 0, pageSize: 3, expect: { page: 1, pageSize: 3, count: 3, totalPages: 2 } },
          { page: -5, pageSize: 2, expect: { page: 1, pageSize: 2, count: 2, totalPages: 2 } },
          { page: 1.5, expect: { page: 1, pageSize: 20, count: 4, totalPages: 1 } },
          { page: Number.NaN, pageSize: Number.NaN, expect: { page: 1, pageSize: 20, count: 4, totalPages: 1 } },
          { pageSize: 1_000_000, expect: { page: 1, pageSize: 100, count: 4, totalPages: 1 } },
          { pageSize: -1, expect: { page: 1, pageSize: 0, count: 0, totalPages: 1 } },
          {
            page: 1_000_000_000,
            pageSize: 100,
            expect: { page: 1_000_000_000, pageSize: 100, count: 0, totalPages: 1 },
          },
        ]
        for (const c of cases) {
          const r = await index.search('', { page: c.page, pageSize: c.pageSize })
          assert.deepEqual(
            { page: r.page, pageSize: r.pageSize, count: r.results.length, totalPages: r.totalPages },
            c.expect,
            JSON.stringify(c),
          )
          assert.equal(r.total, 4)
        }
        const pages = [1, 2].map((page) => index.search('', { page, pageSize: 2 }))
        const seen = (await Promise.all(pages)).flatMap((r) => r.results.map((x) => x.id))
        assert.deepEqual(seen.sort(), ['a', 'b', 'c', 'd'])
      })
    })

    test('nothing found is an empty answer, not an error', async () => {
      await withIndex(async (index) => {
        const r = await index.search('zebra')
        assert.equal(r.total, 0)
        assert.deepEqual(r.results, [])
        assert.equal(r.totalPages, 1)
        assert.deepEqual(r.facets.year, [])
      })
    })

    test('hostile queries are answered, never an error, and change nothing', async () => {
      await withIndex(async (index) => {
        for (const q of HOSTILE) {
          const r = await index.search(q, { filters: { themes: ["'; drop table x; --"] } })
          assert.equal(r.total, 0, q.slice(0, 40))
          const unfiltered = await index.search(q)
          assert.ok(unfiltered.total >= 0 && unfiltered.total <= 4, q.slice(0, 40))
          await index.matchingIds(q)
        }
        assert.deepEqual(ids(await index.search('NEAR(neglect abuse, 2)')), [])
        assert.deepEqual(ids(await index.search('negl*')), [])
        assert.deepEqual(ids(await index.search('😀 neglect')), ['a', 'b'])
        assert.deepEqual(ids(await index.search('"unbalanced quote neglect')), [])
        assert.equal((await index.search('AND OR NOT')).total, 4)
        assert.equal((await index.search('')).total, 4)
      })
    })

    test('re-indexing replaces, removing forgets, matchingIds lists every match', async () => {
      await withIndex(async (index) => {
        await index.index({
          ...CORPUS[0],
          summary: 'Now about radicalisation.',
          body: 'Nothing else.',
          facets: { ...CORPUS[0].facets, themes: ['radicalisation'] },
        })
        assert.deepEqual(ids(await index.search('neglect')), ['b'])
        assert.deepEqual(ids(await index.search('radicalisation')), ['a'])
        const again = await index.search('', { pageSize: 0 })
        assert.equal(
          again.facets.themes.find((t) => t.value === 'voice_of_the_child'),
          undefined,
        )
        await index.remove('b')
        await index.remove('unknown')
        assert.deepEqual(ids(await index.search('neglect')), [])
        assert.deepEqual(await index.matchingIds('', { region: 'North West' }), ['a', 'c'])
        assert.deepEqual(await index.matchingIds('police', {}, 1), ['c'])
      })
    })
  })
}
