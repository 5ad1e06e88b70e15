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
        // The case pages are linked for the partnership's people, never for the national Panel.
        const childM = /href="\/reviews\/([0-9a-f-]{36})"[^<]*<\/a>[^]*?Child M/.exec(own.body)![1]
        const coordinatorPage = await client.get(`/reviews/${childM}`)
        assert.match(coordinatorPage.body, new RegExp(`href="/reviews/${childM}/publication"`))
        const { client: national } = await signIn(t, 'national@panel.example')
        const nationalPage = await national.get(`/reviews/${childM}`)
        assert.equal(nationalPage.statusCode, 200)
        assert.doesNotMatch(nationalPage.body, /id="case-links"/)
      } finally {
        await t.close()
      }
    })

    test('linked reviews show on each other; an unknown reference is refused in plain English', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        await client.get('/reviews/new')
        const a = String((await client.post('/reviews/new', { ...notification, action: 'submit' })).headers.location)
          .split('/')[2]
          .split('?')[0]
        await client.get('/reviews/new')
        const b = String(
          (
            await client.post('/reviews/new', {
              ...notification,
              'child0-name': 'Other Child',
              action: 'submit',
              notDuplicate: 'yes',
            })
          ).headers.location,
        )
          .split('/')[2]
          .split('?')[0]
        await client.get(`/reviews/${a}`)
        const unknown = await client.post(`/reviews/${a}/links`, {
          reference: 'MSCP-1999-999',
          reason: 'Same incident',
        })
        assert.equal(unknown.statusCode, 400)
        assert.match(unknown.body, /There is no review MSCP-1999-999 in this partnership/)
        const self = await client.post(`/reviews/${a}/links`, { reference: 'mscp-2026-001', reason: 'x' })
        assert.match(self.body, /A review cannot be linked to itself/)
        assert.equal(
          (
            await client.post(`/reviews/${a}/links`, {
              reference: 'MSCP-2026-002',
              reason: 'Domestic homicide review of the same incident',
            })
          ).statusCode,
          303,
        )
        const other = await client.get(`/reviews/${b}`)
        assert.match(other.body, /id="links">[\s\S]*MSCP-2026-001[\s\S]*Domestic homicide review of the same incident/)
      } finally {
        await t.close()
      }
    })

    test('an administrator changes a clock; bad values are refused; every review is measured against the new clock', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        await coordinator.get('/reviews/new')
        const created = String(
          (await coordinator.post('/reviews/new', { ...notification, action: 'submit' })).headers.location,
        )
        const reviewPath = created.split('?')[0]
        const { client: admin } = await signIn(t, 'admin@marlshire.example')
        const page = await admin.get('/admin/clocks')
        assert.equal(page.statusCode, 200)
        const fields: Record<string, string> = {}
        for (const m of page.body.matchAll(/<input[^>]*name="([a-z_]+-[A-Za-z]+)"[^>]*value="([^"]*)"/g))
          fields[m[1]] = m[2]
        for (const m of page.body.matchAll(/<select[^>]*name="([a-z_]+-[A-Za-z]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
          fields[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])![1]
        }
        assert.equal(fields['serious_incident_notification-amount'], '5')
        const bad = await admin.post('/admin/clocks', { ...fields, 'serious_incident_notification-amount': '-3' })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /Serious incident notification: The length must be a whole number, 0 or more/)
        const ok = await admin.post('/admin/clocks', { ...fields, 'serious_incident_notification-amount': '10' })
        assert.equal(ok.headers.location, '/admin/clocks?saved=yes')
        // Aware Tue 3 Nov 2026 + 10 working days = Tue 17 Nov 2026.
        const review = await coordinator.get(reviewPath)
        assert.match(
          review.body,
          /Serious incident notification<\/td>\s*<td class="govuk-table__cell">17 November 2026/,
        )
      } finally {
        await t.close()
      }
    })

    test('a draft saved part-way comes back with everything typed; the dashboard filters and sorts', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        await client.get('/reviews/new')
        const saved = await client.post('/reviews/new', {
          childCount: '1',
          'child0-name': 'Halfway Child',
          'awareDate-day': '3',
          'awareDate-month': '11',
          'awareDate-year': '2026',
          outline: 'Typed before a meeting',
          action: 'save-draft',
        })
        assert.equal(saved.statusCode, 303)
        const id = String(saved.headers.location).split('/')[2].split('?')[0]
        const again = await client.get(`/reviews/${id}/notification`)
        assert.match(again.body, /value="Halfway Child"/)
        assert.match(again.body, /Typed before a meeting/)
        assert.match(again.body, /id="awareDate-day" name="awareDate-day" type="text" value="3"/)

        const overdue = await client.get('/reviews?status=overdue')
        const refs = (html: string) => [...html.matchAll(/>(MSCP-\d{4}-\d{3})</g)].map((m) => m[1])
        // Child M and Child K (seeded), and the draft above: aware on 3 November, Panel not yet told.
        assert.equal(refs(overdue.body).length, 3)
        const byReference = refs((await client.get('/reviews?sort=reference')).body)
        assert.deepEqual(byReference, [...byReference].sort())
        const closed = await client.get('/reviews?stage=closed')
        assert.match(closed.body, /Child T/)
        assert.doesNotMatch(closed.body, /Child M/)
      } finally {
        await t.close()
      }
    })
  })
}
