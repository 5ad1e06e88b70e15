import { assertAllowed, type RefusalRecorder } from '../access/access.ts'
import type { Actor } from '../access/actor.ts'
import type { Permission } from '../access/permissions.ts'
import { toCsv } from '../export/spreadsheet-escape.ts'
import { verifyChain, type AuditEntry, type AuditEvent, type ChainVerification } from './audit-event.ts'
import type { AuditFilter, AuditRepository } from './audit.repository.ts'

/** A page of the audit log. */
export interface AuditPage {
  events: AuditEvent[]
  total: number
  page: number
  pageSize: number
}

/**
 * Records and reads the append-only audit log.
 *
 * Contract: `record` never throws for a valid entry other than when the database fails (an event
 * that cannot be recorded must fail the request that caused it, never pass silently).
 */
export class AuditService implements RefusalRecorder {
  readonly #repository: AuditRepository
  readonly #now: () => Date
  constructor(repository: AuditRepository, now: () => Date = () => new Date()) {
    this.#repository = repository
    this.#now = now
  }

  /** Append one event (who, what, when, from where). */
  async record(entry: AuditEntry): Promise<AuditEvent> {
    return this.#repository.append({
      occurredAt: this.#now().toISOString(),
      actorUserId: entry.actorUserId,
      actorEmail: entry.actorEmail?.toLowerCase() ?? null,
      partnershipId: entry.partnershipId,
      action: entry.action,
      outcome: entry.outcome,
      resourceType: entry.resourceType ?? null,
      resourceId: entry.resourceId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
      userAgent: entry.userAgent ?? null,
    })
  }

  /** Record that something was done by an actor. */
  async recordAction(
    actor: Actor,
    action: string,
    resource: { type: string; id: string | null } | null,
    detail: AuditEntry['detail'] = {},
  ): Promise<void> {
    await this.record({
      actorUserId: actor.userId,
      actorEmail: actor.email,
      partnershipId: actor.partnershipId,
      action,
      outcome: 'success',
      resourceType: resource?.type ?? null,
      resourceId: resource?.id ?? null,
      detail,
      ip: actor.ip,
      userAgent: actor.userAgent,
    })
  }

  /** Record a permission refusal (called by `assertAllowed`). */
  async recordRefusal(
    actor: Actor,
    permission: Permission,
    resource?: { type: string; id: string | null },
  ): Promise<void> {
    await this.record({
      actorUserId: actor.userId,
      actorEmail: actor.email,
      partnershipId: actor.partnershipId,
      action: 'access.refused',
      outcome: 'refused',
      resourceType: resource?.type ?? null,
      resourceId: resource?.id ?? null,
      detail: { permission },
      ip: actor.ip,
      userAgent: actor.userAgent,
    })
  }

  /** The actor's partnership's audit log, newest first. Requires `audit.read`. */
  async list(
    actor: Actor,
    filter: Omit<AuditFilter, 'partnershipId'>,
    page: number,
    pageSize = 50,
  ): Promise<AuditPage> {
    await assertAllowed(this, actor, 'audit.read')
    const safePage = Math.max(1, Math.floor(page) || 1)
    const { events, total } = await this.#repository.list(
      { ...filter, partnershipId: actor.partnershipId },
      pageSize,
      (safePage - 1) * pageSize,
    )
    return { events, total, page: safePage, pageSize }
  }

  /**
   * The actor's partnership's audit log as CSV (oldest first), cells escaped so that no spreadsheet
   * runs a formula. Requires `audit.export`; the export itself is audited.
   */
  async exportCsv(actor: Actor, filter: Omit<AuditFilter, 'partnershipId'>): Promise<string> {
    await assertAllowed(this, actor, 'audit.export')
    const rows: string[][] = [
      [
        'Sequence',
        'Time (UTC)',
        'User',
        'Action',
        'Outcome',
        'Resource type',
        'Resource',
        'Details',
        'IP address',
        'Hash',
      ],
    ]
    for await (const e of this.#repository.inOrder({ ...filter, partnershipId: actor.partnershipId })) {
      rows.push([
        String(e.seq),
        e.occurredAt,
        e.actorEmail ?? '',
        e.action,
        e.outcome,
        e.resourceType ?? '',
        e.resourceId ?? '',
        e.detail,
        e.ip ?? '',
        e.hash,
      ])
    }
    await this.recordAction(actor, 'audit.export', null, { rows: rows.length - 1 })
    return toCsv(rows[0], rows.slice(1))
  }

  /**
   * Check the whole chain from the first event to the head (which catches deleted newest events).
   * Contract: never throws for a broken chain (it reports it); throws only if the database fails.
   */
  async verifyChain(): Promise<ChainVerification> {
    const result = await verifyChain(this.#repository.inOrder())
    if (!result.ok) return result
    const head = await this.#repository.head()
    if (head.seq !== result.last.seq || head.hash !== result.last.hash) {
      return {
        ok: false,
        events: result.events,
        brokenAt: result.last.seq + 1,
        reason: `the log ends at event ${result.last.seq} but ${head.seq} events were written (events were deleted)`,
      }
    }
    return result
  }
}
