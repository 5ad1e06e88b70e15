// Entry point: `npm start`. Loads configuration, builds the services and the web app, listens.
process.env.TZ ??= 'Europe/London'

import type { AddressInfo } from 'node:net'
import { composeServices } from './composition.ts'
import { ConfigError, loadConfig } from './config.ts'
import { buildApp } from './web/app.ts'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const services = await composeServices(config)
  const app = await buildApp(services)
  // Reminders: queue what is due and send queued email now and then. Several servers may start it at
  // once: one runs it (a fleet lock), the others skip. Not in tests: they call the sweep directly.
  const sweep = async () => {
    try {
      const result = await services.reminders.run()
      if (result.skipped) app.log.info('reminder sweep skipped: another server is running it')
      else app.log.info({ queued: result.queued, sending: result.sending }, 'reminder sweep')
    } catch (error) {
      app.log.error({ err: error }, 'reminder sweep failed')
    }
  }
  const sweepTimer =
    config.reminderSweepMinutes > 0 ? setInterval(sweep, config.reminderSweepMinutes * 60_000).unref() : null
  const shutdown = async () => {
    if (sweepTimer) clearInterval(sweepTimer)
    await app.close()
    await services.close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  await app.listen({ port: config.port, host: config.host })
  if (sweepTimer) void sweep()
  // The port actually bound: PORT=0 picks a free one (the two-instance test starts its servers so).
  const { port } = app.server.address() as AddressInfo
  app.log.info(`Case Review is running at http://localhost:${port} (database: ${services.database.kind})`)
}

await main()
