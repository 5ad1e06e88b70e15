/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { assertAccessible, launchBrowser, signInDemoUser, tabTo } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''

before(async () => {
  // A fresh start of the demo: the invented published reviews are seeded, nothing else is added.
  testApp = await startTestApp(openDatabase('sqlite::memory:'), { seedDemoRepository: true })
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

const accessible = (page: Page) => assertAccessible(page)

/** Press Enter on the focused link and wait for the page it opens. */
async function follow(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

describe('the live demo repository in a browser', () => {
  test('a member of the public finds a published review from /repository by keyboard; axe best practice clean', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${base}/repository`)
    assert.match(await page.locator('#latest').innerText(), /Latest published reviews/)
    assert.ok((await page.locator('.app-result').count()) >= 10, 'the latest reviews are listed before any search')
    await accessible(page)

    // Skip link first, then the search box: type, press Enter.
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to main content')
    await tabTo(page, '#q')
    await page.keyboard.type('neglect')
    await follow(page)
    assert.match(page.url(), /q=neglect/)
    const count = Number(/^(\d+) published reviews/.exec(await page.locator('#result-count').innerText())?.[1])
    assert.ok(count >= 5, `"neglect" finds ${count}`)
    await accessible(page)

    // The first result, by keyboard.
    const title = (await page.locator('.app-result__title a').first().innerText()).trim()
    await tabTo(page, '.app-result__title a', 120)
    await follow(page)
    assert.match(page.url(), /\/repository\/reviews\//)
    assert.equal((await page.locator('h1').innerText()).trim(), title)
    assert.match(await page.locator('#recommendations').innerText(), /Recommended before/)
    await accessible(page)
  })

  test('statistics and the API page pass axe with best practice; the API page links to the JSON', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${base}/repository/statistics`)
    assert.ok(await page.locator('#year-chart svg').isVisible(), 'the by-year chart is drawn')
    await accessible(page)

    await page.goto(`${base}/repository/statistics?reviewType=rapid_review`)
    assert.match(await page.locator('#year-chart-note').innerText(), /fewer than 5/)
    assert.ok(await page.locator('#year-table').isVisible(), 'the table is always there')
    await accessible(page)

    await page.goto(`${base}/repository`)
    await page.getByRole('link', { name: 'API for software' }).click()
    await page.waitForURL(`${base}/api`)
    assert.equal(await page.locator('h1').innerText(), 'Published reviews API')
    await accessible(page)
    const json = await page.request.get(`${base}${await page.locator('#openapi-link').getAttribute('href')}`)
    assert.equal((await json.json()).openapi, '3.0.3')
  })

  test('signed in, the service header carries the identity and no GOV.UK branding; pages pass axe best practice', async () => {
    const page = await signInDemoUser(browser, base, testApp, 'coordinator@marlshire.example')
    await page.goto(`${base}/`)
    assert.match(page.url(), /\/dashboard$/)
    const header = page.locator('header.govuk-template__header')
    assert.match(await header.innerText(), /Case Review[\s\S]*Beta[\s\S]*Signed in as\s+Priya Demo/)
    assert.equal(await page.locator('.govuk-header, .govuk-footer__crown, .govuk-footer__copyright-logo').count(), 0)
    assert.doesNotMatch(await page.locator('footer').innerText(), /Crown copyright/)
    await accessible(page)
  })
})
