import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testConfig } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { composeServices } from '../../composition.ts'
import type { Actor } from '../access/actor.ts'
import type { Role } from '../access/permissions.ts'
import { ValidationError, NotFoundError } from '../errors.ts'
import { DECISION_CRITERIA, type Decision } from './review.ts'
import { StaleReviewError, type NotificationInput } from './review.service.ts'

const child = {
  name: 'Test Child Alpha',
  dateOfBirth: '2025-06-14',
  ageText: null,
  sex: 'female',
  ethnicGroup: 'white',
  disability: null,
  lookedAfter: false,
  childProtectionPlan: true,
  knownToSocialCare: true,
}
const notification: NotificationInput = {
  incidentDate: '2026-11-02',
  awareDate: '2026-11-03',
  panelNotifiedDate: '2026-11-06',
  nature: 'serious_harm',
  abuseOrNeglect: 'suspected',
  agenciesInvolved: ['Marlshire Police'],
  outline: 'Admitted with a head injury while in the care of an adult.',
  pseudonym: 'Child A',
  children: [child],
}
const criteria = Object.fromEntries(
  DECISION_CRITERIA.map((c) => [
    c.key,
    {
      answer: c.key === 'serious_harm' ? 'met' : 'not_met',
      evidence: c.key === 'serious_harm' ? 'Head injury, abuse suspected' : '',
    },
  ]),
) as Decision['criteria']

for (const database of testDatabases()) {
  describe(`review lifecycle on ${database.name}`, () => {
    async function setUp() {
      let now = new Date('2026-11-10T10:00:00Z')
      const services = await composeServices(testConfig(), { database: await database.open(), now: () => now })
      const { users, partnerships } = services.repositories
      const partnership = (await partnerships.findByName('Marlshire Safeguarding Children Partnership'))!
      const actorFor = async (
        email: string,
        role: Role,
        partnershipId: string | null = partnership.id,
      ): Promise<Actor> => {
        const user = (await users.findByEmail(email))!
        return {
          userId: user.id,
          email,
          displayName: user.displayName,
          role,
          partnershipId,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
      }
      return {
        services,
        partnership,
        coordinator: await actorFor('coordinator@marlshire.example', 'coordinator'),
        chair: await actorFor('chair@marlshire.example', 'chair'),
        reviewer: await actorFor('reviewer@marlshire.example', 'lead_reviewer'),
        panel: await actorFor('panel@marlshire.example', 'panel_member'),
        national: await actorFor('national@panel.example', 'national_viewer', null),
        advanceDays: (days: number) => {
          now = new Date(now.getTime() + days * 86_400_000)
        },
      }
    }

    test('a draft keeps whatever was typed; submitting needs a complete notification', async () => {
      const { services, coordinator } = await setUp()
      try {
        const partial = {
          ...notification,
          incidentDate: null,
          outline: '',
          children: [{ ...child, dateOfBirth: null }],
        }
        const id = await services.reviews.createNotification(coordinator, partial, false)
        const draft = await services.reviews.get(coordinator, id)
        assert.equal(draft.review.notificationSubmittedAt, null)
        assert.equal(draft.review.children[0].name, 'Test Child Alpha')
        await assert.rejects(
          () => services.reviews.updateNotification(coordinator, id, draft.review.version, partial, true),
          (error: unknown) =>
            error instanceof ValidationError &&
            error.errors.some((e) => e.message === 'Enter the date of the incident') &&
            error.errors.some((e) => e.message === 'Enter a short outline of what happened'),
        )
        await services.reviews.updateNotification(coordinator, id, draft.review.version, notification, true)
        const submitted = await services.reviews.get(coordinator, id)
        assert.ok(submitted.review.notificationSubmittedAt)
        assert.match(submitted.review.reference, /^MSCP-2026-\d{3}$/)
      } finally {
        await services.close()
      }
    })

    test('a likely duplicate (same child and date of birth) is found before saving', async () => {
      const { services, coordinator } = await setUp()
      try {
        const id = await services.reviews.createNotification(coordinator, notification, true)
        const duplicates = await services.reviews.findDuplicates(coordinator, {
          incidentDate: '2026-11-05',
          children: [{ ...child, name: '  test child ALPHA ' }],
        })
        assert.equal(duplicates.length, 1)
        assert.equal(duplicates[0].reviewId, id)
        assert.match(duplicates[0].reason, /same name and date of birth/)
        const none = await services.reviews.findDuplicates(coordinator, {
          incidentDate: '2026-11-05',
          children: [{ ...child, name: 'Someone Else' }],
        })
        assert.deepEqual(none, [])
      } finally {
        await services.close()
      }
    })

    test('notify → rapid review → decide → commission, with guards, history and clocks', async () => {
      const { services, coordinator, chair, advanceDays } = await setUp()
      try {
        const id = await services.reviews.createNotification(coordinator, notification, true)
        let item = await services.reviews.get(coordinator, id)
        const byKey = () => Object.fromEntries(item.clocks.map((c) => [c.definition.key, c.reading]))
        // Aware Tue 3 Nov; 5 working days → Tue 10 Nov; notified Fri 6 Nov: met on time.
        assert.equal(byKey().serious_incident_notification.status, 'met_on_time')
        assert.equal(byKey().serious_incident_notification.dueDate, '2026-11-10')
        // Rapid review: 15 working days from Fri 6 Nov → Fri 27 Nov, running on 10 Nov.
        assert.equal(byKey().rapid_review.dueDate, '2026-11-27')
        assert.equal(byKey().rapid_review.status, 'on_track')

        await assert.rejects(
          () => services.reviews.moveStage(coordinator, id, item.review.version, 'decided', null),
          /cannot move/,
        )
        await services.reviews.moveStage(coordinator, id, item.review.version, 'rapid_review', null)
        item = await services.reviews.get(coordinator, id)
        await services.reviews.requestAgencySummary(
          coordinator,
          id,
          item.review.version,
          'Marlshire Police',
          '2026-11-16',
        )
        item = await services.reviews.get(coordinator, id)
        await services.reviews.recordAgencySummary(
          coordinator,
          id,
          item.review.version,
          'Marlshire Police',
          '2026-11-15',
          'Known to police for domestic incidents.',
        )
        item = await services.reviews.get(coordinator, id)
        await assert.rejects(
          () => services.reviews.moveStage(coordinator, id, item.review.version, 'decided', null),
          (e: unknown) =>
            e instanceof ValidationError && e.errors.some((x) => /outcome of the rapid review/.test(x.message)),
        )
        advanceDays(20) // 30 Nov: the rapid review clock (due 27 Nov) is now overdue
        item = await services.reviews.get(coordinator, id)
        assert.equal(byKey().rapid_review.status, 'overdue')
        assert.equal(item.nextDue?.definition.key, 'rapid_review')

        await services.reviews.recordRapidReviewMeeting(coordinator, id, item.review.version, {
          meetingDate: '2026-11-25',
          outcome: 'Criteria for a local review met',
          recommendedNextStep: 'Local child safeguarding practice review',
          sentToPanelDate: '2026-11-30',
        })
        item = await services.reviews.get(coordinator, id)
        assert.equal(byKey().rapid_review.status, 'met_late')

        // Only a chair decides; the rationale is required.
        await assert.rejects(() =>
          services.reviews.recordDecision(coordinator, id, item.review.version, {
            criteria,
            outcome: 'local_review',
            rationale: 'x',
            decidedOn: '2026-11-30',
            panelToldOn: null,
          }),
        )
        await assert.rejects(
          () =>
            services.reviews.recordDecision(chair, id, item.review.version, {
              criteria,
              outcome: 'local_review',
              rationale: ' ',
              decidedOn: '2026-11-30',
              panelToldOn: null,
            }),
          /Enter the rationale/,
        )
        await services.reviews.recordDecision(chair, id, item.review.version, {
          criteria,
          outcome: 'local_review',
          rationale: 'Serious harm with abuse suspected; agencies’ information sharing needs examining.',
          decidedOn: '2026-11-30',
          panelToldOn: '2026-12-01',
        })
        item = await services.reviews.get(coordinator, id)
        await services.reviews.moveStage(coordinator, id, item.review.version, 'decided', 'Decision recorded')
        item = await services.reviews.get(coordinator, id)
        assert.equal(byKey().review_completion.dueDate, '2027-05-30')
        // A decision to review cannot be closed, and commissioning needs its terms of reference.
        await assert.rejects(
          () => services.reviews.moveStage(coordinator, id, item.review.version, 'closed', null),
          /must be commissioned/,
        )
        await assert.rejects(
          () => services.reviews.moveStage(coordinator, id, item.review.version, 'commissioned', null),
          /terms of reference/,
        )
        await services.reviews.recordCommissioning(coordinator, id, item.review.version, {
          scopeStart: '2025-01-01',
          scopeEnd: '2026-11-02',
          linesOfEnquiry: ['How was risk from adults in the household assessed?'],
          methodology: 'SCIE Learning Together',
          leadReviewers: 'Independent reviewer',
          panelMembers: 'Police, health, social care',
          familyInvolvement: 'Mother invited to meet the reviewer',
          parallelProcesses: [
            { kind: 'criminal_proceedings', reference: 'OP-123', status: 'ongoing', expectedEnd: '2027-03-01' },
          ],
        })
        item = await services.reviews.get(coordinator, id)
        assert.match(item.review.embargoReason ?? '', /Criminal proceedings are not finished \(OP-123/)
        await services.reviews.moveStage(coordinator, id, item.review.version, 'commissioned', null)
        item = await services.reviews.get(coordinator, id)
        assert.deepEqual(
          item.history.map((h) => h.toStage),
          ['notified', 'rapid_review', 'decided', 'commissioned'],
        )
        assert.ok(item.history.every((h) => h.changedByName.length > 0))
      } finally {
        await services.close()
      }
    })

    test('a save based on an older version is refused and nothing is overwritten', async () => {
      const { services, coordinator } = await setUp()
      try {
        const id = await services.reviews.createNotification(coordinator, notification, false)
        const { review } = await services.reviews.get(coordinator, id)
        await services.reviews.updateNotification(
          coordinator,
          id,
          review.version,
          { ...notification, outline: 'First edit' },
          false,
        )
        await assert.rejects(
          () =>
            services.reviews.updateNotification(
              coordinator,
              id,
              review.version,
              { ...notification, outline: 'Second edit' },
              false,
            ),
          StaleReviewError,
        )
        assert.equal((await services.reviews.get(coordinator, id)).review.outline, 'First edit')
      } finally {
        await services.close()
      }
    })

    test('who sees what: members only for reviewers, submitted notifications for the national panel, reads audited', async () => {
      const { services, coordinator, reviewer, panel, national } = await setUp()
      try {
        const submitted = await services.reviews.createNotification(coordinator, notification, true)
        const draft = await services.reviews.createNotification(
          coordinator,
          { ...notification, pseudonym: 'Child B' },
          false,
        )
        await assert.rejects(() => services.reviews.get(reviewer, submitted), NotFoundError)
        assert.deepEqual(await services.reviews.list(reviewer), [])
        await services.reviews.addMember(coordinator, submitted, reviewer.userId, 'lead_reviewer')
        assert.equal((await services.reviews.get(reviewer, submitted)).review.id, submitted)
        assert.deepEqual(
          (await services.reviews.list(reviewer)).map((i) => i.review.id),
          [submitted],
        )
        await assert.rejects(() => services.reviews.get(panel, submitted), NotFoundError)
        // A lead reviewer may read but not change the review.
        const { review } = await services.reviews.get(reviewer, submitted)
        await assert.rejects(
          () => services.reviews.moveStage(reviewer, submitted, review.version, 'rapid_review', null),
          /permission/,
        )

        assert.deepEqual(
          (await services.reviews.list(national)).map((i) => i.review.id),
          [submitted],
        )
        await assert.rejects(() => services.reviews.get(national, draft), NotFoundError)

        const other = await services.repositories.partnerships.create(
          { name: 'Other Partnership', region: 'North West' },
          new Date(),
        )
        await assert.rejects(
          () => services.reviews.get({ ...coordinator, partnershipId: other.id }, submitted),
          NotFoundError,
        )

        const reads = await services.database.db
          .selectFrom('audit_event')
          .select(['actor_email', 'action', 'resource_id'])
          .where('action', '=', 'review.read')
          .execute()
        assert.ok(reads.some((r) => r.actor_email === 'reviewer@marlshire.example' && r.resource_id === submitted))
      } finally {
        await services.close()
      }
    })
  })
}
