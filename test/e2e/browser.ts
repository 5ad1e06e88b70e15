/// <reference lib="dom" />
import { AxeBuilder } from '@axe-core/playwright'
import assert from 'node:assert/strict'
import { chromium, type Browser, type Page } from 'playwright-core'

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

/** Run axe on the page (WCAG 2.2 A and AA rules) and fail with the violations listed. */
export async function assertAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
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
