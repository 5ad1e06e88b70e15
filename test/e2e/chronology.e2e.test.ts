/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'

import type { Actor } from '../../src/modules/access/actor.ts'

import { ChronologyRequestRepository } from '../../src/modules/chronology/chronology-request.repository.ts'
import { startTestApp, type TestApp, actorFor as actorOf } from '../support/app.ts'
import { assertAccessible, launchBrowser, pressButton, typeInto, signInDemoUser } from './browser.ts'
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
  const police = await actorFor('police.contributor@marlshire.example')
  reviewId = await createSubmittedReview(testApp, coordinator, {
    outline: 'Browser journey for the chronology.',
    pseudonym: 'Child E',
    child: { name: 'Browser Child' },
  })
  await new ChronologyRequestRepository(testApp.services.database.db).upsertRequest(
    {
      reviewId,
      agencyId: police.agencyId!,
      kind: 'chronology',
      dueDate: '2099-01-31',
      requestedBy: coordinator.userId,
    },
    new Date(),
  )
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

const signInAs = (email: string): Promise<Page> => signInDemoUser(browser, base, testApp, email)

const BROKEN = [
  'Occurrence Date,Time,Summary,Colour',
  '04/10/2022,22:40,Verbal argument between <script>alert(1)</script>Chloe and Ryan at home,red',
  '31/02/2024,10:00,Welfare check,blue',
].join('\n')

test('an agency contributor uploads, maps a column, fixes a row, commits and submits; the coordinator sees it, makes a key practice episode and filters by it — axe on every page', async () => {
  const police = await signInAs('police.contributor@marlshire.example')
  await police.goto(`${base}/reviews/${reviewId}/chronology/import`)
  await assertAccessible(police)
  // Choosing a file needs the system's file dialog: set it directly, then go on with the keyboard.
  await police.setInputFiles('#file', { name: 'police.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN) })
  await pressButton(police, 'main form button.govuk-button')
  assert.match(await police.locator('.govuk-error-summary').innerText(), /Choose where a column goes/)
  assert.match(await police.locator('#problems ~ ul').first().innerText(), /Row 3: 31\/02\/2024 is not a real date/)
  await assertAccessible(police)

  // Map the unknown column with the keyboard, and check again.
  const colour = await police.locator('th:has-text("Colour") input').getAttribute('name')
  const select = `#map-${colour!.split('-')[1]}`
  await police.focus(select)
  await police.selectOption(select, 'ignore')
  await pressButton(police, 'button[value="check"]')
  assert.doesNotMatch(await police.locator('.govuk-error-summary').innerText(), /Choose where/)
  assert.match(await police.content(), /31\/02\/2024 is not a real date/)
  await assertAccessible(police)

  // Fix the row and upload again: the column choice is remembered, so the file can be imported.
  await police.setInputFiles('#file', {
    name: 'police.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BROKEN.replace('31/02/2024', '28/02/2024')),
  })
  await pressButton(police, 'form[enctype="multipart/form-data"] button.govuk-button')
  assert.equal(await police.locator('.govuk-error-summary').count(), 0)
  await assertAccessible(police)
  await pressButton(police, 'button[value="commit"]')
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /File imported as draft entries/)
  await assertAccessible(police)
  // Submitting is confirmed on a page of its own that says what will be submitted.
  await pressButton(police, 'a[href*="/chronology/submit?agency="]')
  assert.match(await police.locator('main').innerText(), /You are about to submit 2 entries from Marlshire Police/)
  await assertAccessible(police)
  await pressButton(police, 'form[action$="/chronology/submit"] button')
  assert.match(await police.locator('.govuk-notification-banner').innerText(), /Entries submitted/)

  // Typing an entry: a bad date is explained and what was typed is kept.
  await police.goto(`${base}/reviews/${reviewId}/chronology/entries/new`)
  await assertAccessible(police)
  await typeInto(police, '#date', '30/02/2023')
  await typeInto(police, '#event', 'Call from neighbour')
  await pressButton(police, 'main form button.govuk-button')
  assert.match(await police.locator('.govuk-error-summary').innerText(), /30\/02\/2023 is not a real date/)
  assert.equal(await police.inputValue('#event'), 'Call from neighbour')
  await assertAccessible(police)

  const coordinator = await signInAs('coordinator@marlshire.example')
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology`)
  const table = await coordinator.locator('table.govuk-table').last().innerText()
  assert.match(await coordinator.content(), /&lt;script&gt;alert\(1\)&lt;\/script&gt;Chloe/)
  assert.match(await coordinator.locator('main').innerText(), /4 October 2022/)
  assert.ok(table.length > 0)
  await assertAccessible(coordinator)
  // The entries are of 2022 and 2024: a year at a time, or every period on one page.
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology?view=timeline`)
  assert.equal(await coordinator.locator('.moj-timeline__item').count(), 1)
  await assertAccessible(coordinator)
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology?view=timeline&period=all`)
  assert.equal(await coordinator.locator('.moj-timeline__item').count(), 2)
  await assertAccessible(coordinator)
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology/requests`)
  await assertAccessible(coordinator)

  // A key practice episode from one selected entry, with the keyboard: name it, make it, add notes.
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology`)
  await coordinator.focus('a[href*="select=episode"]')
  await Promise.all([coordinator.waitForEvent('load'), coordinator.keyboard.press('Enter')])
  await assertAccessible(coordinator)
  const firstBox = 'input[name="entryIds"] >> nth=0'
  const chosenId = await coordinator.locator(firstBox).getAttribute('value')
  await coordinator.focus(`#select-${chosenId}`)
  await coordinator.keyboard.press('Space')
  assert.equal(await coordinator.isChecked(`#select-${chosenId}`), true)
  await typeInto(coordinator, '#episodeName', 'October 2022 domestic incident')
  await pressButton(coordinator, 'form[action*="/chronology/episodes"] button.govuk-button')
  assert.match(await coordinator.locator('.govuk-notification-banner').innerText(), /Key practice episode made/)
  await assertAccessible(coordinator)
  await typeInto(coordinator, '#notes', 'The notification reached health visiting 16 days later.')
  await pressButton(coordinator, 'main form button.govuk-button')
  assert.match(await coordinator.locator('.govuk-notification-banner').innerText(), /Episode saved/)
  assert.equal(await coordinator.inputValue('#notes'), 'The notification reached health visiting 16 days later.')
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology/episodes`)
  await assertAccessible(coordinator)

  // Filter the integrated chronology by the episode, with the keyboard, in the table and the timeline.
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology`)
  await coordinator.focus('#episode')
  await coordinator.selectOption('#episode', { label: 'October 2022 domestic incident' })
  await pressButton(coordinator, 'form[method="get"] button.govuk-button')
  assert.match(coordinator.url(), /episode=/)
  const entryLinks = coordinator.locator('main table a[href*="/chronology/entries/"]')
  assert.equal(await entryLinks.count(), 1)
  assert.match((await entryLinks.getAttribute('href'))!, new RegExp(`${chosenId}$`))
  await assertAccessible(coordinator)
  await coordinator.focus('#view')
  await coordinator.selectOption('#view', 'timeline')
  await pressButton(coordinator, 'form[method="get"] button.govuk-button')
  assert.equal(await coordinator.locator('.moj-timeline__item').count(), 1)
  await assertAccessible(coordinator)

  // The entry's page and its correction form.
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology/entries/${chosenId}`)
  await assertAccessible(coordinator)
  await coordinator.goto(`${base}/reviews/${reviewId}/chronology/entries/${chosenId}/correct`)
  await pressButton(coordinator, 'main form button.govuk-button')
  assert.match(await coordinator.locator('.govuk-error-summary').innerText(), /Enter why you are correcting this entry/)
  await assertAccessible(coordinator)
})
