/**
 * Tables of migration `2026_11_26_0150_outbox`: email queued for sending.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
export interface OutboxTables {
  outbox_message: OutboxMessageTable
}

/** One email. The body holds a review's reference and pseudonym, never a real name. */
export interface OutboxMessageTable {
  id: string
  partnership_id: string | null
  review_id: string | null
  /** Such as `action.overdue` or `request.reminder`. */
  kind: string
  /** Queue-once key; null for email that may repeat. */
  dedupe_key: string | null
  recipient: string
  subject: string
  body: string
  status: 'queued' | 'sent' | 'failed'
  attempts: number
  /** The transport's error message of the last failed attempt (never the body). */
  last_error: string | null
  created_at: string
  /** Not sent before this time (a failed attempt backs off). */
  next_attempt_at: string
  sent_at: string | null
  /**
   * Migration `2026_12_07_2100_outbox_claim`: the sending run that has claimed the message (a random
   * token), and until when. Another run may claim it only once `claim_expires_at` has passed, so a
   * run that stopped mid-send does not hold the message for ever. Null when not claimed.
   */
  claimed_by: string | null
  claim_expires_at: string | null
}
