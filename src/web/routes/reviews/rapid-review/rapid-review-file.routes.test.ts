import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { csrfTokenIn, signIn, startTestApp, type FormClient, type TestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../../test/support/reviews.ts'

/** A multipart/form-data body with text fields and one file. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----case-review-test-boundary'
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="summaryFile"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    )
    chunks.push(file.data, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

async function upload(
  t: TestApp,
  client: FormClient,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
) {
  const body = multipart(fields, file)
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } })
}

for (const database of testDatabases()) {
  describe(`agency summary files on ${database.name}`, () => {
    test('a summary file is checked, stored, linked and downloaded (audited); bad files and forged forms are refused', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const coordinator = (await t.services.repositories.users.findByEmail('coordinator@marlshire.example'))!
        const partnership = (await t.services.repositories.partnerships.findByName(
          'Marlshire Safeguarding Children Partnership',
        ))!
        const actor = {
          userId: coordinator.id,
          email: coordinator.email,
          displayName: coordinator.displayName,
          role: 'coordinator' as const,
          partnershipId: partnership.id,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
        const id = await createSubmittedReview(t, actor, {
          incidentDate: '2026-11-02',
          awareDate: '2026-11-03',
          panelNotifiedDate: '2026-11-05',
          outline: 'x',
          pseudonym: 'Child F',
          child: { name: 'File Child', dateOfBirth: '2025-01-01' },
        })
        await t.services.reviews.requestAgencySummary(actor, id, 1, 'Marlshire Police', '2026-11-10')
        const page = await client.get(`/reviews/${id}/rapid-review`)
        const fields = {
          _csrf: csrfTokenIn(page.body),
          version: '2',
          agency: 'Marlshire Police',
          'fileReceivedDate-day': '9',
          'fileReceivedDate-month': '11',
          'fileReceivedDate-year': '2026',
        }
        const url = `/reviews/${id}/rapid-review/file`

        const forged = await upload(
          t,
          client,
          url,
          { ...fields, _csrf: 'forged' },
          { name: 's.txt', type: 'text/plain', data: Buffer.from('x') },
        )
        assert.equal(forged.statusCode, 403)
        const fake = await upload(t, client, url, fields, {
          name: 'summary.pdf',
          type: 'application/pdf',
          data: Buffer.from('MZ this is not a PDF'),
        })
        assert.equal(fake.statusCode, 400)
        assert.match(fake.body, /The selected file is not a real PDF/)
        const exe = await upload(t, client, url, fields, {
          name: 'run.exe',
          type: 'application/octet-stream',
          data: Buffer.from('MZ'),
        })
        assert.match(exe.body, /The selected file must be a PDF, a Word document \(DOCX\) or a text file/)
        const none = await upload(t, client, url, fields)
        assert.match(none.body, /Select the agency’s summary file/)
        const huge = await upload(t, client, url, fields, {
          name: 'big.txt',
          type: 'text/plain',
          data: Buffer.alloc(10 * 1024 * 1024 + 10, 97),
        })
        assert.equal(huge.statusCode, 413)
        assert.equal(await t.services.database.db.selectFrom('review_file').select('id').executeTakeFirst(), undefined)

        const ok = await upload(t, client, url, fields, {
          name: 'police summary.txt',
          type: 'text/plain',
          data: Buffer.from('Known to police since 2022.'),
        })
        assert.equal(ok.statusCode, 303)
        const after = await client.get(`/reviews/${id}/rapid-review`)
        const link = /href="(\/reviews\/[^"]+\/files\/[0-9a-f-]+)"/.exec(after.body)![1]
        const download = await client.get(link)
        assert.equal(download.statusCode, 200)
        assert.equal(download.body, 'Known to police since 2022.')
        assert.match(String(download.headers['content-disposition']), /attachment; filename="police summary.txt"/)
        const reads = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', '=', 'review.read_file')
          .execute()
        assert.equal(reads.length, 1)

        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        await panel.get('/dashboard')
        const refused = await upload(
          t,
          panel,
          url,
          { ...fields, _csrf: csrfTokenIn(panel.lastHtml) },
          { name: 's.txt', type: 'text/plain', data: Buffer.from('x') },
        )
        assert.equal(refused.statusCode, 403)
      } finally {
        await t.close()
      }
    })
  })
}
