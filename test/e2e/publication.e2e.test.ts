/// <reference lib="dom" />
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'

import type { Actor } from '../../src/modules/access/actor.ts'

import { todayInEngland } from '../../src/modules/clocks/plain-date.ts'
import type { ReportKind } from '../../src/modules/reports/report-template.ts'
import { startTestApp, type TestApp, actorFor as actorOf } from '../support/app.ts'
import { assertAccessible, launchBrowser, pressButton, tabTo, typeInto, signInDemoUser } from './browser.ts'
import { createSubmittedReview } from '../support/reviews.ts'

let testApp: TestApp
let browser: Browser
let base = ''
let reviewId = ''

const actorFor = (email: string): Promise<Actor> => actorOf(testApp, email)

/**
 * A submitted review whose overview report and executive summary have text (imported through the
 * reports service: writing them is the reports slice's journey). The journey sends each for
 * anonymisation from its report page, marks it anonymised on its document page, then goes through
 * sign-off and publication.
 */
before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
  const coordinator = await actorFor('coordinator@marlshire.example')
  reviewId = await createSubmittedReview(testApp, coordinator, {
    agenciesInvolved: ['Marlshire Police'],
    outline: 'Browser journey for publication.',
    pseudonym: 'Child P',
    child: { name: 'Browser Child', sex: 'female', ethnicGroup: 'white', knownToSocialCare: true },
  })
  // A criminal process runs: publication is embargoed until the coordinator records it lifted.
  const { review } = await testApp.services.reviews.get(coordinator, reviewId)
  await testApp.services.reviews.recordCommissioning(coordinator, reviewId, review.version, {
    scopeStart: '2022-10-01',
    scopeEnd: '2024-03-31',
    linesOfEnquiry: ['Men in the household'],
    methodology: 'SCIE Learning Together',
    leadReviewers: 'Independent reviewer',
    panelMembers: 'Agency leads',
    familyInvolvement: 'Meetings',
    parallelProcesses: [{ kind: 'criminal_proceedings', reference: 'Op Fen', status: 'ongoing', expectedEnd: null }],
  })
  await testApp.services.caseKnowledge.addPerson(coordinator, reviewId, {
    role: 'subject child',
    full_name: 'Browser Child',
  })
  for (const kind of ['overview_report', 'executive_summary'] as ReportKind[]) {
    // As the demo drafts are: a drafting label left in, and no section on the child's voice.
    const text = `# Child P\n\n## Introduction\n\nOverview report - DRAFT v0.3 (not for publication)\n\nChild P, a baby, was seriously harmed at home. Agencies had known the family since the pregnancy.\n`
    await testApp.services.reports.importDraft(
      coordinator,
      reviewId,
      kind,
      { fileName: 'draft.md', data: new TextEncoder().encode(text) },
      0,
    )
  }
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

const signInAs = (email: string): Promise<Page> => signInDemoUser(browser, base, testApp, email)

/** Open the publication page, check it with axe, and return it. */
async function openPublication(page: Page): Promise<void> {
  await page.goto(`${base}/reviews/${reviewId}/publication`)
  await assertAccessible(page)
}

/** Press the next step's button (the form after "Next: …") and check the page it leads to. */
async function recordNextStep(page: Page, expected: RegExp): Promise<void> {
  assert.match(await page.locator('#next-step').innerText(), expected)
  await pressButton(page, 'form[action*="/publication/"]:has(#note) button.govuk-button')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Step recorded\./)
  await assertAccessible(page)
}

/** Send both documents for anonymisation from their report pages and mark each anonymised. */
async function anonymiseBoth(page: Page): Promise<void> {
  for (const kind of ['overview-report', 'executive-summary']) {
    await page.goto(`${base}/reviews/${reviewId}/report/${kind}`)
    await assertAccessible(page)
    await pressButton(page, '#send')
    assert.match(page.url(), /\/documents\/[0-9a-f-]+$/)
    await assertAccessible(page)
    if ((await page.locator('#jigsawConsidered').count()) > 0) {
      await page.focus('#jigsawConsidered')
      await page.keyboard.press('Space')
    }
    await pressButton(page, 'form[action$="/mark"] button.govuk-button')
    assert.match(await page.locator('#status').innerText(), /Anonymised/)
  }
}

function dateParts(date: string): [string, string, string] {
  const [year, month, day] = date.split('-')
  return [String(Number(day)), String(Number(month)), year]
}

test('coordinator and chair take a review from panel agreement to published, keyboard only, axe on every page', async () => {
  let coordinator = await signInAs('coordinator@marlshire.example')
  const chair = await signInAs('chair@marlshire.example')
  const today = todayInEngland(testApp.now())
  const [day, month, year] = dateParts(today)

  await openPublication(coordinator)
  await typeInto(coordinator, '#note', 'Agreed at the panel meeting <b>bold</b>')
  await recordNextStep(coordinator, /The review panel agrees the draft/)
  assert.match(await coordinator.locator('#steps').innerText(), /Agreed at the panel meeting <b>bold<\/b>/)

  // Each statutory partner signs for itself: the chair for the local authority, then the police
  // and health signers; the step completes only with the third.
  const partnerSigners: Array<[Page, string, RegExp]> = [
    [chair, 'Director of Children’s Services', /Local authority/],
    [await signInAs('police.partner@marlshire.example'), 'Detective Superintendent, Public Protection', /Police/],
    [await signInAs('health.partner@marlshire.example'), 'Chief Nurse, integrated care board', /Health/],
  ]
  for (const [signer, role, partner] of partnerSigners) {
    await openPublication(signer)
    assert.match(await signer.locator('#next-step').innerText(), /The safeguarding partners sign off the report/)
    await typeInto(signer, '#signerRole', role)
    const button = 'form[action$="/publication/sign-off"] button.govuk-button'
    assert.match(await signer.locator(button).innerText(), partner)
    await pressButton(signer, button)
    assert.match(await signer.locator('.govuk-notification-banner').innerText(), /Your sign-off is recorded\./)
    assert.match(await signer.locator('#partner-sign-offs').innerText(), new RegExp(`${role}`))
    await assertAccessible(signer)
  }
  const signOffs = await chair.locator('#partner-sign-offs').innerText()
  assert.match(signOffs, /Local authority\s+Signed by Graham Demo/)
  assert.match(signOffs, /Police\s+Waiting/, 'the chair’s page was loaded before the police signed')
  await openPublication(chair)
  assert.doesNotMatch(await chair.locator('#partner-sign-offs').innerText(), /Waiting/)
  assert.match(await chair.locator('#next-step').innerText(), /The family is told before publication/)

  // The family: a missing date is explained in the error summary, and what was typed stays.
  await openPublication(coordinator)
  await typeInto(coordinator, '#how', 'Meeting with the mother and the lead reviewer')
  await pressButton(coordinator, 'form[action$="/publication/family-informed"] button.govuk-button')
  assert.match(await coordinator.locator('.govuk-error-summary').innerText(), /Enter the date the family was told/)
  assert.equal(await coordinator.inputValue('#how'), 'Meeting with the mother and the lead reviewer')
  await assertAccessible(coordinator)
  await typeInto(coordinator, '#happenedOn-day', day)
  await typeInto(coordinator, '#happenedOn-month', month)
  await typeInto(coordinator, '#happenedOn-year', year)
  await recordNextStep(coordinator, /The family is told before publication/)

  // Both documents still need anonymising: the step says why. Each is sent from its report page and
  // marked on its anonymisation page.
  assert.match(await coordinator.locator('#step-problems').innerText(), /has not been sent for anonymisation/)
  await anonymiseBoth(coordinator)
  await openPublication(coordinator)
  assert.equal(await coordinator.locator('#documents .govuk-tag--green').count(), 2)
  await recordNextStep(coordinator, /Both documents are anonymised/)
  await typeInto(coordinator, '#happenedOn-day', day)
  await typeInto(coordinator, '#happenedOn-month', month)
  await typeInto(coordinator, '#happenedOn-year', year)
  await recordNextStep(coordinator, /The report is sent to the national Panel/)
  assert.match(await coordinator.locator('#panel-notice').innerText(), /can be published from/)
  // The embargo: nothing typed is explained in the error summary; then outcome, date and reason.
  assert.match(await coordinator.locator('#embargo').innerText(), /Criminal proceedings are not finished/)
  await pressButton(coordinator, 'form[action$="/publication/embargo-cleared"] button.govuk-button')
  const embargoErrors = await coordinator.locator('.govuk-error-summary').innerText()
  assert.match(embargoErrors, /Select how the embargo ended/)
  assert.match(embargoErrors, /Enter the date the embargo was lifted/)
  assert.match(embargoErrors, /Enter the reason the embargo was lifted/)
  await assertAccessible(coordinator)
  await coordinator.focus('#outcome')
  await coordinator.keyboard.press('Space')
  await typeInto(coordinator, '#happenedOn-day', day)
  await typeInto(coordinator, '#happenedOn-month', month)
  await typeInto(coordinator, '#happenedOn-year', year)
  await typeInto(coordinator, '#note', 'The trial ended with a conviction')
  await recordNextStep(coordinator, /No unfinished criminal process holds publication back/)
  assert.match(
    await coordinator.locator('#embargo').innerText(),
    /The embargo was lifted on .*: Criminal proceedings concluded\. Reason: The trial ended with a conviction/,
  )

  // The details: a summary naming the child is refused; a clean one is saved.
  await openPublication(coordinator)
  await typeInto(coordinator, '#summary', 'Browser Child was seriously harmed.')
  await pressButton(coordinator, 'form[action$="/publication/details"] button.govuk-button')
  assert.match(
    await coordinator.locator('.govuk-error-summary').innerText(),
    /The summary has details that could identify/,
  )
  assert.equal(await coordinator.inputValue('#summary'), 'Browser Child was seriously harmed.')
  await assertAccessible(coordinator)
  await typeInto(
    coordinator,
    '#summary',
    'Child P, a baby girl, was seriously harmed at home. Agencies had known the family since the pregnancy.',
  )
  await tabTo(coordinator, 'input[name="themes"][value="neglect"]', 80)
  await coordinator.keyboard.press('Space')
  await typeInto(coordinator, '#keywords', 'non-mobile baby, bruising')
  await pressButton(coordinator, 'form[action$="/publication/details"] button.govuk-button')
  assert.match(await coordinator.locator('.govuk-notification-banner').innerText(), /Publication details saved\./)
  assert.match(await coordinator.locator('#entry').innerText(), /Marlshire – Child P/)
  await assertAccessible(coordinator)

  // The chair: the readiness check finds the drafting label and the empty child's voice, so there
  // is nothing to approve with yet.
  await openPublication(chair)
  assert.match(await chair.locator('#next-step').innerText(), /The chair approves publication/)
  const blockers = await chair.locator('#readiness-blockers').innerText()
  assert.match(blockers, /Remove a drafting marker \(“DRAFT v0\.3”\)/)
  assert.match(blockers, /Overview report - DRAFT v0\.3 \(not for publication\)/)
  assert.match(await chair.locator('#readiness-empty').innerText(), /The child’s voice is empty/)
  assert.equal(await chair.locator('form[action$="/publication/approval"]').count(), 0)

  // The writer takes the label out and writes the child's voice; both are anonymised again.
  const fixed = `# Child P\n\n## Introduction\n\nChild P, a baby, was seriously harmed at home. Agencies had known the family since the pregnancy.\n\n## The child’s voice\n\nChild P was too young to speak; her experience was seen through her care and her health checks.\n`
  const writer = await actorFor('coordinator@marlshire.example')
  for (const kind of ['overview_report', 'executive_summary'] as ReportKind[]) {
    await testApp.services.reports.importDraft(
      writer,
      reviewId,
      kind,
      { fileName: 'draft.md', data: new TextEncoder().encode(fixed) },
      1,
    )
  }
  await anonymiseBoth(coordinator)

  // Nothing blocks now; the sections still empty are named and the chair accepts them, by keyboard.
  await openPublication(chair)
  assert.match(await chair.locator('#readiness-clear').innerText(), /Nothing blocks approval/)
  assert.doesNotMatch(await chair.locator('#readiness-empty').innerText(), /The child’s voice/)
  assert.match(await chair.locator('#entry-summary').innerText(), /Child P, a baby girl/)
  await pressButton(chair, 'form[action$="/publication/approval"] button.govuk-button')
  assert.match(
    await chair.locator('.govuk-error-summary').innerText(),
    /Confirm that you accept the empty sections are not published/,
  )
  await assertAccessible(chair)
  await tabTo(chair, '#acceptEmptySections', 80)
  await chair.keyboard.press('Space')
  await recordNextStep(chair, /The chair approves publication/)
  await chair.screenshot({ path: '/tmp/shots-publication/chair-approved.png', fullPage: true })

  // Publishing waits for the Panel's notice: come back ten days later (sessions have expired by then).
  await openPublication(coordinator)
  assert.match(await coordinator.locator('#step-problems').innerText(), /cannot be published before/)
  testApp.advance(10 * 24 * 60 * 60 * 1000)
  coordinator = await signInAs('coordinator@marlshire.example')
  await openPublication(coordinator)
  await pressButton(coordinator, 'form[action$="/publication/publish"] button.govuk-button')
  assert.match(
    await coordinator.locator('.govuk-notification-banner').innerText(),
    /published in the national repository/,
  )
  assert.match(await coordinator.locator('.govuk-panel').innerText(), /Published/)
  await assertAccessible(coordinator)

  // The public page, reached with the keyboard.
  await tabTo(coordinator, '#published-link a', 80)
  await Promise.all([coordinator.waitForEvent('load'), coordinator.keyboard.press('Enter')])
  assert.match(coordinator.url(), /\/repository\/reviews\/[0-9a-f-]+$/)
  const publicText = await coordinator.locator('main').innerText()
  assert.match(publicText, /Child P/)
  assert.ok(!publicText.includes('Browser Child'))
  await assertAccessible(coordinator)
})
