/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { openDatabase } from '../../src/db/database.ts'
import { DEMO_PASSWORD } from '../../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../../src/modules/auth/credentials.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { assertAccessible, launchBrowser, tabTo } from './browser.ts'

let testApp: TestApp
let browser: Browser
let base = ''

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await testApp?.close()
})

async function codeFor(email: string): Promise<string> {
  const user = await testApp.services.repositories.users.credentialsByEmail(email)
  return currentTotpCode(user!.totpSecret!, testApp.now())
}

describe('signing in with a browser', () => {
  test('public pages pass axe', async () => {
    const page = await (await browser.newContext()).newPage()
    for (const path of ['/', '/sign-in', '/cookies', '/accessibility', '/no-such-page', '/invitation/expired-link']) {
      await page.goto(base + path)
      await assertAccessible(page)
    }
    await page.context().close()
  })

  test('keyboard only: skip link, sign in, enrol the authenticator, see recovery codes, be refused a page, sign out', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${base}/sign-in`)
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to main content')

    // A wrong password first: the error summary is shown and accessible.
    await tabTo(page, '#email')
    await page.keyboard.type('coordinator@marlshire.example')
    await tabTo(page, '#password')
    await page.keyboard.type('not the password')
    await page.keyboard.press('Enter')
    await page.waitForLoadState()
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a correct email address and password/)
    await assertAccessible(page)

    await page.locator('#password').focus()
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/sign-in/set-up-authenticator`)
    await assertAccessible(page)
    const secret = (await page.locator('#secret').innerText()).replace(/\s+/g, '')
    assert.match(secret, /^[A-Z2-7]{16,}$/)

    await tabTo(page, '#code')
    await page.keyboard.type(await codeFor('coordinator@marlshire.example'))
    await page.keyboard.press('Enter')
    await page.waitForSelector('#recovery-codes')
    assert.equal(await page.locator('#recovery-codes li').count(), 10)
    await assertAccessible(page)

    await tabTo(page, 'a.govuk-button')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/dashboard`)
    assert.match(await page.locator('h1').innerText(), /Review coordinator/)
    await assertAccessible(page)

    // A coordinator is refused user administration.
    const refused = await page.goto(`${base}/admin/users`)
    assert.equal(refused?.status(), 403)
    assert.match(await page.locator('h1').innerText(), /You do not have permission/)
    await assertAccessible(page)

    await tabTo(page, 'form[action="/sign-out"] button')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/signed-out`)
    await assertAccessible(page)
    await page.goto(`${base}/dashboard`)
    assert.equal(new URL(page.url()).pathname, '/sign-in')
    await page.context().close()
  })

  test('an administrator signs in with a code; every admin page passes axe; names come back as text', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const email = 'admin@marlshire.example'
    // Enrol once through the service so that this journey uses the code page.
    await page.goto(`${base}/sign-in`)
    await page.fill('#email', email)
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('form[action="/sign-in"] button[type=submit]:not([hidden])')
    await page.waitForURL(`${base}/sign-in/set-up-authenticator`)
    await page.fill('#code', await codeFor(email))
    await page.click('main form button.govuk-button')
    await page.waitForSelector('#recovery-codes')
    await page.goto(`${base}/dashboard`)
    await page.click('form[action="/sign-out"] button')

    testApp.advance(30_000)
    await page.goto(`${base}/sign-in`)
    await page.fill('#email', email)
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('form[action="/sign-in"] button[type=submit]:not([hidden])')
    await page.waitForURL(`${base}/sign-in/code`)
    await assertAccessible(page)
    await page.fill('#code', await codeFor(email))
    await page.click('main form button.govuk-button')
    await page.waitForURL(`${base}/dashboard`)

    await page.goto(`${base}/admin/users/invite`)
    await page.click('main form button.govuk-button')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the person’s full name/)
    await assertAccessible(page)
    await page.fill('#displayName', '<img src=x onerror=alert(1)>Pat')
    await page.fill('#email', 'pat@marlshire.example')
    await page.check('#role-2')
    await page.click('main form button.govuk-button')
    await page.waitForSelector('#invitation-link')
    await assertAccessible(page)

    await page.goto(`${base}/admin/users`)
    await assertAccessible(page)
    assert.ok(await page.getByText('<img src=x onerror=alert(1)>Pat').isVisible(), 'the name is shown as text')
    assert.equal(await page.locator('img[src="x"]').count(), 0)
    await page.getByText('<img src=x onerror=alert(1)>Pat').click()
    await assertAccessible(page)
    await page.goto(`${base}/admin/audit`)
    await assertAccessible(page)
    await context.close()
  })

  test('without JavaScript the sign-in with a code and a form submission work', async () => {
    // axe cannot run without JavaScript; these pages are scanned in the tests above.
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const email = 'admin@marlshire.example'
    testApp.advance(30_000)
    await page.goto(`${base}/sign-in`)
    await page.fill('#email', email)
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('form[action="/sign-in"] button[type=submit]:not([hidden])')
    await page.waitForURL(`${base}/sign-in/code`)
    await page.fill('#code', await codeFor(email))
    await page.click('main form button.govuk-button')
    await page.waitForURL(`${base}/dashboard`)
    await page.goto(`${base}/admin/users/invite`)
    await page.fill('#displayName', 'Robin Without Script')
    await page.fill('#email', 'robin.noscript@marlshire.example')
    await page.check('#role-3')
    await page.click('main form button.govuk-button')
    await page.waitForSelector('#invitation-link')
    assert.match(await page.locator('.govuk-panel').innerText(), /Invitation created/)
    await context.close()
  })
})
