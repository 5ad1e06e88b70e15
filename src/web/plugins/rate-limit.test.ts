import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { Redis } from 'ioredis'
import { FormClient, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { openDatabase } from '../../db/database.ts'

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

async function redisUnavailable(): Promise<string | false> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  redis.on('error', () => {})
  try {
    await redis.connect()
    await redis.ping()
    return false
  } catch (error) {
    return `Redis at ${redisUrl} is not reachable (${(error as Error).message}); start it or set TEST_REDIS_URL`
  } finally {
    redis.disconnect()
  }
}

/** A documentation address (RFC 3849) of its own, so no other run's counters in Redis count here. */
function freshAddress(): string {
  const hex = randomBytes(8).toString('hex')
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}:${hex.slice(12, 16)}::1`
}

async function failedSignIns(apps: TestApp[], ip: string, attempts: number): Promise<number[]> {
  const clients = apps.map((t) => Object.assign(new FormClient(t.app), { ip }))
  const statuses: number[] = []
  for (let i = 0; i < attempts; i++) {
    const client = clients[i % clients.length]
    await client.get('/sign-in')
    statuses.push(
      (await client.post('/sign-in', { email: 'nobody@example.org', password: 'wrong password' })).statusCode,
    )
  }
  return statuses
}

const skipShared = await redisUnavailable()

describe('rate limits with REDIS_URL', () => {
  test('two app instances on one Redis share one sign-in limit per address', { skip: skipShared }, async () => {
    const options = { redisUrl, signInRateLimitPerMinute: 3 }
    const apps = [
      await startTestApp(openDatabase('sqlite::memory:'), options),
      await startTestApp(openDatabase('sqlite::memory:'), options),
    ]
    try {
      assert.deepEqual(await failedSignIns(apps, freshAddress(), 5), [401, 401, 401, 429, 429])
    } finally {
      for (const t of apps) await t.close()
    }
  })

  test('while Redis does not answer, each instance still limits by itself (neither open nor closed)', async () => {
    // Port 1: nothing listens there, so every Redis command fails at once.
    const t = await startTestApp(openDatabase('sqlite::memory:'), {
      redisUrl: 'redis://127.0.0.1:1',
      signInRateLimitPerMinute: 3,
    })
    try {
      assert.deepEqual(await failedSignIns([t], freshAddress(), 5), [401, 401, 401, 429, 429])
    } finally {
      await t.close()
    }
  })
})
