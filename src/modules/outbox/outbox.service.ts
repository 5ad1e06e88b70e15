import type { Kysely } from 'kysely'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'

/** An email to queue. Keep case material out of it: a review's reference and pseudonym, never a real name. */
export interface OutboxMessage {
  /** The recipient's email address. */
  readonly to: string
  readonly subject: string
  /** Plain text. */
  readonly body: string
  /** What kind of email this is, such as `chronology.reminder` or `action.overdue` (shown to administrators). */
  readonly kind: string
  readonly partnershipId: string | null
  readonly reviewId?: string | null
  /**
   * Queue at most once per key: queueing again with the same key does nothing. Reminders use a key
   * such as `action.overdue:<actionId>:<dueDate>` so a daily sweep never sends the same reminder twice.
   */
  readonly dedupeKey?: string
}

/** A queued or sent email, as administrators see it. */
export interface OutboxEntry extends Required<Omit<OutboxMessage, 'reviewId' | 'dedupeKey'>> {
  readonly id: string
  readonly reviewId: string | null
  readonly status: 'queued' | 'sent' | 'failed'
  readonly attempts: number
  readonly lastError: string | null
  readonly createdAt: string
  readonly sentAt: string | null
}

/** Email queued for sending (see the implementation in this file). */
export class OutboxService {
  readonly #deps: OutboxDeps
  constructor(deps: OutboxDeps) {
    this.#deps = deps
  }

  /**
   * Queue an email. Resolves true when queued, false when `dedupeKey` was queued before.
   * Contract: never sends here; sending is `sendPending`.
   */
  async queue(message: OutboxMessage): Promise<boolean> {
    void message
    void this.#deps
    throw new Error('The outbox is being built')
  }

  /** The partnership's outbox, newest first (administrators). */
  async list(actor: Actor): Promise<OutboxEntry[]> {
    void actor
    throw new Error('The outbox is being built')
  }
}

/** What the outbox is built from. */
export interface OutboxDeps {
  readonly config: Config
  readonly db: Kysely<Database>
  readonly audit: AuditService
  readonly now: () => Date
}

/** Builds the outbox (called once by `src/composition.ts`). */
export function createOutboxService(deps: OutboxDeps): OutboxService {
  return new OutboxService(deps)
}
