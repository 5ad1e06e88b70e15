/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import PDFDocument from 'pdfkit'
import { openDatabase } from '../../src/db/database.ts'
import { DEMO_PASSWORD } from '../../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../../src/modules/auth/credentials.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import {
  assertAccessible,
  launchBrowser,
  pressButton,
  signInDemoUser,
  signInWithKeyboard,
  tabTo,
  typeInto,
} from './browser.ts'

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

describe('the bulk upload of published reports in a browser', () => {
  test('a curator uploads reports with a metadata CSV, sees a problem row, corrects the CSV, and publishes all — keyboard only, axe on every page', async () => {
    const page = await signInWithKeyboard(browser, base, 'coordinator@marlshire.example', DEMO_PASSWORD, async (e) => {
      const user = await testApp.services.repositories.users.credentialsByEmail(e)
      return currentTotpCode(user!.totpSecret!, testApp.now())
    })
    page.on('dialog', (dialog) => assert.fail(`A dialog opened: ${dialog.message()}`))
    const report = (pseudonym: string) => ({
      name: `${pseudonym.toLowerCase().replace(' ', '-')}.html`,
      mimeType: 'text/html',
      buffer: Buffer.from(
        `<h1>Local Child Safeguarding Practice Review: ${pseudonym}</h1><p>Published April 2024. ${pseudonym} was 15 years old and was criminally exploited through county lines, going missing from school many times.</p>`,
      ),
    })
    const csv = (rows: string[]) => ({
      name: 'metadata.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['file,area,themes', ...rows].join('\n')),
    })
    /** Choose files from a file input with the keyboard: Tab to it, Space opens the chooser. */
    const chooseFiles = async (selector: string, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) => {
      await tabTo(page, selector, 80)
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 100_000 }), page.keyboard.press('Space')])
      await chooser.setFiles(files)
    }
    const upload = async (rows: string[]) => {
      await page.goto(`${base}/repository/ingest/bulk`)
      await assertAccessible(page)
      await chooseFiles('#files', [report('Child Y'), report('Child Z')])
      await chooseFiles('#csv', [csv(rows)])
      await pressButton(page, 'form[action="/repository/ingest/bulk"] button.govuk-button')
    }

    await upload([`child-y.html,Northam,criminal_exploitation`, `child-z.html,Westbury,"${XSS.replace(/"/g, '""')}"`])
    assert.match(await page.locator('h1').innerText(), /There are problems with the upload/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Row 3 \(child-z\.html\): .* is not a theme in the list/,
    )
    assert.equal(await page.getByRole('button', { name: /Publish all/ }).count(), 0)
    // The payload in the CSV comes back as text, never run.
    assert.match(await page.locator('#rows').innerText(), /<img src=x/)
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined)
    await assertAccessible(page)

    await upload([`child-y.html,Northam,criminal_exploitation`, `child-z.html,Westbury,Missing from home or education`])
    assert.match(await page.locator('h1').innerText(), /Check the reports before publishing/)
    await assertAccessible(page)
    // Without the anonymisation statement: an error, nothing published.
    await pressButton(page, 'form[action$="/confirm"] button.govuk-button')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Confirm that every report is the anonymised/)
    await assertAccessible(page)
    await tabTo(page, '#confirmedAnonymised', 80)
    await page.keyboard.press('Space')
    await pressButton(page, 'form[action$="/confirm"] button.govuk-button')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /2 reviews were published/)
    await assertAccessible(page)

    await page.goto(`${base}/repository?q=county+lines`)
    assert.match(await page.locator('#results').innerText(), /2024 – Northam – Child Y/)
    assert.match(await page.locator('#results').innerText(), /2024 – Westbury – Child Z/)
    await page.context().close()
  })

  test('a curator checks the suggested details of one report, sees the entry as it will appear, and publishes it — keyboard only, axe on every page', async () => {
    // signInDemoUser moves the clock on when the previous test already used this step's code.
    const page = await signInDemoUser(browser, base, testApp, 'coordinator@marlshire.example')
    await page.goto(`${base}/repository/ingest`)
    assert.match(await page.locator('h1').innerText(), /Add a published report/)
    await assertAccessible(page)
    await tabTo(page, '#file', 80)
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 100_000 }), page.keyboard.press('Space')])
    await chooser.setFiles({
      name: 'publication.html',
      mimeType: 'text/html',
      buffer: Buffer.from(
        '<h1>Local Child Safeguarding Practice Review: Child W</h1><p>Published May 2023. Child W, aged 15, was criminally exploited through county lines and went missing from school many times.</p>',
      ),
    })
    await pressButton(page, 'form[action="/repository/ingest"] button.govuk-button')
    assert.match(await page.locator('h1').innerText(), /Check the details before publishing/)
    assert.equal(await page.inputValue('#title'), 'Local Child Safeguarding Practice Review: Child W')
    await assertAccessible(page)
    // Continue without checking anything: every problem at once, nothing lost.
    await pressButton(page, 'form[action="/repository/ingest/confirm"] button.govuk-button')
    const errors = await page.locator('.govuk-error-summary').innerText()
    assert.match(errors, /Confirm that you have checked the details/)
    assert.match(errors, /Select whether to show the area or publish as Anonymous/)
    assert.equal(await page.inputValue('#title'), 'Local Child Safeguarding Practice Review: Child W')
    await assertAccessible(page)
    await typeInto(page, '#area', 'Eastvale')
    // In a radio group Tab reaches the first option and the arrow keys choose.
    await tabTo(page, '#anonymous', 120)
    await page.keyboard.press('ArrowDown')
    assert.equal(await page.isChecked('#anonymous-2'), true)
    await typeInto(page, '#summary', 'Child W, aged 15, was criminally exploited through county lines.')
    for (const box of ['#checked', '#confirmedAnonymised']) {
      await tabTo(page, box, 120)
      await page.keyboard.press('Space')
    }
    await pressButton(page, 'form[action="/repository/ingest/confirm"] button.govuk-button')
    assert.match(await page.locator('h1').innerText(), /Check the entry before publishing/)
    assert.match(await page.locator('.govuk-summary-list').innerText(), /2023 – Anonymous – Child W/)
    await assertAccessible(page)
    await pressButton(page, 'button[value="publish"]')
    assert.match(await page.locator('h1').innerText(), /Child W/)
    assert.doesNotMatch(await page.locator('main').innerText(), /Eastvale/)
    await assertAccessible(page)
    await page.context().close()
  })
})
