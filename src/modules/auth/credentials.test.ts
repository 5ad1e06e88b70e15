import assert from 'node:assert/strict'
import { test } from 'node:test'
import { failedAttemptDelayMs } from './auth.service.ts'
import {
  checkTotpCode,
  currentTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
} from './credentials.ts'

test('a TOTP code is accepted once, within one step of drift, and never replayed', async () => {
  const secret = newTotpSecret()
  const at = new Date('2026-11-25T12:00:10Z')
  const code = await currentTotpCode(secret, at)
  const step = await checkTotpCode(secret, code, null, at)
  assert.equal(step, Math.floor(at.getTime() / 30_000))
  assert.equal(await checkTotpCode(secret, code, step, at), null, 'replay refused')
  assert.notEqual(await checkTotpCode(secret, code, null, new Date(at.getTime() + 30_000)), null, 'next step accepted')
  assert.equal(await checkTotpCode(secret, code, null, new Date(at.getTime() + 120_000)), null, 'old code refused')
  for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
    assert.equal(await checkTotpCode(secret, bad, null, at), null, bad)
  }
})

test('RFC 6238 test vector (SHA-1, T=59 s) gives 287082', async () => {
  // Secret "12345678901234567890" in base32.
  assert.equal(await currentTotpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', new Date(59_000)), '287082')
})

test('recovery codes are distinct and typed forms normalise', () => {
  const codes = newRecoveryCodes()
  assert.equal(codes.length, 10)
  assert.equal(new Set(codes).size, 10)
  for (const code of codes) assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
  assert.equal(normaliseRecoveryCode(' K7MQ 2XPA 9TNC '), 'k7mq-2xpa-9tnc')
})

test('failed attempts are slowed from the third, doubling, capped at 8 seconds', () => {
  const table: Array<[number, number]> = [
    [1, 0],
    [2, 0],
    [3, 250],
    [4, 500],
    [5, 1000],
    [20, 8000],
  ]
  for (const [failures, delay] of table) assert.equal(failedAttemptDelayMs(failures, 250), delay)
  assert.equal(failedAttemptDelayMs(9, 0), 0)
})
