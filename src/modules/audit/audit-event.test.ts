import assert from 'node:assert/strict'
import { test } from 'node:test'
import { GENESIS_HASH, hashAuditEvent, verifyChain, type AuditEvent } from './audit-event.ts'

function chain(count: number): AuditEvent[] {
  const events: AuditEvent[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const unhashed = {
      seq,
      occurredAt: `2026-11-25T10:00:0${seq}.000Z`,
      actorUserId: 'u1',
      actorEmail: 'a@example.org',
      partnershipId: 'p1',
      action: 'review.read',
      outcome: 'success',
      resourceType: 'review',
      resourceId: `r${seq}`,
      detail: '{}',
      ip: '127.0.0.1',
      userAgent: null,
      prevHash,
    }
    const event = { ...unhashed, hash: hashAuditEvent(unhashed) }
    events.push(event)
    prevHash = event.hash
  }
  return events
}

test('an untouched chain verifies', async () => {
  const result = await verifyChain(chain(5))
  assert.equal(result.ok, true)
  assert.equal(result.events, 5)
})

test('a changed field, a removed event and a re-hashed forgery are each detected at the right event', async () => {
  const changed = chain(5)
  changed[2] = { ...changed[2], actorEmail: 'someone-else@example.org' }
  assert.deepEqual(await verifyChain(changed), {
    ok: false,
    events: 3,
    brokenAt: 3,
    reason: 'its contents were changed after it was written',
  })

  const removed = chain(5)
  removed.splice(1, 1)
  const gap = await verifyChain(removed)
  assert.equal(gap.ok, false)
  assert.equal(!gap.ok && gap.brokenAt, 2)

  // Someone rewrites event 3 and recomputes its hash: the next event no longer links to it.
  const forged = chain(5)
  const { hash: _h, ...rest } = { ...forged[2], action: 'nothing.happened' }
  forged[2] = { ...rest, hash: hashAuditEvent(rest) }
  const link = await verifyChain(forged)
  assert.equal(!link.ok && link.brokenAt, 4)
})

test('fields are length-prefixed so that moving text between fields changes the hash', () => {
  const base = chain(1)[0]
  const { hash: _h, ...a } = base
  const b = { ...a, actorEmail: `${a.actorEmail}p1`, partnershipId: '' }
  assert.notEqual(hashAuditEvent(a), hashAuditEvent(b))
})
