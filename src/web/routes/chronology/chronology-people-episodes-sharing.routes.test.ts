import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type FormClient, actorFor } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { sharedDataPath } from '../../../shared-data.ts'

async function newReview(coordinator: FormClient): Promise<string> {
  await coordinator.get('/reviews/new')
  const created = await coordinator.post('/reviews/new', {
    childCount: '1',
    'child0-name': 'Robin Example',
    'child0-dob-day': '14',
    'child0-dob-month': '6',
    'child0-dob-year': '2023',
    'incidentDate-day': '2',
    'incidentDate-month': '3',
    'incidentDate-year': '2024',
    'awareDate-day': '3',
    'awareDate-month': '3',
    'awareDate-year': '2024',
    nature: 'serious_harm',
    abuseOrNeglect: 'suspected',
    outline: 'Chronology people and episodes route test',
    action: 'submit',
  })
  assert.equal(created.statusCode, 303)
  return String(created.headers.location).split('/')[2].split('?')[0]
}

/** Entry ids of a page, in order, from its links to entry pages. */
function entryIdsIn(html: string, reviewId: string): string[] {
  const ids = [...html.matchAll(new RegExp(`/reviews/${reviewId}/chronology/entries/([0-9a-f-]{36})"`, 'g'))].map(
    (m) => m[1],
  )
  return [...new Set(ids)]
}

for (const database of testDatabases()) {
  describe(`chronology people, episodes, sharing and corrections pages on ${database.name}`, () => {
    test('sharing, people, episodes, filters and corrections through the pages, each refused without permission', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const { client: police } = await signIn(t, 'police.contributor@marlshire.example')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const reviewId = await newReview(coordinator)
        // Any signed-in page carries a CSRF token (the sign-out form): the panel member's refused posts use it.
        await panel.get('/reviews')
        const coordinatorActor = await actorFor(t, 'coordinator@marlshire.example')
        const agencies = await t.services.repositories.partnerships.listAgencies(coordinatorActor.partnershipId!)
        const policeId = agencies.find((a) => a.name === 'Marlshire Police')!.id
        const gpId = agencies.find((a) => a.name.startsWith('GP'))!.id
        await t.services.chronology.requests.requestFromAgencies(coordinatorActor, reviewId, {
          agencyIds: [policeId],
          kinds: ['chronology'],
          dueDate: '2099-01-31',
        })
        const cast = readFileSync(sharedDataPath('demo-case', 'cast.json'), 'utf8')
        await t.services.caseKnowledge.importFiles(coordinatorActor, reviewId, cast, null)

        // A GP entry (submitted) and a GP draft typed by the coordinator; the police's own entry.
        await coordinator.get(`/reviews/${reviewId}/chronology/entries/new`)
        await coordinator.post(`/reviews/${reviewId}/chronology/entries/new`, {
          agencyId: gpId,
          date: '17 October 2022',
          peopleInvolved: 'Chloe Callaway',
          event: 'GP consultation: low mood',
        })
        await coordinator.get(`/reviews/${reviewId}/chronology`)
        assert.equal(
          (await coordinator.post(`/reviews/${reviewId}/chronology/submit`, { agencyId: gpId })).statusCode,
          303,
        )
        await coordinator.get(`/reviews/${reviewId}/chronology/entries/new`)
        await coordinator.post(`/reviews/${reviewId}/chronology/entries/new`, {
          agencyId: gpId,
          date: '18 October 2022',
          event: 'GP draft never shared',
        })
        await police.get(`/reviews/${reviewId}/chronology/entries/new`)
        await police.post(`/reviews/${reviewId}/chronology/entries/new`, {
          date: '4 October 2022',
          peopleInvolved: 'Chloe Calloway; Ryan Ashworth',
          event: 'Police attend a verbal argument',
        })
        await police.get(`/reviews/${reviewId}/chronology`)
        assert.equal((await police.post(`/reviews/${reviewId}/chronology/submit`, {})).statusCode, 303)

        const whole = await coordinator.get(`/reviews/${reviewId}/chronology`)
        const [policeEntry, gpEntry] = entryIdsIn(whole.body, reviewId)
        // People in the case: real names for the coordinator, pseudonyms for the agency.
        assert.match(whole.body, /People in the case:<\/span> Chloe Anne Calloway; Ryan Lee Ashworth/)

        // Before sharing: the police see only their own entries, and not the GP's entry page.
        let policeView = await police.get(`/reviews/${reviewId}/chronology`)
        assert.match(policeView.body, /Police attend a verbal argument/)
        assert.match(policeView.body, /People in the case:<\/span> Mother; Father/)
        // Their own entry's text is theirs; the cast's recorded names are not shown to them.
        assert.doesNotMatch(policeView.body, /GP consultation|Chloe Anne Calloway/)
        assert.equal((await police.get(`/reviews/${reviewId}/chronology/entries/${gpEntry}`)).statusCode, 404)
        assert.equal((await police.post(`/reviews/${reviewId}/chronology/sharing`, { share: 'yes' })).statusCode, 403)

        await coordinator.get(`/reviews/${reviewId}/chronology`)
        assert.equal(
          (await coordinator.post(`/reviews/${reviewId}/chronology/sharing`, { share: 'yes' })).statusCode,
          303,
        )
        assert.match(
          (await coordinator.get(`/reviews/${reviewId}/chronology`)).body,
          /Shared with the agencies of this review by/,
        )
        policeView = await police.get(`/reviews/${reviewId}/chronology`)
        assert.match(policeView.body, /GP consultation: low mood/)
        assert.doesNotMatch(policeView.body, /GP draft never shared/)
        assert.match(policeView.body, /you can see every agency’s submitted entries/)
        const gpPage = await police.get(`/reviews/${reviewId}/chronology/entries/${gpEntry}`)
        assert.equal(gpPage.statusCode, 200)
        assert.doesNotMatch(gpPage.body, /Correct this entry/)
        assert.equal((await police.get(`/reviews/${reviewId}/chronology/entries/${gpEntry}/correct`)).statusCode, 404)

        // Episodes: made from selected entries; errors keep what was typed; agencies cannot make them.
        await coordinator.get(`/reviews/${reviewId}/chronology`)
        const noEntries = await coordinator.post(`/reviews/${reviewId}/chronology/episodes`, {
          episodeName: 'October 2022 incident',
        })
        assert.equal(noEntries.statusCode, 400)
        assert.match(noEntries.body, /Select the entries that make up the episode/)
        assert.match(noEntries.body, /value="October 2022 incident"/)
        const made = await coordinator.post(`/reviews/${reviewId}/chronology/episodes`, {
          episodeName: 'October 2022 incident',
          entryIds: policeEntry,
        })
        assert.equal(made.statusCode, 303)
        const episodeUrl = String(made.headers.location).split('?')[0]
        const episodeId = episodeUrl.split('/').pop()!
        await police.get(`/reviews/${reviewId}/chronology`)
        assert.equal(
          (await police.post(`/reviews/${reviewId}/chronology/episodes`, { episodeName: 'x', entryIds: policeEntry }))
            .statusCode,
          403,
        )
        const filtered = await coordinator.get(`/reviews/${reviewId}/chronology?episode=${episodeId}`)
        assert.deepEqual(entryIdsIn(filtered.body, reviewId), [policeEntry])
        const timeline = await coordinator.get(`/reviews/${reviewId}/chronology?episode=${episodeId}&view=timeline`)
        assert.deepEqual(entryIdsIn(timeline.body, reviewId), [policeEntry])
        const csv = await coordinator.get(`/reviews/${reviewId}/chronology.csv?episode=${episodeId}`)
        // The protective marking, the header and the one entry.
        assert.equal(csv.body.trim().split('\n').length, 3)
        assert.match(csv.body, /^\uFEFFOFFICIAL-SENSITIVE\r\n/)
        assert.match(csv.body, /Police attend a verbal argument/)
        assert.match(
          (await coordinator.get(`/reviews/${reviewId}/chronology/episodes?search=october`)).body,
          /October 2022 incident/,
        )

        // Notes with a version: a stale save is refused and keeps what was typed.
        const episodePage = await coordinator.get(episodeUrl)
        const version = /name="version" value="(\d+)"/.exec(episodePage.body)![1]
        const saveNotes = (notes: string) =>
          coordinator.post(episodeUrl, {
            episodeName: 'October 2022 incident',
            notes,
            entryIds: policeEntry,
            version,
          })
        assert.equal((await saveNotes('First analysis')).statusCode, 303)
        await coordinator.get(episodeUrl)
        const stale = await saveNotes('Second analysis from an old page')
        assert.equal(stale.statusCode, 409)
        assert.match(stale.body, /Someone else changed this episode/)
        assert.match(stale.body, /Second analysis from an old page/)
        assert.equal((await panel.post(episodeUrl, { episodeName: 'x', version: '9' })).statusCode, 403)

        // People on the entry page: remove a proposal, add a person; panel members cannot.
        const entryUrl = `/reviews/${reviewId}/chronology/entries/${policeEntry}`
        const entryPage = await police.get(entryUrl)
        assert.match(entryPage.body, /Remove<span class="govuk-visually-hidden"> Father from this entry/)
        const father =
          /name="personId" value="([^"]+)"><input type="hidden" name="action" value="remove">\s*<button[^>]*>Remove<span class="govuk-visually-hidden"> Father/.exec(
            entryPage.body,
          )![1]
        assert.equal((await police.post(`${entryUrl}/people`, { personId: father, action: 'remove' })).statusCode, 303)
        assert.doesNotMatch((await police.get(entryUrl)).body, /Remove<span class="govuk-visually-hidden"> Father/)
        const badAdd = await police.post(`${entryUrl}/people`, { personId: '', action: 'add' })
        assert.equal(badAdd.statusCode, 400)
        assert.match(badAdd.body, /Select a person in the case/)
        assert.equal((await panel.post(`${entryUrl}/people`, { personId: father, action: 'add' })).statusCode, 403)
        // The person filter.
        const byFather = await coordinator.get(`/reviews/${reviewId}/chronology?person=${father}`)
        assert.deepEqual(entryIdsIn(byFather.body, reviewId), [])

        // Correcting the police's own entry: a reason is needed, typed text is kept, history is shown.
        await police.get(`${entryUrl}/correct`)
        const noReason = await police.post(`${entryUrl}/correct`, {
          version: '1',
          date: '4 October 2022',
          event: 'Police attend a verbal argument; child present',
        })
        assert.equal(noReason.statusCode, 400)
        assert.match(noReason.body, /Enter why you are correcting this entry/)
        assert.match(noReason.body, /child present/)
        const corrected = await police.post(`${entryUrl}/correct`, {
          version: '1',
          date: '4 October 2022',
          peopleInvolved: 'Chloe Calloway; Harley Calloway',
          event: 'Police attend a verbal argument; child present',
          reason: 'Body-worn video reviewed',
        })
        assert.equal(corrected.statusCode, 303)
        const history = await coordinator.get(entryUrl)
        assert.match(history.body, /Version 1: corrected by/)
        assert.match(history.body, /Body-worn video reviewed/)
        assert.match(history.body, /Police attend a verbal argument; child present/)
        await police.get(`${entryUrl}/correct`)
        const staleCorrection = await police.post(`${entryUrl}/correct`, {
          version: '1',
          date: '4 October 2022',
          event: 'An old correction',
          reason: 'Old page',
        })
        assert.equal(staleCorrection.statusCode, 409)
        assert.match(staleCorrection.body, /Someone else corrected this entry/)
        assert.match(staleCorrection.body, /An old correction/)
        assert.equal((await panel.post(`${entryUrl}/correct`, { version: '2', reason: 'x' })).statusCode, 403)

        // Withdrawn: the police see their own agency only again.
        await coordinator.get(`/reviews/${reviewId}/chronology`)
        assert.equal(
          (await coordinator.post(`/reviews/${reviewId}/chronology/sharing`, { share: 'no' })).statusCode,
          303,
        )
        assert.doesNotMatch((await police.get(`/reviews/${reviewId}/chronology`)).body, /GP consultation/)
        // Linking people again (coordinators and lead reviewers only).
        assert.equal((await coordinator.post(`/reviews/${reviewId}/chronology/people/match`, {})).statusCode, 303)
        assert.equal((await police.post(`/reviews/${reviewId}/chronology/people/match`, {})).statusCode, 403)
      } finally {
        await t.close()
      }
    })
  })
}
