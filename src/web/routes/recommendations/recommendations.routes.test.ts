import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type FormClient, type TestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { planFixture } from '../../../../test/fixtures/recommendation.fixture.ts'

/** A multipart body with text fields and, optionally, the evidence file. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Uint8Array }) {
  const boundary = '----actionEvidenceTestBoundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="evidenceFile"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.data),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Post evidence as `client`, with the CSRF token of the action page it last fetched. */
async function postEvidence(
  t: TestApp,
  client: FormClient,
  actionId: string,
  description: string,
  file?: { name: string; type: string; data: Uint8Array },
) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(client.lastHtml)?.[1] ?? ''
  const { payload, contentType } = multipart({ _csrf: csrf, evidenceDescription: description }, file)
  const response = await t.app.inject({
    method: 'POST',
    url: `/actions/${actionId}/evidence`,
    payload,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
  })
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = response.body
  return response
}

const XSS = '<script>alert("x")</script>'

for (const database of testDatabases()) {
  describe(`findings, recommendations and action plan pages (${database.name})`, () => {
    test('write a finding and a recommendation, add an action, record progress, evidence and close it', async () => {
      const t = await startTestApp(await database.open())
      try {
        const f = await planFixture(t)
        const coordinator = (await signIn(t, 'coordinator@marlshire.example')).client
        const lead = (await signIn(t, 'reviewer@marlshire.example')).client
        const police = (await signIn(t, 'police.contributor@marlshire.example')).client
        const base = `/reviews/${f.reviewId}`

        // A finding: errors in plain English, typed text kept; then saved and numbered.
        await lead.get(`${base}/findings/new`)
        const bad = await lead.post(`${base}/findings/new`, { title: '', text: 'Typed words kept', theme: '' })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /There is a problem/)
        assert.match(bad.body, /href="#title">Enter the title of the finding/)
        assert.match(bad.body, /Typed words kept/)
        const saved = await lead.post(`${base}/findings/new`, {
          title: `Fathers unseen ${XSS}`,
          text: 'Why it happened.\n\nSecond paragraph.',
          theme: 'hidden_men_fathers',
        })
        assert.equal(saved.statusCode, 303)
        const finding = (await f.service.findingsForPublication(f.coordinator, f.reviewId))[0]
        assert.equal(finding.number, 1)
        const findingId = (await f.service.forWriting(f.lead, f.reviewId)).findings[0].id

        // A recommendation answering it.
        await lead.get(`${base}/recommendations/new`)
        assert.equal(
          (
            await lead.post(`${base}/recommendations/new`, {
              addressedTo: 'Marlshire Safeguarding Children Partnership',
              action: 'Seek assurance that fathers are seen',
              measureOfSuccess: 'an audit of 20 cases',
              timescale: 'within 6 months',
              findingIds: findingId,
            })
          ).statusCode,
          303,
        )
        const page = await lead.get(`${base}/recommendations`)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Finding 1: Fathers unseen &lt;script&gt;/)
        assert.ok(!page.body.includes(XSS))
        assert.match(page.body, /Answers findings<\/dt><dd class="govuk-summary-list__value">1</)
        assert.doesNotMatch(page.body, /Add an action/, 'only coordinators add actions')
        const recommendationId = (await f.service.reviewPlan(f.lead, f.reviewId)).recommendations[0].id

        // Two editors: the second save is refused with both texts, and the first is kept.
        const editUrl = `${base}/recommendations/${recommendationId}`
        await lead.get(editUrl)
        const leadToken = lead.lastHtml
        await coordinator.get(editUrl)
        const fields = {
          addressedTo: 'Marlshire Safeguarding Children Partnership',
          measureOfSuccess: 'an audit of 20 cases',
          timescale: 'within 6 months',
          findingIds: findingId,
          version: '1',
        }
        assert.equal((await coordinator.post(editUrl, { ...fields, action: 'Coordinator words' })).statusCode, 303)
        lead.lastHtml = leadToken
        const stale = await lead.post(editUrl, { ...fields, action: 'Lead reviewer words' })
        assert.equal(stale.statusCode, 409)
        assert.match(stale.body, /Someone else changed this recommendation/)
        assert.match(stale.body, /Action: Coordinator words/)
        assert.match(stale.body, />Lead reviewer words</)
        assert.match(stale.body, /name="version" value="2"/)
        assert.equal((await f.service.reviewPlan(f.lead, f.reviewId)).recommendations[0].action, 'Coordinator words')

        // The coordinator adds an action: a wrong date is explained, typed values kept.
        const newAction = `${base}/recommendations/${recommendationId}/actions/new`
        await coordinator.get(newAction)
        const badDate = await coordinator.post(newAction, {
          description: 'Add fathers to the referral form',
          agencyId: f.policeAgency.id,
          owner: 'Head of Public Protection',
          'dueDate-day': '31',
          'dueDate-month': '2',
          'dueDate-year': '2027',
        })
        assert.equal(badDate.statusCode, 400)
        assert.match(badDate.body, /The due date must be a real date/)
        assert.match(badDate.body, /Head of Public Protection/)
        const added = await coordinator.post(newAction, {
          description: 'Add fathers to the referral form',
          agencyId: f.policeAgency.id,
          owner: 'Head of Public Protection',
          'dueDate-day': '31',
          'dueDate-month': '3',
          'dueDate-year': '2027',
        })
        assert.equal(added.statusCode, 303)
        const actionId = (await f.service.dashboard(f.coordinator)).actions[0].id

        // The coordinator changes the due date; a wrong date is explained and nothing is saved.
        await coordinator.get(`/actions/${actionId}/edit`)
        const edit = {
          description: 'Add fathers to the referral form',
          agencyId: f.policeAgency.id,
          owner: 'Head of Public Protection',
          'dueDate-day': '30',
          'dueDate-month': '4',
          'dueDate-year': '2027',
          version: '1',
        }
        const badEdit = await coordinator.post(`/actions/${actionId}/edit`, { ...edit, 'dueDate-month': '13' })
        assert.equal(badEdit.statusCode, 400)
        assert.match(badEdit.body, /The due date must be a real date/)
        assert.equal((await coordinator.post(`/actions/${actionId}/edit`, edit)).statusCode, 303)
        assert.match((await coordinator.get(`/actions/${actionId}`)).body, /30 April 2027/)
        const staleEdit = await coordinator.post(`/actions/${actionId}/edit`, { ...edit, owner: 'Someone else' })
        assert.equal(staleEdit.statusCode, 409)
        assert.match(staleEdit.body, /Someone else changed this action/)

        // The police contributor records progress and evidence; they are not offered "Closed".
        const actionPage = await police.get(`/actions/${actionId}`)
        assert.equal(actionPage.statusCode, 200)
        assert.doesNotMatch(actionPage.body, /value="closed"/)
        assert.doesNotMatch(
          actionPage.body,
          /findings and recommendations<\/a>/,
          'contributors do not see the findings',
        )
        assert.equal(
          (
            await police.post(`/actions/${actionId}/progress`, {
              note: 'Form drafted',
              status: 'in_progress',
              version: '2',
            })
          ).statusCode,
          303,
        )
        await police.get(`/actions/${actionId}`)
        const fakePdf = await postEvidence(t, police, actionId, 'Audit', {
          name: 'audit.pdf',
          type: 'application/pdf',
          data: new TextEncoder().encode('not really a pdf'),
        })
        assert.equal(fakePdf.statusCode, 400)
        assert.match(fakePdf.body, /href="#evidenceFile">The selected file is not a real PDF/)

        // Closing without evidence is refused with a clear message; the note is kept.
        await coordinator.get(`/actions/${actionId}`)
        const early = await coordinator.post(`/actions/${actionId}/progress`, {
          note: 'Closing now',
          status: 'closed',
          version: '3',
        })
        assert.equal(early.statusCode, 400)
        assert.match(early.body, /Add evidence of impact before you close the action/)
        assert.match(early.body, />Closing now</)

        await police.get(`/actions/${actionId}`)
        const evidence = await postEvidence(t, police, actionId, 'Audit of 20 referrals: 19 name the father', {
          name: 'audit.txt',
          type: 'text/plain',
          data: new TextEncoder().encode('19 of 20'),
        })
        assert.equal(evidence.statusCode, 303)
        await coordinator.get(`/actions/${actionId}`)
        const closed = await coordinator.post(`/actions/${actionId}/progress`, {
          note: 'Board satisfied',
          status: 'closed',
          version: '3',
        })
        assert.equal(closed.statusCode, 303)
        const done = await coordinator.get(`/actions/${actionId}`)
        assert.match(done.body, /govuk-tag--green">\s*Closed/)
        assert.match(done.body, /Form drafted/)
        const evidenceId = /\/evidence\/([0-9a-f-]{36})"/.exec(done.body)![1]
        const download = await coordinator.get(`/actions/${actionId}/evidence/${evidenceId}`)
        assert.equal(download.statusCode, 200)
        assert.equal(download.body, '19 of 20')
        assert.equal(download.headers['x-content-type-options'], 'nosniff')

        // The dashboard: chart, its table, and the CSV.
        const dashboard = await coordinator.get('/actions')
        assert.equal(dashboard.statusCode, 200)
        assert.match(dashboard.body, /<svg role="img" aria-label="Marlshire Police: 0 not started/)
        assert.match(dashboard.body, /id="actions-by-agency"/)
        const csv = await coordinator.get('/actions.csv?status=closed')
        assert.equal(csv.statusCode, 200)
        assert.match(String(csv.headers['content-type']), /^text\/csv/)
        assert.match(csv.body, /Add fathers to the referral form/)
        assert.ok(csv.body.startsWith('\uFEFFOFFICIAL-SENSITIVE\r\n'), 'the first line is the protective marking')
        // No action in progress: the marking line and the header only.
        assert.equal((await coordinator.get('/actions.csv?status=in_progress')).body.trim().split('\n').length, 2)
      } finally {
        await t.close()
      }
    })

    test('refusals: without the permission or outside the scope, nothing is shown or changed', async () => {
      const t = await startTestApp(await database.open())
      try {
        const f = await planFixture(t)
        const finding = await f.service.addFinding(f.lead, f.reviewId, { title: 'T', text: 'X', theme: '' })
        const recommendation = await f.service.addRecommendation(f.lead, f.reviewId, {
          addressedTo: 'A',
          action: 'B',
          measureOfSuccess: 'C',
          timescale: 'D',
          findingIds: [finding.id],
        })
        const socialCareAction = await f.service.addAction(f.coordinator, f.reviewId, recommendation.id, {
          description: 'Social care action',
          agencyId: f.socialCareAgency.id,
          owner: 'Team manager',
          dueDate: '2027-01-31',
        })
        const chair = (await signIn(t, 'chair@marlshire.example')).client
        const panel = (await signIn(t, 'panel@marlshire.example')).client
        const police = (await signIn(t, 'police.contributor@marlshire.example')).client
        const lead = (await signIn(t, 'reviewer@marlshire.example')).client
        const national = (await signIn(t, 'national@panel.example')).client
        const base = `/reviews/${f.reviewId}`

        await chair.get(`${base}/recommendations`)
        assert.equal((await chair.post(`${base}/findings/new`, { title: 'A', text: 'B', theme: '' })).statusCode, 403)
        assert.equal(
          (await chair.post(`${base}/recommendations/${recommendation.id}`, { addressedTo: 'x', version: '1' }))
            .statusCode,
          403,
        )
        assert.equal(
          (
            await chair.post(`/actions/${socialCareAction}/progress`, {
              note: 'x',
              status: 'in_progress',
              version: '1',
            })
          ).statusCode,
          403,
        )
        await lead.get(`${base}/recommendations`)
        assert.equal(
          (
            await lead.post(`${base}/recommendations/${recommendation.id}/actions/new`, {
              description: 'x',
              agencyId: f.policeAgency.id,
              owner: 'y',
            })
          ).statusCode,
          403,
        )
        await police.get('/actions')
        assert.equal(
          (await police.post(`/actions/${socialCareAction}/edit`, { owner: 'x', version: '1' })).statusCode,
          403,
        )
        // The panel member is not a member of this review.
        assert.equal((await panel.get(`${base}/recommendations`)).statusCode, 404)
        assert.equal((await panel.get(`/actions/${socialCareAction}`)).statusCode, 404)
        // The police contributor cannot see or change another agency's action.
        await police.get('/actions')
        assert.doesNotMatch(police.lastHtml, /Social care action/)
        assert.equal((await police.get(`/actions/${socialCareAction}`)).statusCode, 404)
        await police.get('/actions')
        assert.equal(
          (
            await police.post(`/actions/${socialCareAction}/progress`, {
              note: 'x',
              status: 'in_progress',
              version: '1',
            })
          ).statusCode,
          404,
        )
        await police.get('/actions')
        assert.equal((await postEvidence(t, police, socialCareAction, 'Sneaky')).statusCode, 404)
        assert.equal((await police.get(`${base}/recommendations`)).statusCode, 403)
        // Evidence uploads are refused before the body is read without the permission.
        await chair.get('/actions')
        assert.equal((await postEvidence(t, chair, socialCareAction, 'Sneaky')).statusCode, 403)
        assert.equal((await national.get('/actions')).statusCode, 403)
        const detail = await f.service.action(f.coordinator, socialCareAction)
        assert.deepEqual([detail.progress.length, detail.evidence.length, detail.action.status], [0, 0, 'not_started'])
      } finally {
        await t.close()
      }
    })
  })
}
