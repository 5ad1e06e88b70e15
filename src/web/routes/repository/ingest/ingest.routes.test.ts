import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type TestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'

// A synthetic report of a child who survived: the text mentions a killing elsewhere ("was killed"),
// which alone used to suggest "Homicide".
const REPORT = [
  '<html><body><p>publication</p><h1>Local Child Safeguarding Practice Review: Child R</h1>',
  '<p>Published June 2024. Child R, aged 4, was seriously injured at home in Marlshire and survived. An uncle was killed in an unrelated incident in 2019; there was a homicide investigation, and a murder charge, and his manslaughter trial.</p>',
  '<p>Child R was known to health visiting and to early help from 2021 to 2023 and was physically abused by an adult in the household over many months before the injury.</p>',
  '<h2>Recommendations</h2><ol><li>Health visitors should ask about new adults in the household.</li></ol>',
  '</body></html>',
].join('')

function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Uint8Array }) {
  const boundary = '----caseReviewIngestBoundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    Buffer.from(file.data),
    Buffer.from('\r\n'),
    Buffer.from(`--${boundary}--\r\n`),
  )
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

async function uploadReport(t: TestApp) {
  const { client } = await signIn(t, 'coordinator@marlshire.example')
  const form = await client.get('/repository/ingest')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const { payload, contentType } = multipart(
    { _csrf: csrf },
    { name: 'publication.html', type: 'text/html', data: new TextEncoder().encode(REPORT) },
  )
  const page = await t.app.inject({
    method: 'POST',
    url: '/repository/ingest',
    payload,
    headers: { cookie, 'content-type': contentType },
  })
  client.lastHtml = page.body
  const token = /name="token" value="([^"]+)"/.exec(page.body)![1]
  return { client, page, token }
}

const details = (token: string) => ({
  token,
  title: 'Local Child Safeguarding Practice Review: Child R',
  pseudonym: 'Child R',
  year: '2024',
  anonymous: 'yes',
  area: 'Marlshire',
  partnership: 'Marlshire Safeguarding Children Partnership',
  region: 'South West',
  reviewType: 'lcspr',
  childAgeBand: '1_4',
  natureOfIncident: 'serious_harm',
  themes: 'physical_abuse',
  summary: 'Child R, aged 4, was seriously injured by an adult in the household after months of physical abuse.',
  recommendations: 'Health visitors should ask about new adults in the household.',
  checked: 'yes',
  confirmedAnonymised: 'yes',
})

for (const database of testDatabases()) {
  describe(`curated upload to the repository on ${database.name}`, () => {
    test('guesses are marked, a file name is never the title, a child who survived gets no "Homicide"', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { page } = await uploadReport(t)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Suggested from the document — check it/)
        assert.match(page.body, /name="title" type="text" value="Local Child Safeguarding Practice Review: Child R"/)
        assert.doesNotMatch(page.body, /name="title" type="text" value="publication"/)
        assert.match(page.body, /name="year" type="text" value="2024"/)
        assert.match(page.body, /value="serious_harm" selected/)
        assert.doesNotMatch(page.body, /value="homicide" checked/)
        assert.match(page.body, /name="checked" type="checkbox" value="yes"/)
      } finally {
        await t.close()
      }
    })

    test('nothing is published unchecked; bad input gets every message and keeps what was typed', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client, token } = await uploadReport(t)
        const bad = await client.post('/repository/ingest/confirm', {
          ...details(token),
          title: '',
          year: '20x4',
          themes: 'homicide',
          checked: '',
        })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /govuk-error-summary/)
        assert.match(bad.body, /Enter the title of the document/)
        assert.match(bad.body, /The year must be a real year, like 2024/)
        assert.match(bad.body, /A child who survived cannot have the theme “Homicide”/)
        assert.match(bad.body, /Confirm that you have checked the details suggested from the document/)
        assert.match(bad.body, /value="20x4"/)
        assert.match(bad.body, /Child R, aged 4, was seriously injured/)
        const search = await t.app.inject('/repository?q=%22Child+R%22')
        assert.doesNotMatch(search.body, /– Child R/)
      } finally {
        await t.close()
      }
    })

    test('an Anonymous entry whose summary names its area, partnership or region is refused, naming the words', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client, token } = await uploadReport(t)
        const leaky = await client.post('/repository/ingest/confirm', {
          ...details(token),
          summary: 'Child R, aged 4, lived in Marlshire in the South West and was seriously injured.',
        })
        assert.equal(leaky.statusCode, 400)
        assert.match(
          leaky.body,
          /The summary names the area of a review published as Anonymous: remove “Marlshire”, “South West”/,
        )
        // The same summary is fine when the area is shown.
        const shown = await client.post('/repository/ingest/confirm', {
          ...details(token),
          anonymous: 'no',
          summary: 'Child R, aged 4, lived in Marlshire in the South West and was seriously injured.',
        })
        assert.equal(shown.statusCode, 200)
        assert.match(shown.body, /2024 – Marlshire – Child R/)
      } finally {
        await t.close()
      }
    })

    test('the confirmation page shows the entry as it will appear; Change goes back, Publish publishes', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client, token } = await uploadReport(t)
        const preview = await client.post('/repository/ingest/confirm', details(token))
        assert.equal(preview.statusCode, 200)
        assert.match(preview.body, /Check the entry before publishing/)
        assert.match(preview.body, /2024 – Anonymous – Child R/)
        assert.match(preview.body, /Physical abuse/)
        assert.match(preview.body, /publication\.html/)
        assert.match(preview.body, /value="publish" name="action"/)
        assert.match(preview.body, /value="change" name="action"/)
        assert.doesNotMatch(preview.body, /<dd[^>]*>\s*Marlshire\s*<\/dd>/)

        const change = await client.post('/repository/ingest/confirm', { ...details(token), action: 'change' })
        assert.equal(change.statusCode, 200)
        assert.match(change.body, /Check the details before publishing/)
        assert.match(change.body, /value="Child R"/)

        const published = await client.post('/repository/ingest/confirm', { ...details(token), action: 'publish' })
        assert.equal(published.statusCode, 303)
        const entry = await t.app.inject(String(published.headers.location))
        assert.match(entry.body, /2024 – Anonymous – Child R/)
        assert.doesNotMatch(entry.body, /Marlshire|South West/)
      } finally {
        await t.close()
      }
    })

    test('refuses to confirm or publish without permission', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { token } = await uploadReport(t)
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        await panel.get('/dashboard')
        const refused = await panel.post('/repository/ingest/confirm', { ...details(token), action: 'publish' })
        assert.equal(refused.statusCode, 403)
        const search = await t.app.inject('/repository?q=%22Child+R%22')
        assert.doesNotMatch(search.body, /– Child R/)
      } finally {
        await t.close()
      }
    })
  })
}
