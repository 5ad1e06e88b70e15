import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import { DEMO_PASSWORD } from '../db/seed/demo-seed.ts'
import { openDatabase } from '../db/database.ts'
import { FormClient, signIn, startTestApp } from '../../test/support/app.ts'
import { testDatabases } from '../../test/support/databases.ts'
import { loggerOptions } from './app.ts'

describe('security basics', () => {
  test('pages carry a nonce-based CSP with no unsafe-inline, and scripts use the nonce', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      const response = await t.app.inject({ method: 'GET', url: '/sign-in' })
      const csp = String(response.headers['content-security-policy'])
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
      const nonce = /script-src 'self' 'nonce-([a-f0-9]+)'/.exec(csp)?.[1]
      assert.ok(nonce, csp)
      assert.match(response.body, new RegExp(`<script nonce="${nonce}">`))
      assert.doesNotMatch(response.body, /<script(?![^>]*nonce=)(?![^>]*src=)/, 'every inline script has the nonce')
      assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN')
      assert.equal(response.headers['cache-control'], 'no-store')
    } finally {
      await t.close()
    }
  })

  test('a form without its CSRF token is refused with a plain page, and nothing happens', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      const client = new FormClient(t.app)
      await client.get('/sign-in')
      const response = await client.post(
        '/sign-in',
        { email: 'admin@marlshire.example', password: DEMO_PASSWORD },
        { csrf: null },
      )
      assert.equal(response.statusCode, 403)
      assert.match(response.body, /Your form has expired/)
      assert.equal(client.cookies.has('case_review_session'), false)
      const forged = await client.post(
        '/sign-in',
        { email: 'admin@marlshire.example', password: DEMO_PASSWORD },
        { csrf: 'forged-token' },
      )
      assert.equal(forged.statusCode, 403)
    } finally {
      await t.close()
    }
  })

  test('cookies are HttpOnly and SameSite, and Secure with the __Host- prefix when configured', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'), { secureCookies: true })
    try {
      const client = new FormClient(t.app)
      const page = await client.get('/sign-in')
      const csrfCookie = String(page.headers['set-cookie'])
      assert.match(csrfCookie, /^__Host-case_review_csrf=/)
      assert.doesNotMatch(csrfCookie, /Domain=/)
      assert.match(csrfCookie, /HttpOnly/)
      assert.match(csrfCookie, /Secure/)
      assert.match(csrfCookie, /SameSite=Strict/)
      const step = await client.post('/sign-in', { email: 'admin@marlshire.example', password: DEMO_PASSWORD })
      const sessionCookie = [step.headers['set-cookie']]
        .flat()
        .find((c) => String(c).startsWith('__Host-case_review_session='))
      assert.ok(sessionCookie, 'the session cookie carries the __Host- prefix')
      assert.match(String(sessionCookie), /Path=\//)
      assert.match(String(sessionCookie), /HttpOnly/)
      assert.match(String(sessionCookie), /Secure/)
      assert.match(String(sessionCookie), /SameSite=Lax/)
      const strict = await t.app.inject({ method: 'GET', url: '/sign-in' })
      assert.match(String(strict.headers['strict-transport-security']), /max-age=31536000/)
    } finally {
      await t.close()
    }
  })

  test('sign-in is rate limited per address with a plain message', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'), { signInRateLimitPerMinute: 3 })
    try {
      const client = new FormClient(t.app)
      client.ip = '203.0.113.9'
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        await client.get('/sign-in')
        statuses.push(
          (await client.post('/sign-in', { email: 'nobody@example.org', password: 'wrong password here' })).statusCode,
        )
      }
      assert.deepEqual(statuses, [401, 401, 401, 429])
      assert.match(client.lastHtml, /Too many attempts. Wait \d+ seconds and try again/)
    } finally {
      await t.close()
    }
  })

  test('an oversized form is refused with 413 and a plain page', async () => {
    const t = await startTestApp(openDatabase('sqlite::memory:'))
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        payload: `email=${'a'.repeat(300 * 1024)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(response.statusCode, 413)
      assert.match(response.body, /too large/)
    } finally {
      await t.close()
    }
  })

  test('logs never hold passwords, codes, cookies, invitation tokens or query strings', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const t = await startTestApp(openDatabase('sqlite::memory:'), {}, { ...(loggerOptions('trace') as object), stream })
    try {
      const { client } = await signIn(t, 'admin@marlshire.example')
      await client.get('/admin/audit?actorEmail=secret-search-term')
      await client.get('/invitation/very-secret-invitation-token')
      const log = lines.join('\n')
      assert.ok(log.length > 0)
      for (const secret of [
        DEMO_PASSWORD,
        'case_review_session=',
        'very-secret-invitation-token',
        'secret-search-term',
      ]) {
        assert.equal(log.includes(secret), false, `log contains ${secret}`)
      }
    } finally {
      await t.close()
    }
  })
})

describe('error pages', () => {
  for (const environment of ['production', 'development'] as const) {
    test(`404 and 500 are GOV.UK pages; the stack trace is ${environment === 'production' ? 'never' : 'only'} shown in ${environment}`, async () => {
      const t = await startTestApp(openDatabase('sqlite::memory:'), { environment }, undefined, (app) => {
        app.get('/boom', { config: { routeAccess: { access: 'public' } } }, async () => {
          throw new Error('internal detail from the server')
        })
      })
      try {
        const missing = await t.app.inject({ method: 'GET', url: '/no-such-page' })
        assert.equal(missing.statusCode, 404)
        assert.match(missing.body, /Page not found/)
        const broken = await t.app.inject({ method: 'GET', url: '/boom' })
        assert.equal(broken.statusCode, 500)
        assert.match(broken.body, /Sorry, there is a problem with the service/)
        assert.equal(broken.body.includes('internal detail from the server'), environment !== 'production')
      } finally {
        await t.close()
      }
    })
  }
})

for (const database of testDatabases()) {
  describe(`signing in through the web on ${database.name}`, () => {
    test('first sign-in enrols the authenticator with QR code and secret, shows recovery codes, then signs out', async () => {
      const t = await startTestApp(await database.open())
      try {
        const client = new FormClient(t.app)
        await client.get('/sign-in')
        const step1 = await client.post('/sign-in', { email: 'Coordinator@Marlshire.example', password: DEMO_PASSWORD })
        assert.equal(step1.statusCode, 303)
        assert.equal(step1.headers.location, '/sign-in/set-up-authenticator')
        const enrolPage = await client.get('/sign-in/set-up-authenticator')
        assert.match(enrolPage.body, /<img class="app-qr" src="data:image\/png;base64,/)
        assert.match(enrolPage.body, /id="secret">[A-Z2-7 ]{20,}</)
        const wrong = await client.post('/sign-in/set-up-authenticator', { code: '000000' })
        assert.equal(wrong.statusCode, 401)
        assert.match(wrong.body, /The code is not correct/)
        // The dashboard is not reachable with the password alone.
        assert.equal((await client.get('/dashboard')).headers.location, '/sign-in')
      } finally {
        await t.close()
      }
    })

    test('wrong codes lock the account: the half-signed-in session ends and the sign-in page gives the time', async () => {
      const t = await startTestApp(await database.open(), { lockoutThreshold: 3 })
      try {
        await signIn(t, 'reviewer@marlshire.example')
        const client = new FormClient(t.app)
        await client.get('/sign-in')
        await client.post('/sign-in', { email: 'reviewer@marlshire.example', password: DEMO_PASSWORD })
        await client.get('/sign-in/code')
        assert.equal((await client.post('/sign-in/code', { code: '000000' })).statusCode, 401)
        assert.equal((await client.post('/sign-in/code', { code: '000001' })).statusCode, 401)
        const locked = await client.post('/sign-in/code', { code: '000002' })
        assert.equal(locked.statusCode, 423)
        assert.match(locked.body, /Your account is locked after too many failed attempts. Try again after \d\d:\d\d/)
        assert.equal(client.cookies.has('case_review_session'), false)
        await client.get('/sign-in')
        const refused = await client.post('/sign-in', { email: 'reviewer@marlshire.example', password: DEMO_PASSWORD })
        assert.equal(refused.statusCode, 423, 'the right password is refused while locked')
      } finally {
        await t.close()
      }
    })

    test('a signed-in user sees their role, and sign-out ends the session in the database', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client, recoveryCodes } = await signIn(t, 'chair@marlshire.example')
        assert.equal(recoveryCodes.length, 10)
        const home = await client.get('/dashboard')
        assert.equal(home.statusCode, 200)
        assert.match(home.body, /Board chair or safeguarding partner/)
        assert.match(home.body, /Marlshire Safeguarding Children Partnership/)
        const out = await client.post('/sign-out', {})
        assert.equal(out.headers.location, '/signed-out')
        assert.equal((await client.get('/dashboard')).headers.location, '/sign-in')
        const sessions = await t.services.database.db.selectFrom('session').selectAll().execute()
        assert.equal(sessions.length, 0)
      } finally {
        await t.close()
      }
    })

    test('an administrator invites a user who sets a password and enrols; another partnership never sees them', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: admin } = await signIn(t, 'admin@marlshire.example')
        await admin.get('/admin/users/invite')
        const bad = await admin.post('/admin/users/invite', {
          displayName: '',
          email: 'not-an-email',
          role: 'agency_contributor',
        })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /Enter the person’s full name/)
        const agencies = await t.services.repositories.partnerships.listAgencies(
          (await t.services.repositories.partnerships.findByName('Marlshire Safeguarding Children Partnership'))!.id,
        )
        const sent = await admin.post('/admin/users/invite', {
          displayName: '<script>alert("x")</script> New Person',
          email: 'new.person@marlshire.example',
          role: 'agency_contributor',
          agencyId: agencies[0].id,
        })
        assert.equal(sent.statusCode, 200)
        assert.doesNotMatch(sent.body, /<script>alert/)
        assert.match(sent.body, /&lt;script&gt;alert/)
        const link = /id="invitation-link">([^<]+)</.exec(sent.body)![1]
        const path = new URL(link).pathname

        const invited = new FormClient(t.app)
        await invited.get(path)
        const weak = await invited.post(path, { password: 'password1234', confirm: 'password1234' })
        assert.match(weak.body, /Password is too common/)
        const ok = await invited.post(path, { password: 'lantern harbour cedar', confirm: 'lantern harbour cedar' })
        assert.equal(ok.headers.location, '/sign-in/set-up-authenticator')
        assert.equal((await new FormClient(t.app).get(path)).statusCode, 410, 'the link works once')

        // A bad role change is answered on the user's page and changes nothing.
        const invitedId = (await t.services.repositories.users.findByEmail('new.person@marlshire.example'))!.id
        await admin.get(`/admin/users/${invitedId}`)
        const noAgency = await admin.post(`/admin/users/${invitedId}/role`, {
          role: 'agency_contributor',
          agencyId: '',
        })
        assert.equal(noAgency.statusCode, 400)
        assert.match(noAgency.body, /Select the agency this person contributes for/)
        const adminId = (await t.services.repositories.users.findByEmail('admin@marlshire.example'))!.id
        await admin.get(`/admin/users/${adminId}`)
        const selfDemotion = await admin.post(`/admin/users/${adminId}/role`, { role: 'panel_member' })
        assert.match(selfDemotion.body, /You cannot remove your own administrator role/)
        const memberships = await t.services.repositories.users.memberships(invitedId)
        assert.equal(memberships[0].role, 'agency_contributor')
        assert.equal(memberships[0].agencyId, agencies[0].id)

        // Forgotten password: the administrator creates a new one-time link; the old password stops working.
        const newUser = (await t.services.repositories.users.findByEmail('new.person@marlshire.example'))!
        await admin.get(`/admin/users/${newUser.id}`)
        const reset = await admin.post(`/admin/users/${newUser.id}/password-link`, {})
        assert.match(reset.body, /Password link created/)
        const resetPath = new URL(/id="invitation-link">([^<]+)</.exec(reset.body)![1]).pathname
        const again = new FormClient(t.app)
        await again.get(resetPath)
        assert.equal(
          (await again.post(resetPath, { password: 'meadow quartz lantern', confirm: 'meadow quartz lantern' }))
            .statusCode,
          303,
        )
        const oldPassword = new FormClient(t.app)
        await oldPassword.get('/sign-in')
        assert.equal(
          (
            await oldPassword.post('/sign-in', {
              email: 'new.person@marlshire.example',
              password: 'lantern harbour cedar',
            })
          ).statusCode,
          401,
        )

        // Another partnership's administrator cannot see or change this user.
        const other = await t.services.repositories.partnerships.create(
          { name: 'Other Partnership', region: 'North West' },
          new Date(),
        )
        const otherAdmin = await t.services.repositories.users.create(
          { email: 'admin@other.example', displayName: 'Other Admin', passwordHash: null },
          new Date(),
        )
        await t.services.repositories.users.addMembership(
          { userId: otherAdmin.id, partnershipId: other.id, role: 'administrator', agencyId: null },
          new Date(),
        )
        const actor = {
          userId: otherAdmin.id,
          email: 'admin@other.example',
          displayName: 'Other',
          role: 'administrator' as const,
          partnershipId: other.id,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
        assert.equal(
          (await t.services.users.list(actor)).some((u) => u.id === newUser.id),
          false,
        )
        await assert.rejects(() => t.services.users.deactivate(actor, newUser.id), /User not found/)
      } finally {
        await t.close()
      }
    })

    test('a refusal is audited, and the audit log can be filtered and exported as CSV', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        assert.equal((await panel.get('/admin/users')).statusCode, 403)
        const { client: admin } = await signIn(t, 'admin@marlshire.example')
        const page = await admin.get('/admin/audit?outcome=refused')
        assert.match(page.body, /access\.refused/)
        assert.match(page.body, /panel@marlshire.example/)
        const badDate = await admin.get('/admin/audit?from=2026-02-31')
        assert.equal(badDate.statusCode, 400)
        assert.match(badDate.body, /Enter a real date/)
        const csv = await admin.get('/admin/audit.csv')
        assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
        assert.match(csv.body, /^\uFEFFSequence,Time \(UTC\)/)
        assert.match(csv.body, /auth\.sign_in/)
        const verify = await t.services.audit.verifyChain()
        assert.equal(verify.ok, true)
      } finally {
        await t.close()
      }
    })

    test('GET /health answers 200 with the database kind, and 503 when the database is gone', async () => {
      const handle = await database.open()
      const t = await startTestApp(handle)
      try {
        const ok = await t.app.inject({ method: 'GET', url: '/health' })
        assert.equal(ok.statusCode, 200)
        assert.deepEqual(ok.json(), { status: 'ok', database: database.name })
        await handle.db.destroy()
        const down = await t.app.inject({ method: 'GET', url: '/health' })
        assert.equal(down.statusCode, 503)
        assert.equal(down.json().status, 'unavailable')
      } finally {
        await t.app.close()
        await handle.close().catch(() => undefined)
      }
    })
  })
}
