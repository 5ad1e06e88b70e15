import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import { NotFoundError } from '../errors.ts'
import { AccessDeniedError } from './access.ts'

/** Refusals recorded for `email` (the policy audits every one). */
async function refusals(t: TestApp, email: string) {
  const rows = await t.services.database.db
    .selectFrom('audit_event')
    .select(['detail', 'resource_id'])
    .where('outcome', '=', 'refused')
    .where('actor_email', '=', email)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({
    action: (JSON.parse(r.detail) as { permission: string }).permission,
    resource_id: r.resource_id,
  }))
}

/** Two submitted reviews; the police agency is asked for a chronology in the first only. */
async function setUp(t: TestApp) {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const asked = await createSubmittedReview(t, coordinator, { pseudonym: 'Child A' })
  const notAsked = await createSubmittedReview(t, coordinator, { pseudonym: 'Child B' })
  await t.services.chronology.requests.requestFromAgencies(coordinator, asked, {
    agencyIds: [police.agencyId!],
    kinds: ['chronology'],
    dueDate: '2099-01-31',
  })
  return { coordinator, police, asked, notAsked }
}

for (const database of testDatabases()) {
  describe(`access policy on ${database.name}`, () => {
    test('an agency contributor reads the summary of a review their agency is asked to contribute to, and no other', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { police, asked, notAsked } = await setUp(t)
        const summary = await t.services.reviews.get(police, asked)
        assert.equal(summary.review.pseudonym, 'Child A')
        // Labels only: a contributor has no permission to see real names.
        assert.deepEqual(
          summary.review.children.map((c) => [c.name, c.dateOfBirth]),
          [['Child A', null]],
        )
        await assert.rejects(t.services.reviews.get(police, notAsked), NotFoundError)
        const listed = (await t.services.reviews.list(police)).map((i) => i.review.id)
        assert.deepEqual(listed, [asked])
        // The summary, not the case material: other services still refuse them the whole review.
        await assert.rejects(t.services.reviews.readableReview(police, asked), AccessDeniedError)
        await assert.rejects(t.services.caseKnowledge.overview(police, asked, { reveal: false }), AccessDeniedError)
        const refused = await refusals(t, police.email)
        assert.ok(refused.some((r) => r.action === 'review.readSummary' && r.resource_id === notAsked))
      } finally {
        await t.close()
      }
    })

    test('out of reach answers "not found" exactly like an unknown id, and is audited', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { asked } = await setUp(t)
        const panel = await actorFor(t, 'panel@marlshire.example')
        const access = t.services.access
        // Not a member: the same answer as a review that does not exist.
        await assert.rejects(access.require(panel, 'review.read', { review: asked }), NotFoundError)
        await assert.rejects(access.require(panel, 'review.read', { review: 'no-such-review' }), NotFoundError)
        // No permission at all: refused outright.
        await assert.rejects(access.require(panel, 'review.manage', { review: asked }), AccessDeniedError)
        assert.deepEqual(
          (await refusals(t, panel.email)).map((r) => [r.action, r.resource_id]),
          [
            ['review.read', asked],
            ['review.read', 'no-such-review'],
            ['review.manage', asked],
          ],
        )
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const reviewer = await actorFor(t, 'reviewer@marlshire.example')
        await t.services.reviews.addMember(coordinator, asked, panel.userId, 'panel_member')
        const granted = await access.require(panel, 'review.read', { review: asked })
        assert.equal(granted.review?.id, asked)
        assert.equal(granted.confinedToAgency, null)
        await assert.rejects(access.require(reviewer, 'review.read', { review: asked }), NotFoundError)
      } finally {
        await t.close()
      }
    })

    test("an agency contributor is confined to their own agency's entries; the national viewer to submitted notifications", async () => {
      const t = await startTestApp(await database.open())
      try {
        const { coordinator, police, asked } = await setUp(t)
        const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
        const gp = agencies.find((a) => a.id !== police.agencyId)!
        const entry = {
          date: '3 April 2024',
          time: '',
          sourceRecord: 'REF-1',
          practitionerRole: 'GP',
          peopleInvolved: '',
          event: 'Seen at the surgery.',
          actionTaken: '',
          outcome: '',
          significance: '',
        }
        const gpEntry = await t.services.chronology.entries.saveEntry(coordinator, asked, { ...entry, agencyId: gp.id })
        const policeEntry = await t.services.chronology.entries.saveEntry(coordinator, asked, {
          ...entry,
          agencyId: police.agencyId!,
        })
        const access = t.services.access
        const own = await access.require(police, 'chronology.read', { review: asked, chronologyEntry: policeEntry })
        assert.equal(own.confinedToAgency, police.agencyId)
        await assert.rejects(
          access.require(police, 'chronology.read', { review: asked, chronologyEntry: gpEntry }),
          NotFoundError,
        )
        // An entry of this review named under another review's URL is not found either.
        const other = await createSubmittedReview(t, coordinator)
        await assert.rejects(
          access.require(coordinator, 'chronology.read', { review: other, chronologyEntry: gpEntry }),
          NotFoundError,
        )
        // Editing another agency's draft is refused before anything of it is read.
        await assert.rejects(t.services.chronology.entries.draftEntry(police, asked, gpEntry), NotFoundError)

        const national = await actorFor(t, 'national@panel.example')
        const draft = await t.services.reviews.createNotification(
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
        assert.equal((await t.services.reviews.get(national, asked)).review.id, asked)
        await assert.rejects(t.services.reviews.get(national, draft), NotFoundError)
        assert.ok(!(await t.services.reviews.list(national)).some((i) => i.review.id === draft))
      } finally {
        await t.close()
      }
    })

    test('drafts are refused, audited, to a role that cannot submit', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { coordinator, asked } = await setUp(t)
        const reviewer = await actorFor(t, 'reviewer@marlshire.example')
        await t.services.reviews.addMember(coordinator, asked, reviewer.userId, 'lead_reviewer')
        await assert.rejects(t.services.chronology.entries.drafts(reviewer, asked), AccessDeniedError)
        assert.ok((await refusals(t, reviewer.email)).some((r) => r.action === 'chronology.submit'))
      } finally {
        await t.close()
      }
    })
  })
}
