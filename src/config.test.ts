import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

test('the embedded default is a SQLite file under ./data with the demo seeded', () => {
  const config = loadConfig({})
  assert.equal(config.databaseUrl, 'sqlite:./data/case-review.db')
  assert.equal(config.seedDemo, true)
  assert.equal(config.port, 3000)
  assert.ok(Object.isFrozen(config))
})

test('production refuses to start without a secret, with the demo seed, or with plain HTTP cookies, naming each setting', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', SECURE_COOKIES: 'false' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      /SESSION_SECRET/.test(error.message) &&
      /SEED_DEMO/.test(error.message) &&
      /SECURE_COOKIES/.test(error.message),
  )
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'too-short' }), /SESSION_SECRET/)
  const ok = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(40), DATABASE_URL: 'postgres://db/x' })
  assert.equal(ok.secureCookies, true)
  assert.equal(ok.seedDemo, false)
  assert.equal(ok.demoMode, false)
})

test('bad values are reported in plain words', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
})
