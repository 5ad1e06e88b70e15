import { createHash } from 'node:crypto'

/** Outcomes an audit event can record. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'refused'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

/** What a caller records; the service adds time, sequence and hashes. */
export interface AuditEntry {
  actorUserId: string | null
  actorEmail: string | null
  partnershipId: string | null
  /** `resource.action`, e.g. `auth.sign_in`, `user.invite`, `review.read`. */
  action: string
  outcome: AuditOutcome
  resourceType?: string | null
  resourceId?: string | null
  /** Non-sensitive details only: never passwords, codes, tokens or case text. */
  detail?: Record<string, string | number | boolean | null>
  ip?: string | null
  userAgent?: string | null
}

/** A stored audit event, as read back. */
export interface AuditEvent {
  seq: number
  occurredAt: string
  actorUserId: string | null
  actorEmail: string | null
  partnershipId: string | null
  action: string
  outcome: string
  resourceType: string | null
  resourceId: string | null
  /** JSON text as stored (hashed as stored, so verification needs no re-serialisation). */
  detail: string
  ip: string | null
  userAgent: string | null
  prevHash: string
  hash: string
}

/** The hash of the first link's predecessor. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * The SHA-256 that chains an event to its predecessor: over the previous hash and every stored
 * field in a fixed order, each length-prefixed so that no two different events serialise alike.
 */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): string {
  const fields = [
    event.prevHash,
    String(event.seq),
    event.occurredAt,
    event.actorUserId ?? '',
    event.actorEmail ?? '',
    event.partnershipId ?? '',
    event.action,
    event.outcome,
    event.resourceType ?? '',
    event.resourceId ?? '',
    event.detail,
    event.ip ?? '',
    event.userAgent ?? '',
  ]
  const hash = createHash('sha256')
  for (const field of fields) hash.update(`${field.length}:${field};`)
  return hash.digest('hex')
}

/** Result of checking the chain: ok, or the first sequence number where it breaks and why. */
export type ChainVerification =
  | { ok: true; events: number; last: { seq: number; hash: string } }
  | { ok: false; events: number; brokenAt: number; reason: string }

/**
 * Check events in sequence order, starting after `previous` (the genesis link by default).
 * Contract: reads the events once, one at a time (memory stays flat); reports the first break
 * (a missing sequence number, a wrong link, a changed event); never throws for a broken chain.
 */
export async function verifyChain(
  events: AsyncIterable<AuditEvent> | Iterable<AuditEvent>,
  previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): Promise<ChainVerification> {
  let count = 0
  let last = previous
  for await (const event of events) {
    count++
    if (event.seq !== last.seq + 1) {
      return { ok: false, events: count, brokenAt: last.seq + 1, reason: `event ${last.seq + 1} is missing` }
    }
    if (event.prevHash !== last.hash) {
      return { ok: false, events: count, brokenAt: event.seq, reason: 'it does not link to the event before it' }
    }
    const { hash: _stored, ...rest } = event
    if (hashAuditEvent(rest) !== event.hash) {
      return { ok: false, events: count, brokenAt: event.seq, reason: 'its contents were changed after it was written' }
    }
    last = { seq: event.seq, hash: event.hash }
  }
  return { ok: true, events: count, last }
}
