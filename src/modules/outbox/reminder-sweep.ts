import type { OutboxService, SendResult } from './outbox.service.ts'

/** Something that queues reminders that are due (agency requests, overdue actions). */
export interface ReminderSource {
  /** Shown in the sweep's result, e.g. `agency requests`. */
  readonly name: string
  /** Queue every reminder now due; resolves to how many were newly queued (repeats are not counted). */
  queueDue(): Promise<number>
}

/** What one sweep did. */
export interface SweepResult {
  readonly queued: Record<string, number>
  readonly sending: SendResult
}

/**
 * The reminder sweep: asks each source to queue what is due, then sends queued email. Run by a
 * timer in the server (`REMINDER_SWEEP_MINUTES`) and by `case-review reminders` (for cron).
 *
 * Contract: safe to run as often as wanted and from several servers at once — sources queue with
 * dedupe keys, so a reminder is queued once; a source that fails does not stop the others (its
 * error is rethrown after the rest have run).
 */
export class ReminderSweep {
  readonly #sources: readonly ReminderSource[]
  readonly #outbox: OutboxService
  constructor(sources: readonly ReminderSource[], outbox: OutboxService) {
    this.#sources = sources
    this.#outbox = outbox
  }

  /** Run every source, then send. */
  async run(): Promise<SweepResult> {
    const queued: Record<string, number> = {}
    const failures: unknown[] = []
    for (const source of this.#sources) {
      try {
        queued[source.name] = await source.queueDue()
      } catch (error) {
        failures.push(error)
      }
    }
    const sending = await this.#outbox.sendPending()
    if (failures.length) throw new AggregateError(failures, 'A reminder source failed')
    return { queued, sending }
  }
}
