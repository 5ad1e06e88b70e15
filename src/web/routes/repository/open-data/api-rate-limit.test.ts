import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { API_REQUESTS_PER_MINUTE } from './api-rate-limit.ts'

for (const database of testDatabases()) {
  describe(`API rate limit on ${database.name}`, () => {
    test(`/api/* answers 429 with Retry-After and JSON after ${API_REQUESTS_PER_MINUTE} requests a minute from one address; pages are not limited`, async () => {
      const t = await startTestApp(await database.open())
      try {
        const urls = ['/api/reviews?q=neglect', '/api/openapi.json', '/api/reviews/not-an-id']
        for (let i = 0; i < API_REQUESTS_PER_MINUTE; i++) {
          const response = await t.app.inject({ url: urls[i % urls.length], remoteAddress: '203.0.113.7' })
          assert.notEqual(response.statusCode, 429, `request ${i + 1}`)
          assert.equal(response.headers['ratelimit-remaining'], String(API_REQUESTS_PER_MINUTE - i - 1))
        }
        const refused = await t.app.inject({ url: '/api/reviews', remoteAddress: '203.0.113.7' })
        assert.equal(refused.statusCode, 429)
        assert.match(String(refused.headers['content-type']), /^application\/json/)
        const retryAfter = Number(refused.headers['retry-after'])
        assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter))
        const body = refused.json() as { error: string; message: string; retryAfterSeconds: number }
        assert.equal(body.error, 'rate_limited')
        assert.equal(body.retryAfterSeconds, retryAfter)
        assert.match(body.message, /Try again in \d+ seconds/)

        // Another address is still served, and so are the HTML pages from the limited address.
        const other = await t.app.inject({ url: '/api/openapi.json', remoteAddress: '198.51.100.2' })
        assert.equal(other.statusCode, 200)
        const page = await t.app.inject({ url: '/repository', remoteAddress: '203.0.113.7' })
        assert.equal(page.statusCode, 200)

        const openapi = other.json() as { paths: Record<string, { get: { responses: Record<string, unknown> } }> }
        assert.ok(openapi.paths['/api/reviews'].get.responses['429'])
        assert.ok(openapi.paths['/api/reviews/{id}'].get.responses['429'])
      } finally {
        await t.close()
      }
    })
  })
}
