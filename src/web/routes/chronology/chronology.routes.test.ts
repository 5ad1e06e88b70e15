import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { signIn, startTestApp, type FormClient, type TestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'

function multipart(fields: Record<string, string>, file?: { name: string; data: Uint8Array }) {
  const boundary = '----chronologyTestBoundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(file.data),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Upload a file as `client` (with the CSRF token of its last page unless `csrf` is given). */
async function upload(
  t: TestApp,
  client: FormClient,
  reviewId: string,
  fields: Record<string, string>,
  file?: { name: string; data: Uint8Array },
) {
  const { payload, contentType } = multipart(fields, file)
  const response = await t.app.inject({
    method: 'POST',
    url: `/reviews/${reviewId}/chronology/import`,
    payload,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
  })
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = response.body
  return response
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]

async function newReview(t: TestApp, coordinator: FormClient): Promise<string> {
  await coordinator.get('/reviews/new')
  const created = await coordinator.post('/reviews/new', {
    childCount: '1',
    'child0-name': 'Robin Example',
    'child0-dob-day': '14',
    'child0-dob-month': '6',
    'child0-dob-year': '2023',
    'incidentDate-day': '2',
    'incidentDate-month': '3',
    'incidentDate-year': '2024',
    'awareDate-day': '3',
    'awareDate-month': '3',
    'awareDate-year': '2024',
    nature: 'serious_harm',
    abuseOrNeglect: 'suspected',
    outline: 'Chronology route test',
    action: 'submit',
  })
  assert.equal(created.statusCode, 303)
  return String(created.headers.location).split('/')[2].split('?')[0]
}

for (const database of testDatabases()) {
  describe(`chronology pages on ${database.name}`, () => {
    test('an agency imports (mapping a column, fixing a row), submits, and the coordinator sees it; other agencies stay hidden', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: police } = await signIn(t, 'police.contributor@marlshire.example')
        const reviewId = await newReview(t, coordinator)
        const agencies = await t.services.repositories.partnerships.listAgencies(
          (await t.services.repositories.partnerships.findByName('Marlshire Safeguarding Children Partnership'))!.id,
        )
        const policeId = agencies.find((a) => a.name === 'Marlshire Police')!.id
        const gpId = agencies.find((a) => a.name.startsWith('GP'))!.id

        // Not asked yet: the police contributor cannot see the review's chronology.
        assert.equal((await police.get(`/reviews/${reviewId}/chronology`)).statusCode, 404)

        await coordinator.get(`/reviews/${reviewId}/chronology/requests`)
        const bad = await coordinator.post(`/reviews/${reviewId}/chronology/requests`, { kinds: 'chronology' })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /Select at least one agency|Enter the due date/)
        const asked = await coordinator.post(`/reviews/${reviewId}/chronology/requests`, {
          agencyIds: policeId,
          kinds: 'chronology',
          'dueDate-day': '31',
          'dueDate-month': '1',
          'dueDate-year': '2099',
        })
        assert.equal(asked.statusCode, 303)

        // The coordinator types a GP draft; it must never reach the police contributor.
        await coordinator.get(`/reviews/${reviewId}/chronology/entries/new`)
        const gpDraft = await coordinator.post(`/reviews/${reviewId}/chronology/entries/new`, {
          agencyId: gpId,
          date: '4 October 2022',
          event: 'GP secret draft: domestic incident at home <script>alert(1)</script>',
        })
        assert.equal(gpDraft.statusCode, 303)
        const gpEntry = (await t.services.database.db.selectFrom('chronology_entry').select('id').executeTakeFirst())!

        const page = await police.get(`/reviews/${reviewId}/chronology/import`)
        assert.equal(page.statusCode, 200)
        // A multipart upload without the CSRF token is refused, and nothing is kept.
        const csv = 'Date,What happened,Colour\n04/10/2022,Domestic incident at home,red\n31/02/2024,Visit,blue\n'
        const noToken = await upload(t, police, reviewId, {}, { name: 'police.csv', data: Buffer.from(csv) })
        assert.equal(noToken.statusCode, 403)
        assert.equal((await t.services.database.db.selectFrom('chronology_import').select('id').execute()).length, 0)

        await police.get(`/reviews/${reviewId}/chronology/import`)
        const preview = await upload(
          t,
          police,
          reviewId,
          { _csrf: csrfOf(police.lastHtml) },
          { name: 'police.csv', data: Buffer.from(csv) },
        )
        assert.equal(preview.statusCode, 400)
        assert.match(preview.body, /Row 3: 31\/02\/2024 is not a real date/)
        assert.match(preview.body, /Choose where the column Colour goes/)
        const importId = /name="importId" value="([^"]+)"/.exec(preview.body)![1]
        const headerIndex = (name: string) =>
          /name="header-(\d+)" value="([^"]+)"/g.exec(
            preview.body.slice(preview.body.indexOf(`value="${name}"`) - 40),
          )![1]
        const mapped = await police.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId,
          [`header-${headerIndex('Colour')}`]: 'Colour',
          [`map-${headerIndex('Colour')}`]: 'ignore',
          action: 'check',
        })
        assert.equal(mapped.statusCode, 400)
        assert.doesNotMatch(mapped.body, /Choose where the column Colour goes/)
        assert.match(mapped.body, /31\/02\/2024 is not a real date/)
        // Committing a file with problems stores nothing.
        const refused = await police.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId,
          action: 'commit',
        })
        assert.equal(refused.statusCode, 400)
        assert.equal((await t.services.database.db.selectFrom('chronology_entry').select('id').execute()).length, 1)

        // Fixed and uploaded again: the remembered choice is used, and every row imports.
        const fixed = csv.replace('31/02/2024', '28/02/2024')
        const again = await upload(
          t,
          police,
          reviewId,
          { _csrf: csrfOf(police.lastHtml) },
          { name: 'police.csv', data: Buffer.from(fixed) },
        )
        assert.equal(again.statusCode, 200)
        const againId = /name="importId" value="([^"]+)"/.exec(again.body)![1]
        const committed = await police.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId: againId,
          action: 'commit',
        })
        assert.equal(committed.statusCode, 303)

        // Their drafts (never the GP's) and submitting them.
        const drafts = await police.get(`/reviews/${reviewId}/chronology`)
        assert.equal(drafts.statusCode, 200)
        assert.match(drafts.body, /Domestic incident at home/)
        assert.doesNotMatch(drafts.body, /GP secret/)
        assert.equal(
          (await police.get(`/reviews/${reviewId}/chronology/entries/new?entry=${gpEntry.id}`)).statusCode,
          404,
        )
        const overwrite = await police.post(`/reviews/${reviewId}/chronology/entries/new`, {
          entryId: gpEntry.id,
          date: '1 May 2023',
          event: 'overwritten',
        })
        assert.equal(overwrite.statusCode, 404)
        const submitted = await police.post(`/reviews/${reviewId}/chronology/submit`, {})
        assert.equal(submitted.statusCode, 303)

        // The coordinator submits the GP draft and sees both agencies; the police contributor only theirs.
        await coordinator.get(`/reviews/${reviewId}/chronology`)
        assert.equal(
          (await coordinator.post(`/reviews/${reviewId}/chronology/submit`, { agencyId: gpId })).statusCode,
          303,
        )
        const integrated = await coordinator.get(`/reviews/${reviewId}/chronology`)
        assert.match(integrated.body, /Domestic incident at home/)
        assert.match(integrated.body, /GP secret draft: domestic incident at home &lt;script&gt;/)
        assert.match(integrated.body, /Proposed link/)
        const timeline = await coordinator.get(`/reviews/${reviewId}/chronology?view=timeline&agency=${policeId}`)
        assert.match(timeline.body, /moj-timeline/)
        assert.doesNotMatch(timeline.body, /GP secret draft/)
        const policeView = await police.get(`/reviews/${reviewId}/chronology`)
        assert.doesNotMatch(policeView.body, /GP secret/)
        for (const format of ['csv', 'xlsx', 'docx']) {
          const file = await police.get(`/reviews/${reviewId}/chronology.${format}`)
          assert.equal(file.statusCode, 200)
          assert.doesNotMatch(file.rawPayload.toString('latin1'), /GP secret/)
        }
        const badFilter = await coordinator.get(`/reviews/${reviewId}/chronology?from=31/02/2024`)
        assert.equal(badFilter.statusCode, 400)
        assert.match(badFilter.body, /Enter the start date as a date/)

        // Confirm the proposed link (lead reviewers and coordinators decide; contributors may not).
        // The proposed links are a view of their own, reached from the sub-navigation.
        assert.match(integrated.body, new RegExp(`href="/reviews/${reviewId}/chronology/links"`))
        const linksPage = await coordinator.get(`/reviews/${reviewId}/chronology/links`)
        assert.equal(linksPage.statusCode, 200)
        const ids = /name="entryIds" value="([^"]+)"/.exec(linksPage.body)![1]
        const confirmed = await coordinator.post(`/reviews/${reviewId}/chronology/links`, {
          entryIds: ids,
          decision: 'confirmed',
        })
        assert.equal(confirmed.statusCode, 303)
        assert.equal(confirmed.headers.location, `/reviews/${reviewId}/chronology/links?saved=confirmed`)
        assert.match((await coordinator.get(`/reviews/${reviewId}/chronology`)).body, /Same event as:/)
        await police.get(`/reviews/${reviewId}/chronology`)
        assert.equal(
          (await police.post(`/reviews/${reviewId}/chronology/links`, { entryIds: ids, decision: 'split' })).statusCode,
          403,
        )
      } finally {
        await t.close()
      }
    })

    test('templates download as CSV and XLSX with the ten columns', async () => {
      const t = await startTestApp(await database.open())
      try {
        const csv = await t.app.inject({ method: 'GET', url: '/chronology-template.csv' })
        assert.equal(csv.statusCode, 200)
        assert.match(
          csv.body,
          /^\uFEFFdate,time,agency,source_record,practitioner_role,people_involved,event,action_taken,outcome,significance\r\n/,
        )
        const xlsx = await t.app.inject({ method: 'GET', url: '/chronology-template.xlsx' })
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
        assert.equal(workbook.worksheets[0].getRow(1).getCell(10).value, 'significance')
      } finally {
        await t.close()
      }
    })
  })
}
