import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { openDatabase } from '../../../../db/database.ts'
import { signIn, startTestApp, type TestApp } from '../../../../../test/support/app.ts'

let t: TestApp
let partnershipId = ''
before(async () => {
  t = await startTestApp(openDatabase('sqlite::memory:'))
  partnershipId = (await t.services.repositories.partnerships.findByName(
    'Marlshire Safeguarding Children Partnership',
  ))!.id
})
after(() => t.close())

test('an administrator sees queued reminders, is told email is not being sent, and can ask to send now', async () => {
  await t.services.outbox.queue({
    to: 'contributor@marlshire.example',
    subject: 'Reminder: <script>alert(1)</script> chronology due',
    body: 'Due on 3 December 2026.',
    kind: 'request.reminder',
    partnershipId,
  })
  const { client } = await signIn(t, 'admin@marlshire.example')
  const page = await client.get('/admin/outbox')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /no mail server is set up/)
  assert.match(page.body, /contributor@marlshire\.example/)
  // Text, never markup.
  assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))
  assert.ok(!page.body.includes('<script>alert(1)'))

  const sent = await client.post('/admin/outbox/send', {})
  assert.equal(sent.statusCode, 303)
  const after = await client.get(sent.headers.location as string)
  assert.match(after.body, /Nothing was sent: email sending is not set up/)
  assert.match((await client.get('/admin/outbox?status=queued')).body, /1 email</)
})

test('a coordinator cannot see the outbox or send from it', async () => {
  const { client } = await signIn(t, 'coordinator@marlshire.example')
  assert.equal((await client.get('/admin/outbox')).statusCode, 403)
  await client.get('/dashboard')
  assert.equal((await client.post('/admin/outbox/send', {})).statusCode, 403)
})
