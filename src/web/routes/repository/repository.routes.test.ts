import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import PDFDocument from 'pdfkit'
import { signIn, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import type { Actor } from '../../../modules/access/actor.ts'
import type { PublishInput } from '../../../modules/published-reviews/published-review.service.ts'

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

async function pdfBytes(lines: string[]): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument()
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  for (const line of lines) doc.text(line)
  doc.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}

async function curator(t: TestApp): Promise<Actor> {
  const user = (await t.services.repositories.users.findByEmail('coordinator@marlshire.example'))!
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: 'coordinator',
    partnershipId: null,
    agencyId: null,
    ip: null,
    userAgent: null,
  }
}

/** 25 reviews: neglect in the even ones, 2015–2024, one with an XSS area and summary, one with a PDF. */
async function seed(t: TestApp): Promise<{ xssId: string; pdfId: string; pdfDocId: string; htmlDocId: string }> {
  const actor = await curator(t)
  const base = (i: number): PublishInput => ({
    pseudonym: `Child ${String.fromCharCode(65 + i)}`,
    year: 2015 + (i % 10),
    area: `Area ${i % 3}`,
    reviewType: i % 4 === 0 ? 'scr' : 'lcspr',
    childAgeBand: i % 5 === 0 ? 'under_1' : '10_15',
    themes: i % 2 === 0 ? ['neglect', 'information_sharing'] : ['domestic_abuse'],
    summary: `Review ${i}: the child was ${i % 2 === 0 ? 'neglected at home' : 'living with domestic abuse'} for two years.`,
    recommendations: ['Agencies should share information about the child with the school nurse promptly.'],
    confirmedAnonymised: true,
  })
  for (let i = 0; i < 23; i++) await t.services.publishedReviews.publish(actor, base(i))
  const xss = await t.services.publishedReviews.publish(actor, {
    ...base(23),
    area: XSS,
    summary: `Neglect ${XSS} and more`,
    keywords: [XSS],
    documents: [{ title: `Report ${XSS}`, html: `<h2>Findings</h2><p>Neglect ${XSS}</p>` }],
  })
  const pdf = await t.services.publishedReviews.publish(actor, {
    ...base(24),
    recommendations: ['Agencies should share information about the child with the school nurse without delay.'],
    documents: [
      {
        title: 'Overview report',
        file: { fileName: 'overview report.pdf', data: await pdfBytes(['Overview report text']) },
      },
      { title: 'Executive summary', html: '<p>Short summary</p>' },
    ],
  })
  return {
    xssId: xss.id,
    pdfId: pdf.id,
    pdfDocId: pdf.documents.find((d) => d.format === 'pdf')!.id,
    htmlDocId: pdf.documents.find((d) => d.format === 'html')!.id,
  }
}

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Uint8Array }) {
  const boundary = '----caseReviewTestBoundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.data),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

for (const database of testDatabases()) {
  describe(`public repository pages on ${database.name}`, () => {
    test('search: results, facets that combine, sort, pagination, and a page when nothing matches', async () => {
      const t = await startTestApp(await database.open())
      try {
        await seed(t)
        const all = await t.app.inject('/repository')
        assert.equal(all.statusCode, 200)
        assert.match(all.body, /25 published reviews/)
        assert.match(all.body, /govuk-pagination/)
        assert.match(all.body, /href="\/repository\?page=2"/)
        const page2 = await t.app.inject('/repository?page=2')
        assert.match(page2.body, /Showing 21 to 25/)

        const neglect = await t.app.inject('/repository?q=neglect')
        assert.match(neglect.body, /14 published reviews/)
        assert.match(neglect.body, /<mark>[Nn]eglect/)
        // Facet counts combine with the query; choosing themes and a review type narrows further.
        assert.match(neglect.body, /Information sharing \(13\)/)
        const combined = await t.app.inject(
          '/repository?q=neglect&themes=neglect&themes=information_sharing&reviewType=scr',
        )
        assert.equal(combined.statusCode, 200)
        const count = Number(/(\d+) published review/.exec(combined.body)![1])
        assert.ok(count >= 1 && count < 13, String(count))
        assert.match(
          combined.body,
          /Remove filter<span class="govuk-visually-hidden"> Type of review:<\/span> Serious case review/,
        )
        assert.match(combined.body, /id="reviewType-\d+" name="reviewType" type="radio" value="scr" checked/)

        const byDate = await t.app.inject('/repository?q=neglect&sort=date')
        assert.match(byDate.body, /<strong>date<\/strong>/)

        const none = await t.app.inject('/repository?q=zebracrossing&themes=neglect')
        assert.equal(none.statusCode, 200)
        assert.match(none.body, /No published reviews match your search/)
        assert.match(none.body, /removing the filters/)
      } finally {
        await t.close()
      }
    })

    test('hostile queries render a normal page', async () => {
      const t = await startTestApp(await database.open())
      try {
        await seed(t)
        for (const q of ['"unbalanced', 'NEAR(', "'; drop table x; --", 'x'.repeat(10_000), 'AND OR NOT *', XSS]) {
          const response = await t.app.inject({
            method: 'GET',
            url: `/repository?q=${encodeURIComponent(q)}&page=-3&year=abc`,
          })
          assert.equal(response.statusCode, 200, q.slice(0, 20))
          assert.doesNotMatch(response.body, /<script>alert/)
          const api = await t.app.inject({ method: 'GET', url: `/api/reviews?q=${encodeURIComponent(q)}` })
          assert.equal(api.statusCode, 200)
        }
        const reviews = await t.app.inject('/repository?q=neglect')
        assert.equal(reviews.statusCode, 200)
      } finally {
        await t.close()
      }
    })

    test('a review page escapes its text, shows recommended before, and serves documents', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { xssId, pdfId, pdfDocId, htmlDocId } = await seed(t)
        const search = await t.app.inject('/repository?q=neglect')
        assert.doesNotMatch(search.body, /<script>alert/)
        assert.doesNotMatch(search.body, /<img src=x/)

        const xss = await t.app.inject(`/repository/reviews/${xssId}`)
        assert.equal(xss.statusCode, 200)
        assert.doesNotMatch(xss.body, /<script>alert|<img src=x/)
        assert.match(xss.body, /&lt;script&gt;alert/)
        assert.match(xss.body, /Neglect/)
        const docId = /documents\/([0-9a-f-]{36})/.exec(xss.body)![1]
        const doc = await t.app.inject(`/repository/reviews/${xssId}/documents/${docId}`)
        assert.equal(doc.statusCode, 200)
        assert.match(doc.body, /<h2>Findings<\/h2>/)
        assert.doesNotMatch(doc.body, /<script>alert|<img src=x/)

        const page = await t.app.inject(`/repository/reviews/${pdfId}`)
        assert.match(page.body, /Recommended before/)
        assert.match(page.body, /school nurse promptly/)
        // HTML documents come first.
        assert.ok(page.body.indexOf('Executive summary') < page.body.indexOf('Overview report'))
        const html = await t.app.inject(`/repository/reviews/${pdfId}/documents/${htmlDocId}`)
        assert.match(html.body, /Short summary/)
        const pdf = await t.app.inject(`/repository/reviews/${pdfId}/documents/${pdfDocId}`)
        assert.equal(pdf.statusCode, 200)
        assert.equal(pdf.headers['content-type'], 'application/pdf')
        assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="overview report.pdf"/)
        assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF')

        for (const url of [
          '/repository/reviews/00000000-0000-4000-8000-000000000000',
          '/repository/reviews/not-an-id',
          `/repository/reviews/${pdfId}/documents/00000000-0000-4000-8000-000000000000`,
          '/repository/themes/not_a_theme',
        ]) {
          const missing = await t.app.inject(url)
          assert.equal(missing.statusCode, 404, url)
          assert.match(missing.body, /Page not found/)
        }
      } finally {
        await t.close()
      }
    })

    test('open data: catalogue CSV and JSON, Atom feed, JSON API and OpenAPI', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { xssId } = await seed(t)
        const csv = await t.app.inject('/repository/catalogue.csv')
        assert.equal(csv.statusCode, 200)
        assert.match(String(csv.headers['content-type']), /^text\/csv/)
        assert.equal(csv.body.split('\r\n').filter(Boolean).length, 26)

        const json = await t.app.inject('/repository/catalogue.json')
        const catalogue = json.json() as { count: number; reviews: Array<{ id: string; title: string }> }
        assert.equal(catalogue.count, 25)
        assert.ok(catalogue.reviews.some((r) => r.id === xssId && r.title.includes('<script>')))

        const feed = await t.app.inject('/repository/feed.atom')
        assert.equal(feed.statusCode, 200)
        assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/)
        assert.doesNotMatch(feed.body, /<script>|<img /)
        assertWellFormedXml(feed.body)
        assert.equal(feed.body.match(/<entry>/g)!.length, 25)

        const api = (
          await t.app.inject('/api/reviews?q=neglect&themes=information_sharing&pageSize=5&page=2')
        ).json() as Record<string, unknown> & { results: Array<Record<string, unknown>> }
        assert.equal(api.page, 2)
        assert.equal(api.pageSize, 5)
        assert.equal(api.results.length, 5)
        assert.equal(typeof api.total, 'number')
        assert.deepEqual(Object.keys(api.results[0]).sort(), [
          'apiUrl',
          'area',
          'highlights',
          'id',
          'publishedAt',
          'reviewType',
          'snippet',
          'title',
          'url',
          'year',
        ])
        assert.ok(Array.isArray((api.facets as Record<string, unknown>).themes))

        const record = await t.app.inject(`/api/reviews/${xssId}`)
        const body = record.json() as Record<string, unknown> & { documents: Array<{ url: string }> }
        assert.equal(body.id, xssId)
        assert.ok(Array.isArray(body.recommendations))
        assert.match(body.documents[0].url, /\/repository\/reviews\/.+\/documents\//)
        const missing = await t.app.inject('/api/reviews/nope')
        assert.equal(missing.statusCode, 404)
        assert.equal((missing.json() as { error: string }).error, 'not_found')

        const openapi = (await t.app.inject('/api/openapi.json')).json() as Record<string, Record<string, unknown>>
        assert.equal(String(openapi.openapi).slice(0, 2), '3.')
        assert.ok(openapi.paths['/api/reviews'] && openapi.paths['/api/reviews/{id}'])
      } finally {
        await t.close()
      }
    })

    test('statistics and briefing: charts with tables, fewer than 5, CSV', async () => {
      const t = await startTestApp(await database.open())
      try {
        await seed(t)
        const stats = await t.app.inject('/repository/statistics?themes=neglect')
        assert.equal(stats.statusCode, 200)
        assert.match(stats.body, /<svg role="img"/)
        assert.match(stats.body, /id="year-table"/)
        assert.match(stats.body, /fewer than 5/)
        assert.match(stats.body, /id="ages-of-concern"/)
        assert.match(stats.body, /Recommendations made again and again/)
        assert.match(stats.body, /school nurse/)
        const csv = await t.app.inject('/repository/statistics.csv?themes=neglect')
        assert.match(String(csv.headers['content-type']), /^text\/csv/)
        assert.match(csv.body, /Year,Reviews/)
        assert.match(csv.body, /fewer than 5/)
        assert.doesNotMatch(csv.body, /,[1-4]\r?\n/)
        const briefing = await t.app.inject('/repository/themes/neglect')
        assert.equal(briefing.statusCode, 200)
        assert.match(briefing.body, /Thematic briefing/)
        assert.match(briefing.body, /repository\.css/)
      } finally {
        await t.close()
      }
    })

    test('ingest: wrong type, oversized file and a missing token are refused; a confirmed file is published and found', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const form = await client.get('/repository/ingest')
        assert.equal(form.statusCode, 200)
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]
        const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        const upload = (fields: Record<string, string>, file?: { name: string; type: string; data: Uint8Array }) => {
          const { payload, contentType } = multipart(fields, file)
          return t.app.inject({
            method: 'POST',
            url: '/repository/ingest',
            payload,
            headers: { cookie, 'content-type': contentType },
          })
        }
        const exe = await upload(
          { _csrf: csrf },
          { name: 'tool.exe', type: 'application/octet-stream', data: new Uint8Array([0x4d, 0x5a, 1, 2]) },
        )
        assert.equal(exe.statusCode, 400)
        assert.match(exe.body, /must be a PDF, Word \(.docx\) or HTML file/)
        assert.match(exe.body, /govuk-error-summary/)

        const big = await upload(
          { _csrf: csrf },
          { name: 'big.pdf', type: 'application/pdf', data: new Uint8Array(20 * 1024 * 1024 + 10) },
        )
        assert.equal(big.statusCode, 413)
        assert.match(big.body, /too large/)

        const report = [
          '<html><body><h1>Local Child Safeguarding Practice Review: Child Q</h1>',
          '<p>Published March 2025. Child Q was 15 years old and was criminally exploited through county lines drug dealing, and went missing from home and school many times.</p>',
          '<h2>Recommendations</h2><ol><li>Police should share intelligence about county lines with schools.</li></ol>',
          '</body></html>',
        ].join('')
        const noToken = await upload(
          {},
          { name: 'child-q.html', type: 'text/html', data: new TextEncoder().encode(report) },
        )
        assert.equal(noToken.statusCode, 403)
        assert.match(noToken.body, /Your form has expired/)

        const ok = await upload(
          { _csrf: csrf },
          { name: 'child-q.html', type: 'text/html', data: new TextEncoder().encode(report) },
        )
        assert.equal(ok.statusCode, 200)
        assert.match(ok.body, /Check the details before publishing/)
        assert.match(ok.body, /value="Child Q"/)
        assert.match(ok.body, /value="criminal_exploitation" checked/)
        client.lastHtml = ok.body
        const token = /name="token" value="([^"]+)"/.exec(ok.body)![1]
        const fields = {
          token,
          title: 'Overview report',
          pseudonym: 'Child Q',
          year: '2025',
          area: 'Westshire',
          anonymous: 'no',
          reviewType: 'lcspr',
          childAgeBand: '10_15',
          themes: 'criminal_exploitation',
          summary: 'Child Q was 15 and exploited through county lines.',
          recommendations: 'Police should share intelligence about county lines with schools.',
        }
        const unconfirmed = await client.post('/repository/ingest/confirm', fields)
        assert.equal(unconfirmed.statusCode, 400)
        assert.match(unconfirmed.body, /Confirm that every document is the anonymised, published version/)
        assert.match(unconfirmed.body, /Confirm that you have checked the details suggested from the document/)
        const checked = { ...fields, checked: 'yes', confirmedAnonymised: 'yes' }
        // Continue shows the entry as it will appear; nothing is published yet.
        const preview = await client.post('/repository/ingest/confirm', checked)
        assert.equal(preview.statusCode, 200)
        assert.match(preview.body, /Check the entry before publishing/)
        assert.match(preview.body, /2025 – Westshire – Child Q/)
        const before = await t.app.inject('/repository?q=%22county+lines%22')
        assert.doesNotMatch(before.body, /2025 – Westshire – Child Q/)
        const published = await client.post('/repository/ingest/confirm', { ...checked, action: 'publish' })
        assert.equal(published.statusCode, 303)
        const search = await t.app.inject('/repository?q=%22county+lines%22')
        assert.match(search.body, /2025 – Westshire – Child Q/)

        // Someone who may not curate is refused before the upload is read.
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const panelCookie = [...panel.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        const { payload, contentType } = multipart(
          { _csrf: csrf },
          { name: 'a.html', type: 'text/html', data: new TextEncoder().encode(report) },
        )
        const refused = await t.app.inject({
          method: 'POST',
          url: '/repository/ingest',
          payload,
          headers: { cookie: panelCookie, 'content-type': contentType },
        })
        assert.equal(refused.statusCode, 403)
      } finally {
        await t.close()
      }
    })
  })
}

/** A small well-formedness check: every tag closes in order, attributes are quoted, entities are known. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  const stack: string[] = []
  const tag =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g
  let match
  while ((match = tag.exec(body))) {
    assert.ok(match[2], `stray "${match[0]}" at ${match.index}: ${body.slice(match.index, match.index + 40)}`)
    if (match[4]) continue
    if (match[1]) assert.equal(stack.pop(), match[2], `closing ${match[2]}`)
    else stack.push(match[2])
  }
  assert.deepEqual(stack, [])
}
