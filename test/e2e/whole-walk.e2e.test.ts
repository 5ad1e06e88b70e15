/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { addCalendarDays, todayInEngland } from '../../src/modules/clocks/plain-date.ts'
import { sharedDataPath } from '../../src/shared-data.ts'
import { actorFor } from '../support/app.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import { assertAccessible, followLink, signInDemoUser, startBrowserApp, tabTo, type BrowserApp } from './browser.ts'

/**
 * The whole walk of issue 11 on the demo seed (demo reviews, Child M's case material, the demo
 * repository), each role starting from Home and moving only by following links with the keyboard.
 * Screenshots go to a temporary folder so a person can look at what each role saw.
 */

/** The demo case's police chronology (46 rows; see the demo case's README). */
const POLICE_CSV = readFileSync(sharedDataPath('demo-case', 'chronologies', 'police.csv'))
const SHOTS = join(tmpdir(), 'case-review-whole-walk')

let walk: BrowserApp
/** A new review in the demo partnership, the police asked for their chronology (the coordinator's request). */
let reviewId = ''

before(async () => {
  mkdirSync(SHOTS, { recursive: true })
  walk = await startBrowserApp({ seedDemoReviews: true, seedDemoRepository: true })
  const { testApp } = walk
  const coordinator = await actorFor(testApp, 'coordinator@marlshire.example')
  const police = await actorFor(testApp, 'police.contributor@marlshire.example')
  reviewId = await createSubmittedReview(testApp, coordinator, { pseudonym: 'Child W', outline: 'The whole walk.' })
  await testApp.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [police.agencyId!],
    kinds: ['chronology'],
    dueDate: addCalendarDays(todayInEngland(testApp.now()), 14),
  })
})
after(async () => {
  await walk?.close()
})

/** Check the page with axe (WCAG A/AA and best practice) and keep a screenshot named `name`. */
async function look(page: Page, name: string): Promise<void> {
  await assertAccessible(page)
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** Sign in with the keyboard and land on Home. */
async function home(email: string): Promise<Page> {
  const page = await signInDemoUser(walk.browser, walk.base, walk.testApp, email)
  // A first sign-in shows the recovery codes once; the button under them leads Home.
  if (page.url().endsWith('/set-up-authenticator')) await followLink(page, 'main a.govuk-button[href="/dashboard"]')
  if (!page.url().endsWith('/dashboard')) {
    await page.screenshot({ path: join(SHOTS, `signin-${email}.png`), fullPage: true })
    assert.fail(`${email} lands on ${page.url()}: ${await page.locator('main').innerText()}`)
  }
  return page
}

/** Upload the police chronology on the import page and press "Check the file" with the keyboard. */
async function uploadPoliceChronology(page: Page): Promise<void> {
  await page.setInputFiles('#file', { name: 'police.csv', mimeType: 'text/csv', buffer: POLICE_CSV })
  await tabTo(page, 'main form[enctype="multipart/form-data"] button.govuk-button')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

/** Press the import's commit button with the keyboard. */
async function commitImport(page: Page): Promise<void> {
  await tabTo(page, 'button[value="commit"]', 300)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

test('the police contributor finds the request on Home, imports the chronology twice without doubling it, and submits after a confirmation', async () => {
  const police = await home('police.contributor@marlshire.example')
  await look(police, '01-police-home')
  assert.match(await police.locator('#your-tasks').innerText(), /Child W/)
  await followLink(police, `#your-tasks a[href^="/reviews/${reviewId}/chronology"]`)
  await look(police, '02-police-request')
  assert.match(await police.locator('#agency-next').innerText(), /Import your agency’s chronology/)
  await followLink(police, 'main a[href$="/chronology/import"]')
  await uploadPoliceChronology(police)
  assert.match(await police.locator('main').innerText(), /Nothing is wrong: you can import every row/)
  await look(police, '03-police-preview')
  await commitImport(police)
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /File imported as draft entries/)
  await look(police, '04-police-drafts')

  // The same file again, before submitting: told every row is already there, as drafts.
  await followLink(police, 'main a[href$="/chronology/import"]')
  await uploadPoliceChronology(police)
  const preview = await police.locator('main').innerText()
  assert.match(preview, /46 rows are already in your chronology/)
  assert.equal(await police.locator('#duplicate-rows tbody tr').count(), 46)
  await look(police, '05-police-reimport')
  await commitImport(police)
  assert.match(
    await police.locator('.govuk-notification-banner').innerText(),
    /Nothing new was imported: every row of the file is already in your chronology/,
  )

  await followLink(police, 'a[href*="/chronology/submit?agency="]')
  assert.match(await police.locator('main').innerText(), /You are about to submit 46 entries from Marlshire Police/)
  await look(police, '06-police-confirm')
  await tabTo(police, 'main form[action$="/chronology/submit"] button.govuk-button')
  await Promise.all([police.waitForEvent('load'), police.keyboard.press('Enter')])
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /Entries submitted/)
  await look(police, '07-police-submitted')

  // Once submitted, the same file again names the rows as submitted.
  await followLink(police, 'main a[href$="/chronology/import"]')
  await uploadPoliceChronology(police)
  assert.match(await police.locator('main').innerText(), /46 are submitted/)
  await look(police, '08-police-reimport-submitted')
  await police.close()
})

test('the coordinator sees the police row turn to submitted on the review’s task list', async () => {
  const coordinator = await home('coordinator@marlshire.example')
  await look(coordinator, '10-coordinator-home')
  await followLink(coordinator, 'header a[href="/reviews"], nav a[href="/reviews"]')
  await look(coordinator, '11-coordinator-reviews')
  await followLink(coordinator, `main a[href="/reviews/${reviewId}"]`)
  const row = coordinator.locator('#agency-rows tbody tr', { hasText: 'Marlshire Police' })
  assert.match(await row.innerText(), /Chronology/)
  const submitted = await row.locator('td').nth(4).innerText()
  assert.match(submitted, /^\d{1,2} \w+ \d{4}$/, `the police chronology shows its submission date, not “${submitted}”`)
  await look(coordinator, '12-coordinator-task-list')
  await coordinator.close()
})

test('the chair cannot approve Child M’s publication while the readiness check finds a drafting marker and an empty child’s voice', async () => {
  const chair = await home('chair@marlshire.example')
  await look(chair, '20-chair-home')
  await followLink(chair, 'header a[href="/reviews"], nav a[href="/reviews"]')
  const childM = await chair
    .locator('main tr', { hasText: 'Child M' })
    .first()
    .locator('a[href^="/reviews/"]')
    .getAttribute('href')
  await followLink(chair, `main a[href="${childM}"]`)
  await look(chair, '21-chair-review')
  await followLink(chair, `main a[href="${childM}/publication"]`)
  await look(chair, '22-chair-publication')
  assert.match(await chair.locator('#readiness-blockers').innerText(), /drafting marker/)
  assert.match(await chair.locator('#readiness-empty').innerText(), /The child’s voice is empty/)
  assert.equal(await chair.locator('form[action$="/publication/approval"]').count(), 0)
  await chair.close()
})

test('a member of the public finds a published review in /repository', async () => {
  const page = await (await walk.browser.newContext()).newPage()
  await page.goto(`${walk.base}/`)
  await look(page, '30-public-start')
  await followLink(page, 'a[href="/repository"]')
  await tabTo(page, '#q')
  await page.keyboard.type('neglect')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  await look(page, '31-public-results')
  await followLink(page, 'main .app-result a[href^="/repository/reviews/"]')
  assert.match(page.url(), /\/repository\/reviews\/[0-9a-f-]+$/)
  await look(page, '32-public-review')
  await page.context().close()
})
