/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import PDFDocument from 'pdfkit'
import { openDatabase } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { assertAccessible, launchBrowser } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''
const XSS = '<img src=x onerror="window.__xss=1">'

async function pdfBytes(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument()
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  doc.text(text)
  doc.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  const user = (await testApp.services.repositories.users.findByEmail('coordinator@marlshire.example'))!
  const actor = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: 'coordinator' as const,
    partnershipId: null,
    agencyId: null,
    ip: null,
    userAgent: null,
  }
  for (let i = 0; i < 8; i++) {
    await testApp.services.publishedReviews.publish(actor, {
      pseudonym: `Child ${String.fromCharCode(65 + i)}`,
      year: 2018 + i,
      area: i === 3 ? `Area ${XSS}` : `Area ${i % 2}`,
      reviewType: i % 2 ? 'lcspr' : 'scr',
      childAgeBand: i % 2 ? 'under_1' : '16_17',
      themes: i % 2 ? ['neglect', 'information_sharing'] : ['sudden_unexpected_infant_death_unsafe_sleep'],
      summary: `The child was ${i % 2 ? 'neglected' : 'sleeping in an unsafe place'}. ${XSS}`,
      recommendations: ['Health visitors should discuss safe sleep with both parents at every visit.'],
      documents: [
        { title: 'Overview report', html: `<h2>Findings</h2><p>Safe sleep advice was not given. ${XSS}</p>` },
        { title: 'Overview report (PDF)', file: { fileName: 'overview.pdf', data: await pdfBytes('Overview report') } },
      ],
      confirmedAnonymised: true,
    })
  }
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

describe('the public repository in a browser', () => {
  test('search, filter, open a review, open a document, download the PDF; every page passes axe', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(`${base}/`)
    await page.getByRole('link', { name: 'Published reviews', exact: true }).click()
    await page.waitForURL(`${base}/repository`)
    await assertAccessible(page)

    await page.locator('#q').fill('neglect')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=neglect/)
    assert.match(await page.locator('#result-count').innerText(), /^4 published reviews/)
    assert.equal(
      await page
        .locator('.app-result mark')
        .first()
        .innerText()
        .then((t) => /neglect/i.test(t)),
      true,
    )
    await assertAccessible(page)

    // Filter by age (a facet) without JavaScript-only controls: open the section, choose, apply.
    await page.locator('summary', { hasText: 'Age of the child' }).click()
    await page.getByLabel(/Under 1 \(4\)/).check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/childAgeBand=under_1/)
    assert.match(await page.locator('#selected-filters').innerText(), /Under 1/)
    await assertAccessible(page)

    await page.locator('.app-result a').first().click()
    await page.waitForURL(/\/repository\/reviews\//)
    assert.match(await page.locator('h1').innerText(), /Child/)
    assert.match(await page.locator('#recommendations').innerText(), /safe sleep/)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Overview report', exact: true }).click()
    await page.waitForURL(/\/documents\//)
    assert.match(await page.locator('#document').innerText(), /Safe sleep advice was not given/)
    await assertAccessible(page)
    await page.goBack()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Overview report (PDF)' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'overview.pdf')

    // The XSS payload in an area and a summary comes back as text, never run.
    await page.goto(`${base}/repository?q=unsafe`)
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined)
    assert.match(await page.locator('#results').innerText(), /<img src=x/)

    for (const path of [
      '/repository?q=zebracrossing',
      '/repository/statistics?themes=neglect',
      '/repository/themes/neglect',
    ]) {
      await page.goto(base + path)
      await assertAccessible(page)
    }
    await context.close()
  })
})
