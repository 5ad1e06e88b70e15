import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { LINKS_PER_PAGE } from './routes.ts'

/** The links shown on a page of the links view, by their entry ids. */
const linksIn = (html: string) => [...html.matchAll(/name="entryIds" value="([^"]+)"/g)].map((m) => m[1])

for (const database of testDatabases()) {
  describe(`the integrated chronology's proposed links on ${database.name}`, () => {
    test('are a view of their own, paged like the entries: every link on exactly one page, decisions keep the page', async () => {
      // The demo case, Child M: seven agencies' chronologies (321 entries), the same events proposed as links.
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const childM = (await t.services.reviews.list(coordinatorActor)).find((i) => i.review.pseudonym === 'Child M')!
        const base = `/reviews/${childM.review.id}/chronology`
        const { client } = await signIn(t, 'coordinator@marlshire.example')

        // The entries view does not carry the links.
        const entries = await client.get(base)
        assert.equal(entries.statusCode, 200)
        assert.deepEqual(linksIn(entries.body), [])
        assert.doesNotMatch(entries.body, /The same event reported by several agencies/)
        assert.match(entries.body, new RegExp(`href="${base}/links"`))

        const first = await client.get(`${base}/links`)
        assert.equal(first.statusCode, 200)
        const total = Number(/Showing links 1 to \d+ of (\d+)/.exec(first.body)?.[1])
        assert.ok(total > LINKS_PER_PAGE * 2, `the demo case proposes more than two pages of links (${total})`)
        const pages = Math.ceil(total / LINKS_PER_PAGE)
        assert.equal(linksIn(first.body).length, LINKS_PER_PAGE)
        assert.match(first.body, new RegExp(`Showing links 1 to ${LINKS_PER_PAGE} of ${total}`))
        assert.match(first.body, /aria-label="Pages of proposed links"/)
        assert.match(first.body, new RegExp(`href="${base}/links\\?page=2#links"`))

        const seen = new Set<string>()
        for (let page = 1; page <= pages; page++) {
          const html = page === 1 ? first.body : (await client.get(`${base}/links?page=${page}`)).body
          const ids = linksIn(html)
          assert.equal(ids.length, page < pages ? LINKS_PER_PAGE : total - LINKS_PER_PAGE * (pages - 1), `page ${page}`)
          for (const id of ids) {
            assert.ok(!seen.has(id), `link ${id} shown on two pages`)
            seen.add(id)
          }
        }
        assert.equal(seen.size, total)

        // A page that is not a number is the first; one past the end is the last.
        assert.deepEqual(linksIn((await client.get(`${base}/links?page=abc`)).body), linksIn(first.body))
        const last = await client.get(`${base}/links?page=999`)
        assert.match(last.body, new RegExp(`Showing links ${LINKS_PER_PAGE * (pages - 1) + 1} to ${total} of ${total}`))

        // Deciding a link on page 2 comes back to page 2.
        const second = await client.get(`${base}/links?page=2`)
        const decided = await client.post(`${base}/links`, {
          entryIds: linksIn(second.body)[0],
          decision: 'confirmed',
          page: '2',
        })
        assert.equal(decided.statusCode, 303)
        assert.equal(decided.headers.location, `${base}/links?saved=confirmed&page=2`)
        const after = await client.get(String(decided.headers.location))
        assert.equal(after.statusCode, 200)
        assert.match(after.body, new RegExp(`Showing links ${LINKS_PER_PAGE + 1} to ${LINKS_PER_PAGE * 2} of ${total}`))
      } finally {
        await t.close()
      }
    })
  })
}
