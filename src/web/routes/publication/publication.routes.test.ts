import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type FormClient, type TestApp, actorFor } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { todayInEngland } from '../../../modules/clocks/plain-date.ts'
import type { ReportKind } from '../../../modules/reports/report-template.ts'
import { createSubmittedReview } from '../../../../test/support/reviews.ts'

const DAY = 24 * 60 * 60 * 1000
const SUMMARY = 'Child R, a boy aged two, was seriously harmed at home. Agencies had known the family for a year.'

/** A submitted review (the lead reviewer a member) whose two documents are written and anonymised. */
async function reviewReadyForSignOff(t: TestApp): Promise<string> {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    outline: 'Publication route test.',
    pseudonym: 'Child R',
    child: {
      name: 'Robin Example',
      dateOfBirth: '2022-01-10',
      sex: 'male',
      ethnicGroup: 'mixed',
      knownToSocialCare: true,
    },
  })
  const reviewer = await actorFor(t, 'reviewer@marlshire.example')
  await t.services.reviews.addMember(coordinator, reviewId, reviewer.userId, 'lead_reviewer')
  for (const kind of ['overview_report', 'executive_summary'] as ReportKind[]) {
    const text = `# Child R\n\n## Introduction\n\nChild R was seriously harmed at home. Agencies had known the family for a year.\n`
    await t.services.reports.importDraft(
      coordinator,
      reviewId,
      kind,
      { fileName: 'draft.md', data: new TextEncoder().encode(text) },
      0,
    )
    const documentId = await t.services.reports.sendForAnonymisation(coordinator, reviewId, kind)
    const { document } = await t.services.caseKnowledge.documentView(coordinator, reviewId, documentId)
    await t.services.caseKnowledge.markAnonymised(coordinator, reviewId, documentId, document.version, true)
  }
  return reviewId
}

/** Open the page, then post one of its forms with the version shown on the page. */
async function submit(client: FormClient, reviewId: string, path: string, fields: Record<string, string> = {}) {
  const page = await client.get(`/reviews/${reviewId}/publication`)
  assert.equal(page.statusCode, 200)
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0'
  return client.post(`/reviews/${reviewId}/publication/${path}`, { version, ...fields })
}

const dateFields = (date: string) => {
  const [year, month, day] = date.split('-')
  return { 'happenedOn-day': String(Number(day)), 'happenedOn-month': String(Number(month)), 'happenedOn-year': year }
}

for (const database of testDatabases()) {
  describe(`publication pages on ${database.name}`, () => {
    test('the coordinator and the chair take the review from panel agreement to published, with the forms', async () => {
      const t = await startTestApp(await database.open())
      try {
        const reviewId = await reviewReadyForSignOff(t)
        let { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        let { client: chair } = await signIn(t, 'chair@marlshire.example')

        const first = await coordinator.get(`/reviews/${reviewId}/publication`)
        assert.match(first.body, /Next: The review panel agrees the draft/)
        assert.match(first.body, /<h1 class="govuk-heading-l">Sign-off and publication<\/h1>/)

        const agreed = await submit(coordinator, reviewId, 'panel-agreement', {
          note: 'Agreed <script>alert(1)</script>',
        })
        assert.equal(agreed.statusCode, 303)
        assert.equal(agreed.headers.location, `/reviews/${reviewId}/publication?saved=step`)
        const after = await coordinator.get(String(agreed.headers.location))
        assert.match(after.body, /Step recorded\./)
        assert.match(after.body, /Agreed &lt;script&gt;alert\(1\)&lt;\/script&gt;/)
        assert.ok(!after.body.includes('<script>alert(1)'))
        // The coordinator sees who signs off, with no form for it.
        assert.match(after.body, /A board chair or safeguarding partner records this step\./)

        // Each statutory partner signs for itself: the role is required and what was typed stays.
        const noRole = await submit(chair, reviewId, 'sign-off', { note: 'Agreed by the partners' })
        assert.equal(noRole.statusCode, 400)
        assert.match(
          noRole.body,
          /<a href="#signerRole">Enter your role, for example Director of Children’s Services<\/a>/,
        )
        assert.match(noRole.body, /Agreed by the partners<\/textarea>/)
        const signed = await submit(chair, reviewId, 'sign-off', { signerRole: 'Director of Children’s Services' })
        assert.equal(signed.statusCode, 303)
        assert.equal(signed.headers.location, `/reviews/${reviewId}/publication?saved=signed`)
        const waiting = await chair.get(String(signed.headers.location))
        assert.match(waiting.body, /Your sign-off is recorded\./)
        assert.match(waiting.body, /You have signed off for Local authority\./)
        assert.match(
          waiting.body,
          /Signed by Graham Demo \(partnership chair\) \(Director of Children’s Services\) on /,
        )
        assert.match(waiting.body, /Police\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Waiting/)
        assert.match(waiting.body, /Next: The safeguarding partners sign off the report/)
        // The same partner cannot sign again.
        const again = await chair.post(`/reviews/${reviewId}/publication/sign-off`, {
          version: '1',
          signerRole: 'Director',
        })
        assert.equal(again.statusCode, 400)
        assert.match(again.body, /Local authority has already signed off/)
        for (const [email, role] of [
          ['police.partner@marlshire.example', 'Detective Superintendent'],
          ['health.partner@marlshire.example', 'Chief Nurse'],
        ]) {
          const { client } = await signIn(t, email)
          assert.equal((await submit(client, reviewId, 'sign-off', { signerRole: role })).statusCode, 303, email)
        }
        const allSigned = await coordinator.get(`/reviews/${reviewId}/publication`)
        assert.match(allSigned.body, /Next: The family is told before publication/)
        assert.match(allSigned.body, /Signed off by Local authority: Graham Demo/)

        // Bad input: every problem in the error summary, what was typed shown again.
        const missing = await submit(coordinator, reviewId, 'family-informed', { how: 'Home visit by the reviewer' })
        assert.equal(missing.statusCode, 400)
        assert.match(missing.body, /There is a problem/)
        assert.match(missing.body, /<a href="#happenedOn-day">Enter the date the family was told<\/a>/)
        assert.match(missing.body, /value="Home visit by the reviewer"/)
        const unreal = await submit(coordinator, reviewId, 'family-informed', {
          ...dateFields('2026-02-31'),
          how: 'Letter',
        })
        assert.equal(unreal.statusCode, 400)
        assert.match(unreal.body, /The date the family was told must be a real date/)
        assert.match(unreal.body, /name="happenedOn-day" type="text" value="31"|value="31"/)
        const today = todayInEngland(t.now())
        assert.equal(
          (await submit(coordinator, reviewId, 'family-informed', { ...dateFields(today), how: 'Letter' })).statusCode,
          303,
        )
        // Skipping a step is refused in plain English.
        const skipped = await submit(chair, reviewId, 'approval')
        assert.equal(skipped.statusCode, 400)
        assert.match(skipped.body, /Record “Both documents are anonymised” first: the steps happen in order/)

        assert.equal((await submit(coordinator, reviewId, 'anonymised')).statusCode, 303)
        assert.equal((await submit(coordinator, reviewId, 'sent-to-panel', dateFields(today))).statusCode, 303)
        assert.equal((await submit(coordinator, reviewId, 'embargo-cleared')).statusCode, 303)
        // The readiness check: no summary or themes yet, so the chair has no form to approve with.
        const notReady = await chair.get(`/reviews/${reviewId}/publication`)
        assert.match(notReady.body, /Publication cannot be approved until these are fixed/)
        assert.match(notReady.body, /<strong>Case summary<\/strong>: Enter and save a case summary/)
        assert.match(
          notReady.body,
          /<strong>Overview report, section “The child’s voice”<\/strong>: The child’s voice is empty/,
        )
        assert.ok(!notReady.body.includes('action="/reviews/' + reviewId + '/publication/approval"'))
        const refused = await submit(chair, reviewId, 'approval', { note: 'Approved' })
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /Case summary: Enter and save a case summary/)
        assert.match(refused.body, /<a href="#readiness">Case summary: Enter and save a case summary<\/a>/)

        // The summary must pass the leak gate; the typed summary is kept.
        await t.services.caseKnowledge.addPerson(await actorFor(t, 'coordinator@marlshire.example'), reviewId, {
          role: 'subject child',
          full_name: 'Robin Example',
        })
        const leaking = await submit(coordinator, reviewId, 'details', {
          summary: 'Robin Example was harmed.',
          publishAs: 'area',
          keywords: 'head injury',
        })
        assert.equal(leaking.statusCode, 400)
        assert.match(leaking.body, /The summary has details that could identify someone/)
        assert.match(leaking.body, /Robin Example was harmed\.<\/textarea>/)
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const finding = await t.services.recommendations.addFinding(coordinatorActor, reviewId, {
          title: 'Men in the household were not assessed',
          text: 'Nobody checked who lived there.',
          theme: 'hidden_men_fathers',
        })
        await t.services.recommendations.addRecommendation(coordinatorActor, reviewId, {
          addressedTo: 'The partnership',
          action: 'Check who lives in the household at every contact',
          measureOfSuccess: 'An audit a year later',
          timescale: 'By March 2027',
          findingIds: [finding.id],
        })
        const saved = await submit(coordinator, reviewId, 'details', {
          summary: SUMMARY,
          publishAs: 'area',
          themes: 'neglect',
          keywords: 'head injury, neglect',
        })
        assert.equal(saved.statusCode, 303)
        const preview = await coordinator.get(`/reviews/${reviewId}/publication`)
        assert.match(preview.body, /2026 – Marlshire – Child R|\d{4} – Marlshire – Child R/)
        assert.match(preview.body, /1 to 4/)
        assert.match(preview.body, /The partnership should check who lives in the household at every contact\./)

        // Ready but for the empty sections: the chair must accept them by name, or they are refused.
        const unaccepted = await submit(chair, reviewId, 'approval', { note: 'Approved' })
        assert.equal(unaccepted.statusCode, 400)
        assert.match(
          unaccepted.body,
          /<a href="#acceptEmptySections">Confirm that you accept the empty sections are not published \([^)]*Overview report: The child’s voice; Overview report: The family’s voice/,
        )
        const approved = await submit(chair, reviewId, 'approval', { note: 'Approved', acceptEmptySections: 'yes' })
        assert.equal(approved.statusCode, 303)
        const afterApproval = await chair.get(`/reviews/${reviewId}/publication`)
        assert.match(
          afterApproval.body,
          /Approved Accepted that these sections are empty and not published: [^<]*Overview report: The child’s voice/,
        )

        // Too early: the Panel must have had it for 5 working days.
        const tooEarly = await submit(coordinator, reviewId, 'publish')
        assert.equal(tooEarly.statusCode, 400)
        assert.match(tooEarly.body, /The report cannot be published before/)

        t.advance(10 * DAY)
        ;({ client: coordinator } = await signIn(t, 'coordinator@marlshire.example'))
        ;({ client: chair } = await signIn(t, 'chair@marlshire.example'))
        const published = await submit(coordinator, reviewId, 'publish', { note: 'Published on the website too' })
        assert.equal(published.statusCode, 303)
        const done = await coordinator.get(String(published.headers.location))
        assert.match(done.body, /The review is published in the national repository\./)
        const link = /href="(\/repository\/reviews\/[0-9a-f-]+)"/.exec(done.body)![1]
        const publicPage = await t.app.inject({ method: 'GET', url: link })
        assert.equal(publicPage.statusCode, 200)
        assert.match(publicPage.body, /Child R/)
        assert.ok(!publicPage.body.includes('Robin Example'))
        // Nothing more to record, and no decision not to publish now.
        assert.ok(!done.body.includes('Record the decision not to publish'))
        assert.equal((await submit(chair, reviewId, 'not-publishing', { reason: 'Late' })).statusCode, 400)
        // Kept online 12 months: the page says from when it may be withdrawn, and an early attempt is refused.
        assert.match(done.body, /A published review stays online for at least 12 months: it can be withdrawn from/)
        const early = await submit(coordinator, reviewId, 'withdraw', { reason: 'Changed our minds' })
        assert.equal(early.statusCode, 400)
        assert.match(early.body, /it can be withdrawn from/)
      } finally {
        await t.close()
      }
    })

    test('the chair decides not to publish and reverses it; a stale page is refused without losing what was typed', async () => {
      const t = await startTestApp(await database.open())
      try {
        const reviewId = await reviewReadyForSignOff(t)
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const noReason = await submit(chair, reviewId, 'not-publishing', { reason: '' })
        assert.equal(noReason.statusCode, 400)
        assert.match(noReason.body, /Enter the reason for not publishing/)
        assert.equal(
          (await submit(chair, reviewId, 'not-publishing', { reason: 'It would identify the sibling' })).statusCode,
          303,
        )
        const stopped = await coordinator.get(`/reviews/${reviewId}/publication`)
        assert.match(stopped.body, /decided not to publish this report on .*It would identify the sibling/)
        const refused = await submit(coordinator, reviewId, 'panel-agreement')
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /Reverse that decision before recording a step/)
        assert.equal(
          (await submit(chair, reviewId, 'not-publishing/reverse', { reason: 'Family agreed' })).statusCode,
          303,
        )

        // Two people on the same page: the second save is refused and the typed note is kept.
        await coordinator.get(`/reviews/${reviewId}/publication`)
        const version = /name="version" value="(\d+)"/.exec(coordinator.lastHtml)![1]
        await submit(chair, reviewId, 'not-publishing', { reason: 'Second thoughts' })
        await submit(chair, reviewId, 'not-publishing/reverse', { reason: 'Agreed again' })
        const conflict = await coordinator.post(`/reviews/${reviewId}/publication/panel-agreement`, {
          version,
          note: 'My careful note',
        })
        assert.equal(conflict.statusCode, 409)
        assert.match(conflict.body, /Someone else recorded something here after you opened this page/)
        assert.match(conflict.body, /My careful note<\/textarea>/)
      } finally {
        await t.close()
      }
    })

    test('lifting the embargo: outcome, date and reason asked for, bad dates refused, then a dated event with who', async () => {
      const t = await startTestApp(await database.open())
      try {
        const reviewId = await reviewReadyForSignOff(t)
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const { review } = await t.services.reviews.get(coordinatorActor, reviewId)
        await t.services.reviews.recordCommissioning(coordinatorActor, reviewId, review.version, {
          scopeStart: '2022-10-01',
          scopeEnd: '2024-03-31',
          linesOfEnquiry: ['Men in the household'],
          methodology: 'SCIE Learning Together',
          leadReviewers: 'Independent reviewer',
          panelMembers: 'Agency leads',
          familyInvolvement: 'Meetings',
          parallelProcesses: [
            { kind: 'criminal_proceedings', reference: 'Op Fen', status: 'ongoing', expectedEnd: null },
          ],
        })
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        const { client: reviewer } = await signIn(t, 'reviewer@marlshire.example')
        const today = todayInEngland(t.now())
        assert.equal((await submit(coordinator, reviewId, 'panel-agreement')).statusCode, 303)
        assert.equal((await submit(chair, reviewId, 'sign-off', { signerRole: 'Director' })).statusCode, 303)
        for (const [email, role] of [
          ['police.partner@marlshire.example', 'Detective Superintendent'],
          ['health.partner@marlshire.example', 'Chief Nurse'],
        ]) {
          const { client } = await signIn(t, email)
          assert.equal((await submit(client, reviewId, 'sign-off', { signerRole: role })).statusCode, 303, email)
        }
        assert.equal(
          (await submit(coordinator, reviewId, 'family-informed', { ...dateFields(today), how: 'Letter' })).statusCode,
          303,
        )
        assert.equal((await submit(coordinator, reviewId, 'anonymised')).statusCode, 303)
        assert.equal((await submit(coordinator, reviewId, 'sent-to-panel', dateFields(today))).statusCode, 303)

        const form = await coordinator.get(`/reviews/${reviewId}/publication`)
        assert.match(form.body, /How did the embargo end\?/)
        assert.match(form.body, /Court lifted the reporting restriction/)
        assert.match(form.body, /When was the embargo lifted\?/)
        assert.match(form.body, /Why was the embargo lifted\?/)

        // Refused without the step's permission (the chair and the lead reviewer).
        for (const client of [chair, reviewer]) {
          await client.get('/dashboard')
          const refused = await client.post(`/reviews/${reviewId}/publication/embargo-cleared`, {
            version: '5',
            outcome: 'proceedings_concluded',
            ...dateFields(today),
            note: 'Trial ended',
          })
          assert.equal(refused.statusCode, 403)
        }

        const empty = await submit(coordinator, reviewId, 'embargo-cleared')
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /There is a problem/)
        assert.match(empty.body, /<a href="#outcome">Select how the embargo ended<\/a>/)
        assert.match(empty.body, /<a href="#happenedOn-day">Enter the date the embargo was lifted<\/a>/)
        assert.match(empty.body, /<a href="#note">Enter the reason the embargo was lifted<\/a>/)

        const tomorrow = todayInEngland(new Date(t.now().getTime() + DAY))
        const future = await submit(coordinator, reviewId, 'embargo-cleared', {
          outcome: 'other',
          outcomeDetail: 'Proceedings discontinued by the CPS',
          ...dateFields(tomorrow),
          note: 'No trial will take place',
        })
        assert.equal(future.statusCode, 400)
        assert.match(future.body, /The date the embargo was lifted must be today or in the past/)
        // What was typed is kept.
        assert.match(future.body, /value="Proceedings discontinued by the CPS"/)
        assert.match(future.body, /No trial will take place<\/textarea>/)
        assert.match(future.body, /value="other" checked/)
        const unreal = await submit(coordinator, reviewId, 'embargo-cleared', {
          outcome: 'charge_not_pursued',
          'happenedOn-day': '31',
          'happenedOn-month': '2',
          'happenedOn-year': '2026',
          note: 'No charge',
        })
        assert.equal(unreal.statusCode, 400)
        assert.match(unreal.body, /The date the embargo was lifted must be a real date/)

        const lifted = await submit(coordinator, reviewId, 'embargo-cleared', {
          outcome: 'other',
          outcomeDetail: 'Proceedings discontinued by the CPS',
          ...dateFields(today),
          note: 'No trial will take place',
        })
        assert.equal(lifted.statusCode, 303)
        const page = await coordinator.get(String(lifted.headers.location))
        const embargo = /<div class="govuk-inset-text" id="embargo">([^<]*)<\/div>/.exec(page.body)?.[1] ?? ''
        assert.match(embargo, /The embargo was lifted on /)
        assert.match(embargo, /Other: Proceedings discontinued by the CPS\. Reason: No trial will take place/)
        assert.ok(embargo.includes(`recorded by ${coordinatorActor.displayName} on `), embargo)
        assert.match(page.body, /Embargo lifted<\/td>/)
        assert.match(page.body, /Next: The chair approves publication/)
      } finally {
        await t.close()
      }
    })

    test('the lifted embargo’s outcome, date and reason stay on the page through every later form, step and stage change', async () => {
      const t = await startTestApp(await database.open())
      try {
        const reviewId = await reviewReadyForSignOff(t)
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const { review } = await t.services.reviews.get(coordinatorActor, reviewId)
        await t.services.reviews.recordCommissioning(coordinatorActor, reviewId, review.version, {
          scopeStart: '2022-10-01',
          scopeEnd: '2024-03-31',
          linesOfEnquiry: ['Men in the household'],
          methodology: 'SCIE Learning Together',
          leadReviewers: 'Independent reviewer',
          panelMembers: 'Agency leads',
          familyInvolvement: 'Meetings',
          parallelProcesses: [
            { kind: 'criminal_proceedings', reference: 'Op Fen', status: 'ongoing', expectedEnd: null },
          ],
        })
        let { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        let { client: chair } = await signIn(t, 'chair@marlshire.example')
        const today = todayInEngland(t.now())
        assert.equal((await submit(coordinator, reviewId, 'panel-agreement')).statusCode, 303)
        assert.equal((await submit(chair, reviewId, 'sign-off', { signerRole: 'Director' })).statusCode, 303)
        for (const [email, role] of [
          ['police.partner@marlshire.example', 'Detective Superintendent'],
          ['health.partner@marlshire.example', 'Chief Nurse'],
        ]) {
          const { client } = await signIn(t, email)
          assert.equal((await submit(client, reviewId, 'sign-off', { signerRole: role })).statusCode, 303, email)
        }
        const family = { ...dateFields(today), how: 'Letter' }
        assert.equal((await submit(coordinator, reviewId, 'family-informed', family)).statusCode, 303)
        assert.equal((await submit(coordinator, reviewId, 'anonymised')).statusCode, 303)
        assert.equal((await submit(coordinator, reviewId, 'sent-to-panel', dateFields(today))).statusCode, 303)
        // Lifted three days ago (not today: a later step must not put its own date in its place).
        const liftedOn = todayInEngland(new Date(t.now().getTime() - 3 * DAY))
        const lifted = await submit(coordinator, reviewId, 'embargo-cleared', {
          outcome: 'restriction_lifted',
          ...dateFields(liftedOn),
          note: 'The judge lifted the reporting restriction at the end of the trial',
        })
        assert.equal(lifted.statusCode, 303)
        const [y, m, d] = liftedOn.split('-').map(Number)
        const longDate = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        })
        const record = new RegExp(
          `The embargo was lifted on ${longDate}: Court lifted the reporting restriction\\. Reason: The judge lifted the reporting restriction at the end of the trial \\(recorded by ${coordinatorActor.displayName.replace(/[()]/g, '\\$&')} on `,
        )
        const historyRow = new RegExp(
          `<td class="govuk-table__cell">${longDate}</td>\\s*<td class="govuk-table__cell">Embargo lifted</td>[\\s\\S]*?Outcome: Court lifted the reporting restriction\\. Reason: The judge lifted`,
        )
        const stillThere = async (after: string) => {
          const page = await coordinator.get(`/reviews/${reviewId}/publication`)
          assert.equal(page.statusCode, 200, after)
          const embargo = /<div class="govuk-inset-text" id="embargo">([^<]*)<\/div>/.exec(page.body)?.[1] ?? ''
          assert.match(embargo, record, `the embargo’s record after ${after}: ${embargo}`)
          assert.match(page.body, historyRow, `the history row after ${after}`)
          const view = await t.services.publication.view(coordinatorActor, reviewId)
          const step = view.progress.done.embargo_cleared!
          assert.deepEqual(
            [step.outcome, step.happenedOn, step.note],
            ['restriction_lifted', liftedOn, 'The judge lifted the reporting restriction at the end of the trial'],
            after,
          )
        }
        await stillThere('lifting it')

        // The publication details, saved and saved again.
        const details = { summary: SUMMARY, publishAs: 'area', themes: 'neglect', keywords: 'head injury' }
        assert.equal((await submit(coordinator, reviewId, 'details', details)).statusCode, 303)
        assert.equal(
          (await submit(coordinator, reviewId, 'details', { ...details, keywords: 'neglect' })).statusCode,
          303,
        )
        await stillThere('the details were saved twice')
        // A decision not to publish, and its reversal.
        assert.equal(
          (await submit(chair, reviewId, 'not-publishing', { reason: 'Wait for the appeal' })).statusCode,
          303,
        )
        await stillThere('a decision not to publish')
        const reversed = await submit(chair, reviewId, 'not-publishing/reverse', { reason: 'No appeal' })
        assert.equal(reversed.statusCode, 303)
        await stillThere('the decision was reversed')
        // The chair's approval.
        const approval = { note: 'Approved', acceptEmptySections: 'yes' }
        assert.equal((await submit(chair, reviewId, 'approval', approval)).statusCode, 303)
        await stillThere('the approval')
        // A stage change on the review page.
        const reviewPage = await coordinator.get(`/reviews/${reviewId}`)
        const version = /name="version" value="(\d+)"/.exec(reviewPage.body)![1]
        const moved = await coordinator.post(`/reviews/${reviewId}/stage`, { version, to: 'rapid_review', note: '' })
        assert.equal(moved.statusCode, 303, moved.body)
        await stillThere('a stage change')
        // Publishing, after the Panel's notice.
        t.advance(10 * DAY)
        ;({ client: coordinator } = await signIn(t, 'coordinator@marlshire.example'))
        ;({ client: chair } = await signIn(t, 'chair@marlshire.example'))
        assert.equal((await submit(coordinator, reviewId, 'publish')).statusCode, 303)
        await stillThere('publishing')
      } finally {
        await t.close()
      }
    })

    test('who may do what: readers see the page; each form refuses roles without its permission', async () => {
      const t = await startTestApp(await database.open())
      try {
        const reviewId = await reviewReadyForSignOff(t)
        const { client: reviewer } = await signIn(t, 'reviewer@marlshire.example')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        const page = await reviewer.get(`/reviews/${reviewId}/publication`)
        assert.equal(page.statusCode, 200)
        assert.ok(!page.body.includes('action="/reviews/'), 'a lead reviewer sees no forms')
        assert.equal((await panel.get(`/reviews/${reviewId}/publication`)).statusCode, 404)
        await reviewer.get('/dashboard')
        assert.equal(
          (await reviewer.post(`/reviews/${reviewId}/publication/panel-agreement`, { version: '0' })).statusCode,
          403,
        )
        await coordinator.get('/dashboard')
        for (const path of ['sign-off', 'approval', 'not-publishing', 'not-publishing/reverse']) {
          const response = await coordinator.post(`/reviews/${reviewId}/publication/${path}`, { version: '0' })
          assert.equal(response.statusCode, 403, path)
        }
        await chair.get('/dashboard')
        for (const path of ['panel-agreement', 'family-informed', 'details', 'publish', 'withdraw']) {
          const response = await chair.post(`/reviews/${reviewId}/publication/${path}`, { version: '0' })
          assert.equal(response.statusCode, 403, path)
        }
        // Without the CSRF token nothing is recorded.
        const noToken = await coordinator.post(
          `/reviews/${reviewId}/publication/panel-agreement`,
          { version: '0' },
          { csrf: null },
        )
        assert.equal(noToken.statusCode, 403)
        assert.equal(
          (await t.services.publication.view(await actorFor(t, 'coordinator@marlshire.example'), reviewId)).history
            .length,
          0,
        )
      } finally {
        await t.close()
      }
    })
  })
}
