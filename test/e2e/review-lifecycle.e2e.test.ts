/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'
import { DEMO_PASSWORD } from '../../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../../src/modules/auth/credentials.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { assertAccessible, launchBrowser } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

/** Type into a field with the keyboard (no mouse). */
async function type(page: Page, selector: string, text: string): Promise<void> {
  await page.focus(selector)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(text)
}

/** Press a button with the keyboard and wait for the page it leads to. */
async function press(page: Page, selector: string): Promise<void> {
  await page.focus(selector)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

async function date(page: Page, name: string, day: string, month: string, year: string): Promise<void> {
  await type(page, `#${name}-day`, day)
  await type(page, `#${name}-month`, month)
  await type(page, `#${name}-year`, year)
}

async function signInAs(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${base}/sign-in`)
  await type(page, '#email', email)
  await type(page, '#password', DEMO_PASSWORD)
  await press(page, 'form[action="/sign-in"] button[type=submit]:not([hidden])')
  const user = () => testApp.services.repositories.users.credentialsByEmail(email)
  if (page.url().endsWith('/set-up-authenticator')) {
    await type(page, '#code', await currentTotpCode((await user())!.totpSecret!, testApp.now()))
    await press(page, 'main form button.govuk-button')
  }
  return page
}

test('a coordinator notifies an incident, runs the rapid review, the chair decides, and the review is commissioned — keyboard only, axe on every page', async () => {
  const page = await signInAs('coordinator@marlshire.example')
  await page.goto(`${base}/reviews`)
  await assertAccessible(page)
  await page.goto(`${base}/reviews/new`)
  await assertAccessible(page)

  // An impossible date is refused with a plain message and nothing typed is lost.
  await type(page, '#child0-name', '<script>alert(1)</script>Robin Example')
  await date(page, 'child0-dob', '31', '2', '2026')
  await type(page, '#outline', 'Admitted to hospital with unexplained bruising.')
  await press(page, 'button[value="save-draft"]')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Child 1’s date of birth must be a real date/)
  assert.equal(await page.inputValue('#outline'), 'Admitted to hospital with unexplained bruising.')
  await assertAccessible(page)

  await date(page, 'child0-dob', '14', '6', '2025')
  await press(page, 'button[value="add-child"]')
  assert.equal(await page.locator('#child1-name').count(), 1)
  assert.equal(await page.inputValue('#child0-name'), '<script>alert(1)</script>Robin Example')
  await type(page, '#child1-name', 'Sam Example')
  await type(page, '#child1-age', 'about 4')
  await date(page, 'incidentDate', '2', '11', '2026')
  await date(page, 'awareDate', '3', '11', '2026')
  await page.focus('#nature-2')
  await page.keyboard.press('Space')
  await page.focus('#abuseOrNeglect-2')
  await page.keyboard.press('Space')
  await type(page, '#pseudonym', 'Child R')
  await date(page, 'panelNotifiedDate', '5', '11', '2026')
  await press(page, 'button[value="submit"]')
  assert.match(page.url(), /\/reviews\/[0-9a-f-]+\?saved=notified$/)
  await assertAccessible(page)
  assert.match(await page.locator('#children').innerText(), /<script>alert\(1\)<\/script>Robin Example/)
  const reviewUrl = page.url().split('?')[0]

  // Move to rapid review, ask the police for a summary, record the meeting.
  await page.focus('#to')
  await page.keyboard.press('Space')
  await press(page, 'form[action$="/stage"] button')
  await page.goto(`${reviewUrl}/rapid-review`)
  await assertAccessible(page)
  await page.selectOption('#agency', 'Marlshire Police')
  await date(page, 'dueDate', '12', '11', '2026')
  await press(page, 'form:has(input[value="request"]) button')
  await date(page, 'meetingDate', '20', '11', '2026')
  await type(page, '#outcome', 'Criteria for a local review are met')
  await type(page, '#recommendedNextStep', 'Local child safeguarding practice review')
  await date(page, 'sentToPanelDate', '20', '11', '2026')
  await press(page, 'form:has(input[value="meeting"]) button')
  assert.match(await page.locator('#summaries').innerText(), /Marlshire Police/)

  // The chair decides.
  const chair = await signInAs('chair@marlshire.example')
  await chair.goto(`${reviewUrl}/decision`)
  await assertAccessible(chair)
  await press(chair, 'main form button.govuk-button')
  assert.match(await chair.locator('.govuk-error-summary').innerText(), /Select the decision/)
  await assertAccessible(chair)
  for (const radio of await chair.locator('input[type=radio][value="not_met"]').all()) await radio.check()
  await chair.check('#criterion-serious_harm')
  await type(chair, '#criterion-serious_harm-evidence', 'Unexplained bruising in a non-mobile baby')
  await chair.check('#outcome')
  await type(
    chair,
    '#rationale',
    'Serious harm with abuse suspected; information sharing between agencies needs examining.',
  )
  await date(chair, 'decidedOn', '23', '11', '2026')
  await press(chair, 'main form button.govuk-button')
  assert.match(chair.url(), /saved=decision/)
  await chair.context().close()

  // Decided, commissioned.
  await page.goto(reviewUrl)
  await page.check('#to')
  await press(page, 'form[action$="/stage"] button')
  await page.goto(`${reviewUrl}/commissioning`)
  await assertAccessible(page)
  await date(page, 'scopeStart', '1', '9', '2024')
  await date(page, 'scopeEnd', '2', '11', '2026')
  await type(page, '#linesOfEnquiry', 'How was bruising in a non-mobile baby responded to?')
  await page.check('#methodology')
  await type(page, '#leadReviewers', 'Independent reviewer')
  await page.selectOption('#process0-kind', 'criminal_proceedings')
  await type(page, '#process0-reference', 'OP-42')
  await press(page, 'main form button.govuk-button')
  assert.match(await page.locator('.govuk-warning-text').innerText(), /Criminal proceedings are not finished \(OP-42/)
  await page.check('#to')
  await press(page, 'form[action$="/stage"] button')
  assert.match(await page.locator('h1 + p').innerText(), /Commissioned/)
  assert.match(await page.locator('.moj-timeline').innerText(), /Moved to Commissioned/)
  await assertAccessible(page)

  await page.goto(`${base}/reviews`)
  assert.match(await page.locator('#reviews').innerText(), /Child R[\s\S]*Commissioned/)

  // People in the case, revealed (audited), and a document anonymised with them.
  await page.goto(`${reviewUrl}/people`)
  await assertAccessible(page)
  await type(page, '#role', 'mother')
  await type(page, '#full_name', 'Kerys Example')
  await type(page, '#expected_pseudonym', 'Mother')
  await press(page, 'form[action$="/people"] button')
  assert.match(await page.locator('#people').innerText(), /Kerys Example/)
  await assertAccessible(page)
  await page.goto(`${reviewUrl}/anonymise`)
  await assertAccessible(page)
  await type(page, '#document', 'Kerys Example was seen on 14 March 2024.')
  await press(page, 'main form button.govuk-button')
  assert.equal(await page.locator('#anonymised').innerText(), 'Mother was seen in March 2024.')
  await assertAccessible(page)

  // The time and quality report: a chart and its table, and a CSV.
  await page.goto(`${base}/reviews/time-and-quality`)
  await assertAccessible(page)
  assert.equal(await page.locator('#clock-chart svg').count(), 1)
  assert.match(await page.locator('#clock-table').innerText(), /Serious incident notification\s+1\s+0\s+0/)
  await page.context().close()
})
