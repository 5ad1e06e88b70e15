import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../test/support/databases.ts'
import { AccessDeniedError } from '../access/access.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import {
  CLEAN_SUMMARY,
  publicationFixture,
  readyToPublish,
  record,
  saveCleanDetails,
  signOffByAllPartners,
  versionOf,
} from '../../../test/fixtures/publication.fixture.ts'
import { PublicationRepository } from './publication.repository.ts'
import { StalePublicationError } from './publication.service.ts'
import { formatLongDate as longDate } from '../clocks/plain-date.ts'

/** The plain-English messages of a ValidationError thrown by `action`. */
async function refusal(action: () => Promise<unknown>): Promise<string[]> {
  try {
    await action()
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.message)
    throw error
  }
  assert.fail('expected the step to be refused')
}

for (const database of testDatabases()) {
  describe(`publication service on ${database.name}`, () => {
    test('the steps happen in order, each with who and when; none can be skipped or done twice', async () => {
      const f = await publicationFixture(await database.open())
      try {
        // Nothing written yet: the panel cannot agree a draft.
        assert.deepEqual(await refusal(() => record(f, f.coordinator, 'panel_agreed')), [
          'Write the overview report before the panel agrees the draft',
          'Write the executive summary before the panel agrees the draft',
        ])
        f.reports.drafted()
        // Skipping ahead is refused, naming the step to record first.
        assert.deepEqual(await refusal(() => record(f, f.chair, 'signed_off')), [
          'Record “The review panel agrees the draft” first: the steps happen in order',
        ])
        await record(f, f.coordinator, 'panel_agreed', { note: 'Agreed at the panel meeting' })
        assert.deepEqual(await refusal(() => record(f, f.coordinator, 'panel_agreed')), [
          '“The review panel agrees the draft” was already recorded on 26 November 2026 by Priya Demo (review coordinator)',
        ])
        // Only a statutory partner's signer (chair role) signs off; all three partners sign.
        await assert.rejects(record(f, f.coordinator, 'signed_off'), AccessDeniedError)
        await signOffByAllPartners(f)
        // The family: the date and how are required; a future date is refused.
        assert.deepEqual(await refusal(() => record(f, f.coordinator, 'family_informed')), [
          'Enter the date the family was told',
          'Enter how the family was told, for example at a meeting',
        ])
        assert.deepEqual(
          await refusal(() => record(f, f.coordinator, 'family_informed', { happenedOn: '2026-12-01', how: 'Letter' })),
          ['The date the family was told must be today or in the past'],
        )
        await record(f, f.coordinator, 'family_informed', {
          happenedOn: '2026-11-20',
          how: 'Visit by the lead reviewer',
        })
        // Anonymised: both documents must be anonymised and current; each document's problem is shown.
        f.reports.states[1].problem = 'The leak gate still finds 2 identifying details'
        assert.deepEqual(await refusal(() => record(f, f.coordinator, 'anonymised')), [
          'The overview report is not anonymised: Not anonymised yet',
          'The executive summary is not anonymised: The leak gate still finds 2 identifying details',
        ])
        f.reports.anonymised()
        await record(f, f.coordinator, 'anonymised')
        // Sent to the Panel: not before the documents were anonymised.
        assert.deepEqual(await refusal(() => record(f, f.coordinator, 'sent_to_panel', { happenedOn: '2026-11-25' })), [
          'The date the report was sent must be on or after 26 November 2026',
        ])
        await record(f, f.coordinator, 'sent_to_panel', { happenedOn: '2026-11-26' })
        await record(f, f.coordinator, 'embargo_cleared')
        await assert.rejects(record(f, f.coordinator, 'approved'), AccessDeniedError)
        // The readiness check: no summary yet, and a drafting label left in the anonymised text.
        f.reports.documents[0].text =
          '## 1. Introduction\n\n1.1 Overview report - DRAFT v0.3 (not for publication). Child M was harmed.\n'
        f.reports.emptySections = { overview_report: ['Good practice', 'The child’s voice'] }
        assert.deepEqual(await refusal(() => record(f, f.chair, 'approved')), [
          'Overview report, paragraph 1.1: Remove a drafting marker (“DRAFT v0.3”): nothing marked as a draft or confidential may be published',
          'Overview report, paragraph 1.1: Remove a “not for publication” marker (“not for publication”): nothing marked as a draft or confidential may be published',
          'Case summary: Enter and save a case summary',
          'Confirm that you accept the empty sections are not published (Overview report: Good practice; Overview report: The child’s voice), or write them first',
        ])
        const before = await f.service.view(f.chair, f.reviewId)
        assert.equal(before.readiness.toAccept[0].where, 'Overview report, section “The child’s voice”')
        assert.match(before.readiness.blockers[0].quote!, /Overview report - DRAFT v0\.3 \(not for publication\)/)
        // Fixed: the label taken out, a summary saved; the empty sections still need accepting.
        f.reports.documents[0].text = '## 1. Introduction\n\n1.1 Child M was harmed.\n'
        await saveCleanDetails(f)
        assert.deepEqual(await refusal(() => record(f, f.chair, 'approved')), [
          'Confirm that you accept the empty sections are not published (Overview report: Good practice; Overview report: The child’s voice), or write them first',
        ])
        await record(f, f.chair, 'approved', { note: 'Approved for publication', acceptEmptySections: true })
        assert.equal(
          (await f.service.view(f.chair, f.reviewId)).progress.done.approved?.note,
          'Approved for publication Accepted that these sections are empty and not published: Overview report: Good practice; Overview report: The child’s voice.',
        )

        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.deepEqual(
          view.history.map((h) => [h.step, h.recordedByName]),
          [
            ['panel_agreed', 'Priya Demo (review coordinator)'],
            ['signed_off', 'Kit Demo (health safeguarding partner)'],
            ['family_informed', 'Priya Demo (review coordinator)'],
            ['anonymised', 'Priya Demo (review coordinator)'],
            ['sent_to_panel', 'Priya Demo (review coordinator)'],
            ['embargo_cleared', 'Priya Demo (review coordinator)'],
            ['approved', 'Graham Demo (partnership chair)'],
          ],
        )
        assert.equal(view.history[2].how, 'Visit by the lead reviewer')
        assert.equal(view.history[2].happenedOn, '2026-11-20')
        assert.equal(view.history[0].note, 'Agreed at the panel meeting')
        assert.equal(view.progress.next, 'published')
        // The reviews slice's clock sees the report as sent.
        const review = await f.services.reviews.get(f.coordinator, f.reviewId)
        assert.equal(review.review.milestones.report_sent_to_panel, '2026-11-26')
      } finally {
        await f.close()
      }
    })

    test('publication waits for the Panel’s notice period in working days (bank holidays excluded)', async () => {
      // Sent on Friday 18 December 2026: Christmas Day, the weekend and Boxing Day's substitute
      // (Monday 28 December) are not working days, so 5 working days later is Tuesday 29 December.
      const f = await publicationFixture(await database.open(), '2026-12-18')
      try {
        await readyToPublish(f, '2026-12-18')
        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.panelNotice.earliestPublication, '2026-12-29')
        assert.equal(view.panelNotice.workingDaysLeft, 5)
        f.setToday('2026-12-28')
        assert.deepEqual(
          await refusal(async () => f.service.publish(f.coordinator, f.reviewId, await versionOf(f), '')),
          ['The report cannot be published before 29 December 2026: the national Panel must have it in advance'],
        )
        f.setToday('2026-12-29')
        const publishedId = await f.service.publish(f.coordinator, f.reviewId, await versionOf(f), 'Published today')
        assert.ok(publishedId)
      } finally {
        await f.close()
      }
    })

    test('publishing makes the repository entry: title, summary, themes, recommendations, facets, documents, kept 12 months', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await readyToPublish(f, '2026-11-20')
        f.setToday('2026-11-27')
        const id = await f.service.publish(f.coordinator, f.reviewId, await versionOf(f), '')
        const entry = await f.services.publishedReviews.get(id)
        assert.equal(entry.title, '2026 – Marlshire – Child M')
        assert.equal(entry.summary, CLEAN_SUMMARY)
        assert.deepEqual([...entry.themes].sort(), ['hidden_men_fathers', 'information_sharing'])
        assert.deepEqual(entry.keywords, ['head injury', 'non-mobile baby'])
        assert.deepEqual(
          entry.recommendations.map((r) => r.text),
          ['The partnership should check who lives in the household at every contact.'],
        )
        assert.equal(entry.reviewType, 'lcspr')
        assert.equal(entry.natureOfIncident, 'serious_harm')
        assert.equal(entry.childAgeBand, 'under_1')
        assert.equal(entry.sex, 'female')
        assert.equal(entry.ethnicGroup, 'white')
        assert.deepEqual(entry.agencies, ['police'])
        assert.deepEqual(
          entry.documents.map((d) => [d.title, d.format]),
          [
            ['Overview report', 'html'],
            ['Executive summary', 'html'],
          ],
        )
        assert.ok(entry.keepUntil >= '2027-11-27', `kept until ${entry.keepUntil}`)
        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.record.publishedReviewId, id)
        assert.equal(view.record.keepUntil, entry.keepUntil)
        assert.equal(view.progress.next, null)
        // Published once only.
        assert.deepEqual(
          await refusal(async () => f.service.publish(f.coordinator, f.reviewId, await versionOf(f), '')),
          [
            '“The report is published in the national repository” was already recorded on 27 November 2026 by Priya Demo (review coordinator)',
          ],
        )
        const review = await f.services.reviews.get(f.coordinator, f.reviewId)
        assert.equal(review.review.milestones.planned_publication, '2026-11-27')
        const panelClock = review.clocks.find((c) => c.definition.stopEvent === 'report_sent_to_panel')!
        assert.equal(panelClock.reading.status, 'met_on_time')
      } finally {
        await f.close()
      }
    })

    test('publishing moves a commissioned review on to monitoring its action plan, each stage in its history', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await readyToPublish(f, '2026-11-20')
        // As if the review had been commissioned and was gathering information when the report was written.
        await f.services.database.db
          .updateTable('review')
          .set({ stage: 'information_gathering' })
          .where('id', '=', f.reviewId)
          .execute()
        f.setToday('2026-11-27')
        await f.service.publish(f.coordinator, f.reviewId, await versionOf(f), '')
        const { review, history } = await f.services.reviews.get(f.coordinator, f.reviewId)
        assert.equal(review.stage, 'action_monitoring')
        const moves = history.filter((h) => h.note === 'Moved on when the report was published')
        assert.deepEqual(
          moves.map((h) => h.toStage),
          ['analysis_and_drafting', 'sign_off', 'publication', 'action_monitoring'],
        )
      } finally {
        await f.close()
      }
    })

    test('a published review stays online 12 months; then the coordinator may withdraw it, with a reason', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        assert.deepEqual(
          await refusal(async () => f.service.withdraw(f.coordinator, f.reviewId, await versionOf(f), 'Too soon')),
          ['The report is not published'],
        )
        await readyToPublish(f, '2026-11-20')
        f.setToday('2026-11-27')
        const id = await f.service.publish(f.coordinator, f.reviewId, await versionOf(f), '')
        f.setToday('2027-11-26')
        assert.deepEqual(
          await refusal(async () => f.service.withdraw(f.coordinator, f.reviewId, await versionOf(f), 'Old')),
          ['A published review stays online for at least 12 months: it can be withdrawn from 27 November 2027'],
        )
        await assert.rejects(
          f.service.withdraw(f.chair, f.reviewId, await versionOf(f), 'Not the chair’s to do'),
          AccessDeniedError,
        )
        f.setToday('2027-11-28')
        assert.deepEqual(
          await refusal(async () => f.service.withdraw(f.coordinator, f.reviewId, await versionOf(f), ' ')),
          ['Enter the reason for withdrawing the report'],
        )
        await f.service.withdraw(f.coordinator, f.reviewId, await versionOf(f), 'Replaced by the thematic review')
        await assert.rejects(f.services.publishedReviews.get(id), NotFoundError)
        assert.equal((await f.services.publishedReviews.search('')).total, 0)
        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.progress.withdrawn?.note, 'Replaced by the thematic review')
        assert.deepEqual(
          await refusal(async () => f.service.withdraw(f.coordinator, f.reviewId, await versionOf(f), 'Again')),
          ['The report is already withdrawn from the national repository'],
        )
      } finally {
        await f.close()
      }
    })

    test('a partnership may publish as Anonymous: no area, partnership or region in the entry', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await readyToPublish(f, '2026-11-20')
        await f.service.saveDetails(f.coordinator, f.reviewId, await versionOf(f), {
          summary: CLEAN_SUMMARY,
          themes: [],
          keywords: [],
          publishAsAnonymous: true,
        })
        f.setToday('2026-11-27')
        const entry = await f.services.publishedReviews.get(
          await f.service.publish(f.coordinator, f.reviewId, await versionOf(f), ''),
        )
        assert.equal(entry.title, '2026 – Anonymous – Child M')
        assert.equal(entry.partnership, null)
        assert.equal(entry.region, null)
        assert.ok(!JSON.stringify(entry).includes('Marlshire'))
      } finally {
        await f.close()
      }
    })

    test('publishing is refused if a document changed after it was anonymised, or a criminal process started since', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await readyToPublish(f, '2026-11-20')
        f.setToday('2026-11-27')
        f.reports.states[0].anonymisedAndCurrent = false
        f.reports.states[0].problem = 'The text changed after it was marked anonymised'
        const review = await f.services.reviews.get(f.coordinator, f.reviewId)
        await f.services.reviews.recordCommissioning(f.coordinator, f.reviewId, review.review.version, {
          scopeStart: '2022-10-01',
          scopeEnd: '2024-03-31',
          linesOfEnquiry: ['Men in the household'],
          methodology: 'SCIE Learning Together',
          leadReviewers: 'Independent reviewer',
          panelMembers: 'Agency leads',
          familyInvolvement: 'Meetings',
          parallelProcesses: [
            { kind: 'criminal_proceedings', reference: 'Op Test', status: 'ongoing', expectedEnd: null },
          ],
        })
        const messages = await refusal(async () => f.service.publish(f.coordinator, f.reviewId, await versionOf(f), ''))
        assert.deepEqual(messages, [
          'The overview report is not anonymised: The text changed after it was marked anonymised (it changed after it was anonymised, or was never marked)',
          'Criminal proceedings are not finished (Op Test); publication is held back until they end',
        ])
        assert.equal((await f.services.publishedReviews.search('')).total, 0)
      } finally {
        await f.close()
      }
    })

    test('lifting the embargo records its outcome, the date it was lifted and the reason, and lets publication go ahead', async () => {
      const f = await publicationFixture(await database.open())
      try {
        const review = await f.services.reviews.get(f.coordinator, f.reviewId)
        await f.services.reviews.recordCommissioning(f.coordinator, f.reviewId, review.review.version, {
          scopeStart: '2022-10-01',
          scopeEnd: '2024-03-31',
          linesOfEnquiry: ['Men in the household'],
          methodology: 'SCIE Learning Together',
          leadReviewers: 'Independent reviewer',
          panelMembers: 'Agency leads',
          familyInvolvement: 'Meetings',
          parallelProcesses: [
            { kind: 'criminal_proceedings', reference: 'Op Fen', status: 'ongoing', expectedEnd: '2027-03-01' },
          ],
        })
        f.reports.anonymised()
        await record(f, f.coordinator, 'panel_agreed')
        await signOffByAllPartners(f)
        await record(f, f.coordinator, 'family_informed', { happenedOn: '2026-11-02', how: 'Letter and meeting' })
        await record(f, f.coordinator, 'anonymised')
        await record(f, f.coordinator, 'sent_to_panel', { happenedOn: '2026-11-26' })
        const before = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(before.embargoReason?.startsWith('Criminal proceedings are not finished (Op Fen'), true)
        assert.deepEqual(before.steps.find((s) => s.isNext)?.problems, [])

        // Nothing typed: every field is asked for, in the order of the form.
        assert.deepEqual(await refusal(() => record(f, f.coordinator, 'embargo_cleared')), [
          'Select how the embargo ended',
          'Enter the date the embargo was lifted',
          'Enter the reason the embargo was lifted',
        ])
        assert.deepEqual(
          await refusal(() =>
            record(f, f.coordinator, 'embargo_cleared', {
              outcome: 'other',
              happenedOn: '2026-11-27',
              note: '',
            }),
          ),
          [
            'Enter how the embargo ended',
            'The date the embargo was lifted must be today or in the past',
            'Enter the reason the embargo was lifted',
          ],
        )
        assert.deepEqual(
          await refusal(() =>
            record(f, f.coordinator, 'embargo_cleared', {
              outcome: 'proceedings_concluded',
              happenedOn: '1999-01-01',
              note: 'Trial ended',
            }),
          ),
          [
            `The date the embargo was lifted must be on or after ${longDate((review.review.milestones.decision_made ?? review.review.incidentDate)!)}`,
          ],
        )
        // Not the coordinator's colleague without the step's permission.
        await assert.rejects(
          record(f, f.leadReviewer, 'embargo_cleared', {
            outcome: 'proceedings_concluded',
            happenedOn: '2026-11-25',
            note: 'Trial ended',
          }),
          AccessDeniedError,
        )
        assert.equal((await f.service.view(f.coordinator, f.reviewId)).progress.next, 'embargo_cleared')

        await record(f, f.coordinator, 'embargo_cleared', {
          outcome: 'restriction_lifted',
          outcomeDetail: 'ignored unless other',
          happenedOn: '2026-11-25',
          note: 'The Crown Court lifted the reporting restriction after sentencing',
        })
        const after = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(after.progress.next, 'approved')
        assert.equal(after.embargoReason, null)
        const lifted = after.history.find((h) => h.step === 'embargo_cleared')!
        assert.equal(lifted.outcome, 'restriction_lifted')
        assert.equal(lifted.outcomeDetail, null)
        assert.equal(lifted.happenedOn, '2026-11-25')
        assert.equal(lifted.note, 'The Crown Court lifted the reporting restriction after sentencing')
        assert.equal(lifted.recordedByName, f.coordinator.displayName)
      } finally {
        await f.close()
      }
    })

    test('the review stage follows the steps: panel agreement starts sign-off, approval starts publication', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await f.services.database.db
          .updateTable('review')
          .set({ stage: 'information_gathering' })
          .where('id', '=', f.reviewId)
          .execute()
        const stage = async () => (await f.services.reviews.get(f.coordinator, f.reviewId)).review.stage
        f.reports.anonymised()
        await record(f, f.coordinator, 'panel_agreed')
        assert.equal(await stage(), 'sign_off')
        await signOffByAllPartners(f)
        await record(f, f.coordinator, 'family_informed', { happenedOn: '2026-11-02', how: 'Meeting' })
        await record(f, f.coordinator, 'anonymised')
        await record(f, f.coordinator, 'sent_to_panel', { happenedOn: '2026-11-20' })
        await record(f, f.coordinator, 'embargo_cleared')
        assert.equal(await stage(), 'sign_off')
        await saveCleanDetails(f)
        // The chair approves (without the coordinator's permission to move stages); the move is in the history.
        await record(f, f.chair, 'approved')
        const { review, history } = await f.services.reviews.get(f.coordinator, f.reviewId)
        assert.equal(review.stage, 'publication')
        assert.deepEqual(
          history.filter((h) => h.note?.startsWith('Moved on when')).map((h) => [h.toStage, h.changedByName]),
          [
            ['analysis_and_drafting', f.coordinator.displayName],
            ['sign_off', f.coordinator.displayName],
            ['publication', f.chair.displayName],
          ],
        )
      } finally {
        await f.close()
      }
    })

    test('a review not yet commissioned stays at its stage when steps are recorded', async () => {
      const f = await publicationFixture(await database.open())
      try {
        const before = (await f.services.reviews.get(f.coordinator, f.reviewId)).review.stage
        f.reports.anonymised()
        await record(f, f.coordinator, 'panel_agreed')
        assert.equal((await f.services.reviews.get(f.coordinator, f.reviewId)).review.stage, before)
      } finally {
        await f.close()
      }
    })

    test('a decision not to publish (the chair, with a reason) stops the steps until it is reversed', async () => {
      const f = await publicationFixture(await database.open())
      try {
        f.reports.drafted()
        await record(f, f.coordinator, 'panel_agreed')
        await assert.rejects(
          f.service.decideNotToPublish(f.coordinator, f.reviewId, await versionOf(f), 'No'),
          AccessDeniedError,
        )
        assert.deepEqual(
          await refusal(async () => f.service.decideNotToPublish(f.chair, f.reviewId, await versionOf(f), '  ')),
          ['Enter the reason for not publishing'],
        )
        await f.service.decideNotToPublish(
          f.chair,
          f.reviewId,
          await versionOf(f),
          'Publication would identify the surviving sibling',
        )
        assert.deepEqual(await refusal(() => record(f, f.chair, 'signed_off')), [
          'The partners decided not to publish this report on 26 November 2026 (Publication would identify the surviving sibling). Reverse that decision before recording a step',
        ])
        assert.deepEqual(
          await refusal(async () => f.service.decideNotToPublish(f.chair, f.reviewId, await versionOf(f), 'Again')),
          ['A decision not to publish is already recorded'],
        )
        assert.deepEqual(
          await refusal(async () => f.service.reverseDecisionNotToPublish(f.chair, f.reviewId, await versionOf(f), '')),
          ['Enter the reason for reversing the decision'],
        )
        await f.service.reverseDecisionNotToPublish(
          f.chair,
          f.reviewId,
          await versionOf(f),
          'The family agreed to a shortened report',
        )
        await signOffByAllPartners(f)
        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.deepEqual(
          view.history.map((h) => [h.step, h.note]),
          [
            ['panel_agreed', ''],
            ['not_publishing', 'Publication would identify the surviving sibling'],
            ['not_publishing_reversed', 'The family agreed to a shortened report'],
            [
              'signed_off',
              'Signed off by Local authority: Graham Demo (partnership chair) (Director of Children’s Services); Police: Dana Demo (police safeguarding partner) (Detective Superintendent, Public Protection); Health (integrated care board): Kit Demo (health safeguarding partner) (Chief Nurse, integrated care board).',
            ],
          ],
        )
        assert.deepEqual(
          await refusal(async () =>
            f.service.reverseDecisionNotToPublish(f.chair, f.reviewId, await versionOf(f), 'x'),
          ),
          ['There is no decision not to publish to reverse'],
        )
      } finally {
        await f.close()
      }
    })

    test('two changes at once from the same version: one succeeds, one step is recorded', async () => {
      const f = await publicationFixture(await database.open())
      try {
        const repository = new PublicationRepository(f.services.database.db)
        const { version } = await repository.ensure(f.reviewId, new Date())
        const step = (note: string) => ({
          step: 'panel_agreed' as const,
          happenedOn: '2026-11-26',
          how: null,
          note,
          recordedBy: f.coordinator.userId,
          recordedByName: f.coordinator.displayName,
        })
        const results = await Promise.all([
          repository.change(f.reviewId, version, {}, step('first'), f.coordinator.userId, new Date()),
          repository.change(f.reviewId, version, {}, step('second'), f.coordinator.userId, new Date()),
        ])
        assert.deepEqual([...results].sort(), [false, true])
        assert.equal((await repository.steps(f.reviewId)).length, 1)
      } finally {
        await f.close()
      }
    })

    test('publishing the repository refuses part way claims nothing; publishing again makes one entry', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await readyToPublish(f, '2026-11-20')
        f.setToday('2026-11-27')
        const before = await versionOf(f)
        // The repository refuses a document without a title, after the record was claimed: the claim
        // is rolled back with everything else.
        f.reports.documents[1].title = ''
        await assert.rejects(f.service.publish(f.coordinator, f.reviewId, before, ''), ValidationError)
        const after = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(after.record.publishedReviewId, null)
        assert.equal(after.record.version, before)
        assert.equal(after.progress.done.published, undefined)
        f.reports.documents[1].title = 'Executive summary'
        const id = await f.service.publish(f.coordinator, f.reviewId, await versionOf(f), '')
        assert.equal((await f.service.view(f.coordinator, f.reviewId)).record.publishedReviewId, id)
        assert.equal((await f.services.publishedReviews.search('')).total, 1)
      } finally {
        await f.close()
      }
    })

    test('two people recording at once: the second is refused, nothing is recorded twice', async () => {
      const f = await publicationFixture(await database.open())
      try {
        f.reports.drafted()
        const version = await versionOf(f)
        await f.service.recordStep(f.coordinator, f.reviewId, version, 'panel_agreed', { note: 'first' })
        await f.service.decideNotToPublish(f.chair, f.reviewId, version + 1, 'Reason')
        // A page opened before both changes.
        await assert.rejects(
          f.service.reverseDecisionNotToPublish(f.chair, f.reviewId, version + 1, 'Stale'),
          StalePublicationError,
        )
        await assert.rejects(
          f.service.saveDetails(f.coordinator, f.reviewId, version, {
            summary: CLEAN_SUMMARY,
            themes: [],
            keywords: [],
            publishAsAnonymous: false,
          }),
          StalePublicationError,
        )
        assert.equal((await f.service.view(f.coordinator, f.reviewId)).history.length, 2)
      } finally {
        await f.close()
      }
    })

    test('the summary and keywords must pass the leak gate; the message never repeats the words found', async () => {
      const f = await publicationFixture(await database.open())
      try {
        await f.services.caseKnowledge.importFiles(
          f.coordinator,
          f.reviewId,
          JSON.stringify([{ role: 'mother', full_name: 'Chloe Testperson' }]),
          JSON.stringify([{ name: 'Fenmoor', kind: 'town' }]),
        )
        const messages = await refusal(async () =>
          f.service.saveDetails(f.coordinator, f.reviewId, await versionOf(f), {
            summary: 'Child M lived with Chloe Testperson in Fenmoor.',
            themes: ['neglect'],
            keywords: ['Fenmoor'],
            publishAsAnonymous: false,
          }),
        )
        assert.equal(messages.length, 2)
        assert.match(messages[0], /^The summary has details that could identify someone \(.*person.*\)/)
        assert.match(messages[1], /^The keywords have details that could identify someone \(/)
        for (const m of messages) assert.ok(!/Chloe|Testperson|Fenmoor/.test(m), m)
        assert.deepEqual(
          await refusal(async () =>
            f.service.saveDetails(f.coordinator, f.reviewId, await versionOf(f), {
              summary: 'First paragraph.\n\nSecond paragraph.',
              themes: ['not_a_theme'],
              keywords: [],
              publishAsAnonymous: false,
            }),
          ),
          ['Write the summary as one paragraph, without blank lines', 'Select themes from the list'],
        )
        await f.service.saveDetails(f.coordinator, f.reviewId, await versionOf(f), {
          summary: CLEAN_SUMMARY,
          themes: ['neglect'],
          keywords: ['head injury'],
          publishAsAnonymous: false,
        })
        assert.equal((await f.service.view(f.coordinator, f.reviewId)).record.summary, CLEAN_SUMMARY)
      } finally {
        await f.close()
      }
    })

    test('a recommendation naming someone is refused at publication', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await f.services.caseKnowledge.importFiles(
          f.coordinator,
          f.reviewId,
          JSON.stringify([{ role: 'mother', full_name: 'Chloe Testperson' }]),
          null,
        )
        await readyToPublish(f, '2026-11-20')
        f.recommendations.recommendations.push({
          number: 2,
          text: 'Health visitors should always see Chloe Testperson alone.',
          addressedTo: 'Health',
        })
        f.setToday('2026-11-27')
        const messages = await refusal(async () => f.service.publish(f.coordinator, f.reviewId, await versionOf(f), ''))
        assert.equal(messages.length, 1)
        assert.match(messages[0], /^The recommendation 2 has details that could identify someone/)
        assert.equal((await f.services.publishedReviews.search('')).total, 0)
      } finally {
        await f.close()
      }
    })

    test('access: readers of the review see the page; others are refused; every read is audited', async () => {
      const f = await publicationFixture(await database.open())
      try {
        const view = await f.service.view(f.leadReviewer, f.reviewId)
        assert.deepEqual(view.may, { manage: false, decide: false })
        assert.deepEqual((await f.service.view(f.chair, f.reviewId)).may, { manage: false, decide: true })
        await assert.rejects(f.service.view(f.panel, f.reviewId), NotFoundError)
        await assert.rejects(f.service.view(f.police, f.reviewId), AccessDeniedError)
        await assert.rejects(f.service.view(f.coordinator, 'no-such-review'), NotFoundError)
        await assert.rejects(
          f.service.saveDetails(f.leadReviewer, f.reviewId, 0, {
            summary: CLEAN_SUMMARY,
            themes: [],
            keywords: [],
            publishAsAnonymous: false,
          }),
          AccessDeniedError,
        )
        const reads = await f.services.database.db
          .selectFrom('audit_event')
          .select(['action', 'resource_id'])
          .where('action', '=', 'publication.read')
          .execute()
        assert.equal(reads.length, 2)
        assert.ok(reads.every((r) => r.resource_id === f.reviewId))
      } finally {
        await f.close()
      }
    })
  })
}
