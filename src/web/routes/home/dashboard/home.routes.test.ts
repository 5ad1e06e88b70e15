import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../../test/support/reviews.ts'
import { addCalendarDays, todayInEngland } from '../../../../modules/clocks/plain-date.ts'

const DAY = 24 * 60 * 60 * 1000

for (const database of testDatabases()) {
  describe(`home and review task list (${database.name})`, () => {
    test('the police contributor sees their requests, overdue first, linked to where they are done; no other partnership’s', async () => {
      const t = await startTestApp(await database.open())
      try {
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const police = await actorFor(t, 'police.contributor@marlshire.example')
        const today = todayInEngland(t.now())
        const soon = await createSubmittedReview(t, coordinator, { pseudonym: 'Child Soon' })
        const later = await createSubmittedReview(t, coordinator, { pseudonym: 'Child Later' })
        await t.services.chronology.requests.requestFromAgencies(coordinator, soon, {
          agencyIds: [police.agencyId!],
          kinds: ['chronology', 'agency_report'],
          dueDate: addCalendarDays(today, 3),
        })
        await t.services.chronology.requests.requestFromAgencies(coordinator, later, {
          agencyIds: [police.agencyId!],
          kinds: ['chronology'],
          dueDate: addCalendarDays(today, 40),
        })
        // Another partnership asks its own police for a chronology: never on Marlshire's home pages.
        const other = await t.services.repositories.partnerships.create(
          { name: 'Otherby Partnership', region: 'North' },
          t.now(),
        )
        const otherPolice = await t.services.repositories.partnerships.addAgency(
          other.id,
          { name: 'Otherby Police', kind: 'police' },
          t.now(),
        )
        const otherCoordinator = { ...coordinator, partnershipId: other.id }
        const hidden = await createSubmittedReview(t, otherCoordinator, { pseudonym: 'Child Elsewhere' })
        await t.services.chronology.requests.requestFromAgencies(otherCoordinator, hidden, {
          agencyIds: [otherPolice.id],
          kinds: ['chronology'],
          dueDate: addCalendarDays(today, 3),
        })
        t.advance(10 * DAY)

        const { client } = await signIn(t, 'police.contributor@marlshire.example')
        const home = await client.get('/dashboard')
        assert.equal(home.statusCode, 200)
        const tasks = home.body.slice(home.body.indexOf('id="your-tasks"'))
        const links = [...tasks.matchAll(/href="(\/reviews\/[^"]+)"/g)].map((m) => m[1])
        assert.deepEqual(links, [
          `/reviews/${soon}/agency-reports/own`,
          `/reviews/${soon}/chronology/requests`,
          `/reviews/${later}/chronology/requests`,
        ])
        assert.match(tasks, /7 days overdue/)
        assert.match(home.body, /3 tasks waiting for you, 2 overdue/)
        assert.doesNotMatch(home.body, /Child Elsewhere/)
        // The links lead to pages that admit the contributor.
        assert.equal((await client.get(links[1])).statusCode, 200)
        assert.equal((await client.get(links[0])).statusCode, 200)
      } finally {
        await t.close()
      }
    })

    test('the chair is asked for a decision, the coordinator to chase, and the review page lists each agency with its reminders', async () => {
      const t = await startTestApp(await database.open())
      try {
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const police = await actorFor(t, 'police.contributor@marlshire.example')
        const today = todayInEngland(t.now())
        const id = await createSubmittedReview(t, coordinator, { pseudonym: 'Child Chase' })
        const { review } = await t.services.reviews.get(coordinator, id)
        await t.services.reviews.recordRapidReviewMeeting(coordinator, id, review.version, {
          meetingDate: today,
          outcome: 'The criteria may be met.',
          recommendedNextStep: 'Hold a local review.',
          sentToPanelDate: null,
        })
        await t.services.chronology.requests.requestFromAgencies(coordinator, id, {
          agencyIds: [police.agencyId!],
          kinds: ['chronology'],
          dueDate: addCalendarDays(today, 2),
        })
        t.advance(5 * DAY)
        await t.services.agencyReports.queueRequestReminders()

        const chair = (await signIn(t, 'chair@marlshire.example')).client
        const chairHome = await chair.get('/dashboard')
        assert.match(chairHome.body, new RegExp(`href="/reviews/${id}/decision"`))
        assert.match(chairHome.body, /Decide whether to hold a local review/)

        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const home = await client.get('/dashboard')
        assert.match(home.body, /Chase 1 agency for their chronology or report/)
        assert.match(home.body, new RegExp(`href="/reviews/${id}#agency-contributions"`))

        const page = await client.get(`/reviews/${id}`)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /id="review-parts"/)
        assert.match(page.body, /Waiting on the chair/)
        const rows = page.body.slice(
          page.body.indexOf('id="agency-rows"'),
          page.body.indexOf('</table>', page.body.indexOf('id="agency-rows"')),
        )
        assert.match(rows, /Marlshire Police/)
        assert.match(rows, /3 days/)
        assert.match(rows, /1 reminder, last/)

        const reminders = await client.get(`/reviews/${id}/reminders`)
        assert.equal(reminders.statusCode, 200)
        assert.match(reminders.body, /police\.contributor@marlshire\.example/)
        assert.match(reminders.body, /Overdue/)

        // Nobody but the coordinator reads the reminders (their bodies included).
        assert.equal((await chair.get(`/reviews/${id}/reminders`)).statusCode, 403)
        const contributor = (await signIn(t, 'police.contributor@marlshire.example')).client
        assert.equal((await contributor.get(`/reviews/${id}/reminders`)).statusCode, 403)
        assert.doesNotMatch((await chair.get(`/reviews/${id}`)).body, /See the reminders sent/)
      } finally {
        await t.close()
      }
    })
  })
}
