/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'
import { sharedDataPath } from '../../src/shared-data.ts'
import { startTestApp, type TestApp, actorFor } from '../support/app.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import { assertAccessible, launchBrowser, pressButton, signInDemoUser, tabTo } from './browser.ts'

/** The demo case's police chronology (46 rows; see the demo case's README). */
const POLICE_CSV = readFileSync(sharedDataPath('demo-case', 'chronologies', 'police.csv'))

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
  reviewId = await createSubmittedReview(testApp, coordinator, {
    outline: 'Browser journey for imports.',
    pseudonym: 'Child I',
  })
  await testApp.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [police.agencyId!],
    kinds: ['chronology'],
    dueDate: '2099-01-31',
  })
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

/** Follows a link with the keyboard: Tab to it, Enter, and wait for the page. */
async function followLink(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 200)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

/** Uploads the police chronology from the import page (the file dialog is the system's: set the file directly). */
async function uploadPoliceChronology(page: Page): Promise<void> {
  await page.setInputFiles('#file', { name: 'police.csv', mimeType: 'text/csv', buffer: POLICE_CSV })
  await tabTo(page, 'main form[enctype="multipart/form-data"] button.govuk-button')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

test('the police contributor imports the demo police chronology, submits after a confirmation, imports it again and is told every row is already submitted — keyboard only, axe on every page', async () => {
  const police = await signInDemoUser(browser, base, testApp, 'police.contributor@marlshire.example')
  await police.goto(`${base}/reviews/${reviewId}/chronology`)
  await assertAccessible(police)

  await followLink(police, 'main a[href$="/chronology/import"]')
  assert.match(await police.locator('h1').innerText(), /Import a chronology/)
  await assertAccessible(police)
  await uploadPoliceChronology(police)
  assert.match(await police.locator('main').innerText(), /Nothing is wrong: you can import every row/)
  await assertAccessible(police)
  await tabTo(police, 'button[value="commit"]', 200)
  await Promise.all([police.waitForEvent('load'), police.keyboard.press('Enter')])
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /File imported as draft entries/)
  await assertAccessible(police)

  // Submitting is confirmed first, on a page that says what will be submitted and who will see it.
  await followLink(police, 'a[href*="/chronology/submit?agency="]')
  assert.match(
    await police.locator('main').innerText(),
    /You are about to submit 46 entries from Marlshire Police to the review .+\. They will be visible to the review team/,
  )
  await assertAccessible(police)
  await pressButton(police, 'main form[action$="/chronology/submit"] button.govuk-button')
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /Entries submitted/)
  await assertAccessible(police)

  // The same file again: told which rows are already submitted, and they are left out.
  await followLink(police, 'main a[href$="/chronology/import"]')
  await uploadPoliceChronology(police)
  const preview = await police.locator('main').innerText()
  assert.doesNotMatch(preview, /you can import every row/)
  assert.match(preview, /46 rows are already in your chronology/)
  assert.match(preview, /46 are submitted/)
  assert.equal(await police.locator('#duplicate-rows tbody tr').count(), 46)
  assert.equal(await police.isChecked('input[name="duplicates"][value="skip"]'), true)
  await assertAccessible(police)
  await tabTo(police, 'button[value="commit"]', 300)
  await Promise.all([police.waitForEvent('load'), police.keyboard.press('Enter')])
  assert.match(
    await police.locator('.govuk-notification-banner').innerText(),
    /Nothing new was imported: every row of the file is already in your chronology/,
  )
  await assertAccessible(police)
  assert.equal(
    (await testApp.services.database.db.selectFrom('chronology_entry').select('id').execute()).length,
    46,
    'the chronology is not doubled',
  )

  // The chronology a year at a time, and the gaps as a view of their own, with the keyboard.
  assert.match(await police.locator('#entries').innerText(), /^\d{4}: \d+ of 46 submitted entries/)
  await followLink(police, '.govuk-pagination__next a')
  assert.match(police.url(), /period=\d{4}/)
  await assertAccessible(police)
  await followLink(police, '.moj-sub-navigation a[href*="/chronology/gaps"]')
  assert.match(await police.locator('main').innerText(), /Gaps longer than 28 days with no contact/)
  await assertAccessible(police)
  await police.close()
})
