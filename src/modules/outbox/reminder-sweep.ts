import type { FleetLock } from '../../db/fleet-lock.ts'
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
  /** Present (true) when the sweep did nothing because another server was running it at that moment. */
  readonly skipped?: true
}

/**
 * The reminder sweep: asks each source to queue what is due, then sends queued email. Run by a
 * timer in the server (`REMINDER_SWEEP_MINUTES`) and by `case-review reminders` (for cron).
 *
 * Contract: safe to run as often as wanted and from several servers at once — with a fleet lock,
 * one server runs it at a time and the others skip (`skipped`); even without one, sources queue with
 * dedupe keys, so a reminder is queued once, and the outbox claims each message before sending it.
 * A source that fails does not stop the others (its error is rethrown after the rest have run).
 */
export class ReminderSweep {
  readonly #sources: readonly ReminderSource[]
  readonly #outbox: OutboxService
  readonly #lock: FleetLock | null
  constructor(sources: readonly ReminderSource[], outbox: OutboxService, lock: FleetLock | null = null) {
    this.#sources = sources
    this.#outbox = outbox
    this.#lock = lock
  }

  /** Run every source, then send; skipped while another server of the fleet runs the sweep. */
  async run(): Promise<SweepResult> {
    if (!this.#lock) return this.#run()
    const outcome = await this.#lock.runExclusive('reminder-sweep', () => this.#run())
    return outcome.ran ? outcome.value : { queued: {}, sending: { sent: 0, failed: 0, waiting: 0 }, skipped: true }
  }

  async #run(): Promise<SweepResult> {
    const queued: Record<string, number> = {}
    const failures: unknown[] = []
    for (const source of this.#sources) {
      try {
        queued[source.name] = await source.queueDue()
      } catch (error) {
        failures.push(error)
      }
    }
    // Everything due, not one batch: a sweep runs every quarter hour on one server of the fleet, so
    // a batch limit would leave the rest of a busy day's reminders waiting for the next sweeps.
    const sending = await this.#outbox.sendPending(Number.POSITIVE_INFINITY)
    if (failures.length) throw new AggregateError(failures, 'A reminder source failed')
    return { queued, sending }
  }
}
