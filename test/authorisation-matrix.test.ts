import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { ROLES, type Role } from '../src/modules/access/permissions.ts'
import { DEMO_USERS } from '../src/db/seed/demo-seed.ts'
import { openDatabase } from '../src/db/database.ts'
import { FormClient, signIn, startTestApp, type TestApp } from './support/app.ts'

/**
 * The authorisation matrix: every route × every role, allowed or refused. A new route must be
 * added here (the last test fails otherwise), which forces a decision about who may use it.
 */
type Who = Role | 'anonymous'
const EVERYONE: Who[] = ['anonymous', ...ROLES]
const SIGNED_IN: Who[] = [...ROLES]
const ADMIN: Who[] = ['administrator']

/** `:id` in a URL is replaced by a user of the demo partnership; rows run in this order. */
const MATRIX: Array<{ method: 'GET' | 'POST'; url: string; allowed: Who[] }> = [
  { method: 'GET', url: '/', allowed: EVERYONE },
  { method: 'GET', url: '/health', allowed: EVERYONE },
  { method: 'GET', url: '/cookies', allowed: EVERYONE },
  { method: 'GET', url: '/accessibility', allowed: EVERYONE },
  { method: 'GET', url: '/sign-in', allowed: EVERYONE },
  { method: 'POST', url: '/sign-in', allowed: EVERYONE },
  { method: 'GET', url: '/signed-out', allowed: EVERYONE },
  { method: 'GET', url: '/invitation/:token', allowed: EVERYONE },
  { method: 'POST', url: '/invitation/:token', allowed: EVERYONE },
  // Second-factor pages are only for someone between the password and the code.
  { method: 'GET', url: '/sign-in/code', allowed: [] },
  { method: 'POST', url: '/sign-in/code', allowed: [] },
  { method: 'GET', url: '/sign-in/set-up-authenticator', allowed: [] },
  { method: 'POST', url: '/sign-in/set-up-authenticator', allowed: [] },
  { method: 'GET', url: '/dashboard', allowed: SIGNED_IN },
  { method: 'GET', url: '/admin/users', allowed: ADMIN },
  { method: 'GET', url: '/admin/users/invite', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/invite', allowed: ADMIN },
  { method: 'GET', url: '/admin/users/:id', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/role', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/password-link', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/reset-second-factor', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/deactivate', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/reactivate', allowed: ADMIN },
  { method: 'GET', url: '/admin/audit', allowed: ADMIN },
  { method: 'GET', url: '/admin/audit.csv', allowed: ADMIN },
  // Last: it ends the sessions used above.
  { method: 'POST', url: '/sign-out', allowed: EVERYONE },
]

let testApp: TestApp
const clients = new Map<Who, FormClient>()
let targetUserId = ''

before(async () => {
  testApp = await startTestApp(openDatabase('sqlite::memory:'))
  clients.set('anonymous', new FormClient(testApp.app))
  for (const role of ROLES) {
    const demo = DEMO_USERS.find((u) => u.role === role)!
    clients.set(role, (await signIn(testApp, demo.email)).client)
  }
  // The target of user actions: a user of the demo partnership who is not one of the clients above.
  const { users, partnerships } = testApp.services.repositories
  const partnership = (await partnerships.findByName('Marlshire Safeguarding Children Partnership'))!
  const target = await users.create(
    { email: 'target@marlshire.example', displayName: 'Target User', passwordHash: null },
    new Date(),
  )
  await users.addMembership(
    { userId: target.id, partnershipId: partnership.id, role: 'panel_member', agencyId: null },
    new Date(),
  )
  targetUserId = target.id
})
after(() => testApp.close())

for (const row of MATRIX) {
  test(`${row.method} ${row.url}`, async () => {
    for (const who of EVERYONE) {
      const client = clients.get(who)!
      const url = row.url.replace(':id', targetUserId).replace(':token', 'not-a-real-invitation')
      let response
      if (row.method === 'GET') {
        response = await client.get(url)
      } else {
        await client.get(who === 'anonymous' ? '/sign-in' : '/dashboard')
        // Harmless bodies: an invalid form must still pass or fail the access check first.
        response = await client.post(url, { role: 'panel_member' })
      }
      const refused =
        response.statusCode === 403 ||
        response.statusCode === 401 ||
        (response.statusCode === 303 && response.headers.location === '/sign-in')
      const expectedAllowed = row.allowed.includes(who)
      assert.equal(!refused, expectedAllowed, `${who}: ${row.method} ${url} answered ${response.statusCode}`)
    }
  })
}

test('every route is in the matrix', () => {
  const inMatrix = new Set(MATRIX.map((r) => `${r.method} ${r.url}`))
  const missing = testApp.app.registeredRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !inMatrix.has(r))
  assert.deepEqual(missing, [])
})
