import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { AccessDeniedError } from '../access/access.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { DECISION_CRITERIA, type Decision } from '../reviews/review.ts'
import { actorFor, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import type { Actor } from '../access/actor.ts'
import { QUALITY_CRITERIA } from './panel.ts'
import { StalePanelStepError } from './panel.service.ts'

const noCriteria = Object.fromEntries(
  DECISION_CRITERIA.map((c) => [c.key, { answer: 'not_met', evidence: '' }]),
) as Decision['criteria']

for (const database of testDatabases()) {
  describe(`the national Panel's workspace on ${database.name}`, () => {
    let app: TestApp
    let coordinator: Actor
    let chair: Actor
    let member: Actor
    let secretariat: Actor
    let inspector: Actor
    let reviewId = ''
    let draftId = ''
    const version = async (id: string) => (await app.services.reviews.get(coordinator, id)).review.version

    before(async () => {
      app = await startTestApp(await database.open())
      coordinator = await actorFor(app, 'coordinator@marlshire.example')
      chair = await actorFor(app, 'chair@marlshire.example')
      member = await actorFor(app, 'panel.member@panel.example')
      secretariat = await actorFor(app, 'secretariat@panel.example')
      inspector = await actorFor(app, 'national@panel.example')
      reviewId = await createSubmittedReview(app, coordinator, {
        pseudonym: 'Child V',
        incidentDate: '2026-09-01',
        awareDate: '2026-09-01',
        panelNotifiedDate: '2026-09-03',
        child: { name: 'Vera Invented', dateOfBirth: '2025-12-01' },
      })
      draftId = await app.services.reviews.createNotification(
        coordinator,
        {
          incidentDate: null,
          awareDate: null,
          panelNotifiedDate: null,
          nature: null,
          abuseOrNeglect: null,
          agenciesInvolved: [],
          outline: '',
          pseudonym: 'Child Draft',
          children: [],
        },
        false,
      )
    })
    after(() => app.close())

    test('the queue holds submitted notifications only, with the notification clock, region and age band', async () => {
      const { items, regions } = await app.services.panel.queue(member)
      assert.ok(items.some((i) => i.review.id === reviewId))
      assert.ok(!items.some((i) => i.review.id === draftId), 'a draft never reaches the Panel')
      const item = items.find((i) => i.review.id === reviewId)!
      assert.deepEqual(item.ageBands, ['under_1'])
      assert.equal(item.partnership.region, 'East of England')
      assert.ok(regions.includes('East of England'))
      assert.ok(item.clocks.some((c) => c.definition.key === 'serious_incident_notification'))
      assert.equal(item.waiting, 'rapid_review')
      // Children are labels, never names, for the Panel (no national role reveals real names).
      assert.ok(!JSON.stringify(items).includes('Vera Invented'))
      assert.equal((await app.services.panel.queue(member, { region: 'Nowhere' })).items.length, 0)
      assert.equal((await app.services.panel.queue(member, { ageBand: '16_17' })).items.length, 0)
      assert.equal((await app.services.panel.queue(member, { harm: 'serious_harm' })).items.length, 1)
      assert.equal((await app.services.panel.queue(member, { waiting: 'rapid_review' })).items.length, 1)
      await assert.rejects(app.services.panel.queue(coordinator), AccessDeniedError)
      await assert.rejects(app.services.panel.caseFor(member, draftId), NotFoundError)
    })

    test('the Panel responds to the rapid review; the partnership sees it and answers; each step dated and audited', async () => {
      // Before the rapid review is received the Panel cannot respond.
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'rapid_review',
          { outcome: 'agrees', reasons: 'x', questions: '' },
          0,
        ),
        ValidationError,
      )
      await app.services.reviews.moveStage(coordinator, reviewId, await version(reviewId), 'rapid_review', null)
      await app.services.reviews.recordRapidReviewMeeting(coordinator, reviewId, await version(reviewId), {
        meetingDate: '2026-09-20',
        outcome: 'Criteria not met; no review recommended.',
        recommendedNextStep: 'No review',
        sentToPanelDate: '2026-09-21',
      })
      assert.equal((await app.services.panel.caseFor(member, reviewId)).waiting, 'panel_response')
      // Every problem at once.
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'rapid_review',
          { outcome: '', reasons: ' ', questions: '' },
          0,
        ),
        (error: ValidationError) => error.errors.map((e) => e.field).join() === 'outcome,reasons',
      )
      await assert.rejects(
        app.services.panel.recordPanelStep(
          inspector,
          reviewId,
          'rapid_review',
          { outcome: 'agrees', reasons: 'x', questions: '' },
          0,
        ),
        AccessDeniedError,
      )
      await app.services.panel.recordPanelStep(
        secretariat,
        reviewId,
        'rapid_review',
        {
          outcome: 'disagrees',
          reasons: 'The history of injuries is not explained.',
          questions: 'Who saw the bruising?',
        },
        0,
      )
      // The Panel cannot speak twice before the partnership answers.
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'rapid_review',
          { outcome: 'agrees', reasons: 'x', questions: '' },
          1,
        ),
        ValidationError,
      )
      const seen = await app.services.panel.forReview(coordinator, reviewId)
      assert.equal(seen.exchanges.length, 1)
      assert.equal(seen.exchanges[0].outcome, 'disagrees')
      assert.match(seen.exchanges[0].happenedOn, /^\d{4}-\d{2}-\d{2}$/)
      assert.equal(seen.waiting, 'partnership_answer')
      // A stale page (it showed no steps) is refused, not lost over the step recorded since.
      await assert.rejects(
        app.services.panel.answer(
          coordinator,
          reviewId,
          'rapid_review',
          { outcome: '', reasons: 'Health visitor.' },
          0,
        ),
        StalePanelStepError,
      )
      await app.services.panel.answer(
        coordinator,
        reviewId,
        'rapid_review',
        { outcome: '', reasons: 'The health visitor.' },
        1,
      )
      const after = await app.services.panel.forReview(coordinator, reviewId)
      assert.deepEqual(
        after.exchanges.map((e) => [e.party, e.outcome]),
        [
          ['panel', 'disagrees'],
          ['partnership', 'answers'],
        ],
      )
      const actions = await app.services.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('resource_id', '=', reviewId)
        .where('action', 'like', 'panel.%')
        .execute()
      const names = actions.map((a) => a.action)
      assert.ok(names.includes('panel.respond') && names.includes('panel.answer') && names.includes('panel.case.read'))
    })

    test('a decision not to review: the Panel challenges, the partnership reconsiders or explains', async () => {
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'decision',
          { outcome: 'agrees', reasons: 'x', questions: '' },
          2,
        ),
        ValidationError,
      )
      await app.services.reviews.recordDecision(chair, reviewId, await version(reviewId), {
        criteria: noCriteria,
        outcome: 'no_review',
        rationale: 'No abuse or neglect found.',
        decidedOn: '2026-09-25',
        panelToldOn: '2026-09-26',
      })
      assert.equal((await app.services.panel.caseFor(member, reviewId)).waiting, 'panel_decision_response')
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'decision',
          { outcome: 'challenges', reasons: 'Why?', questions: '' },
          2,
        ),
        (error: ValidationError) => error.errors.some((e) => e.field === 'questions'),
      )
      await app.services.panel.recordPanelStep(
        member,
        reviewId,
        'decision',
        {
          outcome: 'challenges',
          reasons: 'The criteria look met.',
          questions: 'Reconsider the serious harm criterion.',
        },
        2,
      )
      await assert.rejects(
        app.services.panel.answer(coordinator, reviewId, 'decision', { outcome: 'answers', reasons: 'x' }, 3),
        (error: ValidationError) => error.errors.some((e) => e.field === 'outcome'),
      )
      await app.services.panel.answer(
        chair,
        reviewId,
        'decision',
        { outcome: 'reconsiders', reasons: 'We will meet again.' },
        3,
      )
      const { exchanges } = await app.services.panel.forReview(coordinator, reviewId)
      assert.deepEqual(
        exchanges.filter((e) => e.topic === 'decision').map((e) => e.outcome),
        ['challenges', 'reconsiders'],
      )
    })

    test('a quality evaluation of a received final report, rated against every quality marker', async () => {
      const ratings = Object.fromEntries(
        QUALITY_CRITERIA.map((c) => [c.key, { rating: 'partly_met', comment: 'Some.' }]),
      )
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'quality',
          { outcome: 'good', reasons: 'x', questions: '', ratings },
          4,
        ),
        ValidationError,
      )
      // What the publication step "sent to the national Panel" records.
      await app.services.repositories.reviews.setMilestone(
        reviewId,
        'report_sent_to_panel',
        '2026-11-01',
        coordinator.userId,
        new Date(),
      )
      await assert.rejects(
        app.services.panel.recordPanelStep(
          member,
          reviewId,
          'quality',
          {
            outcome: 'good',
            reasons: 'Clear.',
            questions: '',
            ratings: { findings_why: { rating: 'met', comment: '' } },
          },
          4,
        ),
        (error: ValidationError) => error.errors.some((e) => e.field === 'rating-lived_experience'),
      )
      await app.services.panel.recordPanelStep(
        member,
        reviewId,
        'quality',
        { outcome: 'requires_improvement', reasons: 'Findings say what, not why.', questions: '', ratings },
        4,
      )
      const { exchanges } = await app.services.panel.forReview(coordinator, reviewId)
      const evaluation = exchanges.find((e) => e.topic === 'quality')!
      assert.equal(evaluation.outcome, 'requires_improvement')
      assert.equal(evaluation.ratings!.smart_recommendations.rating, 'partly_met')
      await app.services.panel.answer(coordinator, reviewId, 'quality', { outcome: '', reasons: 'We will revise.' }, 5)
    })

    test('a national review: Panel members only, once, the local review linked', async () => {
      await assert.rejects(app.services.panel.takeNationalReview(secretariat, reviewId, 'x'), AccessDeniedError)
      await assert.rejects(app.services.panel.takeNationalReview(member, reviewId, ' '), ValidationError)
      await app.services.panel.takeNationalReview(member, reviewId, 'A pattern seen in several areas.')
      await assert.rejects(app.services.panel.takeNationalReview(member, reviewId, 'Again'), ValidationError)
      const item = await app.services.panel.caseFor(inspector, reviewId)
      assert.equal(item.national?.reasons, 'A pattern seen in several areas.')
      assert.equal((await app.services.panel.forReview(coordinator, reviewId)).national?.reviewId, reviewId)
    })

    test('the partnership answers only its own reviews; the Panel never answers for it', async () => {
      await assert.rejects(
        app.services.panel.answer(member, reviewId, 'rapid_review', { outcome: '', reasons: 'x' }, 6),
        AccessDeniedError,
      )
      await assert.rejects(app.services.panel.forReview(member, reviewId), AccessDeniedError)
    })

    test('national figures: counts by region with small numbers suppressed', async () => {
      const { figures, notifications } = await app.services.panel.figures(inspector)
      assert.equal(notifications, 1)
      const byRegion = figures.find((f) => f.key === 'notifications')!
      assert.deepEqual(byRegion.rows, [{ region: 'East of England', cells: [{ value: null, label: 'fewer than 5' }] }])
      assert.deepEqual(byRegion.chart, [{ category: 'East of England', value: null }])
      const challenged = figures.find((f) => f.key === 'panel-on-decisions')!
      assert.equal(challenged.totals[1].label, 'fewer than 5')
      await assert.rejects(app.services.panel.figures(coordinator), AccessDeniedError)
    })
  })
}
