import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type FormClient, type TestApp, actorFor } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { DEMO_PASSWORD } from '../../../db/seed/demo-seed.ts'
import { hashPassword } from '../../../modules/auth/credentials.ts'
import { makeDocx } from '../../../../test/fixtures/documents.fixture.ts'
import { createSubmittedReview } from '../../../../test/support/reviews.ts'

/** A review; police and children's social care asked for chronologies and agency reports. */
async function setUp(t: TestApp) {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    incidentDate: '2026-10-01',
    awareDate: '2026-10-02',
    panelNotifiedDate: '2026-10-05',
    outline: 'Agency report route test.',
    pseudonym: 'Child R',
    child: { name: 'Rowan Testchild', dateOfBirth: '2024-02-01' },
  })
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const agencyId = (name: string) => agencies.find((a) => a.name === name)!.id
  const policeId = agencyId('Marlshire Police')
  const socialCareId = agencyId("Marlshire Children's Social Care")
  await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [policeId, socialCareId],
    kinds: ['chronology', 'agency_report'],
    dueDate: '2099-01-31',
  })
  // A contributor of children's social care who can sign in.
  const { users } = t.services.repositories
  const user = await users.create(
    {
      email: 'csc.contributor@marlshire.example',
      displayName: 'CSC Contributor',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    },
    t.now(),
  )
  await users.addMembership(
    {
      userId: user.id,
      partnershipId: coordinator.partnershipId,
      role: 'agency_contributor',
      agencyId: socialCareId,
    },
    t.now(),
  )
  return { reviewId, policeId, socialCareId }
}

/** A complete form, as typed. */
function filled(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    version: '0',
    authorName: 'Sam Author',
    authorRole: 'Detective Inspector',
    authorIndependent: 'yes',
    independenceExplanation: '',
    'requestDate-day': '2',
    'requestDate-month': '11',
    'requestDate-year': '2026',
    'recordsSecuredDate-day': '4',
    'recordsSecuredDate-month': '11',
    'recordsSecuredDate-year': '2026',
    termsOfReference: 'From pre-birth to the incident.',
    contextWorkload: '',
    contextStaffing: '',
    contextSupervision: '',
    contextPolicies: '',
    methodologyRecords: 'The crime and intelligence systems.',
    methodologyInterviews: '',
    analysis: 'The referral was not shared because one person held it.',
    goodPractice: '',
    lessons: 'A second route for referrals.',
    recommendations: 'A shared inbox by March 2027.',
    action: 'save',
    ...overrides,
  }
}

/** Upload a file to the contributor's report, with the CSRF token of the client's last page. */
async function upload(t: TestApp, client: FormClient, reviewId: string, file: { name: string; data: Uint8Array }) {
  const boundary = '----agencyReportTestBoundary'
  const csrf = /name="_csrf" value="([^"]+)"/.exec(client.lastHtml)?.[1] ?? ''
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(file.data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await t.app.inject({
    method: 'POST',
    url: `/reviews/${reviewId}/agency-reports/own/document`,
    payload,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  })
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = response.body
  return response
}

for (const database of testDatabases()) {
  describe(`agency report pages on ${database.name}`, () => {
    test('a contributor writes, saves, is told what is wrong without losing text, and submits', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, policeId } = await setUp(t)
        const { client: police } = await signIn(t, 'police.contributor@marlshire.example')
        const list = await police.get(`/reviews/${reviewId}/agency-reports`)
        assert.equal(list.statusCode, 200)
        assert.match(list.body, /Write or continue your report/)
        assert.doesNotMatch(list.body, /Children&#39;s Social Care|Children's Social Care/)
        const form = await police.get(`/reviews/${reviewId}/agency-reports/own`)
        assert.equal(form.statusCode, 200)
        assert.match(form.body, /Date the agency’s records were secured/)

        // An impossible date: a clear message, and everything typed is shown again.
        const impossible = await police.post(
          `/reviews/${reviewId}/agency-reports/own`,
          filled({
            'recordsSecuredDate-day': '31',
            'recordsSecuredDate-month': '2',
            authorName: '<script>alert(1)</script>',
          }),
        )
        assert.equal(impossible.statusCode, 400)
        assert.match(
          impossible.body,
          /The date the agency’s records were secured must be a real date|The date the agency&#39;s records were secured must be a real date/,
        )
        assert.match(impossible.body, /href="#recordsSecuredDate-day"/)
        assert.match(impossible.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
        assert.doesNotMatch(impossible.body, /<script>alert/)
        assert.match(impossible.body, /The referral was not shared because one person held it\./)

        // A draft saves with the date missing.
        const saved = await police.post(
          `/reviews/${reviewId}/agency-reports/own`,
          filled({ 'recordsSecuredDate-day': '', 'recordsSecuredDate-month': '', 'recordsSecuredDate-year': '' }),
        )
        assert.equal(saved.statusCode, 303)
        assert.equal(saved.headers.location, `/reviews/${reviewId}/agency-reports/own?saved=draft`)
        const reopened = await police.get(String(saved.headers.location))
        assert.match(reopened.body, /Your draft has been saved/)
        assert.match(reopened.body, /name="version" value="1"/)

        // Submitting needs the date.
        const noDate = await police.post(
          `/reviews/${reviewId}/agency-reports/own`,
          filled({
            version: '1',
            action: 'submit',
            'recordsSecuredDate-day': '',
            'recordsSecuredDate-month': '',
            'recordsSecuredDate-year': '',
          }),
        )
        assert.equal(noDate.statusCode, 400)
        assert.match(noDate.body, /Enter the date the agency(’|&#39;)s records were secured/)
        // Not independent without an explanation.
        const noExplanation = await police.post(
          `/reviews/${reviewId}/agency-reports/own`,
          filled({ version: '1', action: 'submit', authorIndependent: 'no' }),
        )
        assert.equal(noExplanation.statusCode, 400)
        assert.match(noExplanation.body, /Explain why the author is not independent of the case/)

        // A form opened before someone else saved: refused, text kept, and the next save is at the new version.
        await police.post(`/reviews/${reviewId}/agency-reports/own`, filled({ version: '1', authorRole: 'Sergeant' }))
        await police.get(`/reviews/${reviewId}/agency-reports/own`)
        const stale = await police.post(
          `/reviews/${reviewId}/agency-reports/own`,
          filled({ version: '1', lessons: 'Typed in the older tab.' }),
        )
        assert.equal(stale.statusCode, 409)
        assert.match(stale.body, /Someone else saved this report after you opened it/)
        assert.match(stale.body, /Typed in the older tab\./)
        assert.match(stale.body, /Read the report as it was saved \(opens in new tab\)/)
        assert.match(stale.body, /name="version" value="2"/)

        const submitted = await police.post(
          `/reviews/${reviewId}/agency-reports/own`,
          filled({ version: '2', action: 'submit' }),
        )
        assert.equal(submitted.statusCode, 303)
        assert.equal(submitted.headers.location, `/reviews/${reviewId}/agency-reports?saved=submitted`)
        const after = await police.get(String(submitted.headers.location))
        assert.match(after.body, /Your agency report has been submitted/)
        assert.match(after.body, /Submitted/)
        const read = await police.get(`/reviews/${reviewId}/agency-reports/${policeId}`)
        assert.equal(read.statusCode, 200)
        assert.match(read.body, /A shared inbox by March 2027\./)
      } finally {
        await t.close()
      }
    })

    test("other agencies' contributors, readers of drafts and people without permission are refused", async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, policeId, socialCareId } = await setUp(t)
        const { client: police } = await signIn(t, 'police.contributor@marlshire.example')
        await police.get(`/reviews/${reviewId}/agency-reports/own`)
        assert.equal((await police.post(`/reviews/${reviewId}/agency-reports/own`, filled())).statusCode, 303)

        const { client: socialCare } = await signIn(t, 'csc.contributor@marlshire.example')
        assert.equal((await socialCare.get(`/reviews/${reviewId}/agency-reports/${policeId}`)).statusCode, 404)
        assert.equal((await socialCare.get(`/reviews/${reviewId}/agency-reports/${policeId}/document`)).statusCode, 404)
        const ownList = await socialCare.get(`/reviews/${reviewId}/agency-reports`)
        assert.doesNotMatch(ownList.body, /Marlshire Police/)

        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const list = await coordinator.get(`/reviews/${reviewId}/agency-reports`)
        assert.match(list.body, /Draft, last saved/)
        assert.doesNotMatch(list.body, /agency-reports\/${policeId}"/)
        assert.equal((await coordinator.get(`/reviews/${reviewId}/agency-reports/${policeId}`)).statusCode, 404)
        // Only contributors write: the coordinator's save and upload are refused.
        assert.equal((await coordinator.get(`/reviews/${reviewId}/agency-reports/own`)).statusCode, 403)
        await coordinator.get(`/reviews/${reviewId}/agency-reports`)
        assert.equal((await coordinator.post(`/reviews/${reviewId}/agency-reports/own`, filled())).statusCode, 403)
        const refusedUpload = await upload(t, coordinator, reviewId, { name: 'r.docx', data: await makeDocx(['x']) })
        assert.equal(refusedUpload.statusCode, 403)
        const { client: national } = await signIn(t, 'national@panel.example')
        assert.equal((await national.get(`/reviews/${reviewId}/agency-reports`)).statusCode, 403)
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        assert.equal((await panel.get(`/reviews/${reviewId}/agency-reports`)).statusCode, 404)

        // Submitted: readers of the review read it; the other agency still cannot.
        await police.get(`/reviews/${reviewId}/agency-reports/own`)
        await police.post(`/reviews/${reviewId}/agency-reports/own`, filled({ version: '1', action: 'submit' }))
        const read = await coordinator.get(`/reviews/${reviewId}/agency-reports/${policeId}`)
        assert.equal(read.statusCode, 200)
        assert.match(read.body, /Sam Author/)
        assert.equal((await socialCare.get(`/reviews/${reviewId}/agency-reports/${policeId}`)).statusCode, 404)
        // Social care's own page shows only its own report.
        assert.equal((await socialCare.get(`/reviews/${reviewId}/agency-reports/${socialCareId}`)).statusCode, 404)
        assert.equal((await socialCare.get(`/reviews/${reviewId}/agency-reports/own`)).statusCode, 200)
      } finally {
        await t.close()
      }
    })

    test('a Word document uploads and downloads; another file is refused with a clear message', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, policeId } = await setUp(t)
        const { client: police } = await signIn(t, 'police.contributor@marlshire.example')
        await police.get(`/reviews/${reviewId}/agency-reports/own`)
        const refused = await upload(t, police, reviewId, {
          name: 'report.docx',
          data: new TextEncoder().encode('not really a word document'),
        })
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /The selected file is not a Word document \(.docx\)/)
        assert.match(refused.body, /href="#document"/)
        // A chosen file with no bytes is named as empty, beside the field (not "Select a file").
        const empty = await upload(t, police, reviewId, { name: 'empty.docx', data: new Uint8Array() })
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /The selected file is empty/)
        assert.match(empty.body, /href="#document"/)

        const docx = await makeDocx([
          'Police agency report',
          'Author: Sam Jones',
          'Date records secured: 4 November 2026',
          'The referral was not shared.',
        ])
        const accepted = await upload(t, police, reviewId, { name: 'Police IMR.docx', data: docx })
        assert.equal(accepted.statusCode, 303)
        const page = await police.get(String(accepted.headers.location))
        assert.match(page.body, /Your Word document has been uploaded/)
        assert.match(page.body, /We filled in the author’s name and the date the agency’s records were secured from it/)
        assert.match(page.body, /name="authorName"[^>]*value="Sam Jones"/)
        assert.match(page.body, /Police IMR\.docx/)
        const download = await police.get(`/reviews/${reviewId}/agency-reports/${policeId}/document`)
        assert.equal(download.statusCode, 200)
        assert.match(String(download.headers['content-type']), /wordprocessingml/)
        assert.match(String(download.headers['content-disposition']), /attachment; filename="Police IMR\.docx"/)
        assert.deepEqual(new Uint8Array(download.rawPayload), docx)
        const read = await police.get(`/reviews/${reviewId}/agency-reports/${policeId}`)
        assert.match(read.body, /The referral was not shared\./)
      } finally {
        await t.close()
      }
    })
  })
}
