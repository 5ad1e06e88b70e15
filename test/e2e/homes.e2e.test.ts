/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'
import { addCalendarDays, todayInEngland } from '../../src/modules/clocks/plain-date.ts'
import { actorFor, startTestApp, type TestApp } from '../support/app.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import { assertAccessible, launchBrowser, signInDemoUser, tabTo } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''
let reviewId = ''

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
  const coordinator = await actorFor(testApp, 'coordinator@marlshire.example')
  const police = await actorFor(testApp, 'police.contributor@marlshire.example')
  reviewId = await createSubmittedReview(testApp, coordinator, { pseudonym: 'Child H' })
  await testApp.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [police.agencyId!],
    kinds: ['chronology'],
    dueDate: addCalendarDays(todayInEngland(testApp.now()), 14),
  })
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

test('the police contributor sees the request on Home and reaches the chronology request page by keyboard', async () => {
  const page = await signInDemoUser(browser, base, testApp, 'police.contributor@marlshire.example')
  await page.goto(`${base}/dashboard`)
  await assertAccessible(page)
  await page.screenshot({ path: '/tmp/shots-homes/contributor-home.png', fullPage: true })
  const link = `#your-tasks a[href="/reviews/${reviewId}/chronology/requests"]`
  await tabTo(page, link, 60)
  await Promise.all([page.waitForURL(`${base}/reviews/${reviewId}/chronology/requests`), page.keyboard.press('Enter')])
  await assertAccessible(page)
  await page.screenshot({ path: '/tmp/shots-homes/contributor-request.png', fullPage: true })
  assert.match((await page.textContent('main')) ?? '', /Marlshire Police/)
})

test('the coordinator sees the agency rows on the review page', async () => {
  const page = await signInDemoUser(browser, base, testApp, 'coordinator@marlshire.example')
  await page.goto(`${base}/reviews/${reviewId}`)
  await assertAccessible(page)
  await page.screenshot({ path: '/tmp/shots-homes/coordinator-review.png', fullPage: true })
  assert.match((await page.textContent('#agency-rows')) ?? '', /Marlshire Police/)
  assert.ok(await page.isVisible('#review-parts'))
  await page.goto(`${base}/reviews/${reviewId}/reminders`)
  await assertAccessible(page)
})
