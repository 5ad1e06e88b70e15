import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testConfig } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { composeServices } from '../../composition.ts'
import { DEMO_PASSWORD } from '../../db/seed/demo-seed.ts'
import { currentTotpCode, sha256 } from './credentials.ts'

const origin = { ip: '192.0.2.10', userAgent: 'test' }
const EMAIL = 'coordinator@marlshire.example'

for (const database of testDatabases()) {
  describe(`signing in on ${database.name}`, () => {
    async function setUp(overrides = {}) {
      let now = new Date('2026-11-25T09:00:00Z')
      const services = await composeServices(testConfig(overrides), {
        database: await database.open(),
        now: () => now,
      })
      const advance = (ms: number) => {
        now = new Date(now.getTime() + ms)
      }
      /** Password step, then enrolment; returns the authenticated session token. */
      const enrol = async () => {
        const first = await services.auth.signInWithPassword(EMAIL, DEMO_PASSWORD, origin)
        assert.equal(first.kind, 'second_factor_needed')
        const token1 = first.kind === 'second_factor_needed' ? first.token : ''
        const pending = (await services.auth.resolveSession(token1))!
        const { secret } = await services.auth.enrolmentDetails(pending)
        const done = await services.auth.completeEnrolment(pending, await currentTotpCode(secret, now), origin)
        assert.equal(done.kind, 'signed_in')
        return {
          token1,
          token: done.kind === 'signed_in' ? done.token : '',
          secret,
          recoveryCodes: done.kind === 'signed_in' ? done.recoveryCodes! : [],
        }
      }
      return { services, advance, enrol, now: () => now }
    }

    test('sign-in rotates the session at each step and the old token is dead', async () => {
      const { services, enrol } = await setUp()
      try {
        const { token1, token, recoveryCodes } = await enrol()
        assert.notEqual(token1, token)
        assert.equal(await services.auth.resolveSession(token1), undefined, 'pre-second-factor token no longer works')
        const session = await services.auth.resolveSession(token)
        assert.equal(session?.session.state, 'authenticated')
        assert.equal(session?.membership?.role, 'coordinator')
        assert.equal(recoveryCodes.length, 10)
        // Only the hash of the token is stored.
        const stored = await services.database.db.selectFrom('session').select('id').execute()
        assert.ok(stored.every((row) => row.id !== token))
        assert.ok(stored.some((row) => row.id === sha256(token)))
      } finally {
        await services.close()
      }
    })

    test('a session ends after 30 minutes idle and after 12 hours in total', async () => {
      const { services, enrol, advance } = await setUp()
      try {
        const { token } = await enrol()
        advance(29 * 60_000)
        assert.ok(await services.auth.resolveSession(token), 'still alive at 29 minutes idle')
        advance(31 * 60_000)
        assert.equal(await services.auth.resolveSession(token), undefined, 'ended after 31 idle minutes')

        const again = await enrolOrCode(services, advance)
        // Active every 20 minutes: alive for 11 h 40 min, then the 12-hour limit ends it.
        for (let step = 1; step <= 35; step++) {
          advance(20 * 60_000)
          assert.ok(await services.auth.resolveSession(again), `alive after ${step * 20} active minutes`)
        }
        advance(21 * 60_000)
        assert.equal(await services.auth.resolveSession(again), undefined, 'ended after 12 hours')
      } finally {
        await services.close()
      }
    })

    test('repeated failures lock the account with a time, and the lock and failures are audited', async () => {
      const { services, advance } = await setUp({ lockoutThreshold: 3, lockoutMinutes: 15 })
      try {
        assert.equal((await services.auth.signInWithPassword(EMAIL, 'wrong password 1', origin)).kind, 'invalid')
        assert.equal((await services.auth.signInWithPassword(EMAIL, 'wrong password 2', origin)).kind, 'invalid')
        const third = await services.auth.signInWithPassword(EMAIL, 'wrong password 3', origin)
        assert.equal(third.kind, 'locked')
        // Even the right password is refused while locked.
        assert.equal((await services.auth.signInWithPassword(EMAIL, DEMO_PASSWORD, origin)).kind, 'locked')
        advance(16 * 60_000)
        assert.equal(
          (await services.auth.signInWithPassword(EMAIL, DEMO_PASSWORD, origin)).kind,
          'second_factor_needed',
        )
        const actions = await services.database.db
          .selectFrom('audit_event')
          .select(['action', 'outcome', 'ip'])
          .where('actor_email', '=', EMAIL)
          .orderBy('seq')
          .execute()
        assert.equal(actions.filter((a) => a.action === 'auth.sign_in' && a.outcome === 'failure').length, 4)
        assert.equal(actions.filter((a) => a.action === 'auth.account_locked').length, 1)
        assert.ok(actions.every((a) => a.ip === origin.ip))
        const details = await services.database.db.selectFrom('audit_event').select('detail').execute()
        assert.ok(
          details.every((d) => !d.detail.includes('wrong password')),
          'no password in the audit log',
        )
      } finally {
        await services.close()
      }
    })

    test('a recovery code works once; an unknown email takes the same path as a wrong password', async () => {
      const { services, enrol, advance } = await setUp()
      try {
        const { recoveryCodes } = await enrol()
        const password = async () => {
          const r = await services.auth.signInWithPassword(EMAIL, DEMO_PASSWORD, origin)
          return (await services.auth.resolveSession(r.kind === 'second_factor_needed' ? r.token : ''))!
        }
        advance(60_000)
        const used = await services.auth.verifySecondFactor(await password(), recoveryCodes[0].toUpperCase(), origin)
        assert.equal(used.kind, 'signed_in')
        assert.equal(used.kind === 'signed_in' && used.recoveryCodesLeft, 9)
        const reused = await services.auth.verifySecondFactor(await password(), recoveryCodes[0], origin)
        assert.equal(reused.kind, 'invalid')
        assert.equal(
          (await services.auth.signInWithPassword('nobody@example.org', DEMO_PASSWORD, origin)).kind,
          'invalid',
        )
      } finally {
        await services.close()
      }
    })
  })
}

async function enrolOrCode(services: Awaited<ReturnType<typeof composeServices>>, advance: (ms: number) => void) {
  advance(30_000)
  const first = await services.auth.signInWithPassword(EMAIL, DEMO_PASSWORD, origin)
  const pending = (await services.auth.resolveSession(first.kind === 'second_factor_needed' ? first.token : ''))!
  const user = await services.repositories.users.credentialsByEmail(EMAIL)
  const result = await services.auth.verifySecondFactor(
    pending,
    await currentTotpCode(user!.totpSecret!, new Date(Date.parse(pending.session.lastSeenAt))),
    origin,
  )
  assert.equal(result.kind, 'signed_in')
  return result.kind === 'signed_in' ? result.token : ''
}
