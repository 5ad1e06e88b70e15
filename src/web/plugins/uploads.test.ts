import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { openDatabase } from '../../db/database.ts'
import { csrfTokenIn, signIn, startTestApp, type FormClient, type TestApp } from '../../../test/support/app.ts'
import { makeWordZipBomb } from '../../../test/support/zip-bomb.ts'

/** A multipart body with one file and the CSRF token, as a browser sends it. */
async function multipart(field: string, fileName: string, data: Uint8Array, csrf: string) {
  const form = new FormData()
  form.append('_csrf', csrf)
  form.append(field, new Blob([Buffer.from(data)]), fileName)
  const response = new Response(form)
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! }
}

describe('every upload path refuses a zip bomb before reading it', () => {
  let t: TestApp
  const clients: FormClient[] = []
  const bomb = makeWordZipBomb() // about 2 MB that unpacks to 2 GiB

  before(async () => {
    t = await startTestApp(openDatabase('sqlite::memory:'))
    for (const email of [
      'coordinator@marlshire.example',
      'police.contributor@marlshire.example',
      'admin@marlshire.example',
    ]) {
      const { client } = await signIn(t, email)
      await client.get('/dashboard')
      clients.push(client)
    }
  })
  after(() => t.close())

  test('the app has upload routes, and each answers a plain message in under 1 s without growing memory', async () => {
    assert.ok(t.app.uploadRoutes.length >= 7, t.app.uploadRoutes.join(', '))
    for (const route of t.app.uploadRoutes) {
      const [method, pattern] = route.split(' ')
      const url = pattern.replace(/:[A-Za-z]+/g, () => randomUUID())
      let answered = false
      for (const client of clients) {
        const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        const field = url.includes('/bulk') ? 'files' : 'file'
        const { body, contentType } = await multipart(field, 'report.docx', bomb, csrfTokenIn(client.lastHtml))
        const rssBefore = process.memoryUsage().rss
        const started = performance.now()
        const response = await t.app.inject({
          method: method as 'POST',
          url,
          payload: body,
          headers: { cookie, 'content-type': contentType },
        })
        const elapsed = performance.now() - started
        if (response.statusCode === 403 || response.statusCode === 401) continue // not this user's route
        answered = true
        assert.equal(response.statusCode, 400, `${route}: ${response.statusCode}`)
        assert.match(
          response.body,
          /The selected file unpacks to far more than its size, so it has not been opened/,
          route,
        )
        assert.ok(elapsed < 1000, `${route} took ${elapsed.toFixed(0)} ms`)
        assert.ok(process.memoryUsage().rss - rssBefore < 100 * 1024 * 1024, `${route} grew memory`)
        break
      }
      assert.ok(answered, `no demo user may use ${route}`)
    }
  })
})
