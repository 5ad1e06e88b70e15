import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type TestApp } from '../../../../../test/support/app.ts'
import type { FormClient } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'

const XSS = '<script>alert(1)</script>'

interface Part {
  readonly field: string
  readonly name: string
  readonly type: string
  readonly data: Uint8Array | string
}

/** A multipart body with text fields and any number of files. */
function multipart(fields: Record<string, string>, files: readonly Part[]) {
  const boundary = '----caseReviewBulkBoundary'
  const chunks: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      Buffer.from(f.data),
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

function report(pseudonym: string): Part {
  return {
    field: 'files',
    name: `${pseudonym.toLowerCase().replace(/\s+/g, '-')}.html`,
    type: 'text/html',
    data: `<html><body><h1>Local Child Safeguarding Practice Review: ${pseudonym}</h1><p>Published June 2022. ${pseudonym} was 15 years old and was criminally exploited through county lines drug dealing, going missing from home and school many times before the review.</p><h2>Recommendations</h2><ol><li>Police should share intelligence about county lines with schools.</li></ol></body></html>`,
  }
}

function csv(lines: string[]): Part {
  return { field: 'csv', name: 'metadata.csv', type: 'text/csv', data: lines.join('\r\n') }
}

async function upload(t: TestApp, client: FormClient, parts: readonly Part[]) {
  const form = await client.get('/repository/ingest/bulk')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]
  const { payload, contentType } = multipart({ _csrf: csrf }, parts)
  return t.app.inject({
    method: 'POST',
    url: '/repository/ingest/bulk',
    payload,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
  })
}

for (const database of testDatabases()) {
  describe(`bulk upload pages on ${database.name}`, () => {
    test('problems are listed row by row and nothing can be published; a good upload is checked, confirmed, and all published', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const form = await client.get('/repository/ingest/bulk')
        assert.equal(form.statusCode, 200)
        assert.match(form.body, /at most 50 reports at a time/)
        assert.match(form.body, /each report 20\.0 MB or smaller, and 100\.0 MB in all/)
        assert.match(form.body, /<input[^>]+name="files"[^>]+multiple|<input[^>]+multiple[^>]+name="files"/)

        const bad = await upload(t, client, [
          report('Child A'),
          csv(['file,year,themes', `child-a.html,2099,Flying saucers`, `${XSS}.pdf,2020,`]),
        ])
        assert.equal(bad.statusCode, 303)
        const check = await client.get(String(bad.headers.location))
        assert.equal(check.statusCode, 200)
        assert.match(check.body, /govuk-error-summary/)
        assert.match(check.body, /Row 2 \(child-a\.html\): 2099 is not a possible year of publication/)
        assert.match(check.body, /“Flying saucers” is not a theme in the list/)
        assert.match(check.body, /No file called “&lt;script&gt;alert\(1\)&lt;\/script&gt;\.pdf” was uploaded/)
        assert.doesNotMatch(check.body, /<script>alert/)
        assert.doesNotMatch(check.body, /Publish all/)
        // Confirming it anyway publishes nothing.
        const batchId = String(bad.headers.location).split('/').pop()!
        const forced = await client.post(`/repository/ingest/bulk/${batchId}/confirm`, { confirmedAnonymised: 'yes' })
        assert.equal(forced.statusCode, 400)
        assert.equal((await t.services.publishedReviews.search('')).total, 0)

        const good = await upload(t, client, [
          report('Child A'),
          report('Child B'),
          csv(['file,pseudonym,year,review type', 'child-a.html,Child Q,2021,scr', 'child-b.html,,,']),
        ])
        assert.equal(good.statusCode, 303)
        const ready = await client.get(String(good.headers.location))
        assert.match(ready.body, /Check the reports before publishing/)
        assert.match(ready.body, /2021 – Child Q/)
        assert.match(ready.body, /2022 – Child B/)
        assert.match(ready.body, /Suggested: pseudonym, year, reviewType/)
        assert.match(ready.body, /Publish all 2 reports/)
        const confirmUrl = `${String(good.headers.location)}/confirm`
        const unconfirmed = await client.post(confirmUrl, {})
        assert.equal(unconfirmed.statusCode, 400)
        assert.match(unconfirmed.body, /Confirm that every report is the anonymised, published version/)
        await client.get(String(good.headers.location))
        const done = await client.post(confirmUrl, { confirmedAnonymised: 'yes' })
        assert.equal(done.statusCode, 303)
        assert.equal(done.headers.location, '/repository/ingest?published=2')
        assert.match((await client.get('/repository/ingest?published=2')).body, /2 reviews were published/)
        const actions = (await t.services.database.db.selectFrom('audit_event').select('action').execute()).map(
          (e) => e.action,
        )
        assert.equal(actions.filter((a) => a === 'repository.ingest.upload').length, 2)
        assert.equal(actions.filter((a) => a === 'repository.ingest.confirm').length, 1)
        const found = await t.app.inject('/repository?q=county+lines')
        assert.match(found.body, /2021 – Anonymous – Child Q/)
        assert.match(found.body, /2022 – Anonymous – Child B/)
        // The upload is gone: its page sends the curator back to the form.
        const gone = await client.get(String(good.headers.location))
        assert.equal(gone.statusCode, 303)
        assert.equal(gone.headers.location, '/repository/ingest/bulk?expired=1')
        assert.match((await client.get('/repository/ingest/bulk?expired=1')).body, /That upload has expired/)
      } finally {
        await t.close()
      }
    })

    test('a row published as Anonymous keeps no partnership or region: not in the entry, its facets, the search, the statistics or the open data', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        // The CSV gives the row's partnership and region (they check its summary) but no area.
        const held = await upload(t, client, [
          report('Child K'),
          csv([
            'file,pseudonym,year,review type,area,partnership,region',
            'child-k.html,Child K,2022,lcspr,,Kestwick Safeguarding Children Partnership,North West',
          ]),
        ])
        assert.equal(held.statusCode, 303)
        const ready = await client.get(String(held.headers.location))
        assert.match(ready.body, /Publish all 1 report|Publish the report|Publish all/)
        const done = await client.post(`${String(held.headers.location)}/confirm`, { confirmedAnonymised: 'yes' })
        assert.equal(done.statusCode, 303, done.body)

        const { results, facets } = await t.services.publishedReviews.search('')
        assert.equal(results.length, 1)
        const entry = await t.services.publishedReviews.get(results[0].id)
        assert.equal(entry.title, '2022 – Anonymous – Child K')
        assert.equal(entry.partnership, null)
        assert.equal(entry.region, null)
        assert.deepEqual(facets.region, [])
        assert.deepEqual(facets.partnership, [])
        // The search index holds neither: not as words, not as facets to filter by.
        assert.equal((await t.services.publishedReviews.search('Kestwick')).total, 0)
        assert.equal((await t.services.publishedReviews.search('', { filters: { region: 'North West' } })).total, 0)
        const byPartnership = { filters: { partnership: 'Kestwick Safeguarding Children Partnership' } }
        assert.equal((await t.services.publishedReviews.search('', byPartnership)).total, 0)
        for (const url of [
          '/repository',
          `/repository/reviews/${entry.id}`,
          '/repository/statistics',
          '/repository/statistics.csv',
          '/repository/catalogue.csv',
          '/repository/catalogue.json',
          '/api/reviews',
          `/api/reviews/${entry.id}`,
        ]) {
          const page = await t.app.inject(url)
          assert.equal(page.statusCode, 200, url)
          assert.doesNotMatch(page.body, /Kestwick|North West/, url)
        }
      } finally {
        await t.close()
      }
    })

    test('limits: too many files are refused with a plain message; an upload without a CSV keeps the form', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const many = Array.from({ length: 52 }, (_, i) => ({ ...report(`Child ${i}`) }))
        const tooMany = await upload(t, client, many)
        assert.equal(tooMany.statusCode, 413)
        assert.match(tooMany.body, /Upload at most 50 reports at a time/)
        assert.match(tooMany.body, /govuk-error-summary/)
        const noCsv = await upload(t, client, [report('Child A')])
        assert.equal(noCsv.statusCode, 400)
        assert.match(noCsv.body, /Select the metadata CSV file/)
        const nothing = await upload(t, client, [])
        assert.match(nothing.body, /Select the reports to upload/)
      } finally {
        await t.close()
      }
    })

    test('refused without repository.curate: the form, the upload (before its body is read), the check page and the confirm', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: curator } = await signIn(t, 'coordinator@marlshire.example')
        const held = await upload(t, curator, [report('Child A'), csv(['file', 'child-a.html'])])
        const checkUrl = String(held.headers.location)
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        assert.equal((await panel.get('/repository/ingest/bulk')).statusCode, 403)
        const { payload, contentType } = multipart({}, [report('Child B'), csv(['file', 'child-b.html'])])
        const refused = await t.app.inject({
          method: 'POST',
          url: '/repository/ingest/bulk',
          payload,
          headers: { cookie: [...panel.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
        })
        assert.equal(refused.statusCode, 403)
        assert.equal((await panel.get(checkUrl)).statusCode, 403)
        await panel.get('/repository')
        const confirm = await panel.post(`${checkUrl}/confirm`, { confirmedAnonymised: 'yes' })
        assert.equal(confirm.statusCode, 403)
        const anonymous = await t.app.inject(checkUrl)
        assert.notEqual(anonymous.statusCode, 200)
        // The administrator is a curator too, but another curator's upload is not theirs to see.
        const { client: admin } = await signIn(t, 'admin@marlshire.example')
        const other = await admin.get(checkUrl)
        assert.equal(other.statusCode, 303)
        assert.equal((await t.services.publishedReviews.search('')).total, 0)
      } finally {
        await t.close()
      }
    })
  })
}
