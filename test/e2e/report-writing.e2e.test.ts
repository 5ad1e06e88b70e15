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

const actorFor = (email: string): Promise<Actor> => actorOf(testApp, email)

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
  const coordinator = await actorFor('coordinator@marlshire.example')
  const reviewer = await actorFor('reviewer@marlshire.example')
  reviewId = await createSubmittedReview(testApp, coordinator, {
    outline: 'Browser journey for the overview report.',
    pseudonym: 'Child R',
    child: { name: 'Browser Child' },
  })
  await testApp.services.reviews.addMember(coordinator, reviewId, reviewer.userId, 'lead_reviewer')
  const police = (await testApp.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)).find(
    (a) => a.name === 'Marlshire Police',
  )!
  await testApp.services.chronology.entries.saveEntry(coordinator, reviewId, {
    agencyId: police.id,
    date: '07/12/2023',
    time: '',
    sourceRecord: 'MP/23/1',
    practitionerRole: 'Police officer',
    peopleInvolved: 'Child R',
    event: 'Domestic incident reported',
    actionTaken: 'Notification sent',
    outcome: '',
    significance: 'High',
  })
  await testApp.services.chronology.entries.submitDrafts(coordinator, reviewId, police.id)
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

const signInAs = (email: string): Promise<Page> => signInDemoUser(browser, base, testApp, email)

/** Follow a link with the keyboard: Tab to it, press Enter, wait for the page. */
async function followLink(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 120)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

test('a lead reviewer writes a section, previews it (script shown as text), inserts a chronology reference, saves twice and reads the diff — keyboard only, axe on every page', async () => {
  const page = await signInAs('reviewer@marlshire.example')
  await page.goto(`${base}/reviews/${reviewId}/report`)
  await assertAccessible(page)
  await followLink(page, `a[href="/reviews/${reviewId}/report/overview-report"]`)
  assert.match(await page.locator('#version').innerText(), /Nothing has been written yet/)
  await assertAccessible(page)
  await followLink(page, `a[href="/reviews/${reviewId}/report/overview-report/sections/introduction"]`)
  await assertAccessible(page)

  // Preview: numbered paragraphs, typed HTML shown as text, the typed text kept in the box.
  await typeInto(page, '#text', 'Child R was injured. <script>window.hacked = 1</script>\n\nThe review began.')
  await pressButton(page, '#preview-button')
  assert.match(
    await page.locator('#preview').innerText(),
    /1\.1 Child R was injured\. <script>window\.hacked = 1<\/script>/,
  )
  assert.match(await page.locator('#preview').innerText(), /1\.2 The review began\./)
  assert.equal(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked), undefined)
  assert.match(await page.inputValue('#text'), /The review began\.$/)
  await assertAccessible(page)

  // Insert a reference from the picker page, then save.
  await pressButton(page, '#reference-button')
  await assertAccessible(page)
  await page.focus('input[name="reference"]')
  await page.keyboard.press('Space')
  await pressButton(page, '#insert')
  assert.match(await page.inputValue('#text'), /\[\[entry:[0-9a-f-]{36}\]\]$/)
  await assertAccessible(page)
  await pressButton(page, '#save')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Section saved as a new version/)
  await assertAccessible(page)

  // A second save, then compare the two versions.
  await typeInto(page, '#text', 'Child R was seriously injured.\n\nThe review began in May.')
  await pressButton(page, '#save')
  await page.goto(`${base}/reviews/${reviewId}/report/overview-report`)
  assert.match(await page.locator('#version').innerText(), /Version 2/)
  assert.match(await page.locator('#section-1 ~ p').first().innerText(), /1\.1 Child R was seriously injured\./)
  await assertAccessible(page)
  await followLink(page, `a[href="/reviews/${reviewId}/report/overview-report/versions"]`)
  await assertAccessible(page)
  await pressButton(page, '#compare')
  assert.match(await page.locator('#summary').innerText(), /1 section changed/)
  assert.match(
    await page
      .locator('#diff-introduction ins')
      .allInnerTexts()
      .then((t) => t.join(' ')),
    /seriously/,
  )
  assert.match(
    await page
      .locator('#diff-introduction del')
      .allInnerTexts()
      .then((t) => t.join(' ')),
    /script/,
  )
  await assertAccessible(page)
  await page.context().close()
})

test('two people edit one section: the second sees both texts side by side and merges; a chair comments and the reviewer resolves; a Word or Markdown draft is imported — keyboard only, axe on every page', async () => {
  const reviewer = await actorFor('reviewer@marlshire.example')
  const url = `${base}/reviews/${reviewId}/report/executive-summary/sections/events`
  await testApp.services.reports.saveSection(reviewer, reviewId, 'executive_summary', 'events', 'First précis.', 0)

  // The coordinator opens the section; the reviewer saves before the coordinator does.
  const coordinator = await signInAs('coordinator@marlshire.example')
  await coordinator.goto(url)
  await assertAccessible(coordinator)
  await testApp.services.reports.saveSection(reviewer, reviewId, 'executive_summary', 'events', 'Reviewer précis.', 1)
  await typeInto(coordinator, '#text', 'Coordinator précis.')
  await pressButton(coordinator, '#save')
  assert.match(await coordinator.locator('.govuk-error-summary').innerText(), /saved this section after you opened it/)
  assert.equal(await coordinator.locator('#yours').innerText(), 'Coordinator précis.')
  assert.equal(await coordinator.locator('#current').innerText(), 'Reviewer précis.')
  assert.equal(await coordinator.inputValue('#text'), 'Coordinator précis.')
  await assertAccessible(coordinator)
  await typeInto(coordinator, '#text', 'Reviewer précis. Coordinator précis.')
  await pressButton(coordinator, '#save')
  assert.match(await coordinator.locator('.govuk-notification-banner').innerText(), /Section saved as a new version/)
  assert.equal(await coordinator.inputValue('#text'), 'Reviewer précis. Coordinator précis.')

  // Import page (the file is set directly: choosing it needs the system's dialog).
  await coordinator.goto(`${base}/reviews/${reviewId}/report/executive-summary/import`)
  await assertAccessible(coordinator)
  await coordinator.setInputFiles('#file', {
    name: 'summary.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('### Why this review was carried out\n\nBecause.\n\n### What happened\n\nA précis.'),
  })
  await pressButton(coordinator, '#import')
  assert.match(await coordinator.locator('.govuk-notification-banner').innerText(), /Draft imported/)
  await assertAccessible(coordinator)
  await coordinator.context().close()

  // A chair comments; the lead reviewer resolves it.
  const chair = await signInAs('chair@marlshire.example')
  await chair.goto(url)
  await typeInto(chair, '#comment', 'Say why, not only what.')
  await pressButton(chair, '#add-comment')
  assert.match(await chair.locator('#comments ~ ul').innerText(), /To resolve\s+Say why, not only what\./)
  await assertAccessible(chair)
  await chair.context().close()

  const page = await signInAs('reviewer@marlshire.example')
  await page.goto(url)
  await pressButton(page, 'form[action$="/resolve"] button')
  assert.match(await page.locator('#comments ~ ul').innerText(), /Resolved by/)
  await assertAccessible(page)
  await page.context().close()
})
