/// <reference lib="dom" />
/**
 * Browser journey (issue 15, part 1): from Home, with the keyboard only, the coordinator records two other
 * children at risk on a new (draft) notification, is told clearly about an impossible date, confirms one
 * child's safety action, and finds the other flagged as overdue on Home and on the review's task list.
 * Every page passes axe. Every name is invented.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { addCalendarDays, isoDateParts, todayInEngland } from '../../src/modules/clocks/plain-date.ts'
import { actorFor } from '../support/app.ts'
import {
  assertAccessible,
  followLink,
  pressButton,
  signInDemoUser,
  startBrowserApp,
  typeInto,
  type BrowserApp,
} from './browser.ts'

let app: BrowserApp
let reviewId = ''

before(async () => {
  app = await startBrowserApp()
  const coordinator = await actorFor(app.testApp, 'coordinator@marlshire.example')
  // A notification saved as a draft: other children are recorded from the notification on.
  reviewId = await app.testApp.services.reviews.createNotification(
    coordinator,
    {
      incidentDate: todayInEngland(app.testApp.now()),
      awareDate: todayInEngland(app.testApp.now()),
      panelNotifiedDate: null,
      nature: 'serious_harm',
      abuseOrNeglect: 'suspected',
      agenciesInvolved: ['Marlshire Police'],
      outline: 'A draft notification for the children-at-risk journey.',
      pseudonym: 'Child V',
      children: [
        {
          name: 'Vesper Quillon',
          dateOfBirth: '2025-02-01',
          ageText: null,
          sex: null,
          ethnicGroup: null,
          disability: null,
          lookedAfter: false,
          childProtectionPlan: false,
          knownToSocialCare: false,
        },
      ],
    },
    false,
  )
})
after(async () => {
  await app?.close()
})

/** Fill the child form with the keyboard. */
async function fillChild(
  page: Page,
  child: { name: string; relationship: 1 | 2 | 3; concern: string; action: string; due: string[] },
) {
  await typeInto(page, '#name', child.name)
  await typeInto(page, '#age', '7')
  await page.focus(child.relationship === 1 ? '#relationship' : `#relationship-${child.relationship}`)
  await page.keyboard.press('Space')
  await typeInto(page, '#concern', child.concern)
  await typeInto(page, '#safetyAction', child.action)
  await page.focus('#agencyId')
  await page.keyboard.type('Marlshire Police')
  await typeInto(page, '#responsiblePerson', 'DS Public Protection Unit')
  await typeInto(page, '#dueDate-day', child.due[0])
  await typeInto(page, '#dueDate-month', child.due[1])
  await typeInto(page, '#dueDate-year', child.due[2])
}

const parts = (iso: string) => {
  const { year, month, day } = isoDateParts(iso)
  return [String(day), String(month), String(year)]
}

test('the coordinator records two other children, confirms one, and sees the other flagged on Home', async () => {
  const { testApp, browser, base } = app
  const today = todayInEngland(testApp.now())
  const page = await signInDemoUser(browser, base, testApp, 'coordinator@marlshire.example')
  // Past the recovery codes of the first sign-in: Home.
  await page.goto(`${base}/dashboard`)
  await assertAccessible(page)

  // Home → Reviews → the draft review → its task list → other children at risk.
  await followLink(page, 'a[href="/reviews"]')
  await assertAccessible(page)
  await followLink(page, `main a[href="/reviews/${reviewId}"]`)
  await assertAccessible(page)
  assert.match(await page.locator('#review-parts').innerText(), /Other children at risk\s+None recorded/)
  await followLink(page, `#review-parts a[href="/reviews/${reviewId}/children-at-risk"]`)
  await assertAccessible(page)
  assert.match(await page.locator('main').innerText(), /No other child has been recorded yet/)

  // The first child, with an impossible date first: a clear message, and what was typed kept.
  await followLink(page, `a[href="/reviews/${reviewId}/children-at-risk/new"]`)
  await assertAccessible(page)
  await fillChild(page, {
    name: 'Aled Brackenbury',
    relationship: 1,
    concern: 'Lives in the same household. <img src=x onerror=alert(1)>',
    action: 'Strategy discussion and a visit to see him alone',
    due: ['31', '2', '2027'],
  })
  await pressButton(page, 'main form button.govuk-button')
  await assertAccessible(page)
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The date the action is due must be a real date/)
  assert.equal(await page.inputValue('#name'), 'Aled Brackenbury')
  await typeInto(page, '#dueDate-day', '28')
  await pressButton(page, 'main form button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Child recorded/)
  await assertAccessible(page)

  // The second child: a contact child whose action was due three days ago.
  await followLink(page, `a[href="/reviews/${reviewId}/children-at-risk/new"]`)
  await fillChild(page, {
    name: 'Linnet Oakhollow',
    relationship: 3,
    concern: 'Visits the mother’s partner at weekends.',
    action: 'Police check and a letter to her school',
    due: parts(addCalendarDays(today, -3)),
  })
  await pressButton(page, 'main form button.govuk-button')
  await assertAccessible(page)
  const listed = await page.locator('main').innerText()
  assert.match(listed, /Linnet Oakhollow, other child 2 \(contact child\)\s+Overdue by \d+ days/)
  assert.match(listed, /2 safety actions not confirmed yet/)
  // What was typed comes back as text: no script ran (signInDemoUser fails on a dialog).
  assert.match(listed, /<img src=x onerror=alert\(1\)>/)

  // Confirm the first child's safety action, today.
  const [first] = (
    await testApp.services.childrenAtRisk.list(await actorFor(testApp, 'coordinator@marlshire.example'), reviewId)
  ).children.filter((c) => c.number === 1)
  await followLink(page, `a[href="/reviews/${reviewId}/children-at-risk/${first.id}/confirm"]`)
  await assertAccessible(page)
  const [day, month, year] = parts(today)
  await typeInto(page, '#confirmedOn-day', day)
  await typeInto(page, '#confirmedOn-month', month)
  await typeInto(page, '#confirmedOn-year', year)
  await typeInto(page, '#confirmedBy', 'Social worker, Assessment Team')
  await pressButton(page, 'main form button.govuk-button')
  await assertAccessible(page)
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Safety action confirmed/)
  assert.match(await page.locator(`#child-${first.id}`).innerText(), /Confirmed/)
  assert.match(await page.locator('main').innerText(), /1 safety action not confirmed yet/)

  // Home: the other child is flagged, overdue, first; no name on Home.
  await followLink(page, 'a[href="/dashboard"]')
  await assertAccessible(page)
  const tasks = await page.locator('#your-tasks').innerText()
  assert.match(tasks, /Confirm the safety action for other child 2 \(contact child\)/)
  assert.doesNotMatch(tasks, /other child 1/)
  assert.ok(!(await page.locator('main').innerText()).includes('Oakhollow'))
  const firstTask = await page.locator('#your-tasks .govuk-task-list__item').first().innerText()
  assert.match(firstTask, /other child 2/)

  // The task leads to the child on the review's page of other children; the review's task list flags it.
  await followLink(page, `#your-tasks a[href^="/reviews/${reviewId}/children-at-risk"]`)
  await assertAccessible(page)
  await followLink(page, `a[href="/reviews/${reviewId}"]`)
  await assertAccessible(page)
  assert.match(await page.locator('#review-parts').innerText(), /Other children at risk[\s\S]*1 overdue/)
  assert.match(await page.locator('#children-at-risk-open').innerText(), /Other child 2 \(contact child\)/)
  await page.context().close()
})
