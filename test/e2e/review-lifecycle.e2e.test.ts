/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'

import { startTestApp, type TestApp } from '../support/app.ts'
import { assertAccessible, launchBrowser, pressButton, typeInto, signInDemoUser } from './browser.ts'

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

async function date(page: Page, name: string, day: string, month: string, year: string): Promise<void> {
  await typeInto(page, `#${name}-day`, day)
  await typeInto(page, `#${name}-month`, month)
  await typeInto(page, `#${name}-year`, year)
}

const signInAs = (email: string): Promise<Page> => signInDemoUser(browser, base, testApp, email)

test('a coordinator notifies an incident, runs the rapid review, the chair decides, and the review is commissioned — keyboard only, axe on every page', async () => {
  const page = await signInAs('coordinator@marlshire.example')
  await page.goto(`${base}/reviews`)
  await assertAccessible(page)
  await page.goto(`${base}/reviews/new`)
  await assertAccessible(page)

  // An impossible date is refused with a plain message and nothing typed is lost.
  await typeInto(page, '#child0-name', '<script>alert(1)</script>Robin Example')
  await date(page, 'child0-dob', '31', '2', '2026')
  await typeInto(page, '#outline', 'Admitted to hospital with unexplained bruising.')
  await pressButton(page, 'button[value="save-draft"]')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Child 1’s date of birth must be a real date/)
  assert.equal(await page.inputValue('#outline'), 'Admitted to hospital with unexplained bruising.')
  await assertAccessible(page)

  await date(page, 'child0-dob', '14', '6', '2025')
  await pressButton(page, 'button[value="add-child"]')
  assert.equal(await page.locator('#child1-name').count(), 1)
  assert.equal(await page.inputValue('#child0-name'), '<script>alert(1)</script>Robin Example')
  await typeInto(page, '#child1-name', 'Sam Example')
  await typeInto(page, '#child1-age', 'about 4')
  await date(page, 'incidentDate', '2', '11', '2026')
  await date(page, 'awareDate', '3', '11', '2026')
  await page.focus('#nature-2')
  await page.keyboard.press('Space')
  await page.focus('#abuseOrNeglect-2')
  await page.keyboard.press('Space')
  await typeInto(page, '#pseudonym', 'Child R')
  await date(page, 'panelNotifiedDate', '5', '11', '2026')
  await pressButton(page, 'button[value="submit"]')
  assert.match(page.url(), /\/reviews\/[0-9a-f-]+\?saved=notified$/)
  await assertAccessible(page)
  assert.match(await page.locator('#children').innerText(), /<script>alert\(1\)<\/script>Robin Example/)
  const reviewUrl = page.url().split('?')[0]

  // Move to rapid review, ask the police for a summary, record the meeting.
  await page.focus('#to')
  await page.keyboard.press('Space')
  await pressButton(page, 'form[action$="/stage"] button')
  await page.goto(`${reviewUrl}/rapid-review`)
  await assertAccessible(page)
  await page.selectOption('#agency', 'Marlshire Police')
  await date(page, 'dueDate', '12', '11', '2026')
  await pressButton(page, 'form:has(input[value="request"]) button')
  await date(page, 'meetingDate', '20', '11', '2026')
  await typeInto(page, '#outcome', 'Criteria for a local review are met')
  await typeInto(page, '#recommendedNextStep', 'Local child safeguarding practice review')
  await date(page, 'sentToPanelDate', '20', '11', '2026')
  await pressButton(page, 'form:has(input[value="meeting"]) button')
  assert.match(await page.locator('#summaries').innerText(), /Marlshire Police/)

  // The chair decides.
  const chair = await signInAs('chair@marlshire.example')
  await chair.goto(`${reviewUrl}/decision`)
  await assertAccessible(chair)
  await pressButton(chair, 'main form button.govuk-button')
  assert.match(await chair.locator('.govuk-error-summary').innerText(), /Select the decision/)
  await assertAccessible(chair)
  for (const radio of await chair.locator('input[type=radio][value="not_met"]').all()) await radio.check()
  await chair.check('#criterion-serious_harm')
  await typeInto(chair, '#criterion-serious_harm-evidence', 'Unexplained bruising in a non-mobile baby')
  await chair.check('#outcome')
  await typeInto(
    chair,
    '#rationale',
    'Serious harm with abuse suspected; information sharing between agencies needs examining.',
  )
  await date(chair, 'decidedOn', '23', '11', '2026')
  await pressButton(chair, 'main form button.govuk-button')
  assert.match(chair.url(), /saved=decision/)
  await chair.context().close()

  // Decided, commissioned.
  await page.goto(reviewUrl)
  await page.check('#to')
  await pressButton(page, 'form[action$="/stage"] button')
  await page.goto(`${reviewUrl}/commissioning`)
  await assertAccessible(page)
  await date(page, 'scopeStart', '1', '9', '2024')
  await date(page, 'scopeEnd', '2', '11', '2026')
  await typeInto(page, '#linesOfEnquiry', 'How was bruising in a non-mobile baby responded to?')
  await page.check('#methodology')
  await typeInto(page, '#leadReviewers', 'Independent reviewer')
  await page.selectOption('#process0-kind', 'criminal_proceedings')
  await typeInto(page, '#process0-reference', 'OP-42')
  await pressButton(page, 'main form button.govuk-button')
  assert.match(await page.locator('.govuk-warning-text').innerText(), /Criminal proceedings are not finished \(OP-42/)
  await page.check('#to')
  await pressButton(page, 'form[action$="/stage"] button')
  assert.match(await page.locator('h1 + p').innerText(), /Commissioned/)
  assert.match(await page.locator('.moj-timeline').innerText(), /Moved to Commissioned/)
  await assertAccessible(page)

  await page.goto(`${base}/reviews`)
  assert.match(await page.locator('#reviews').innerText(), /Child R[\s\S]*Commissioned/)

  // People in the case, revealed (audited), and a document anonymised with them.
  await page.goto(`${reviewUrl}/people`)
  await assertAccessible(page)
  await typeInto(page, '#role', 'mother')
  await typeInto(page, '#full_name', 'Kerys Example')
  await typeInto(page, '#expected_pseudonym', 'Mother')
  await pressButton(page, 'form[action$="/people"] button')
  assert.match(await page.locator('#people').innerText(), /Kerys Example/)
  await assertAccessible(page)
  await page.goto(`${reviewUrl}/anonymise`)
  await assertAccessible(page)
  await typeInto(page, '#document', 'Kerys Example was seen on 14 March 2024.')
  await pressButton(page, 'main form button.govuk-button')
  assert.equal(await page.locator('#anonymised').innerText(), 'The mother was seen in March 2024.')
  await assertAccessible(page)

  // The time and quality report: a chart and its table, and a CSV.
  await page.goto(`${base}/reviews/time-and-quality`)
  await assertAccessible(page)
  assert.equal(await page.locator('#clock-chart svg').count(), 1)
  assert.match(await page.locator('#clock-table').innerText(), /Serious incident notification\s+1\s+0\s+0/)
  await page.context().close()
})
