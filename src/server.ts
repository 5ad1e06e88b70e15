// Entry point: `npm start`. Loads configuration, builds the services and the web app, listens.
process.env.TZ ??= 'Europe/London'

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
  const shutdown = async () => {
    await app.close()
    await services.close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  await app.listen({ port: config.port, host: config.host })
  app.log.info(`Case Review is running at http://localhost:${config.port} (database: ${services.database.kind})`)
}

await main()
