/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'

import type { Actor } from '../../src/modules/access/actor.ts'

import { startTestApp, type TestApp, actorFor as actorOf } from '../support/app.ts'
import { assertAccessible, launchBrowser, pressButton, tabTo, typeInto, signInDemoUser } from './browser.ts'
import { createSubmittedReview } from '../support/reviews.ts'

let testApp: TestApp
let browser: Browser
let base = ''
let reviewId = ''
let policeAgencyId = ''

const actorFor = (email: string): Promise<Actor> => actorOf(testApp, email)

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
  const coordinator = await actorFor('coordinator@marlshire.example')
  const police = await actorFor('police.contributor@marlshire.example')
  policeAgencyId = police.agencyId!
  reviewId = await createSubmittedReview(testApp, coordinator, {
    incidentDate: '2026-10-01',
    awareDate: '2026-10-02',
    panelNotifiedDate: '2026-10-05',
    outline: 'Browser journey for an agency report.',
    pseudonym: 'Child E',
    child: { name: 'Browser Child', dateOfBirth: '2024-02-01' },
  })
  await testApp.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [policeAgencyId],
    kinds: ['agency_report'],
    dueDate: '2099-01-31',
  })
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

const signInAs = (email: string): Promise<Page> => signInDemoUser(browser, base, testApp, email)

test('an agency contributor writes the header with the keyboard, saves a draft, is told the records date is missing, fixes it and submits; the coordinator reads it — axe on every page', async () => {
  const police = await signInAs('police.contributor@marlshire.example')
  await police.goto(`${base}/reviews/${reviewId}/agency-reports`)
  await assertAccessible(police)
  await pressButton(police, '#own-report')
  assert.match(police.url(), /\/agency-reports\/own$/)
  await assertAccessible(police)

  await typeInto(police, '#authorName', 'Sam Author')
  await typeInto(police, '#authorRole', 'Detective Inspector')
  await police.focus('#authorIndependent')
  await police.keyboard.press('Space')
  assert.equal(await police.isChecked('#authorIndependent'), true)
  await typeInto(police, '#termsOfReference', 'Contact with the family from pre-birth to the incident.')
  await typeInto(police, '#analysis', 'Officers held the referral <script>alert(1)</script> alone.')
  await typeInto(police, '#lessons', 'Referrals need a second route.')
  await typeInto(police, '#recommendations', 'A shared inbox by March 2027.')
  // The buttons after the last section are reached with the Tab key.
  await police.focus('#recommendations')
  await tabTo(police, '#save-draft')
  await Promise.all([police.waitForEvent('load'), police.keyboard.press('Enter')])
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /Your draft has been saved/)
  assert.equal(await police.inputValue('#authorName'), 'Sam Author')
  await assertAccessible(police)

  // Submitting without the date the records were secured.
  await pressButton(police, '#submit-report')
  assert.match(
    await police.locator('.govuk-error-summary').innerText(),
    /Enter the date the agency’s records were secured|Enter the date the agency's records were secured/,
  )
  assert.equal(await police.inputValue('#lessons'), 'Referrals need a second route.')
  await assertAccessible(police)
  // The error summary's link takes the keyboard to the field.
  await police.focus('.govuk-error-summary a')
  await police.keyboard.press('Enter')
  assert.equal(await police.evaluate(() => document.activeElement?.id), 'recordsSecuredDate-day')

  await typeInto(police, '#recordsSecuredDate-day', '30')
  await typeInto(police, '#recordsSecuredDate-month', '2')
  await typeInto(police, '#recordsSecuredDate-year', '2026')
  await pressButton(police, '#submit-report')
  assert.match(await police.locator('.govuk-error-summary').innerText(), /must be a real date/)
  await assertAccessible(police)

  await typeInto(police, '#recordsSecuredDate-day', '4')
  await typeInto(police, '#recordsSecuredDate-month', '11')
  await pressButton(police, '#submit-report')
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /Your agency report has been submitted/)
  await assertAccessible(police)

  const coordinator = await signInAs('coordinator@marlshire.example')
  await coordinator.goto(`${base}/reviews/${reviewId}/agency-reports`)
  assert.match(await coordinator.locator('main').innerText(), /Submitted/)
  await assertAccessible(coordinator)
  await pressButton(coordinator, `a[href$="/agency-reports/${policeAgencyId}"]`)
  const text = await coordinator.locator('main').innerText()
  assert.match(text, /Sam Author/)
  assert.match(text, /4 November 2026/)
  assert.match(await coordinator.content(), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  await assertAccessible(coordinator)
})
