/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { SECOND_PARTNERSHIP_NAME, TWO_PARTNERSHIP_USER } from '../../src/db/seed/demo-second-partnership.ts'
import { DEMO_PASSWORD } from '../../src/db/seed/demo-seed.ts'
import { currentTotpCode } from '../../src/modules/auth/credentials.ts'
import { actorFor } from '../support/app.ts'
import { createSubmittedReview } from '../support/reviews.ts'
import { assertAccessible, startBrowserApp, tabTo, type BrowserApp } from './browser.ts'

let app: BrowserApp

before(async () => {
  app = await startBrowserApp()
  const { testApp } = app
  const coordinator = await actorFor(testApp, 'coordinator@marlshire.example')
  const fenbridge = (await testApp.services.repositories.partnerships.findByName(SECOND_PARTNERSHIP_NAME))!
  const jamie = (await testApp.services.repositories.users.findByEmail(TWO_PARTNERSHIP_USER.email))!
  await createSubmittedReview(testApp, coordinator, { pseudonym: 'Child Marlow' })
  await createSubmittedReview(
    testApp,
    { ...coordinator, userId: jamie.id, email: jamie.email, partnershipId: fenbridge.id },
    { pseudonym: 'Child Fenwick' },
  )
})
after(() => app?.close())

/** Sign the two-partnership user in with the keyboard, with or without JavaScript. */
async function signInJamie(javaScriptEnabled: boolean): Promise<Page> {
  const { browser, base, testApp } = app
  const code = async () => {
    const user = await testApp.services.repositories.users.credentialsByEmail(TWO_PARTNERSHIP_USER.email)
    return currentTotpCode(user!.totpSecret!, testApp.now())
  }
  const submit = (page: Page) => Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage()
  await page.goto(`${base}/sign-in`)
  await tabTo(page, '#email')
  await page.keyboard.type(TWO_PARTNERSHIP_USER.email)
  await tabTo(page, '#password')
  await page.keyboard.type(DEMO_PASSWORD)
  await submit(page)
  if (page.url().endsWith('/set-up-authenticator')) {
    await tabTo(page, '#code')
    await page.keyboard.type(await code())
    await submit(page)
    await page.goto(`${base}/dashboard`)
  } else {
    // A code already used in this 30-second step would be refused as a replay: move on a step.
    testApp.advance(30_000)
    await tabTo(page, '#code')
    await page.keyboard.type(await code())
    await submit(page)
  }
  return page
}

/** The reviews listed on /reviews. */
async function listedReviews(page: Page): Promise<string> {
  await page.goto(`${app.base}/reviews`)
  return page.locator('main').innerText()
}

/**
 * With the keyboard only: Tab to the header's switcher, choose the option for `partnership` with the
 * arrow keys, Tab to its button, Enter.
 */
async function switchWithKeyboard(page: Page, partnership: string): Promise<void> {
  await page.goto(`${app.base}/dashboard`)
  await tabTo(page, '#partnership-switcher')
  const select = page.locator('#partnership-switcher')
  const options = await select.locator('option').allInnerTexts()
  const target = options.findIndex((text) => text.startsWith(partnership))
  const current = await select.evaluate((element) => (element as HTMLSelectElement).selectedIndex)
  for (let i = current; i !== target; i += target > current ? 1 : -1) {
    await page.keyboard.press(target > current ? 'ArrowDown' : 'ArrowUp')
  }
  await tabTo(page, '.app-partnership-switcher button')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

describe('the partnership switcher', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`keyboard only, ${javaScriptEnabled ? 'with' : 'without'} JavaScript: switch partnership and see only its reviews`, async () => {
      const page = await signInJamie(javaScriptEnabled)
      // axe runs as a script in the page: with JavaScript off it cannot, and the markup is the same.
      const axe = javaScriptEnabled ? assertAccessible : async () => {}
      try {
        assert.equal(page.url(), `${app.base}/dashboard`)
        assert.match(await page.locator('.app-identity').innerText(), /Marlshire Safeguarding Children Partnership/)
        await axe(page)
        let reviews = await listedReviews(page)
        assert.match(reviews, /Child Marlow/)
        assert.doesNotMatch(reviews, /Child Fenwick/)
        await axe(page)

        await switchWithKeyboard(page, SECOND_PARTNERSHIP_NAME)
        assert.equal(page.url(), `${app.base}/dashboard`)
        assert.match(await page.locator('.app-identity').innerText(), /Fenbridge Safeguarding Children Partnership/)
        assert.match(
          await page.locator('#partnership-switcher option:checked').innerText(),
          /Fenbridge Safeguarding Children Partnership \(Review coordinator/,
        )
        await axe(page)
        reviews = await listedReviews(page)
        assert.match(reviews, /Child Fenwick/)
        assert.doesNotMatch(reviews, /Child Marlow/)

        // Back again, for the next run.
        await switchWithKeyboard(page, 'Marlshire')
        assert.match(await page.locator('.app-identity').innerText(), /Marlshire Safeguarding Children Partnership/)
      } finally {
        await page.context().close()
      }
    })
  }

  test('the choosing page: its error and its radios pass axe, and it works with the keyboard', async () => {
    const page = await signInJamie(true)
    try {
      await page.goto(`${app.base}/account/partnership`)
      await assertAccessible(page)
      await tabTo(page, 'input[name="membership"]:checked')
      await page.keyboard.press('ArrowDown')
      await tabTo(page, 'main form button.govuk-button')
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
      assert.match(await page.locator('.app-identity').innerText(), /Fenbridge Safeguarding Children Partnership/)
      // A choice that is not one's own (a tampered form) is answered with the error summary.
      await page.goto(`${app.base}/account/partnership`)
      await page
        .locator('input[name="membership"]')
        .first()
        .evaluate((input) => {
          ;(input as HTMLInputElement).value = 'not-a-membership'
          ;(input as HTMLInputElement).checked = true
        })
      await tabTo(page, 'main form button.govuk-button')
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Select a partnership you work for/)
      await assertAccessible(page)
    } finally {
      await page.context().close()
    }
  })
})
