/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addCalendarDays, todayInEngland } from '../../src/modules/clocks/plain-date.ts'
import { actorFor } from '../support/app.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import { assertAccessible, signInDemoUser, startBrowserApp, tabTo, type BrowserApp } from './browser.ts'

let walk: BrowserApp
let reviewId = ''

before(async () => {
  walk = await startBrowserApp()
  const coordinator = await actorFor(walk.testApp, 'coordinator@marlshire.example')
  const police = await actorFor(walk.testApp, 'police.contributor@marlshire.example')
  reviewId = await createSubmittedReview(walk.testApp, coordinator, { pseudonym: 'Child H' })
  await walk.testApp.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [police.agencyId!],
    kinds: ['chronology'],
    dueDate: addCalendarDays(todayInEngland(walk.testApp.now()), 14),
  })
})
after(async () => {
  await walk?.close()
})

test('the police contributor sees the request on Home and reaches the chronology request page by keyboard', async () => {
  const page = await signInDemoUser(walk.browser, walk.base, walk.testApp, 'police.contributor@marlshire.example')
  await page.goto(`${walk.base}/dashboard`)
  await assertAccessible(page)
  await page.screenshot({ path: '/tmp/shots-homes/contributor-home.png', fullPage: true })
  const link = `#your-tasks a[href="/reviews/${reviewId}/chronology/requests"]`
  await tabTo(page, link, 60)
  await Promise.all([
    page.waitForURL(`${walk.base}/reviews/${reviewId}/chronology/requests`),
    page.keyboard.press('Enter'),
  ])
  await assertAccessible(page)
  await page.screenshot({ path: '/tmp/shots-homes/contributor-request.png', fullPage: true })
  assert.match((await page.textContent('main')) ?? '', /Marlshire Police/)
})

test('the coordinator sees the agency rows on the review page', async () => {
  const page = await signInDemoUser(walk.browser, walk.base, walk.testApp, 'coordinator@marlshire.example')
  await page.goto(`${walk.base}/reviews/${reviewId}`)
  await assertAccessible(page)
  await page.screenshot({ path: '/tmp/shots-homes/coordinator-review.png', fullPage: true })
  assert.match((await page.textContent('#agency-rows')) ?? '', /Marlshire Police/)
  assert.ok(await page.isVisible('#review-parts'))
  await page.goto(`${walk.base}/reviews/${reviewId}/reminders`)
  await assertAccessible(page)
})
