import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type FormClient, type TestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../../../test/support/reviews.ts'

/** Uploads a CSV to the import form as `client`, with the CSRF token of its last page. */
async function upload(t: TestApp, client: FormClient, reviewId: string, fields: Record<string, string>, csv: string) {
  const boundary = '----importRoutesBoundary'
  const parts: Buffer[] = []
  const csrf = /name="_csrf" value="([^"]+)"/.exec(client.lastHtml)![1]
  for (const [k, v] of Object.entries({ _csrf: csrf, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(csv),
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

/** A review made through the services, with the police agency asked for its chronology. */
async function reviewWithPoliceAsked(t: TestApp) {
  const { users, partnerships } = t.services.repositories
  const user = (await users.findByEmail('coordinator@marlshire.example'))!
  const [membership] = await users.memberships(user.id)
  const coordinator = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: membership.role,
    partnershipId: membership.partnershipId,
    agencyId: null,
    ip: null,
    userAgent: null,
  }
  const reviewId = await createSubmittedReview(t, coordinator, {
    outline: 'Import pages test review.',
    pseudonym: 'Child P',
  })
  const agencies = await partnerships.listAgencies(membership.partnershipId!)
  const agencyId = (prefix: string) => agencies.find((a) => a.name.startsWith(prefix))!.id
  await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [agencyId('Marlshire Police')],
    kinds: ['chronology'],
    dueDate: '2099-01-31',
  })
  return { reviewId, policeId: agencyId('Marlshire Police'), gpId: agencyId('GP') }
}

/** A CSV whose rows 2 to `bad + 1` each have an impossible date. */
function badCsv(bad: number): string {
  const lines = ['Date,Event']
  for (let i = 0; i < bad; i++) lines.push(`31/02/2024,Visit ${i}`)
  return lines.join('\n') + '\n'
}

for (const database of testDatabases()) {
  describe(`chronology import pages on ${database.name}`, () => {
    test('every problem of a long file is on a page of its own, linked by GOV.UK pagination; other agencies and roles are refused', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, gpId } = await reviewWithPoliceAsked(t)
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: police } = await signIn(t, 'police.contributor@marlshire.example')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')

        // The coordinator imports a GP file on the GP's behalf: 450 rows, every one wrong.
        await coordinator.get(`/reviews/${reviewId}/chronology/import`)
        const first = await upload(t, coordinator, reviewId, { agencyId: gpId }, badCsv(450))
        assert.equal(first.statusCode, 400)
        assert.match(first.body, /450 problems to fix/)
        assert.match(first.body, /Row 2: 31\/02\/2024 is not a real date/)
        assert.match(first.body, /Row 201: 31\/02\/2024 is not a real date/)
        assert.doesNotMatch(first.body, /Row 202: /)
        assert.match(first.body, /class="govuk-pagination"/)
        const importId = /name="importId" value="([^"]+)"/.exec(first.body)![1]

        const url = `/reviews/${reviewId}/chronology/import?import=${importId}&page=3`
        const third = await coordinator.get(url)
        assert.equal(third.statusCode, 200)
        assert.match(third.body, /Row 402: 31\/02\/2024 is not a real date/)
        assert.match(third.body, /Row 451: 31\/02\/2024 is not a real date/)
        assert.doesNotMatch(third.body, /Row 401: /)
        // The form on every page still commits nothing while problems remain.
        assert.doesNotMatch(third.body, /value="commit"/)

        // The police contributor may import, but not see the GP's file; a panel member may not import at all.
        assert.equal((await police.get(url)).statusCode, 404)
        assert.equal((await panel.get(url)).statusCode, 403)
        const refused = await police.post(`/reviews/${reviewId}/chronology/import/check`, {
          importId,
          action: 'commit',
        })
        assert.equal(refused.statusCode, 404)
        const rows = await t.services.database.db.selectFrom('chronology_entry').select('id').execute()
        assert.equal(rows.length, 0)
      } finally {
        await t.close()
      }
    })
  })
}
