import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp, type FormClient, type TestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../../test/support/reviews.ts'
import { sharedDataPath } from '../../../../shared-data.ts'

const POLICE_CSV = readFileSync(sharedDataPath('demo-case', 'chronologies', 'police.csv'))

/** Uploads a file to the import form as `client`, with the CSRF token of its last page. */
async function upload(
  t: TestApp,
  client: FormClient,
  reviewId: string,
  fields: Record<string, string>,
  file: { name: string; data: Buffer },
) {
  const boundary = '----draftsRoutesBoundary'
  const csrf = /name="_csrf" value="([^"]+)"/.exec(client.lastHtml)![1]
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries({ _csrf: csrf, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  const response = await t.app.inject({
    method: 'POST',
    url: `/reviews/${reviewId}/chronology/import`,
    payload: Buffer.concat(parts),
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  })
  client.lastHtml = response.body
  return response
}

const importIdOf = (html: string) => /name="importId" value="([^"]+)"/.exec(html)![1]

for (const database of testDatabases()) {
  describe(`imports, confirmations and the chronology's views on ${database.name}`, () => {
    test('bad files are answered in plain English, all errors at once; a second import is told which rows are already submitted', async () => {
      const t = await startTestApp(await database.open())
      try {
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const reviewId = await createSubmittedReview(t, coordinatorActor, { outline: 'Routes.', pseudonym: 'Child R' })
        const police = (await actorFor(t, 'police.contributor@marlshire.example')).agencyId!
        await t.services.chronology.requests.requestFromAgencies(coordinatorActor, reviewId, {
          agencyIds: [police],
          kinds: ['chronology'],
          dueDate: '2099-01-31',
        })
        const { client: contributor } = await signIn(t, 'police.contributor@marlshire.example')
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const importUrl = `/reviews/${reviewId}/chronology/import`

        await contributor.get(importUrl)
        const empty = await upload(t, contributor, reviewId, {}, { name: 'police.csv', data: Buffer.alloc(0) })
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /The selected file is empty/)
        const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), Buffer.from([0, 1, 2, 3, 0x1f, 0x8b])])
        const renamed = await upload(t, contributor, reviewId, {}, { name: 'police.csv', data: pdf })
        assert.equal(renamed.statusCode, 400)
        assert.match(renamed.body, /The selected file must be a CSV or Excel file/)
        // A coordinator who chose neither agency nor file is told both at once.
        await coordinator.get(importUrl)
        const both = await upload(t, coordinator, reviewId, {}, { name: '', data: Buffer.alloc(0) })
        assert.equal(both.statusCode, 400)
        assert.match(both.body, /Select the agency the entries come from/)
        assert.match(both.body, /Select a CSV or Excel \(\.xlsx\) file/)

        // The first import: 46 drafts, then a confirmation page before they are submitted.
        await contributor.get(importUrl)
        const first = await upload(t, contributor, reviewId, {}, { name: 'police.csv', data: POLICE_CSV })
        assert.equal(first.statusCode, 200)
        assert.match(first.body, /Nothing is wrong: you can import every row/)
        const committed = await contributor.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId: importIdOf(first.body),
          action: 'commit',
        })
        assert.equal(committed.statusCode, 303)
        const chronology = await contributor.get(`/reviews/${reviewId}/chronology`)
        assert.match(chronology.body, new RegExp(`href="/reviews/${reviewId}/chronology/submit\\?agency=${police}"`))
        const confirm = await contributor.get(`/reviews/${reviewId}/chronology/submit?agency=${police}`)
        assert.equal(confirm.statusCode, 200)
        assert.match(
          confirm.body,
          /You are about to submit 46 entries from Marlshire Police to the review [^.]+\. They will be visible to the review team/,
        )
        assert.equal((await panel.get(`/reviews/${reviewId}/chronology/submit?agency=${police}`)).statusCode, 403)
        const submitted = await contributor.post(`/reviews/${reviewId}/chronology/submit`, { agencyId: police })
        assert.equal(submitted.statusCode, 303)

        // The same file again: every row is recognised, and leaving them out imports nothing.
        await contributor.get(importUrl)
        const again = await upload(t, contributor, reviewId, {}, { name: 'police.csv', data: POLICE_CSV })
        assert.equal(again.statusCode, 200)
        assert.doesNotMatch(again.body, /you can import every row/)
        assert.match(again.body, /46 rows are already in your chronology/)
        assert.match(again.body, /46 are submitted/)
        assert.match(again.body, /name="duplicates" type="radio" value="skip" checked/)
        const skipped = await contributor.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId: importIdOf(again.body),
          action: 'commit',
          duplicates: 'skip',
        })
        assert.equal(skipped.headers.location, `/reviews/${reviewId}/chronology?saved=imported-nothing#drafts`)
        const entries = await t.services.database.db.selectFrom('chronology_entry').select('status').execute()
        assert.equal(entries.length, 46)
        assert.ok(entries.every((e) => e.status === 'submitted'))
      } finally {
        await t.close()
      }
    })

    test('drafts are discarded after a confirmation (refused without permission); the chronology is paged by year with its views on their own pages', async () => {
      const t = await startTestApp(await database.open())
      try {
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const reviewId = await createSubmittedReview(t, coordinatorActor, { outline: 'Views.', pseudonym: 'Child V' })
        const police = (await actorFor(t, 'police.contributor@marlshire.example')).agencyId!
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        await coordinator.get(`/reviews/${reviewId}/chronology/import`)
        const first = await upload(
          t,
          coordinator,
          reviewId,
          { agencyId: police },
          { name: 'police.csv', data: POLICE_CSV },
        )
        await coordinator.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId: importIdOf(first.body),
          action: 'commit',
        })

        const discardUrl = `/reviews/${reviewId}/chronology/drafts/discard`
        const ask = await coordinator.get(`${discardUrl}?agency=${police}`)
        assert.equal(ask.statusCode, 200)
        assert.match(ask.body, /Discard 46 draft entries from Marlshire Police\?/)
        assert.match(ask.body, /You cannot undo this/)
        assert.equal((await panel.get(`${discardUrl}?agency=${police}`)).statusCode, 403)
        await panel.get('/dashboard')
        assert.equal((await panel.post(discardUrl, { agencyId: police })).statusCode, 403)
        await chair.get('/dashboard')
        assert.equal((await chair.post(discardUrl, { agencyId: police })).statusCode, 403)
        assert.equal(
          (await t.services.database.db.selectFrom('chronology_entry').select('id').execute()).length,
          46,
          'nothing discarded by the refused requests',
        )
        await coordinator.get(`${discardUrl}?agency=${police}`)
        const discarded = await coordinator.post(discardUrl, { agencyId: police })
        assert.equal(discarded.headers.location, `/reviews/${reviewId}/chronology?saved=discarded`)
        assert.equal((await t.services.database.db.selectFrom('chronology_entry').select('id').execute()).length, 0)
        const nothing = await coordinator.get(`${discardUrl}?agency=${police}`)
        assert.equal(nothing.statusCode, 400)
        assert.match(nothing.body, /Marlshire Police has no draft entries to discard/)

        // Import and submit again, then read the chronology a period at a time.
        await coordinator.get(`/reviews/${reviewId}/chronology/import`)
        const second = await upload(t, coordinator, reviewId, { agencyId: police }, { name: 'p.csv', data: POLICE_CSV })
        await coordinator.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId: importIdOf(second.body),
          action: 'commit',
        })
        await coordinator.get(`/reviews/${reviewId}/chronology/submit?agency=${police}`)
        await coordinator.post(`/reviews/${reviewId}/chronology/submit`, { agencyId: police })
        const years = await t.services.database.db.selectFrom('chronology_entry').select('date_start').execute()
        const in2023 = years.filter((y) => y.date_start.startsWith('2023')).length
        const earliestYear = years.map((y) => y.date_start.slice(0, 4)).sort()[0]

        const page = await coordinator.get(`/reviews/${reviewId}/chronology?agency=${police}`)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /app-width-container--full/)
        assert.match(page.body, /class="moj-sub-navigation"/)
        assert.match(page.body, new RegExp(`${earliestYear}: \\d+ of 46 submitted entries`))
        assert.match(page.body, /aria-label="Periods of the chronology"/)
        // The filters are carried by the links between periods and views.
        assert.match(
          page.body,
          new RegExp(`href="/reviews/${reviewId}/chronology\\?agency=${police}&amp;period=2023#entries"`),
        )
        assert.match(page.body, new RegExp(`href="/reviews/${reviewId}/chronology/gaps\\?agency=${police}"`))
        assert.doesNotMatch(page.body, /Gaps longer than \d+ days with no contact/, 'gaps are a view of their own')
        const year = await coordinator.get(`/reviews/${reviewId}/chronology?agency=${police}&period=2023`)
        assert.match(year.body, new RegExp(`2023: ${in2023} of 46 submitted entries`))
        assert.equal((year.body.match(/<tr class="govuk-table__row">/g) ?? []).length - 1, in2023)
        const all = await coordinator.get(`/reviews/${reviewId}/chronology?period=all`)
        assert.match(all.body, /46 submitted entries, earliest first/)

        const gaps = await coordinator.get(`/reviews/${reviewId}/chronology/gaps?gapDays=60`)
        assert.equal(gaps.statusCode, 200)
        assert.match(gaps.body, /Gaps longer than 60 days with no contact/)
        assert.match(gaps.body, /aria-current="page" href="\/reviews\/[^"]+\/chronology\/gaps\?gapDays=60"/)
        const links = await coordinator.get(`/reviews/${reviewId}/chronology/links`)
        assert.equal(links.statusCode, 200)
        assert.match(links.body, /The same event reported by several agencies/)
        assert.equal((await panel.get(`/reviews/${reviewId}/chronology/gaps`)).statusCode, 404)
      } finally {
        await t.close()
      }
    })
  })
}
