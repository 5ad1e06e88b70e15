/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'
import { sharedDataDir } from '../../src/shared-data.ts'
import { actorFor, startTestApp, type TestApp } from '../support/app.ts'
import { AxeBuilder } from '@axe-core/playwright'
import { assertAccessible as assertWcag, launchBrowser, pressButton, signInDemoUser, tabTo } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''
const shots = process.env.SCREENSHOT_DIR
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
}

/**
 * The demo case "Child M" with its people and places and the demo executive summary draft added as a
 * document to anonymise (the reports slice's journey sends it; here it is added through the service).
 */
before(async () => {
  if (shots) mkdirSync(shots, { recursive: true })
  testApp = await startTestApp(openDatabase('sqlite::memory:'), { seedDemoReviews: true })
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
  const coordinator = await actorFor(testApp, 'coordinator@marlshire.example')
  const review = await testApp.services.database.db
    .selectFrom('review')
    .select('id')
    .where('pseudonym', '=', 'Child M')
    .executeTakeFirstOrThrow()
  const folder = join(sharedDataDir(), 'demo-case')
  const { people } = await testApp.services.caseKnowledge.overview(coordinator, review.id, { reveal: false })
  if (people.length === 0)
    await testApp.services.caseKnowledge.importFiles(
      coordinator,
      review.id,
      readFileSync(join(folder, 'cast.json'), 'utf8'),
      readFileSync(join(folder, 'places.json'), 'utf8'),
    )
  await testApp.services.caseKnowledge.createDocument(
    coordinator,
    review.id,
    'Executive summary (demo draft)',
    readFileSync(join(folder, 'executive-summary-draft.md'), 'utf8'),
  )
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

/**
 * WCAG A/AA on the whole page, and axe's best-practice rules on this slice's content (`main`: the
 * header, banner and landmarks around it belong to the layout).
 */
async function assertAccessible(page: Page): Promise<void> {
  await assertWcag(page)
  const results = await new AxeBuilder({ page }).include('main').withTags(['best-practice']).analyze()
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
  assert.deepEqual(summary, [], `axe best-practice violations on ${page.url()}`)
}

/** Follow a link with the keyboard: Tab to it, press Enter, wait for the page. */
async function follow(page: Page, selector: string, limit = 80): Promise<void> {
  await tabTo(page, selector, limit)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

/** Follow the link in `scope` whose words include `text`, with the keyboard. */
async function followText(page: Page, scope: string, text: string, limit = 80): Promise<void> {
  const href = await page.locator(`${scope} a`, { hasText: text }).first().getAttribute('href')
  assert.ok(href, `a link "${text}" in ${scope}`)
  await follow(page, `a[href="${href}"]`, limit)
}

test('the lead reviewer checks a demo document by keyboard: explanation on focus, keep one, mask missed words, grouped findings', async () => {
  const page = await signInDemoUser(browser, base, testApp, 'reviewer@marlshire.example')
  await page.goto(`${base}/dashboard`)
  await follow(page, 'a[href="/reviews"]')
  // the review's row: its reference is the link
  const review = await page.locator('main tr', { hasText: 'Child M' }).locator('a').first().getAttribute('href')
  await follow(page, `a[href="${review}"]`)
  await follow(page, 'a[href$="/documents"]')
  await assertAccessible(page)
  await followText(page, 'main', 'Executive summary (demo draft)')
  await assertAccessible(page)

  // the second section: "Why this review was carried out"
  await followText(page, '#contents', 'Why this review was carried out')
  await assertAccessible(page)
  const text = await page.locator('#anonymised').innerText()
  assert.match(text, /cared for by her mother's partner, who has been charged/)
  assert.match(text, /lives with their maternal grandmother in a nearby village/)
  assert.doesNotMatch(text, /Maisie|Calloway|Hollis|Millrace/)

  // a replacement is reached by Tab and explains itself on focus
  await tabTo(page, '#anonymised .app-replacement__link')
  const tip = page.locator('.app-replacement:focus-within .app-replacement__tip')
  assert.equal(await tip.isVisible(), true)
  assert.match(await tip.innerText(), /^Replaces .+\. Found by .+ Score \d\.\d\d\. Not checked yet\.$/)
  await shot(page, '1-replacement-focused')
  // Escape dismisses it without moving focus
  await page.keyboard.press('Escape')
  assert.equal(await tip.isVisible(), false)
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  assert.equal(await tip.isVisible(), true)
  // Enter goes to its explanation in the list, from where it is kept
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'))
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => location.hash), focused)
  const n = focused!.slice(3)
  await follow(page, `a[href*="/replacements/${n}"]`, 200)
  await assertAccessible(page)
  assert.doesNotMatch(await page.locator('main').innerText(), /Maisie|Calloway/)
  await tabTo(page, '#choice')
  await page.keyboard.press('Space')
  await shot(page, '2-decision-page')
  await pressButton(page, '#save-decision')
  assert.match((await page.locator(`#m-${n}`).getAttribute('class')) ?? '', /app-replacement--kept/)
  assert.match(await page.locator('#decisions').innerText(), /Keep the replacement/)

  // a missed phrase: the paragraph, then its first and last word
  await tabTo(page, '#paragraph', 200)
  const paragraph = await page.locator('#paragraph option').nth(1).getAttribute('value')
  await page.selectOption('#paragraph', paragraph!)
  await pressButton(page, '#choose-words')
  await assertAccessible(page)
  const words = await page.locator('#from option').allInnerTexts()
  const first = words.findIndex((w) => /\. rapid$/.test(w))
  assert.ok(first >= 0, 'the paragraph offers its words')
  await tabTo(page, '#from')
  await page.selectOption('#from', String(first))
  await tabTo(page, '#to')
  await page.selectOption('#to', String(first + 1))
  await tabTo(page, '#replacement')
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('a review')
  await shot(page, '3-mask-words')
  await pressButton(page, '#mask-words')
  assert.match(await page.locator('#anonymised').innerText(), /held a review in March 2024/)
  assert.match(await page.locator('#decisions').innerText(), /Mask missed words as “a review”/)
  await assertAccessible(page)

  // leaving the mother's partner's name as written: the gate lists it once, with its paragraphs
  await followText(page, '#contents', 'What happened', 200)
  const partner = await page.locator('#replacements li', { hasText: "Mother's partner" }).first().getAttribute('id')
  await follow(page, `a[href*="/replacements/${partner!.slice(2)}"]`, 200)
  // radios are one stop for Tab; the arrow keys choose among them
  await tabTo(page, '#choice')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  assert.equal(await page.isChecked('#choice-3'), true)
  await pressButton(page, '#save-decision')
  const findings = page.locator('#leaks .app-finding')
  assert.ok((await findings.count()) >= 1)
  const grouped = await findings.first().innerText()
  assert.match(grouped, /\(\d+ times\)/)
  assert.match(grouped, /Paragraphs \d+, \d+/)
  await shot(page, '4-grouped-findings')
  await assertAccessible(page)
  // each paragraph number links to the place in the text
  await follow(page, '#leaks .app-finding a', 200)
  assert.match(page.url(), /\?section=\d+#para-\d+$/)
  assert.equal(await page.locator(`${new URL(page.url()).hash}`).count(), 1)
  await shot(page, '5-finding-place')
})

test('with JavaScript, selecting words in the paragraph fills the first and last word', async () => {
  const page = await signInDemoUser(browser, base, testApp, 'reviewer@marlshire.example')
  const review = await testApp.services.database.db
    .selectFrom('review')
    .select('id')
    .where('pseudonym', '=', 'Child M')
    .executeTakeFirstOrThrow()
  const doc = await testApp.services.database.db
    .selectFrom('review_document')
    .select('id')
    .where('review_id', '=', review.id)
    .executeTakeFirstOrThrow()
  await page.goto(`${base}/reviews/${review.id}/documents/${doc.id}/mask?paragraph=3`)
  assert.equal(await page.locator('.app-js-only').isVisible(), true)
  // select "Safeguarding Children" in the quoted paragraph, as a mouse drag would
  await page.evaluate(() => {
    const p = document.querySelector('#paragraph p')!
    const node = [...p.childNodes].find(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('Safeguarding'),
    )!
    const at = node.textContent!.indexOf('Safeguarding Children')
    const range = document.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + 'Safeguarding Children'.length)
    document.getSelection()!.removeAllRanges()
    document.getSelection()!.addRange(range)
    p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
  })
  const chosen = async (id: string) => page.locator(`#${id} option:checked`).innerText()
  assert.match(await chosen('from'), /\. Safeguarding$/)
  assert.match(await chosen('to'), /\. Children$/)

  // on the document page, words selected in a paragraph are offered for masking, already chosen
  await page.goto(`${base}/reviews/${review.id}/documents/${doc.id}?section=2`)
  assert.equal(await page.locator('#mask-selection-link').isVisible(), false)
  await page.evaluate(() => {
    const p = document.querySelector('#para-3 p')!
    const node = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('Independent'))!
    const at = node.textContent!.indexOf('Independent reviewer')
    const range = document.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + 'Independent reviewer'.length)
    document.getSelection()!.removeAllRanges()
    document.getSelection()!.addRange(range)
    p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
  })
  assert.equal(await page.locator('#mask-selection-link').innerText(), 'Mask “Independent reviewer”')
  await pressButton(page, '#mask-selection-link')
  assert.match(await chosen('from'), /\. Independent$/)
  assert.match(await chosen('to'), /\. reviewer$/)
})
