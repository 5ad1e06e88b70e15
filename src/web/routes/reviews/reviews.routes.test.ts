import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FormClient, signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'

const notification = {
  childCount: '1',
  'child0-name': 'Robin Example',
  'child0-dob-day': '14',
  'child0-dob-month': '6',
  'child0-dob-year': '2025',
  'incidentDate-day': '2',
  'incidentDate-month': '11',
  'incidentDate-year': '2026',
  'awareDate-day': '3',
  'awareDate-month': '11',
  'awareDate-year': '2026',
  nature: 'serious_harm',
  abuseOrNeglect: 'suspected',
  outline: '<img src=x onerror=alert(1)> admitted with bruising',
}

for (const database of testDatabases()) {
  describe(`review pages on ${database.name}`, () => {
    test('bad input: impossible and future dates are refused in plain English and the typed text is kept', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        await client.get('/reviews/new')
        const bad = await client.post('/reviews/new', {
          ...notification,
          'child0-dob-day': '30',
          'child0-dob-month': '2',
          'incidentDate-year': '2099',
          action: 'submit',
        })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /Child 1’s date of birth must be a real date/)
        assert.match(bad.body, /The date of the incident must be today or in the past/)
        assert.match(bad.body, /value="Robin Example"/)
        assert.match(bad.body, /&lt;img src=x onerror=alert\(1\)&gt; admitted with bruising/)
        assert.equal(await t.services.database.db.selectFrom('review').select('id').executeTakeFirst(), undefined)
      } finally {
        await t.close()
      }
    })

    test('a likely duplicate is shown with a link before saving, and saves once confirmed', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        await client.get('/reviews/new')
        const first = await client.post('/reviews/new', { ...notification, action: 'submit' })
        assert.equal(first.statusCode, 303)
        const page = await client.get(String(first.headers.location))
        assert.doesNotMatch(page.body, /<img src=x/)
        await client.get('/reviews/new')
        const second = await client.post('/reviews/new', { ...notification, action: 'submit' })
        assert.equal(second.statusCode, 409)
        assert.match(second.body, /This may be an incident that has already been notified/)
        assert.match(
          second.body,
          /href="\/reviews\/[0-9a-f-]+">MSCP-2026-001<\/a>: A child with the same name and date of birth/,
        )
        const confirmed = await client.post('/reviews/new', { ...notification, action: 'submit', notDuplicate: 'yes' })
        assert.equal(confirmed.statusCode, 303)
        const count = await t.services.database.db.selectFrom('review').select('id').execute()
        assert.equal(count.length, 2)
      } finally {
        await t.close()
      }
    })

    test('two people editing at once: the second save is refused, shows their text, and nothing is overwritten', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: a } = await signIn(t, 'coordinator@marlshire.example')
        const { client: b } = await signIn(t, 'coordinator@marlshire.example')
        await a.get('/reviews/new')
        const created = await a.post('/reviews/new', { ...notification, action: 'save-draft' })
        const id = String(created.headers.location).split('/')[2].split('?')[0]
        await a.get(`/reviews/${id}/notification`)
        await b.get(`/reviews/${id}/notification`)
        const version = /name="version" value="(\d+)"/.exec(a.lastHtml)![1]
        const saveA = await a.post(`/reviews/${id}/notification`, {
          ...notification,
          version,
          outline: 'Outline from A',
          action: 'save-draft',
        })
        assert.equal(saveA.statusCode, 303)
        const saveB = await b.post(`/reviews/${id}/notification`, {
          ...notification,
          version,
          outline: 'Outline from B',
          action: 'save-draft',
        })
        assert.equal(saveB.statusCode, 409)
        assert.match(saveB.body, /Someone else saved this review after you opened it/)
        assert.match(saveB.body, /Outline from B/)
        const review = (await t.services.repositories.reviews.findById(id))!
        assert.equal(review.outline, 'Outline from A')
      } finally {
        await t.close()
      }
    })

    test('every seeded demo review page renders for the coordinator; the panel member sees only their review', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const dashboard = await client.get('/reviews')
        const ids = [...dashboard.body.matchAll(/href="\/reviews\/([0-9a-f-]{36})"/g)].map((m) => m[1])
        assert.equal(ids.length, 5)
        for (const id of ids) {
          for (const path of ['', '/notification', '/rapid-review', '/commissioning']) {
            assert.equal((await client.get(`/reviews/${id}${path}`)).statusCode, 200, `${id}${path}`)
          }
        }
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const own = await panel.get('/reviews')
        assert.equal([...own.body.matchAll(/href="\/reviews\/([0-9a-f-]{36})"/g)].length, 1)
        assert.match(own.body, /Child M/)
        const anonymous = new FormClient(t.app)
        assert.equal((await anonymous.get(`/reviews/${ids[0]}`)).headers.location, '/sign-in')
      } finally {
        await t.close()
      }
    })
  })
}
