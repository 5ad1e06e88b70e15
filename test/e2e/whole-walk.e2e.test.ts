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
import { withoutDraftingMarkers } from '../support/drafting-markers.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import {
  assertAccessible,
  followLink,
  signInDemoUser,
  startBrowserApp,
  tabTo,
  typeInto,
  type BrowserApp,
} from './browser.ts'

/**
 * The whole walk of issue 11 on the demo seed (demo reviews, Child M's case material, the demo
 * repository), each role starting from Home and moving only by following links with the keyboard.
 * Screenshots go to a temporary folder so a person can look at what each role saw.
 */

/** The demo case's police chronology (46 rows; see the demo case's README). */
const POLICE_CSV = readFileSync(sharedDataPath('demo-case', 'chronologies', 'police.csv'))
const SHOTS = process.env.WALK_SHOTS ?? join(tmpdir(), 'case-review-whole-walk')

/**
 * Every real name, address and place of the demo case (its cast and places files): none may reach a
 * public page. Whole names, other names, each part of a name, address lines and place names; not the
 * partnership and its agencies, which the demo case marks to be kept ("RETAIN": the publishing area).
 */
const REAL_NAMES: string[] = (() => {
  type Person = { full_name: string; other_names?: string[]; addresses?: Array<{ line1: string; text: string }> }
  const cast = JSON.parse(readFileSync(sharedDataPath('demo-case', 'cast.json'), 'utf8')) as Person[]
  const places = (
    JSON.parse(readFileSync(sharedDataPath('demo-case', 'places.json'), 'utf8')) as Array<{
      name: string
      expected_replacement: string
    }>
  ).filter((p) => !p.expected_replacement.startsWith('RETAIN'))
  const names = cast.flatMap((p) => [
    p.full_name,
    ...(p.other_names ?? []),
    ...p.full_name.split(/\s+/).filter((part) => part.length > 2),
    ...(p.addresses ?? []).flatMap((a) => [a.line1, a.text]),
  ])
  return [...new Set([...names, ...places.map((p) => p.name)])]
})()

/** The real names found in `text` (whole words, as written). */
const realNamesIn = (text: string) =>
  REAL_NAMES.filter((name) =>
    new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text),
  )

/** The case summary the coordinator writes for Child M; "aliases" is in no other demo entry. */
const SUMMARY =
  'Child M, a baby girl, was admitted to hospital with a serious head injury and older fractures while in the sole care of her mother’s partner, who was known to agencies under several aliases. Agencies had worked with the family for eighteen months, from the pregnancy.'

let walk: BrowserApp
/** A new review in the demo partnership, the police asked for their chronology (the coordinator's request). */
let reviewId = ''
/** The demo case, Child M: drafts with drafting labels, an embargo, walked here to publication. */
let childM = ''
/** The entry the chair approved, as the publication page showed it (title row and summary). */
let approvedEntry = { title: '', summary: '' }

before(async () => {
  mkdirSync(SHOTS, { recursive: true })
  walk = await startBrowserApp({ seedDemoReviews: true, seedDemoRepository: true })
  const { testApp } = walk
  const coordinator = await actorFor(testApp, 'coordinator@marlshire.example')
  const police = await actorFor(testApp, 'police.contributor@marlshire.example')
  reviewId = await createSubmittedReview(testApp, coordinator, { pseudonym: 'Child W', outline: 'The whole walk.' })
  childM = (await testApp.services.reviews.list(coordinator)).find((i) => i.review.pseudonym === 'Child M')!.review.id
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

/** Press the "Next" step's button on the publication page and check it was recorded. */
async function recordNextStep(page: Page, expected: RegExp, banner = /Step recorded\./): Promise<void> {
  assert.match(await page.locator('#next-step').innerText(), expected)
  await tabTo(page, 'main form[action*="/publication/"]:has(#note) button.govuk-button', 120)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  const problems = await page.locator('.govuk-error-summary').count()
  if (problems) assert.fail(`Not recorded: ${await page.locator('.govuk-error-summary').innerText()}`)
  assert.match(await page.locator('.govuk-notification-banner').innerText(), banner)
}

/** Type today's date (on the app's clock) into the date input `happenedOn`. */
async function typeToday(page: Page): Promise<void> {
  const [year, month, day] = todayInEngland(walk.testApp.now()).split('-')
  await typeInto(page, '#happenedOn-day', String(Number(day)))
  await typeInto(page, '#happenedOn-month', String(Number(month)))
  await typeInto(page, '#happenedOn-year', year)
}

/** Open a section of the document shown, replace its text with `rewrite(text)` and save; back to the document. */
async function rewriteSection(page: Page, sectionKey: string, rewrite: (text: string) => string): Promise<void> {
  const documentUrl = new URL(page.url()).pathname
  await followLink(page, `main a[href="${documentUrl}/sections/${sectionKey}"]`, 400)
  // Select all and type the new text in one go (a long section typed key by key takes minutes).
  await page.focus('#text')
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.insertText(rewrite(await page.inputValue('#text')))
  await tabTo(page, '#save', 60)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Section saved as a new version/)
  await followLink(page, `a.govuk-back-link[href^="${documentUrl}#"]`)
}

/** From a document's page: send it for anonymisation, confirm the jigsaw details were considered and mark it. */
async function sendAndMarkAnonymised(page: Page, shot: string): Promise<void> {
  await tabTo(page, '#send', 200)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  assert.match(page.url(), /\/documents\/[0-9a-f-]+$/)
  await look(page, shot)
  if ((await page.locator('#jigsawConsidered').count()) > 0) {
    await tabTo(page, '#jigsawConsidered', 400)
    await page.keyboard.press('Space')
  }
  await tabTo(page, 'form[action$="/mark"] button.govuk-button', 60)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  assert.match(await page.locator('#status').innerText(), /Anonymised/)
}

/** The sections of the document shown whose text holds a drafting label, by key. */
async function sectionsWithLabels(page: Page): Promise<string[]> {
  const keys: string[] = []
  for (const section of await page.locator('main section').all()) {
    if (!/DRAFT|not for publication|Confidential|Do not circulate/.test(await section.innerText())) continue
    const href = await section.locator('a[href*="/sections/"]').getAttribute('href')
    keys.push(href!.split('/sections/')[1])
  }
  return keys
}

test('the lead reviewer is told on Home which drafting labels stop publication, takes them out and anonymises both documents', async () => {
  const reviewer = await home('reviewer@marlshire.example')
  const tasks = await reviewer.locator('#your-tasks').innerText()
  assert.match(tasks, /Take the drafting labels out of the overview report/)
  assert.match(tasks, /Take the drafting labels out of the executive summary/)
  assert.match(tasks, /Write the section “The child’s voice” of the overview report/)
  await look(reviewer, '40-reviewer-home')
  for (const [slug, shot] of [
    ['overview-report', '41'],
    ['executive-summary', '43'],
  ]) {
    await followLink(reviewer, `#your-tasks a[href="/reviews/${childM}/report/${slug}"]`)
    await look(reviewer, `${shot}-reviewer-${slug}`)
    const labelled = await sectionsWithLabels(reviewer)
    assert.ok(labelled.length > 0, `the ${slug} shows its drafting labels`)
    for (const key of labelled) await rewriteSection(reviewer, key, withoutDraftingMarkers)
    assert.deepEqual(await sectionsWithLabels(reviewer), [])
    await sendAndMarkAnonymised(reviewer, `${Number(shot) + 1}-reviewer-${slug}-anonymisation`)
    await followLink(reviewer, 'header a[href="/dashboard"], nav a[href="/dashboard"]')
  }
  const after = await reviewer.locator('#your-tasks').innerText()
  assert.doesNotMatch(after, /Take the drafting labels out/)
  // The child's voice is still to write: the lead reviewer comes back to it when the chair asks.
  assert.match(after, /Write the section “The child’s voice” of the overview report/)
  await reviewer.close()
})

test('the lead reviewer works through the proposed links of Child M’s integrated chronology, a page at a time', async () => {
  const reviewer = await home('reviewer@marlshire.example')
  await followLink(reviewer, 'header a[href="/reviews"], nav a[href="/reviews"]')
  await followLink(reviewer, `main a[href="/reviews/${childM}"]`)
  await followLink(reviewer, `main a[href="/reviews/${childM}/chronology"]`, 300)
  await followLink(reviewer, `main a[href="/reviews/${childM}/chronology/links"]`, 300)
  assert.match(await reviewer.locator('#links-shown').innerText(), /Showing links 1 to 20 of \d+/)
  await look(reviewer, '45-reviewer-links-page-1')
  await followLink(reviewer, `main a[href="/reviews/${childM}/chronology/links?page=2#links"]`, 300)
  const shown = await reviewer.locator('#links-shown').innerText()
  assert.match(shown, /Showing links 21 to \d+ of \d+/)
  await look(reviewer, '46-reviewer-links-page-2')
  await tabTo(reviewer, 'main form[action$="/chronology/links"] button[value="confirmed"]', 300)
  await Promise.all([reviewer.waitForEvent('load'), reviewer.keyboard.press('Enter')])
  assert.match(reviewer.url(), /\/chronology\/links\?saved=confirmed&page=2/)
  assert.equal(await reviewer.locator('#links-shown').innerText(), shown)
  await reviewer.close()
})

test('the coordinator records the panel’s agreement and writes the publication details, each from Home', async () => {
  const coordinator = await home('coordinator@marlshire.example')
  await look(coordinator, '50-coordinator-home')
  await followLink(coordinator, `#your-tasks a[href="/reviews/${childM}/publication"]`)
  await typeInto(coordinator, '#note', 'Agreed at the panel meeting')
  await recordNextStep(coordinator, /The review panel agrees the draft/)
  await look(coordinator, '51-coordinator-panel-agreed')

  await followLink(coordinator, 'header a[href="/dashboard"], nav a[href="/dashboard"]')
  assert.match(await coordinator.locator('#your-tasks').innerText(), /Write the publication details/)
  await followLink(coordinator, `#your-tasks a[href="/reviews/${childM}/publication#details"]`)
  await typeInto(coordinator, '#summary', SUMMARY)
  for (const theme of ['domestic_abuse', 'parental_substance_misuse']) {
    await tabTo(coordinator, `input[name="themes"][value="${theme}"]`, 120)
    await coordinator.keyboard.press('Space')
  }
  await typeInto(coordinator, '#keywords', 'head injury, non-mobile baby, aliases')
  await tabTo(coordinator, 'form[action$="/publication/details"] button.govuk-button', 60)
  await Promise.all([coordinator.waitForEvent('load'), coordinator.keyboard.press('Enter')])
  if (await coordinator.locator('.govuk-error-summary').count()) {
    assert.fail(await coordinator.locator('.govuk-error-summary').innerText())
  }
  assert.match(await coordinator.locator('.govuk-notification-banner').innerText(), /Publication details saved\./)
  assert.match(await coordinator.locator('#entry').innerText(), /Marlshire – Child M/)
  await look(coordinator, '52-coordinator-details')
  await coordinator.close()
})

test('each statutory partner signs off for itself from Home', async () => {
  const partners: Array<[string, string, RegExp]> = [
    ['chair@marlshire.example', 'Director of Children’s Services', /local authority/i],
    ['police.partner@marlshire.example', 'Detective Superintendent, Public Protection', /police/i],
    ['health.partner@marlshire.example', 'Chief Nurse, integrated care board', /health/i],
  ]
  for (const [index, [email, role, partner]] of partners.entries()) {
    const signer = await home(email)
    const task = signer.locator('#your-tasks li', { hasText: 'Child M' })
    assert.match(await task.innerText(), new RegExp(`Sign off the report for the ${partner.source}`, 'i'))
    await followLink(signer, `#your-tasks a[href="/reviews/${childM}/publication"]`)
    await typeInto(signer, '#signerRole', role)
    const button = 'form[action$="/publication/sign-off"] button.govuk-button'
    assert.match(await signer.locator(button).innerText(), partner)
    await tabTo(signer, button, 120)
    await Promise.all([signer.waitForEvent('load'), signer.keyboard.press('Enter')])
    assert.match(await signer.locator('.govuk-notification-banner').innerText(), /Your sign-off is recorded\./)
    assert.match(await signer.locator('#partner-sign-offs').innerText(), new RegExp(role))
    await look(signer, `6${index}-partner-signed-${index}`)
    await signer.close()
  }
})

test('the coordinator records the family told, both documents anonymised, the report sent to the Panel and the embargo lifted', async () => {
  const coordinator = await home('coordinator@marlshire.example')
  await followLink(coordinator, `#your-tasks a[href="/reviews/${childM}/publication"]`)
  await typeToday(coordinator)
  await typeInto(coordinator, '#how', 'At a meeting with the lead reviewer')
  await recordNextStep(coordinator, /The family is told before publication/)
  await recordNextStep(coordinator, /Both documents are anonymised/)
  await typeToday(coordinator)
  await recordNextStep(coordinator, /The report is sent to the national Panel/)
  assert.match(await coordinator.locator('#embargo').innerText(), /Criminal proceedings are not finished/)
  await tabTo(coordinator, '#outcome', 120)
  await coordinator.keyboard.press('Space')
  await typeToday(coordinator)
  await typeInto(coordinator, '#note', 'The Crown Court trial ended and the judge allowed reporting')
  await recordNextStep(coordinator, /No unfinished criminal process holds publication back/)
  assert.match(
    await coordinator.locator('#embargo').innerText(),
    /The embargo was lifted on .+: Criminal proceedings concluded\. Reason: The Crown Court trial ended/,
  )
  await look(coordinator, '70-coordinator-embargo-lifted')
  await coordinator.close()
})

test('the chair will not accept an empty child’s voice; the lead reviewer writes it from Home; the chair approves the entry shown', async () => {
  let chair = await home('chair@marlshire.example')
  await followLink(chair, `#your-tasks a[href="/reviews/${childM}/publication"]`)
  assert.match(await chair.locator('#next-step').innerText(), /The chair approves publication/)
  assert.match(await chair.locator('#readiness-clear').innerText(), /Nothing blocks approval/)
  assert.match(await chair.locator('#readiness-empty').innerText(), /The child’s voice is empty/)
  // Approving without accepting the empty sections is refused.
  await tabTo(chair, 'form[action$="/publication/approval"] button.govuk-button', 200)
  await Promise.all([chair.waitForEvent('load'), chair.keyboard.press('Enter')])
  assert.match(
    await chair.locator('.govuk-error-summary').innerText(),
    /Confirm that you accept the empty sections are not published/,
  )
  await look(chair, '80-chair-empty-voice')
  await chair.close()

  const reviewer = await home('reviewer@marlshire.example')
  await followLink(reviewer, `#your-tasks a[href="/reviews/${childM}/report/overview-report"]`)
  await rewriteSection(
    reviewer,
    'childs_voice',
    () =>
      'Child M was nine months old and could not say what her life was like. The review looked for her experience in what practitioners saw: her weight, her care, her bruising and her brother’s account of home.',
  )
  await sendAndMarkAnonymised(reviewer, '81-reviewer-child-voice-anonymised')
  await followLink(reviewer, 'header a[href="/dashboard"], nav a[href="/dashboard"]')
  assert.doesNotMatch(await reviewer.locator('main').innerText(), /The child’s voice/)
  await reviewer.close()

  chair = await home('chair@marlshire.example')
  await followLink(chair, `#your-tasks a[href="/reviews/${childM}/publication"]`)
  assert.match(await chair.locator('#readiness-clear').innerText(), /Nothing blocks approval/)
  assert.doesNotMatch(await chair.locator('#readiness-empty').innerText(), /The child’s voice/)
  // The exact entry the public will see.
  approvedEntry = {
    title: await chair.locator('#entry .govuk-summary-list__row', { hasText: 'Title' }).locator('dd').innerText(),
    summary: await chair.locator('#entry-summary').innerText(),
  }
  assert.equal(approvedEntry.title.trim(), `${todayInEngland(walk.testApp.now()).slice(0, 4)} – Marlshire – Child M`)
  assert.equal(approvedEntry.summary.trim(), SUMMARY)
  await tabTo(chair, '#acceptEmptySections', 200)
  await chair.keyboard.press('Space')
  await recordNextStep(chair, /The chair approves publication/)
  await look(chair, '82-chair-approved')
  await chair.close()
})

test('after the Panel’s notice the coordinator publishes from Home; the embargo’s record stays', async () => {
  let coordinator = await home('coordinator@marlshire.example')
  await followLink(coordinator, `#your-tasks a[href="/reviews/${childM}/publication"]`)
  assert.match(await coordinator.locator('#step-problems').innerText(), /cannot be published before/)
  await coordinator.close()
  walk.testApp.advance(10 * 24 * 60 * 60 * 1000)
  coordinator = await home('coordinator@marlshire.example')
  await followLink(coordinator, `#your-tasks a[href="/reviews/${childM}/publication"]`)
  await tabTo(coordinator, 'form[action$="/publication/publish"] button.govuk-button', 120)
  await Promise.all([coordinator.waitForEvent('load'), coordinator.keyboard.press('Enter')])
  assert.match(
    await coordinator.locator('.govuk-notification-banner').innerText(),
    /published in the national repository/,
  )
  assert.match(
    await coordinator.locator('#embargo').innerText(),
    /The embargo was lifted on .+: Criminal proceedings concluded\. Reason: The Crown Court trial ended/,
  )
  await look(coordinator, '90-coordinator-published')
  await followLink(coordinator, 'a.govuk-back-link')
  assert.match(await coordinator.locator('main').innerText(), /Stage: Action monitoring/)
  await coordinator.close()
})

test('a member of the public finds Child M’s published review by a word from it, with no real name on the page', async () => {
  const page = await (await walk.browser.newContext()).newPage()
  await page.goto(`${walk.base}/`)
  await followLink(page, 'a[href="/repository"]')
  await tabTo(page, '#q')
  await page.keyboard.type('aliases')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  await look(page, '95-public-search-aliases')
  const results = page.locator('main .app-result')
  assert.equal(await results.count(), 1)
  assert.match(await results.innerText(), /Child M/)
  await followLink(page, 'main .app-result a[href^="/repository/reviews/"]')
  const text = await page.locator('main').innerText()
  assert.match(text, new RegExp(approvedEntry.title.trim()))
  assert.ok(text.includes(SUMMARY), 'the public page shows the summary the chair approved')
  assert.deepEqual(realNamesIn(await page.content()), [], 'no real name of the demo case on the public page')
  await look(page, '96-public-child-m')
  await page.context().close()
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
