import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { seedDemoNational } from '../../../db/seed/demo-national.ts'
import { actorFor, signIn, startTestApp, type FormClient, type TestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../test/support/reviews.ts'

const XSS = '<script>alert("panel")</script>'

for (const database of testDatabases()) {
  describe(`national Panel pages on ${database.name}`, () => {
    let app: TestApp
    let reviewId = ''
    let member: FormClient
    let coordinator: FormClient

    before(async () => {
      app = await startTestApp(await database.open())
      const coordinatorActor = await actorFor(app, 'coordinator@marlshire.example')
      reviewId = await createSubmittedReview(app, coordinatorActor, {
        pseudonym: 'Child Y',
        child: { name: 'Yusuf Invented', dateOfBirth: '2012-01-01' },
      })
      const version = (await app.services.reviews.get(coordinatorActor, reviewId)).review.version
      await app.services.reviews.moveStage(coordinatorActor, reviewId, version, 'rapid_review', null)
      await app.services.reviews.recordRapidReviewMeeting(coordinatorActor, reviewId, version + 1, {
        meetingDate: '2024-04-02',
        outcome: 'A local review is recommended.',
        recommendedNextStep: 'Local child safeguarding practice review',
        sentToPanelDate: '2024-04-03',
      })
      await seedDemoNational(
        app.services.repositories.partnerships,
        app.services.repositories.users,
        app.services.reviews,
        app.now(),
      )
      member = (await signIn(app, 'panel.member@panel.example')).client
      coordinator = (await signIn(app, 'coordinator@marlshire.example')).client
    })
    after(() => app.close())

    test('Home links the Panel member to the queue; the queue lists every partnership, filtered without JavaScript', async () => {
      const home = await member.get('/dashboard')
      assert.match(home.body, /href="\/panel" id="panel-queue-link"/)
      // The case waiting on the Panel is a task, linking to the case page.
      assert.match(
        home.body,
        new RegExp(`href="/panel/notifications/${reviewId}"[^>]*>\\s*Respond to the rapid review`),
      )
      const queue = await member.get('/panel')
      assert.equal(queue.statusCode, 200)
      assert.match(queue.body, new RegExp(`/panel/notifications/${reviewId}`))
      for (const name of ['Marlshire', 'Eastmoor', 'Wyndale']) assert.match(queue.body, new RegExp(name))
      assert.doesNotMatch(queue.body, /Yusuf Invented/)
      const filtered = await member.get('/panel?region=North+West&ageBand=&harm=&stage=&waiting=')
      assert.doesNotMatch(filtered.body, new RegExp(`/panel/notifications/${reviewId}`))
      assert.match(filtered.body, /Eastmoor/)
      assert.doesNotMatch(filtered.body, /Wyndale Children/)
      const waiting = await member.get('/panel?waiting=panel_response')
      assert.match(waiting.body, new RegExp(`/panel/notifications/${reviewId}`))
    })

    test('the Panel responds to the rapid review, errors shown GOV.UK style, text kept as typed', async () => {
      const page = await member.get(`/panel/notifications/${reviewId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /A local review is recommended\./)
      assert.match(page.body, new RegExp(`/panel/notifications/${reviewId}/respond/rapid-review`))
      await member.get(`/panel/notifications/${reviewId}/respond/rapid-review`)
      const invalid = await member.post(`/panel/notifications/${reviewId}/respond/rapid-review`, {
        outcome: 'disagrees',
        reasons: XSS,
        questions: '',
        steps: '0',
      })
      assert.equal(invalid.statusCode, 400)
      assert.match(invalid.body, /There is a problem/)
      assert.match(invalid.body, /Enter what the Panel asks the partnership to answer/)
      assert.ok(invalid.body.includes('&lt;script&gt;alert(&quot;panel&quot;)&lt;/script&gt;'))
      assert.ok(!invalid.body.includes(XSS))
      const saved = await member.post(`/panel/notifications/${reviewId}/respond/rapid-review`, {
        outcome: 'disagrees',
        reasons: XSS,
        questions: 'Which agencies were asked?',
        steps: '0',
      })
      assert.equal(saved.statusCode, 303)
      const after = await member.get(String(saved.headers.location))
      assert.match(after.body, /The Panel does not agree with the decision/)
      assert.ok(!after.body.includes(XSS))
    })

    test('the coordinator sees the response on the review page and answers it', async () => {
      const home = await coordinator.get('/dashboard')
      assert.match(home.body, /Answer the national Panel: rapid review/)
      assert.match(home.body, new RegExp(`href="/reviews/${reviewId}/panel/rapid-review"`))
      const page = await coordinator.get(`/reviews/${reviewId}`)
      assert.match(page.body, /id="national-panel"/)
      assert.match(page.body, /Answer the Panel/)
      assert.match(page.body, new RegExp(`/reviews/${reviewId}/panel/rapid-review`))
      await coordinator.get(`/reviews/${reviewId}/panel/rapid-review`)
      const empty = await coordinator.post(`/reviews/${reviewId}/panel/rapid-review`, { reasons: '', steps: '1' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter the partnership’s answer/)
      const answered = await coordinator.post(`/reviews/${reviewId}/panel/rapid-review`, {
        reasons: 'Police and health visiting.',
        steps: '1',
      })
      assert.equal(answered.statusCode, 303)
      const back = await coordinator.get(String(answered.headers.location))
      assert.match(back.body, /Your answer is sent to the national Panel/)
      assert.match(back.body, /Waiting on the Panel/)
    })

    test('a Panel member takes the case on as a national review; the partnership sees it on its review', async () => {
      await member.get(`/panel/notifications/${reviewId}`)
      const empty = await member.post(`/panel/notifications/${reviewId}/national-review`, { nationalReasons: ' ' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter why the case is of national importance/)
      const taken = await member.post(`/panel/notifications/${reviewId}/national-review`, {
        nationalReasons: 'The same pattern in three areas.',
      })
      assert.equal(taken.statusCode, 303)
      const queue = await member.get('/panel')
      assert.match(queue.body, /National review/)
      const page = await coordinator.get(`/reviews/${reviewId}`)
      assert.match(page.body, /took this case on as a national review on [^:]+: The same pattern in three areas\./)
    })

    test('refuses without permission: the inspector cannot respond, the partnership cannot act as the Panel', async () => {
      const inspector = (await signIn(app, 'national@panel.example')).client
      await inspector.get('/panel')
      const refused = await inspector.post(`/panel/notifications/${reviewId}/respond/decision`, {
        outcome: 'agrees',
        reasons: 'x',
        steps: '2',
      })
      assert.equal(refused.statusCode, 403)
      assert.equal((await coordinator.get('/panel')).statusCode, 403)
      await coordinator.get('/dashboard')
      const asPanel = await coordinator.post(`/panel/notifications/${reviewId}/quality`, {
        outcome: 'good',
        steps: '2',
      })
      assert.equal(asPanel.statusCode, 403)
      await member.get('/panel')
      const asPartnership = await member.post(`/reviews/${reviewId}/panel/rapid-review`, { reasons: 'x', steps: '2' })
      assert.equal(asPartnership.statusCode, 403)
    })

    test('the national figures show three partnerships, each chart with its table, small numbers suppressed', async () => {
      const inspector = (await signIn(app, 'national@panel.example')).client
      const page = await inspector.get('/panel/figures')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /from 3 partnerships/)
      for (const region of ['East of England', 'North West', 'South West']) assert.match(page.body, new RegExp(region))
      assert.match(page.body, /id="notifications-table"/)
      assert.match(page.body, /fewer than 5/)
      // Eastmoor has 3 notifications and Wyndale 4: no region's count of 1–4 appears as a number.
      const notifications = /<table class="govuk-table" id="notifications-table">([\s\S]*?)<\/table>/.exec(
        page.body,
      )![1]
      assert.doesNotMatch(notifications, /numeric">[1-4]</)
      // All regions: 1 + 3 + 4 = 8 notifications, shown.
      assert.match(notifications, /numeric govuk-!-font-weight-bold">8</)
      const csv = await inspector.get('/panel/figures.csv')
      assert.match(String(csv.headers['content-type']), /text\/csv/)
      assert.match(csv.body, /Serious incident notifications,North West,Notifications,fewer than 5\r\n/)
      assert.match(csv.body, /Serious incident notifications,All regions,Notifications,8\r\n/)
      assert.equal((await coordinator.get('/panel/figures')).statusCode, 403)
      assert.equal((await coordinator.get('/panel/figures.csv')).statusCode, 403)
    })
  })
}
