/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Page } from 'playwright-core'
import type { Actor } from '../../src/modules/access/actor.ts'
import { DECISION_CRITERIA, type Decision } from '../../src/modules/reviews/review.ts'
import { QUALITY_CRITERIA } from '../../src/modules/panel/panel.ts'
import { actorFor } from '../support/app.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import {
  assertAccessible,
  followLink,
  pressButton,
  signInDemoUser,
  startBrowserApp,
  typeInto,
  type BrowserApp,
} from './browser.ts'

let browserApp: BrowserApp
/** A decision not to review, its rapid review sent to the Panel. */
let noReviewId = ''
/** A local review whose final report was sent to the Panel. */
let reportId = ''

const noCriteria = Object.fromEntries(
  DECISION_CRITERIA.map((c) => [c.key, { answer: 'not_met', evidence: '' }]),
) as Decision['criteria']

/** Record the rapid review (sent to the Panel) and the decision, as the partnership does on its own pages. */
async function rapidReviewAndDecision(coordinator: Actor, chair: Actor, id: string, outcome: Decision['outcome']) {
  const { reviews } = browserApp.testApp.services
  const version = async () => (await reviews.get(coordinator, id)).review.version
  await reviews.moveStage(coordinator, id, await version(), 'rapid_review', null)
  await reviews.recordRapidReviewMeeting(coordinator, id, await version(), {
    meetingDate: '2024-04-02',
    outcome: outcome === 'no_review' ? 'The injury has a medical explanation.' : 'A local review is needed.',
    recommendedNextStep: outcome === 'no_review' ? 'No review' : 'Local child safeguarding practice review',
    sentToPanelDate: '2024-04-03',
  })
  await reviews.recordDecision(chair, id, await version(), {
    criteria: noCriteria,
    outcome,
    rationale: 'An invented rationale for the browser journey.',
    decidedOn: '2024-04-08',
    panelToldOn: '2024-04-09',
  })
}

before(async () => {
  browserApp = await startBrowserApp()
  const { testApp } = browserApp
  const coordinator = await actorFor(testApp, 'coordinator@marlshire.example')
  const chair = await actorFor(testApp, 'chair@marlshire.example')
  noReviewId = await createSubmittedReview(testApp, coordinator, { pseudonym: 'Child N' })
  await rapidReviewAndDecision(coordinator, chair, noReviewId, 'no_review')
  reportId = await createSubmittedReview(testApp, coordinator, { pseudonym: 'Child F' })
  await rapidReviewAndDecision(coordinator, chair, reportId, 'local_review')
  // What the publication page's step "sent to the national Panel" records (that journey is publication.e2e).
  await testApp.services.repositories.reviews.setMilestone(
    reportId,
    'report_sent_to_panel',
    '2024-10-01',
    coordinator.userId,
    new Date(),
  )
})
after(() => browserApp?.close())

/** Choose a radio with the keyboard: focus it and press Space. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  await page.focus(`input[name="${name}"][value="${value}"]`)
  await page.keyboard.press('Space')
}

/** The Panel member's page and the coordinator's, kept across the steps of the journey (one browser each). */
let member: Page
let coordinator: Page

test('a Panel member signs in and opens the queue from Home', async () => {
  const { browser, base, testApp } = browserApp
  member = await signInDemoUser(browser, base, testApp, 'panel.member@panel.example')
  await member.goto(`${base}/dashboard`)
  await assertAccessible(member)
  await followLink(member, '#panel-queue-link')
  assert.equal(new URL(member.url()).pathname, '/panel')
  await assertAccessible(member)
  assert.match((await member.textContent('#queue')) ?? '', /Panel: a response to the rapid review/)
})

test('the Panel member reads the rapid review as received and responds to it', async () => {
  const page = member
  await followLink(page, `#queue a[href="/panel/notifications/${noReviewId}"]`)
  await assertAccessible(page)
  assert.match((await page.textContent('#rapid-review')) ?? '', /The injury has a medical explanation\./)
  await followLink(page, `#panel-actions a[href$="/respond/rapid-review"]`)
  await assertAccessible(page)
  // Nothing chosen: the GOV.UK error summary, itself accessible.
  await pressButton(page, 'main form button.govuk-button')
  assert.match((await page.textContent('.govuk-error-summary')) ?? '', /Select whether the Panel agrees/)
  await assertAccessible(page)
  await choose(page, 'outcome', 'disagrees')
  await typeInto(page, '#reasons', 'The rapid review does not say who knew about the earlier injury.')
  await typeInto(page, '#questions', 'Which agencies saw the child in the month before?')
  await pressButton(page, 'main form button.govuk-button')
  assert.match((await page.textContent('.govuk-notification-banner')) ?? '', /response to the rapid review is recorded/)
  await assertAccessible(page)
})

test('the Panel member challenges the decision not to review', async () => {
  const page = member
  await followLink(page, `#panel-actions a[href$="/respond/decision"]`)
  await assertAccessible(page)
  await choose(page, 'outcome', 'challenges')
  await typeInto(page, '#reasons', 'The serious harm criterion looks met.')
  await typeInto(page, '#questions', 'Reconsider the serious harm criterion, or explain why it is not met.')
  await pressButton(page, 'main form button.govuk-button')
  assert.match((await page.textContent('#exchanges')) ?? '', /The Panel challenges the decision/)
  await assertAccessible(page)
})

test('the Panel member evaluates the quality of a final report against every marker', async () => {
  const page = member
  await followLink(page, 'a[href="/panel"]')
  await followLink(page, `#queue a[href="/panel/notifications/${reportId}"]`)
  await assertAccessible(page)
  await followLink(page, `#panel-actions a[href$="/quality"]`)
  await assertAccessible(page)
  for (const c of QUALITY_CRITERIA) {
    await choose(page, `rating-${c.key}`, c.key === 'smart_recommendations' ? 'not_met' : 'met')
  }
  await typeInto(page, '#comment-smart_recommendations', 'The recommendations have no dates or owners.')
  await choose(page, 'outcome', 'requires_improvement')
  await typeInto(page, '#reasons', 'Clear about why; recommendations are not measurable.')
  await pressButton(page, 'main form button.govuk-button')
  assert.match((await page.textContent('#exchanges')) ?? '', /Overall rating: Requires improvement/)
  await assertAccessible(page)
})

test('the coordinator sees the Panel’s response on Home and on the review, and answers it', async () => {
  const { browser, base, testApp } = browserApp
  coordinator = await signInDemoUser(browser, base, testApp, 'coordinator@marlshire.example')
  const page = coordinator
  await page.goto(`${base}/dashboard`)
  await assertAccessible(page)
  assert.match((await page.textContent('#your-tasks')) ?? '', /Answer the national Panel: rapid review/)
  await followLink(page, 'a[href="/reviews"]')
  await followLink(page, `#reviews a[href="/reviews/${noReviewId}"]`)
  await assertAccessible(page)
  assert.match((await page.textContent('#panel-parts')) ?? '', /Answer the Panel/)
  await followLink(page, `#panel-parts a[href="/reviews/${noReviewId}/panel/rapid-review"]`)
  await assertAccessible(page)
  assert.match((await page.textContent('#panel-steps')) ?? '', /Which agencies saw the child/)
  await typeInto(page, '#reasons', 'The health visitor and the GP; both records are now secured.')
  await pressButton(page, 'main form button.govuk-button')
  assert.match(
    (await page.textContent('.govuk-notification-banner')) ?? '',
    /Your answer is sent to the national Panel/,
  )
  await assertAccessible(page)
})

test('the coordinator answers the challenge: the partnership will reconsider', async () => {
  const page = coordinator
  await followLink(page, `#panel-parts a[href="/reviews/${noReviewId}/panel/decision"]`)
  await assertAccessible(page)
  await choose(page, 'outcome', 'reconsiders')
  await typeInto(page, '#reasons', 'The partners will meet again within ten working days.')
  await pressButton(page, 'main form button.govuk-button')
  assert.doesNotMatch((await page.textContent('#panel-parts')) ?? '', /Answer the Panel/)
  const steps = await browserApp.testApp.services.panel.forReview(
    await actorFor(browserApp.testApp, 'coordinator@marlshire.example'),
    noReviewId,
  )
  assert.deepEqual(
    steps.exchanges.map((e) => `${e.topic}:${e.party}:${e.outcome}`),
    [
      'rapid_review:panel:disagrees',
      'decision:panel:challenges',
      'rapid_review:partnership:answers',
      'decision:partnership:reconsiders',
    ],
  )
})

test('the coordinator reads the quality evaluation on the other review and answers it', async () => {
  const page = coordinator
  await followLink(page, 'a[href="/reviews"]')
  await followLink(page, `#reviews a[href="/reviews/${reportId}"]`)
  assert.match((await page.textContent('#panel-steps')) ?? '', /recommendations have no dates or owners/)
  await followLink(page, `#panel-parts a[href="/reviews/${reportId}/panel/quality"]`)
  await assertAccessible(page)
  await typeInto(page, '#reasons', 'We will add owners and dates to each recommendation.')
  await pressButton(page, 'main form button.govuk-button')
  assert.match(
    (await page.textContent('.govuk-notification-banner')) ?? '',
    /Your answer is sent to the national Panel/,
  )
  await assertAccessible(page)
})
