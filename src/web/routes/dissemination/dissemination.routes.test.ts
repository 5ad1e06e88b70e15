import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../test/support/reviews.ts'
import { addCalendarDays, todayInEngland } from '../../../modules/clocks/plain-date.ts'

for (const database of testDatabases()) {
  describe(`sharing the learning pages (${database.name})`, () => {
    test('the coordinator asks the police with a clear date error first; the police record; the table shows it', async () => {
      const t = await startTestApp(await database.open())
      try {
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const reviewId = await createSubmittedReview(t, coordinatorActor)
        const police = (await t.services.repositories.partnerships.listAgencies(coordinatorActor.partnershipId!)).find(
          (a) => a.name === 'Marlshire Police',
        )!
        await t.services.chronology.requests.requestFromAgencies(coordinatorActor, reviewId, {
          agencyIds: [police.id],
          kinds: ['chronology'],
          dueDate: addCalendarDays(todayInEngland(t.now()), 30),
        })
        const url = `/reviews/${reviewId}/dissemination`
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const page = await client.get(url)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /No agency has been asked to share the learning yet/)
        const bad = await client.post(url, {
          agencyIds: police.id,
          'dueDate-day': '30',
          'dueDate-month': '2',
          'dueDate-year': '2027',
        })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /<a href="#dueDate-day">The date to share the learning by must be a real date<\/a>/)
        const asked = await client.post(url, {
          agencyIds: police.id,
          'dueDate-day': '26',
          'dueDate-month': '2',
          'dueDate-year': '2027',
        })
        assert.equal(asked.statusCode, 303)

        const { client: contributor } = await signIn(t, 'police.contributor@marlshire.example')
        const form = await contributor.get(`${url}/record`)
        assert.equal(form.statusCode, 200)
        const [year, month, day] = todayInEngland(t.now()).split('-')
        const empty = await contributor.post(`${url}/record`, { method: '', practitioners: '' })
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /Select how the learning was shared/)
        assert.match(empty.body, /Enter how many practitioners the learning reached/)
        const recorded = await contributor.post(`${url}/record`, {
          method: 'training',
          'sharedOn-day': day,
          'sharedOn-month': month,
          'sharedOn-year': year,
          practitioners: '42',
          note: '<b>Public protection</b> unit',
        })
        assert.equal(recorded.statusCode, 303)
        const table = await client.get(url)
        assert.match(table.body, /Training or learning event/)
        assert.match(table.body, /Practitioners reached: 42/)
        assert.match(table.body, /&lt;b&gt;Public protection&lt;\/b&gt;/)
      } finally {
        await t.close()
      }
    })
  })
}
