import { randomUUID } from 'node:crypto'
import type { Config } from '../../config.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { OutboxRepository } from './outbox.repository.ts'
import type { OutboxMessageTable } from './outbox.tables.ts'

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
export interface OutboxEntry {
  readonly id: string
  readonly to: string
  readonly subject: string
  readonly body: string
  readonly kind: string
  readonly partnershipId: string | null
  readonly reviewId: string | null
  readonly status: OutboxMessageTable['status']
  readonly attempts: number
  readonly lastError: string | null
  readonly createdAt: string
  readonly sentAt: string | null
}

/** What one sending run did. */
export interface SendResult {
  readonly sent: number
  readonly failed: number
  /** Still queued: SMTP is not configured, or a failed attempt will be retried later. */
  readonly waiting: number
}

/** The part of a nodemailer transport the outbox uses (tests pass a fake). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>
}

/** What the outbox is built from. */
export interface OutboxDeps {
  readonly config: Config
  readonly repository: OutboxRepository
  readonly audit: AuditService
  /** The access policy (administrators read the outbox). */
  readonly access: AccessPolicy
  readonly now: () => Date
  /** Makes the transport from `config.smtpUrl`; nodemailer's SMTP transport unless a test passes another. */
  readonly createTransport?: (smtpUrl: string) => MailTransport
}

/** Attempts before an email is given up as failed (each waits twice as long as the one before). */
export const MAX_ATTEMPTS = 5
const PAGE_SIZE = 50
/**
 * How long a sending run's claim on one message holds. Longer than the worst send (nodemailer's
 * defaults: 2 minutes to connect, 30 s greeting, 10 minutes of socket silence), so a slow send is
 * never claimed by another instance meanwhile; short enough that a message claimed by an instance
 * that stopped mid-send goes out within the quarter hour.
 */
export const CLAIM_LEASE_MS = 15 * 60_000

/**
 * Email queued for sending. Reminders are queued by sweeps (agency requests due, actions overdue)
 * and sent by {@link OutboxService.sendPending}; administrators see every message at `/admin/outbox`.
 *
 * Why an outbox rather than sending at once: a reminder is queued inside the run that decides it
 * is due, and survives a mail server being down; the dedupe key makes the sweep safe to run often;
 * and with no SMTP configured (the demo) nothing is lost — the email waits where an administrator
 * can read it.
 */
export class OutboxService {
  readonly #deps: OutboxDeps
  #transport: MailTransport | null = null
  constructor(deps: OutboxDeps) {
    this.#deps = deps
  }

  /** True when email is actually sent (SMTP configured). */
  get sending(): boolean {
    return this.#deps.config.smtpUrl !== null
  }

  /**
   * Queue an email. Resolves true when queued, false when `dedupeKey` was queued before.
   * Contract: never sends here (see `sendPending`); throws only when the database fails.
   */
  async queue(message: OutboxMessage): Promise<boolean> {
    const now = this.#deps.now().toISOString()
    return this.#deps.repository.insert({
      id: randomUUID(),
      partnership_id: message.partnershipId,
      review_id: message.reviewId ?? null,
      kind: message.kind,
      dedupe_key: message.dedupeKey ?? null,
      recipient: message.to,
      subject: message.subject,
      body: message.body,
      status: 'queued',
      attempts: 0,
      last_error: null,
      created_at: now,
      next_attempt_at: now,
      sent_at: null,
    })
  }

  /**
   * The actor's partnership's outbox, newest first, a page at a time (administrators).
   * Contract: only permission `outbox.read`; email of other partnerships is never listed.
   */
  async list(
    actor: Actor,
    options: { status?: OutboxMessageTable['status']; page?: number } = {},
  ): Promise<{ entries: OutboxEntry[]; total: number; page: number; pageSize: number }> {
    await this.#deps.access.require(actor, 'outbox.read', { subject: { type: 'outbox', id: null } })
    const page = Math.max(1, Math.floor(options.page ?? 1))
    const { rows, total } = await this.#deps.repository.page(actor.partnershipId ?? '', {
      status: options.status,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    })
    return { entries: rows.map(toEntry), total, page, pageSize: PAGE_SIZE }
  }

  /**
   * An administrator asks for queued email to be sent now (rather than waiting for the sweep).
   * Contract: permission `outbox.read`; audited; sends every partnership's due email (the
   * transport is shared), returns what happened.
   */
  async sendNow(actor: Actor): Promise<SendResult> {
    await this.#deps.access.require(actor, 'outbox.read', { subject: { type: 'outbox', id: null } })
    const result = await this.sendPending()
    await this.#deps.audit.recordAction(actor, 'outbox.send', { type: 'outbox', id: null }, { ...result })
    return result
  }

  /**
   * Send queued email that is due, oldest first, at most `limit` of them (the sweep passes
   * `Infinity`: everything due; "send now" sends 100 so the request stays short). Without SMTP configured,
   * nothing is sent and everything waits. A failure is retried later (1, 2, 4, 8 minutes …) and
   * given up after {@link MAX_ATTEMPTS}. Contract: a system task (no actor); never throws for a
   * transport failure (it is recorded on the message, without the body).
   *
   * Several instances: each message is claimed before it is sent (see
   * {@link OutboxRepository.claimDue}), so runs on several servers at once, or a sweep and an
   * administrator's "send now", never send the same message twice; each sends what it claimed. A
   * claim left by a run that stopped mid-send expires after {@link CLAIM_LEASE_MS}, and the message is
   * then sent by a later run (so a crash between the mail server's acceptance and the database's
   * record can repeat that one email; it never loses one).
   */
  async sendPending(limit = 100): Promise<SendResult> {
    const transport = await this.#transportOrNull()
    if (!transport)
      return { sent: 0, failed: 0, waiting: await this.#deps.repository.countDue(this.#deps.now().toISOString()) }
    const token = randomUUID()
    let sent = 0
    let failed = 0
    let waiting = 0
    for (let done = 0; done < limit; done++) {
      // One message per claim: the claim then covers one send, which the lease outlasts.
      const now = this.#deps.now()
      const [message] = await this.#deps.repository.claimDue({
        now: now.toISOString(),
        until: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
        token,
        limit: 1,
      })
      if (!message) break
      try {
        await transport.sendMail({
          from: this.#deps.config.mailFrom,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
        })
        await this.#deps.repository.markSent(message.id, token, this.#deps.now().toISOString(), message.attempts + 1)
        sent++
      } catch (error) {
        const attempts = message.attempts + 1
        const givenUp = attempts >= MAX_ATTEMPTS
        await this.#deps.repository.markAttemptFailed(message.id, token, {
          status: givenUp ? 'failed' : 'queued',
          attempts,
          lastError: transportErrorText(error),
          nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)).toISOString(),
        })
        if (givenUp) failed++
        else waiting++
      }
    }
    return { sent, failed, waiting }
  }

  async #transportOrNull(): Promise<MailTransport | null> {
    const url = this.#deps.config.smtpUrl
    if (!url) return null
    if (!this.#transport) {
      // Loaded only where email is sent: nodemailer costs every process ~10 MB otherwise.
      const createTransport =
        this.#deps.createTransport ?? (await import('nodemailer')).default.createTransport.bind(null)
      this.#transport = createTransport(url)
    }
    return this.#transport
  }
}

/** The transport's own words, short, and never more than the first line (no message content). */
function transportErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0].slice(0, 300)
}

function toEntry(row: OutboxMessageTable): OutboxEntry {
  return {
    id: row.id,
    to: row.recipient,
    subject: row.subject,
    body: row.body,
    kind: row.kind,
    partnershipId: row.partnership_id,
    reviewId: row.review_id,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }
}
