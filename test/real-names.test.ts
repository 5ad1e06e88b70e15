import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp, type TestApp } from './support/app.ts'
import { testDatabases } from './support/databases.ts'
import { createSubmittedReview } from './support/reviews.ts'

/**
 * Who may see real names is one rule, `review.revealOriginal`: the review page and the chronology show
 * labels to everyone else, and every view that shows a real name is recorded as a reveal.
 * Every name here is invented.
 */
const CHILD = 'Skye Penhallow'
const MOTHER = 'Tamsin Penhallow'
const DATE_OF_BIRTH = '14 June 2023'

/** A submitted review of one child, its people in the case, and one submitted police entry naming them. */
async function setUp(t: TestApp) {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    pseudonym: 'Child Q',
    outline: 'A review made for the real-names test.',
    child: { name: CHILD, dateOfBirth: '2023-06-14' },
  })
  await t.services.reviews.addMember(coordinator, reviewId, panel.userId, 'panel_member')
  await t.services.caseKnowledge.importFiles(
    coordinator,
    reviewId,
    JSON.stringify([
      { role: 'subject child', full_name: CHILD, expected_pseudonym: 'Child Q' },
      { role: 'mother', full_name: MOTHER },
    ]),
    JSON.stringify([]),
  )
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const police = agencies.find((a) => a.name === 'Marlshire Police')!
  await t.services.chronology.entries.saveEntry(coordinator, reviewId, {
    agencyId: police.id,
    date: '3 April 2024',
    time: '',
    sourceRecord: 'REF-1',
    practitionerRole: 'Officer',
    peopleInvolved: `${CHILD}; ${MOTHER}`,
    event: `Officers visited ${MOTHER} and saw ${CHILD} at home.`,
    actionTaken: `Spoke to Tamsin about Skye's bruising.`,
    outcome: '',
    significance: '',
  })
  await t.services.chronology.entries.submitDrafts(coordinator, reviewId, police.id)
  const entryId = (await t.services.database.db.selectFrom('chronology_entry').select('id').executeTakeFirstOrThrow())
    .id
  return { reviewId, entryId }
}

async function reveals(t: TestApp, email: string): Promise<Array<{ resource_id: string | null; detail: string }>> {
  return t.services.database.db
    .selectFrom('audit_event')
    .select(['resource_id', 'detail'])
    .where('action', '=', 'review.reveal_original')
    .where('actor_email', '=', email)
    .execute()
}

function assertNoRealName(body: string, where: string) {
  for (const name of [CHILD, MOTHER, 'Penhallow', 'Tamsin', 'Skye', DATE_OF_BIRTH]) {
    assert.ok(!body.includes(name), `${where} shows "${name}"`)
  }
}

for (const database of testDatabases()) {
  describe(`real names on ${database.name}`, () => {
    test('the panel member and the national viewer see labels, never real names, on the review page and chronology', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, entryId } = await setUp(t)
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const page = await panel.get(`/reviews/${reviewId}`)
        assert.equal(page.statusCode, 200)
        assertNoRealName(page.body, 'the review page (panel member)')
        assert.match(page.body, /<td class="govuk-table__cell">Child Q<\/td>/)
        assert.match(page.body, /Not shown/)

        const chronology = await panel.get(`/reviews/${reviewId}/chronology`)
        assert.equal(chronology.statusCode, 200)
        assertNoRealName(chronology.body, 'the chronology (panel member)')
        assert.match(chronology.body, /Officers visited/)
        const entry = await panel.get(`/reviews/${reviewId}/chronology/entries/${entryId}`)
        assert.equal(entry.statusCode, 200)
        assertNoRealName(entry.body, 'the chronology entry (panel member)')

        const { client: national } = await signIn(t, 'national@panel.example')
        const nationalPage = await national.get(`/reviews/${reviewId}`)
        assert.equal(nationalPage.statusCode, 200)
        assertNoRealName(nationalPage.body, 'the review page (national viewer)')
        // The national viewer has no chronology at all (refused, not a page with names).
        assert.equal((await national.get(`/reviews/${reviewId}/chronology`)).statusCode, 403)

        assert.deepEqual(await reveals(t, 'panel@marlshire.example'), [])
        assert.deepEqual(await reveals(t, 'national@panel.example'), [])
      } finally {
        await t.close()
      }
    })

    test('the coordinator sees real names, and each such view is recorded as a reveal', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, entryId } = await setUp(t)
        const { client } = await signIn(t, 'coordinator@marlshire.example')
        const page = await client.get(`/reviews/${reviewId}`)
        assert.match(page.body, new RegExp(CHILD))
        assert.match(page.body, new RegExp(DATE_OF_BIRTH))
        let recorded = await reveals(t, 'coordinator@marlshire.example')
        assert.equal(recorded.length, 1)
        assert.equal(recorded[0].resource_id, reviewId)
        assert.match(recorded[0].detail, /review summary/)

        const chronology = await client.get(`/reviews/${reviewId}/chronology`)
        assert.match(chronology.body, new RegExp(`Officers visited ${MOTHER}`))
        await client.get(`/reviews/${reviewId}/chronology/entries/${entryId}`)
        recorded = await reveals(t, 'coordinator@marlshire.example')
        assert.deepEqual(
          recorded.map((r) => JSON.parse(r.detail).view),
          ['review summary', 'integrated chronology', 'chronology entry'],
        )
      } finally {
        await t.close()
      }
    })
  })
}
