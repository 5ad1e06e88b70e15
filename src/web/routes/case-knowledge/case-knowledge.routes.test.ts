import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'

/** The page's words as a reader sees them: tags and the hover explanations left out. */
function readable(html: string): string {
  return html
    .replace(/<span class="app-replacement__tip"[^>]*>[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
}

/** The id of a seeded demo review that has no people recorded. */
async function reviewWithoutPeople(t: TestApp): Promise<string> {
  const row = await t.services.database.db
    .selectFrom('review')
    .select('id')
    .where('pseudonym', '=', 'Baby P')
    .executeTakeFirstOrThrow()
  return row.id
}

for (const database of testDatabases()) {
  describe(`people and anonymisation pages on ${database.name}`, () => {
    test('add a person (bad date refused), names only when revealed, anonymise pasted text with leaks listed by reason', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        // A demo review with no people yet (Child M holds the demo case's).
        const id = await reviewWithoutPeople(t)
        await client.get(`/reviews/${id}/people`)
        const bad = await client.post(`/reviews/${id}/people`, {
          role: 'mother',
          full_name: 'Kerys Example',
          'dob-day': '31',
          'dob-month': '4',
          'dob-year': '1990',
        })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /The date of birth must be a real date/)
        assert.match(bad.body, /value="Kerys Example"/)
        const xss = await client.post(`/reviews/${id}/people`, {
          role: 'neighbour',
          full_name: '<b>Bold</b> Neighbour',
        })
        assert.equal(xss.statusCode, 303)
        const ok = await client.post(`/reviews/${id}/people`, {
          role: 'mother',
          full_name: 'Kerys Example',
          other_names: 'Kez Example',
          expected_pseudonym: 'Mother',
        })
        assert.equal(ok.statusCode, 303)
        const hidden = await client.get(`/reviews/${id}/people`)
        assert.doesNotMatch(hidden.body, /Kerys/)
        assert.match(hidden.body, /Mother/)
        const shown = await client.get(`/reviews/${id}/people?reveal=yes`)
        assert.match(shown.body, /&lt;b&gt;Bold&lt;\/b&gt; Neighbour/)
        assert.match(shown.body, /Kerys Example; also Kez Example/)
        const reveals = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', '=', 'review.reveal_original')
          .execute()
        assert.ok(reveals.length >= 1)

        await client.get(`/reviews/${id}/anonymise`)
        const empty = await client.post(`/reviews/${id}/anonymise`, { document: '   ' })
        assert.match(empty.body, /Paste the text of the document to anonymise/)
        const result = await client.post(`/reviews/${id}/anonymise`, {
          document: 'Kerys Example (known as Kez) was seen on 14 March 2024 at 07700 900123.',
        })
        assert.equal(result.statusCode, 200)
        const anonymised = /id="anonymised" tabindex="0">([\s\S]*?)<\/div>/.exec(result.body)![1]
        assert.doesNotMatch(anonymised, /Kerys|Kez|07700/)
        assert.match(anonymised, /The mother/)
        assert.match(anonymised, /March 2024/)
      } finally {
        await t.close()
      }
    })

    test('a document: decisions by words, the leak gate blocks marking, jigsaw warnings must be considered', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        // A demo review with no people yet (Child M holds the demo case's).
        const id = await reviewWithoutPeople(t)
        await client.get(`/reviews/${id}/people`)
        await client.post(`/reviews/${id}/people`, {
          role: 'mother',
          full_name: 'Kerys Example',
          expected_pseudonym: 'Mother',
        })
        await client.get(`/reviews/${id}/documents`)
        const missing = await client.post(`/reviews/${id}/documents`, { title: '', body: '' })
        assert.match(missing.body, /Enter the document’s title/)
        const created = await client.post(`/reviews/${id}/documents`, {
          title: 'Executive summary',
          body: 'Kerys Example shopped at the Riverside Bakery. The baby, aged nine months, died in March 2024 in a small village.',
        })
        const docPath = String(created.headers.location)
        let page = await client.get(docPath)
        assert.match(readable(page.body), /The mother shopped at the Riverside Bakery/)
        const version = () => /name="version" value="(\d+)"/.exec(client.lastHtml)![1]
        const notThere = await client.post(`${docPath}/decisions`, {
          version: version(),
          kind: 'add',
          original: 'Nowhere Cafe',
          replacement: 'a cafe',
        })
        assert.match(notThere.body, /These words are not in the document/)
        await client.post(`${docPath}/decisions`, {
          version: version(),
          kind: 'add',
          original: 'Riverside Bakery',
          replacement: 'a shop',
        })
        page = await client.get(docPath)
        assert.match(readable(page.body), /The mother shopped at the shop/)
        assert.match(page.body, /id="jigsaw"/)
        // Marking needs the jigsaw warnings considered.
        const unconsidered = await client.post(`${docPath}/mark`, { version: version() })
        assert.match(unconsidered.body, /Confirm that you have considered each detail/)
        // A rejected cast name is still a leak: marking is refused.
        await client.post(`${docPath}/decisions`, { version: version(), kind: 'reject', original: 'Kerys Example' })
        page = await client.get(docPath)
        assert.match(page.body, /The leak gate still finds/)
        const leaking = await client.post(`${docPath}/mark`, { version: version(), jigsawConsidered: 'yes' })
        assert.match(leaking.body, /deal with each one first/)
        await client.post(`${docPath}/decisions/remove`, { version: version(), index: '1' })
        await client.get(docPath)
        const marked = await client.post(`${docPath}/mark`, { version: version(), jigsawConsidered: 'yes' })
        assert.equal(marked.statusCode, 303)
        page = await client.get(docPath)
        assert.match(page.body, /Marked anonymised/)
        // Changing the text makes it a draft again; the decision still applies.
        await client.post(`${docPath}/text`, {
          version: version(),
          body: 'Later, Kerys Example went back to the Riverside Bakery.',
        })
        page = await client.get(docPath)
        assert.doesNotMatch(page.body, /Marked anonymised/)
        assert.match(readable(page.body), /Later, the mother went back to the shop/)
      } finally {
        await t.close()
      }
    })
  })
}
