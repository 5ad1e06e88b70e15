/// <reference lib="dom" />
import { AxeBuilder } from '@axe-core/playwright'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Config } from '../../src/config.ts'
import { openDatabase } from '../../src/db/database.ts'
import { DEMO_PASSWORD } from '../../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../../src/modules/auth/credentials.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

/** Debian's Chromium (installed by `.ci/run`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launch headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** The app listening on a local port, its address, and a browser to drive it. */
export interface BrowserApp {
  testApp: TestApp
  browser: Browser
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string
  close(): Promise<void>
}

/**
 * Start the real app on an in-memory SQLite database (demo partnership and users; `overrides` turn
 * on more of the demo seed), listen on a free local port and launch Chromium: the set-up every
 * browser test shares.
 */
export async function startBrowserApp(overrides: Partial<Config> = {}): Promise<BrowserApp> {
  const testApp = await startTestApp(openDatabase('sqlite::memory:'), overrides)
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  const browser = await launchBrowser()
  return {
    testApp,
    browser,
    base,
    close: async () => {
      await browser.close()
      await testApp.close()
    },
  }
}

/** Follow a link with the keyboard: Tab to it, press Enter, and wait for the page it opens. */
export async function followLink(page: Page, selector: string, limit = 200): Promise<void> {
  await tabTo(page, selector, limit)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

/**
 * Run axe on the page (WCAG 2.2 A and AA rules and axe's best-practice rules, such as "region",
 * "landmark-one-main" and "heading-order") and fail with the violations listed. Every page every
 * browser test visits goes through here, so best practice holds on all of them.
 */
export async function assertAccessible(page: Page): Promise<void> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
  const results = await new AxeBuilder({ page }).withTags(tags).analyze()
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`)
}

/** Press Tab until the element matching `selector` has focus (at most `limit` presses); fails otherwise. */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
  }
  assert.fail(`Could not reach ${selector} with the keyboard`)
}

/** Type into a field with the keyboard (no mouse), replacing what is there. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.focus(selector)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(text)
}

/** Press a button with the keyboard and wait for the page it leads to. */
export async function pressButton(page: Page, selector: string): Promise<void> {
  await page.focus(selector)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

/**
 * Sign a demo user in through the pages, with the keyboard: password, then enrolment if needed.
 * `codeFor` gives the current code for the user's stored secret on the app's clock.
 */
export async function signInWithKeyboard(
  browser: Browser,
  base: string,
  email: string,
  password: string,
  codeFor: (email: string) => Promise<string>,
): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${base}/sign-in`)
  await typeInto(page, '#email', email)
  await typeInto(page, '#password', password)
  await pressButton(page, 'form[action="/sign-in"] button[type=submit]:not([hidden])')
  if (page.url().endsWith('/set-up-authenticator')) {
    await typeInto(page, '#code', await codeFor(email))
    await pressButton(page, 'main form button.govuk-button')
  }
  return page
}

/**
 * Sign a demo user of `testApp` in with the keyboard: enrolling the authenticator the first time,
 * typing the current code at later sign-ins. Fails the test if any page opens a dialog (no script
 * may run from what users typed).
 */
export async function signInDemoUser(browser: Browser, base: string, testApp: TestApp, email: string): Promise<Page> {
  const codeFor = async (who: string) => {
    const user = await testApp.services.repositories.users.credentialsByEmail(who)
    return currentTotpCode(user!.totpSecret!, testApp.now())
  }
  const page = await signInWithKeyboard(browser, base, email, DEMO_PASSWORD, codeFor)
  if (page.url().endsWith('/sign-in/code')) {
    // A code already used in this 30-second step would be refused as a replay: move on a step.
    testApp.advance(30_000)
    await typeInto(page, '#code', await codeFor(email))
    await pressButton(page, 'main form button.govuk-button')
  }
  page.on('dialog', (dialog) => assert.fail(`A dialog opened: ${dialog.message()}`))
  return page
}
