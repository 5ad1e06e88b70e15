import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { TEST_CHILD } from '../../../test/support/reviews.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { AccessDeniedError } from '../access/access.ts'
import type { Actor } from '../access/actor.ts'
import { NotFoundError, StaleEditError, ValidationError } from '../errors.ts'
import type { ChildAtRiskContent } from './child-at-risk.ts'

/** Invented children: no real person. */
const SIBLING = 'Aled Brackenbury'
const CONTACT = 'Linnet Oakhollow'

async function withApp(database: { open(): Promise<DatabaseHandle> }, body: (t: TestApp) => Promise<void>) {
  const t = await startTestApp(await database.open())
  try {
    await body(t)
  } finally {
    await t.close()
  }
}

/** A draft notification (not yet submitted): other children are recorded from the notification on. */
async function setUp(t: TestApp) {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const reviewId = await t.services.reviews.createNotification(
    coordinator,
    {
      incidentDate: '2026-11-30',
      awareDate: '2026-12-01',
      panelNotifiedDate: null,
      nature: 'serious_harm',
      abuseOrNeglect: 'suspected',
      agenciesInvolved: [],
      outline: 'A draft notification for the children-at-risk test.',
      pseudonym: 'Child W',
      children: [{ ...TEST_CHILD, name: 'Wren Tolliver' }],
    },
    false,
  )
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const socialCare = agencies.find((a) => a.kind === 'childrens_social_care') ?? agencies[0]
  const police = agencies.find((a) => a.name === 'Marlshire Police')!
  const child = (over: Partial<ChildAtRiskContent> = {}): ChildAtRiskContent => ({
    name: SIBLING,
    age: '6',
    relationship: 'sibling',
    relationshipDetail: 'Half-brother, lives with the mother',
    concern: `${SIBLING} lives in the same household and may be at risk of the same harm.`,
    safetyAction: 'Strategy discussion and a visit to see the child alone',
    agencyId: socialCare.id,
    responsiblePerson: 'Team manager, Assessment Team',
    dueDate: '2026-12-10',
    ...over,
  })
  return { coordinator, reviewId, socialCare, police, child }
}

async function auditRows(t: TestApp, prefix: string) {
  return t.services.database.db
    .selectFrom('audit_event')
    .select(['action', 'actor_email', 'resource_type', 'resource_id', 'detail'])
    .where('action', 'like', `${prefix}%`)
    .execute()
}

for (const database of testDatabases()) {
  describe(`other children at risk (${database.name})`, () => {
    test('two children recorded at notification, one confirmed: the other stays open on Home until confirmed', () =>
      withApp(database, async (t) => {
        const { coordinator, reviewId, police, child } = await setUp(t)
        const children = t.services.childrenAtRisk
        const first = await children.add(coordinator, reviewId, child())
        const second = await children.add(
          coordinator,
          reviewId,
          child({
            name: CONTACT,
            age: 'about 14',
            relationship: 'contact',
            relationshipDetail: 'Visits the mother’s partner at weekends',
            concern: 'The mother’s partner has contact with her.',
            safetyAction: 'Police check and a letter to her school',
            agencyId: police.id,
            responsiblePerson: 'DS Public Protection Unit',
            dueDate: '2026-12-20',
          }),
        )
        assert.deepEqual([first.number, second.number], [1, 2])

        const before = await children.list(coordinator, reviewId)
        assert.equal(before.children.length, 2)
        assert.ok(before.children.every((c) => c.nameShown && c.status !== 'confirmed'))
        const version = before.children.find((c) => c.id === first.id)!.version
        await children.confirm(coordinator, reviewId, first.id, version, {
          confirmedOn: '2026-12-01',
          confirmedBy: 'Social worker, Assessment Team',
          note: 'Seen alone at home; safe.',
        })

        const after = await children.list(coordinator, reviewId)
        const confirmed = after.children.find((c) => c.id === first.id)!
        assert.equal(confirmed.status, 'confirmed')
        assert.deepEqual(confirmed.confirmation, {
          confirmedOn: '2026-12-01',
          confirmedBy: 'Social worker, Assessment Team',
          note: 'Seen alone at home; safe.',
        })
        // The open one comes first on the page.
        assert.equal(after.children[0].id, second.id)

        const open = await children.openActions(coordinator)
        assert.deepEqual(
          open.map((o) => [o.id, o.label]),
          [[second.id, 'Other child 2 (contact child)']],
        )
        const home = await t.services.tasks.home(coordinator)
        const task = home.tasks.find((x) => x.title.includes('safety action'))!
        assert.equal(task.title, 'Confirm the safety action for other child 2 (contact child)')
        assert.equal(task.href, `/reviews/${reviewId}/children-at-risk#child-${second.id}`)
        assert.equal(task.dueDate, '2026-12-20')
        assert.equal(home.tasks.filter((x) => x.title.includes('safety action')).length, 1)
        assert.ok(!JSON.stringify(home).includes('Oakhollow') && !JSON.stringify(home).includes('Linnet'))

        // Past its due date it is overdue, and Home puts it first.
        t.advance(30 * 24 * 3600 * 1000)
        const later = await t.services.tasks.home(coordinator)
        const index = later.tasks.findIndex((x) => x.title.includes('safety action'))
        assert.ok(later.tasks[index].overdue)
        assert.ok(
          later.tasks.slice(0, index).every((x) => x.overdue),
          'overdue tasks first',
        )

        const reviewList = await children.openActionsOfReview(coordinator, reviewId)
        assert.equal(reviewList.total, 2)
        assert.deepEqual(
          reviewList.open.map((o) => o.overdue),
          [true],
        )
      }))

    test('every problem at once, with GOV.UK messages; another partnership’s agency and a future confirmation refused', () =>
      withApp(database, async (t) => {
        const { coordinator, reviewId, child } = await setUp(t)
        const children = t.services.childrenAtRisk
        await assert.rejects(
          children.add(coordinator, reviewId, {
            name: ' ',
            age: '',
            relationship: 'cousin',
            relationshipDetail: '',
            concern: '',
            safetyAction: '',
            agencyId: '',
            responsiblePerson: '',
            dueDate: null,
          }),
          (error: unknown) => {
            assert.ok(error instanceof ValidationError)
            assert.deepEqual(error.errors, [
              { field: 'name', message: 'Enter the child’s name' },
              { field: 'relationship', message: 'Select how the child is related' },
              { field: 'concern', message: 'Enter the concern about the child' },
              { field: 'safetyAction', message: 'Enter the action taken to keep the child safe' },
              { field: 'agencyId', message: 'Select the agency responsible' },
              { field: 'responsiblePerson', message: 'Enter the person responsible for the action' },
              { field: 'dueDate-day', message: 'Enter the date the action is due' },
            ])
            return true
          },
        )
        await assert.rejects(children.add(coordinator, reviewId, child({ agencyId: 'agency-elsewhere' })), (e) => {
          assert.ok(e instanceof ValidationError)
          assert.deepEqual(e.errors, [{ field: 'agencyId', message: 'Select an agency of this partnership' }])
          return true
        })
        const { id } = await children.add(coordinator, reviewId, child())
        await assert.rejects(
          children.confirm(coordinator, reviewId, id, 1, { confirmedOn: '2099-01-01', confirmedBy: '', note: '' }),
          (e) => {
            assert.ok(e instanceof ValidationError)
            assert.deepEqual(e.errors, [
              { field: 'confirmedOn-day', message: 'The date confirmed must be today or in the past' },
              { field: 'confirmedBy', message: 'Enter who confirmed the action was taken' },
            ])
            return true
          },
        )
        // A change based on an old version is refused; nothing is overwritten.
        await children.update(coordinator, reviewId, id, 1, child({ safetyAction: 'A visit today' }))
        await assert.rejects(
          children.update(coordinator, reviewId, id, 1, child({ safetyAction: 'Something else' })),
          StaleEditError,
        )
        await assert.rejects(
          children.confirm(coordinator, reviewId, id, 1, {
            confirmedOn: '2026-12-01',
            confirmedBy: 'Team manager',
            note: '',
          }),
          StaleEditError,
        )
        assert.equal((await children.list(coordinator, reviewId)).children[0].safetyAction, 'A visit today')
        // A child of another review is not found through this one.
        const other = await t.services.reviews.createNotification(
          coordinator,
          {
            incidentDate: null,
            awareDate: null,
            panelNotifiedDate: null,
            nature: null,
            abuseOrNeglect: null,
            agenciesInvolved: [],
            outline: '',
            pseudonym: null,
            children: [],
          },
          false,
        )
        await assert.rejects(children.forChange(coordinator, other, id), NotFoundError)
      }))

    test('who may see what: names only with the reveal permission (audited), changes only by coordinators, never a name in the audit details', () =>
      withApp(database, async (t) => {
        const { coordinator, reviewId, child } = await setUp(t)
        const children = t.services.childrenAtRisk
        const { id } = await children.add(coordinator, reviewId, child())
        const panel = await actorFor(t, 'panel@marlshire.example')
        const chair = await actorFor(t, 'chair@marlshire.example')
        const contributor = await actorFor(t, 'police.contributor@marlshire.example')
        const national = await actorFor(t, 'national@panel.example')
        const admin = await actorFor(t, 'admin@marlshire.example')

        // A panel member who is not a member of the review: as if it did not exist.
        await assert.rejects(children.list(panel, reviewId), NotFoundError)
        await t.services.reviews.addMember(coordinator, reviewId, panel.userId, 'panel_member')
        const seenByPanel = await children.list(panel, reviewId)
        assert.equal(seenByPanel.children[0].name, 'Other child 1 (sibling)')
        assert.equal(seenByPanel.children[0].nameShown, false)
        assert.equal(seenByPanel.canManage, false)
        // The concern named the child: masked too.
        assert.equal(
          seenByPanel.children[0].concern,
          'Other child 1 (sibling) lives in the same household and may be at risk of the same harm.',
        )
        assert.ok(!JSON.stringify(seenByPanel).includes('Brackenbury') && !JSON.stringify(seenByPanel).includes('Aled'))

        // The coordinator and the chair read with names (a reveal, audited); the chair may not change anything.
        assert.equal((await children.list(coordinator, reviewId)).children[0].nameShown, true)
        assert.equal((await children.list(chair, reviewId)).children[0].name, SIBLING)
        await assert.rejects(children.add(chair, reviewId, child()), AccessDeniedError)
        await assert.rejects(
          children.confirm(chair, reviewId, id, 1, { confirmedOn: '2026-12-01', confirmedBy: 'x', note: '' }),
          AccessDeniedError,
        )
        for (const actor of [contributor, national, admin] as Actor[]) {
          await assert.rejects(children.list(actor, reviewId), AccessDeniedError, actor.email)
          await assert.rejects(children.openActions(actor), AccessDeniedError, actor.email)
        }

        const reveals = (await auditRows(t, 'review.reveal_original')).filter((r) =>
          String(r.detail).includes('other child'),
        )
        assert.deepEqual(reveals.map((r) => r.actor_email).sort(), [
          'chair@marlshire.example',
          'coordinator@marlshire.example',
        ])
        const reads = await auditRows(t, 'child_at_risk.')
        assert.ok(reads.some((r) => r.action === 'child_at_risk.read' && r.actor_email === 'panel@marlshire.example'))
        assert.ok(reads.some((r) => r.action === 'child_at_risk.add'))
        assert.ok(!JSON.stringify(await auditRows(t, '')).includes('Brackenbury'))
        const refusals = await auditRows(t, 'access.')
        assert.ok(refusals.length > 0, 'refusals are audited')
      }))

    test('each child joins the review’s people, so anonymised text names them by pseudonym only', () =>
      withApp(database, async (t) => {
        const { coordinator, reviewId, child } = await setUp(t)
        await t.services.childrenAtRisk.add(coordinator, reviewId, child())
        // Recording the same child twice does not add them to the people twice.
        const { id } = await t.services.childrenAtRisk.add(
          coordinator,
          reviewId,
          child({ safetyAction: 'Second action' }),
        )
        const { people } = await t.services.caseKnowledge.overview(coordinator, reviewId, { reveal: true })
        assert.deepEqual(
          people.filter((p) => p.original?.full_name === SIBLING).map((p) => p.role),
          ['sibling'],
        )
        await t.services.childrenAtRisk.update(
          coordinator,
          reviewId,
          id,
          1,
          child({ name: CONTACT, relationship: 'contact' }),
        )
        const anonymised = await t.services.caseKnowledge.anonymise(
          coordinator,
          reviewId,
          `${SIBLING} was seen at school. Aled said he was fine. ${CONTACT} visits at weekends.`,
        )
        for (const word of ['Aled', 'Brackenbury', 'Linnet', 'Oakhollow']) {
          assert.ok(!anonymised.text.includes(word), `${word} in "${anonymised.text}"`)
        }
      }))
  })
}
