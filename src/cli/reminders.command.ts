import { composeServices } from '../composition.ts'
import { loadConfig } from '../config.ts'
import type { CliCommand } from './command.ts'

/** `case-review reminders`: one reminder sweep (queue what is due, send queued email), for cron. */
export const remindersCommand: CliCommand = {
  name: 'reminders',
  summary: 'Queue the reminders now due (agency requests, overdue actions, learning not shared) and send queued email',
  usage: 'case-review reminders',
  async run() {
    const services = await composeServices(loadConfig(process.env, { seedDemo: false }))
    try {
      const result = await services.reminders.run()
      if (result.skipped) {
        console.log('Skipped: another server is running the reminder sweep right now.')
        return 0
      }
      const queued = Object.entries(result.queued).map(([name, n]) => `${n} for ${name}`)
      console.log(`Queued ${queued.length ? queued.join(', ') : 'nothing'}.`)
      console.log(
        services.outbox.sending
          ? `Sent ${result.sending.sent}; ${result.sending.waiting} waiting to be tried again; ${result.sending.failed} given up.`
          : `Email sending is not set up (SMTP_URL): ${result.sending.waiting} queued email waiting.`,
      )
      return 0
    } finally {
      await services.close()
    }
  },
}
