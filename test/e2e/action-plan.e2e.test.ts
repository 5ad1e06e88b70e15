/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'

import { planFixture } from '../fixtures/recommendation.fixture.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { assertAccessible, launchBrowser, pressButton, tabTo, typeInto, signInDemoUser } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''
let reviewId = ''
let policeAgencyId = ''
let fixture: Awaited<ReturnType<typeof planFixture>>

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
  const f = await planFixture(testApp)
  fixture = f
  reviewId = f.reviewId
  policeAgencyId = f.policeAgency.id
  await f.service.addFinding(f.lead, f.reviewId, {
    title: 'Information about the father was not brought together',
    text: 'Each agency held part of the picture.',
    theme: 'hidden_men_fathers',
  })
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

const signInAs = (email: string): Promise<Page> => signInDemoUser(browser, base, testApp, email)

/** Press Tab until `selector` has focus, then Enter, and wait for the page it leads to. */
async function followWithKeyboard(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 80)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

const XSS = '<img src=x onerror=alert(1)>'

test('a coordinator writes a recommendation, adds an action, records progress, cannot close it without evidence, adds evidence and closes it — keyboard only, axe on every page', async () => {
  const page = await signInAs('coordinator@marlshire.example')
  await page.goto(`${base}/reviews/${reviewId}/recommendations`)
  await assertAccessible(page)

  // Add a recommendation answering the finding.
  await followWithKeyboard(page, `a[href="/reviews/${reviewId}/recommendations/new"]`)
  await assertAccessible(page)
  await typeInto(page, '#addressedTo', 'Marlshire Safeguarding Children Partnership')
  await typeInto(page, '#action', `Seek assurance that fathers are seen ${XSS}`)
  await typeInto(page, '#measureOfSuccess', 'an audit of 20 cases shows fathers recorded')
  await typeInto(page, '#timescale', 'within 6 months')
  await page.focus('#findingIds')
  await page.keyboard.press('Space')
  assert.equal(await page.isChecked('#findingIds'), true)
  await pressButton(page, 'main form button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Recommendation saved/)
  assert.match(await page.locator('#recommendation-1').innerText(), /Seek assurance that fathers are seen <img src=x/)
  await assertAccessible(page)

  // Add an action owned by the police, due on a date typed in the GOV.UK date input.
  await followWithKeyboard(page, 'a[href$="/actions/new"]')
  await assertAccessible(page)
  await typeInto(page, '#description', 'Add the father to the police referral form')
  await page.focus('#agencyId')
  await page.keyboard.type('Marlshire Police')
  assert.equal(await page.inputValue('#agencyId'), policeAgencyId)
  await typeInto(page, '#owner', 'Head of Public Protection')
  await typeInto(page, '#dueDate-day', '31')
  await typeInto(page, '#dueDate-month', '3')
  await typeInto(page, '#dueDate-year', '2027')
  await pressButton(page, 'main form button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Action added/)
  await assertAccessible(page)

  // The action: progress, then an attempt to close without evidence.
  await followWithKeyboard(page, 'a[href^="/actions/"]:not([href="/actions"])')
  await assertAccessible(page)
  await typeInto(page, '#note', 'Form drafted and agreed with the legal team')
  await page.focus('input[name="status"][value="in_progress"]')
  await page.keyboard.press('Space')
  await pressButton(page, 'form[action$="/progress"] button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Progress saved/)

  await typeInto(page, '#note', 'Closing the action')
  await page.focus('input[name="status"][value="closed"]')
  await page.keyboard.press('Space')
  await pressButton(page, 'form[action$="/progress"] button.govuk-button')
  assert.match(
    await page.locator('.govuk-error-summary').innerText(),
    /Add evidence of impact before you close the action/,
  )
  assert.equal(await page.inputValue('#note'), 'Closing the action')
  await assertAccessible(page)
  // The error summary links to the field.
  await page.focus('.govuk-error-summary a')
  await page.keyboard.press('Enter')

  // Evidence of impact: choosing a file needs the system's file dialog, so it is set directly.
  await typeInto(page, '#evidenceDescription', 'Audit of 20 referrals: 19 name the father')
  await page.setInputFiles('#evidenceFile', {
    name: 'audit.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('19 of 20 referrals name the father'),
  })
  await pressButton(page, 'form[action$="/evidence"] button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Evidence of impact added/)
  assert.match(await page.locator('main').innerText(), /audit\.txt/)
  await assertAccessible(page)

  await typeInto(page, '#note', 'The board is satisfied that practice changed')
  await page.focus('input[name="status"][value="closed"]')
  await page.keyboard.press('Space')
  await pressButton(page, 'form[action$="/progress"] button.govuk-button')
  assert.match(await page.locator('main .govuk-tag').first().innerText(), /Closed/)
  await assertAccessible(page)

  // The dashboard: chart with its table beside it, and the action listed.
  await followWithKeyboard(page, 'a.govuk-back-link[href="/actions"]')
  assert.equal(await page.locator('#actions-chart svg[role="img"]').count(), 1)
  assert.match(await page.locator('#actions-by-agency').innerText(), /Marlshire Police\s+0\s+0\s+0\s+1\s+0\s+1/)
  assert.match(await page.locator('#actions').innerText(), /Add the father to the police referral form/)
  await assertAccessible(page)
  await page.focus('#status')
  await page.keyboard.type('Closed')
  await pressButton(page, 'form[action="/actions"] button.govuk-button')
  assert.match(page.url(), /status=closed/)
  assert.equal(await page.locator('#actions tbody tr').count(), 1)
  await assertAccessible(page)
})

test('an agency contributor finds their agency’s action on the dashboard and records progress and evidence — keyboard only, axe on every page', async () => {
  const f = fixture
  // Its own recommendation, so this journey does not depend on the one before.
  const recommendation = await f.service.addRecommendation(f.coordinator, f.reviewId, {
    addressedTo: 'Marlshire Police',
    action: 'Brief officers on fathers and other adults in the household',
    measureOfSuccess: 'every response officer briefed',
    timescale: 'within 3 months',
    findingIds: [],
  })
  const actionId = await f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
    description: 'Brief every response officer on the new referral form',
    agencyId: policeAgencyId,
    owner: 'Training Sergeant',
    dueDate: '2020-01-31',
  })
  await f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
    description: 'Social care only: audit assessments',
    agencyId: f.socialCareAgency.id,
    owner: 'Team manager',
    dueDate: '2027-01-31',
  })
  const page = await signInAs('police.contributor@marlshire.example')
  await page.goto(`${base}/actions?overdue=yes`)
  await assertAccessible(page)
  const listed = await page.locator('#actions').innerText()
  assert.match(listed, /Brief every response officer/)
  assert.match(listed, /Overdue/)
  assert.doesNotMatch(await page.locator('main').innerText(), /Social care only/)

  await followWithKeyboard(page, `a[href="/actions/${actionId}"]`)
  await assertAccessible(page)
  assert.equal(await page.locator('input[name="status"][value="closed"]').count(), 0)
  await typeInto(page, '#note', 'Half of the officers briefed')
  await page.focus('input[name="status"][value="in_progress"]')
  await page.keyboard.press('Space')
  await pressButton(page, 'form[action$="/progress"] button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Progress saved/)

  // Evidence without a description is refused, and the file must be what its name says.
  await page.setInputFiles('#evidenceFile', {
    name: 'briefing.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not a pdf at all'),
  })
  await pressButton(page, 'form[action$="/evidence"] button.govuk-button')
  const errors = await page.locator('.govuk-error-summary').innerText()
  assert.match(errors, /Describe the evidence of impact/)
  assert.match(errors, /The selected file is not a real PDF/)
  await assertAccessible(page)
  await typeInto(page, '#evidenceDescription', 'Briefing attendance list')
  await pressButton(page, 'form[action$="/evidence"] button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Evidence of impact added/)
  await assertAccessible(page)
})
