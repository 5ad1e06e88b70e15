import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { openDatabase } from '../../db/database.ts'
import { DEMO_PASSWORD } from '../../db/seed/demo-seed.ts'
import { csrfTokenIn, FormClient, signIn, startTestApp, type TestApp } from '../../../test/support/app.ts'

/** A state-changing form any signed-in user may send: the sign-out button. */
async function postSignOut(
  t: TestApp,
  cookies: Map<string, string>,
  token: string,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/sign-out',
    payload: new URLSearchParams({ _csrf: token }).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...headers,
    },
  })
}

describe('CSRF is bound to the session, and cross-site forms are refused', () => {
  test('a token and cookie taken from a signed-out page are refused with a signed-in session', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      // The attacker's pair, from a signed-out page (cookie tossing / login CSRF).
      const attacker = new FormClient(t.app)
      await attacker.get('/sign-in')
      const tossedToken = csrfTokenIn(attacker.lastHtml)
      const tossedSecret = attacker.cookies.get('case_review_csrf')!
      assert.ok(tossedSecret)

      const { client } = await signIn(t, 'coordinator@marlshire.example')
      const cookies = new Map(client.cookies)
      cookies.set('case_review_csrf', tossedSecret)
      const refused = await postSignOut(t, cookies, tossedToken)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.body, /Your form has expired/)
      // Still signed in: nothing happened.
      const home = await client.get('/dashboard')
      assert.equal(home.statusCode, 200)
      assert.match(home.body, /Sign out/)

      // The session's own token works.
      await client.get('/dashboard')
      const own = await postSignOut(t, client.cookies, csrfTokenIn(client.lastHtml))
      assert.equal(own.statusCode, 303)
    } finally {
      await t.close()
    }
  })

  test("a token from another person's session is refused", async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      const { client: chair } = await signIn(t, 'chair@marlshire.example')
      const { client: panel } = await signIn(t, 'panel@marlshire.example')
      await chair.get('/dashboard')
      const chairToken = csrfTokenIn(chair.lastHtml)
      const cookies = new Map(panel.cookies)
      cookies.set('case_review_csrf', chair.cookies.get('case_review_csrf')!)
      const refused = await postSignOut(t, cookies, chairToken)
      assert.equal(refused.statusCode, 403)
    } finally {
      await t.close()
    }
  })

  test('a valid token with a cross-site Origin or Sec-Fetch-Site is refused; same-origin is accepted', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      const client = new FormClient(t.app)
      await client.get('/sign-in')
      const token = csrfTokenIn(client.lastHtml)
      const form = (headers: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/sign-in',
          payload: new URLSearchParams({
            email: 'admin@marlshire.example',
            password: DEMO_PASSWORD,
            _csrf: token,
          }).toString(),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            host: 'case-review.example',
            ...headers,
          },
        })
      const crossSite: Array<Record<string, string>> = [
        { origin: 'https://attacker.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'https://case-review.example.attacker.example' },
      ]
      for (const headers of crossSite) {
        const refused = await form(headers)
        assert.equal(refused.statusCode, 403, JSON.stringify(headers))
        assert.match(refused.body, /This form was sent from another website/)
        assert.equal(refused.cookies.length, 0, 'no session was started')
      }
      const accepted = await form({ origin: 'https://case-review.example', 'sec-fetch-site': 'same-origin' })
      assert.equal(accepted.statusCode, 303)
    } finally {
      await t.close()
    }
  })
})
