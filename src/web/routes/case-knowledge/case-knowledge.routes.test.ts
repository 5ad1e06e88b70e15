import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'

for (const database of testDatabases()) {
  describe(`people and anonymisation pages on ${database.name}`, () => {
    test('add a person (bad date refused), names only when revealed, anonymise pasted text with leaks listed by reason', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const dashboard = await client.get('/reviews?sort=reference')
        const id = /href="\/reviews\/([0-9a-f-]{36})"/.exec(dashboard.body)![1]
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
        assert.match(anonymised, /Mother/)
        assert.match(anonymised, /March 2024/)
      } finally {
        await t.close()
      }
    })
  })
}
