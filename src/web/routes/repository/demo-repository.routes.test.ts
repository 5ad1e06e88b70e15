import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { DEMO_CORPUS_SIZE } from '../../../db/seed/demo-repository-corpus.ts'
import { API_REQUESTS_PER_MINUTE } from './open-data/api-rate-limit.ts'
import { openApiDocument } from './open-data/openapi.ts'

/** What only a service on GOV.UK may show (GOV.UK Frontend's header and footer put them there). */
const GOV_UK_ONLY: ReadonlyArray<[string, RegExp]> = [
  ['the GOV.UK header', /class="govuk-header/],
  ['the GOV.UK logotype', /aria-label="GOV\.UK"|govuk-logo|govuk-header__logotype/],
  ['the crown or Royal Arms', /govuk-footer__crown|govuk-footer__copyright-logo|govuk-icon|favicon\.ico/],
  ['Crown copyright', /Crown copyright|crown-copyright/i],
  ['the Open Government Licence', /Open Government Licence/],
]

/** The contents of the page's header landmark. */
function headerOf(html: string): string {
  const match = /<header class="govuk-template__header[^>]*>([\s\S]*?)<\/header>/.exec(html)
  assert.ok(match, 'the page has a header landmark')
  return match[1]
}

for (const database of testDatabases()) {
  describe(`the live demo repository on ${database.name}`, () => {
    test('on a fresh start the repository lists the latest demo reviews and "neglect" finds several', async () => {
      const t = await startTestApp(await database.open(), { seedDemoRepository: true })
      try {
        const home = await t.app.inject('/repository')
        assert.equal(home.statusCode, 200)
        assert.match(home.body, /<h2 class="govuk-heading-m" id="latest">Latest published reviews<\/h2>/)
        assert.match(home.body, new RegExp(`${DEMO_CORPUS_SIZE} published reviews in the repository`))
        assert.doesNotMatch(home.body, /No published reviews match your search/)
        const links = [...home.body.matchAll(/href="\/repository\/reviews\/([0-9a-f-]{36})"/g)].map((m) => m[1])
        assert.equal(new Set(links).size, 20, 'a first page of 20 reviews')
        const years = [...home.body.matchAll(/app-result__meta">(\d{4})/g)].map((m) => Number(m[1]))
        assert.deepEqual(
          years,
          [...years].sort((a, b) => b - a),
          'newest first',
        )
        // Facets are spread: several years, regions and an anonymous area to filter by.
        assert.match(home.body, /name="region" type="radio" value="North East"/)
        assert.match(home.body, /Anonymous/)

        const neglect = await t.app.inject('/repository?q=neglect')
        const found = Number(/id="result-count">(\d+) published reviews/.exec(neglect.body)?.[1])
        assert.ok(found >= 5, `"neglect" finds ${found}`)
        assert.match(neglect.body, /<mark>[Nn]eglect/)

        // A review found there opens, with the recommendations made before it.
        const review = await t.app.inject(`/repository/reviews/${links[0]}`)
        assert.equal(review.statusCode, 200)
        assert.match(review.body, /Recommended before/)
      } finally {
        await t.close()
      }
    })

    test('an empty repository says nothing is published yet, not that nothing matches', async () => {
      const t = await startTestApp(await database.open())
      try {
        const page = await t.app.inject('/repository')
        assert.match(page.body, /No reviews have been published yet/)
        assert.doesNotMatch(page.body, /No published reviews match your search/)
        const search = await t.app.inject('/repository?q=neglect')
        assert.match(search.body, /No published reviews match your search/)
      } finally {
        await t.close()
      }
    })

    test('statistics whose counts are all suppressed show a sentence, never an empty chart', async () => {
      const t = await startTestApp(await database.open(), { seedDemoRepository: true })
      try {
        // Rapid reviews are few in the demo: every year's count is "fewer than 5".
        const few = await t.app.inject('/repository/statistics?reviewType=rapid_review')
        assert.equal(few.statusCode, 200)
        assert.match(few.body, /id="year-chart-note">There is no chart because every count here is fewer than 5/)
        assert.doesNotMatch(few.body, /id="year-chart"/)
        assert.match(few.body, /<table class="govuk-table" id="year-table">[\s\S]*fewer than 5/)
        assert.doesNotMatch(few.body, /0\.0000/)

        const all = await t.app.inject('/repository/statistics')
        assert.match(all.body, /<figure class="app-chart" id="year-chart"><svg role="img"/)
        assert.match(all.body, /id="year-table"/)
        assert.doesNotMatch(all.body, /\d\.\d+<\/text>/, 'whole-number ticks only')
      } finally {
        await t.close()
      }
    })
  })
}

describe('the layout is the service’s own', () => {
  test('no crown, GOV.UK logotype or Crown copyright; phase banner and identity inside the header', async () => {
    const { openDatabase } = await import('../../../db/database.ts')
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      const pages = [await t.app.inject('/repository'), await t.app.inject('/sign-in'), await t.app.inject('/api')]
      const { client } = await signIn(t, 'coordinator@marlshire.example')
      const signedIn = await client.get('/dashboard')
      assert.equal(signedIn.statusCode, 200)
      for (const page of [...pages.map((p) => p.body), signedIn.body]) {
        for (const [what, pattern] of GOV_UK_ONLY) assert.doesNotMatch(page, pattern, what)
        const header = headerOf(page)
        assert.match(header, /govuk-service-navigation__service-name[\s\S]*Case Review/)
        assert.match(header, /govuk-phase-banner/)
      }
      assert.match(headerOf(signedIn.body), /Signed in as <strong>Priya Demo/)
      assert.match(headerOf(signedIn.body), /Marlshire Safeguarding Children Partnership/)
    } finally {
      await t.close()
    }
  })
})

describe('the API page', () => {
  test('describes every endpoint of the OpenAPI document for people, and links to the JSON', async () => {
    const { openDatabase } = await import('../../../db/database.ts')
    const t = await startTestApp(openDatabase('sqlite::memory:'), { seedDemoRepository: true })
    try {
      const page = await t.app.inject('/api')
      assert.equal(page.statusCode, 200)
      assert.match(page.headers['content-type'] as string, /text\/html/)
      assert.match(page.body, /<h1 class="govuk-heading-l">Published reviews API<\/h1>/)
      assert.match(page.body, /href="\/api\/openapi.json"/)
      const document = openApiDocument('http://localhost') as { paths: Record<string, unknown> }
      for (const path of Object.keys(document.paths)) assert.ok(page.body.includes(path), path)
      for (const name of ['q', 'themes', 'childAgeBand', 'pageSize'])
        assert.match(page.body, new RegExp(`<code class="app-code app-code--name">${name}</code>`))
      assert.match(page.body, /non_accidental_head_injury/, 'allowed values listed')
      assert.match(page.body, new RegExp(`${API_REQUESTS_PER_MINUTE} requests a minute`))
      assert.match(page.body, /Retry-After/)
      assert.match(page.body, /&quot;rate_limited&quot;/, 'example answers, escaped')
      // The example request is a real review the API answers.
      const example = /href="(\/api\/reviews\/[0-9a-f-]{36})"/.exec(page.body)?.[1]
      assert.ok(example)
      assert.equal((await t.app.inject(example)).statusCode, 200)
      // The search page links here rather than to raw JSON.
      assert.match((await t.app.inject('/repository')).body, /<a class="govuk-link" href="\/api">/)
    } finally {
      await t.close()
    }
  })
})
