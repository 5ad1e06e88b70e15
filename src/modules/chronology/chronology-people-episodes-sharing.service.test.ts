import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { startTestApp, type TestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { AccessDeniedError } from '../access/access.ts'
import type { Actor } from '../access/actor.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { StaleVersionError } from './chronology.ts'
import type { ChronologyServices } from './chronology-services.ts'
import type { EntryInput } from './chronology-entry.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

const due = '2099-01-31'
const GP = 'GP practices (Marlshire Integrated Care Board)'
const HV = 'Marlshire Health Visiting Service'
const POLICE = 'Marlshire Police'

/** A review with the demo cast (people in the case), the police asked for a chronology, and the demo actors. */
async function setUp(t: TestApp) {
  const service = t.services.chronology
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const reviewer = await actorFor(t, 'reviewer@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    outline: 'Chronology people and episodes test review.',
    pseudonym: 'Child M',
  })
  await t.services.reviews.addMember(coordinator, reviewId, panel.userId, 'panel_member')
  await t.services.reviews.addMember(coordinator, reviewId, reviewer.userId, 'lead_reviewer')
  const cast = readFileSync(sharedDataPath('demo-case', 'cast.json'), 'utf8')
  await t.services.caseKnowledge.importFiles(coordinator, reviewId, cast, null)
  const people = await t.services.caseKnowledge.overview(coordinator, reviewId, { reveal: true })
  const personId = (fullName: string) => people.people.find((p) => p.original?.full_name === fullName)!.id
  const agencies = await t.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
  const agencyId = (name: string) => agencies.find((a) => a.name === name)!.id
  await service.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [agencyId(POLICE)],
    kinds: ['chronology'],
    dueDate: due,
  })
  return { service, coordinator, police, panel, reviewer, reviewId, agencyId, personId }
}

/** Imports and submits one demo chronology file for its agency. */
async function importDemo(service: ChronologyServices, actor: Actor, reviewId: string, agencyId: string, file: string) {
  const data = readFileSync(sharedDataPath('demo-case', 'chronologies', file))
  const preview = await service.imports.previewImport(actor, reviewId, { agencyId, fileName: file, data })
  assert.ok(preview.preview.canCommit, `${file}: ${preview.preview.problems.map((p) => p.message).join('; ')}`)
  await service.imports.commitImport(actor, reviewId, preview.importId, {})
  return service.entries.submitDrafts(actor, reviewId, agencyId)
}

function typed(event: string, extra: Partial<EntryInput> = {}): EntryInput {
  return {
    date: '3 April 2023',
    time: '',
    sourceRecord: 'REF-1',
    practitionerRole: 'Officer',
    peopleInvolved: '',
    event,
    actionTaken: '',
    outcome: '',
    significance: '',
    ...extra,
  }
}

for (const database of testDatabases()) {
  describe(`chronology people, episodes, sharing and corrections on ${database.name}`, () => {
    test('people in the demo chronologies are linked to the demo cast; filters by person narrow the chronology', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, panel, reviewId, agencyId, personId } = await setUp(t)
        await importDemo(service, coordinator, reviewId, agencyId(GP), 'gp.csv')
        await importDemo(service, coordinator, reviewId, agencyId(HV), 'health_visiting.csv')
        const mother = personId('Chloe Anne Calloway')
        const sibling = personId('Harley James Calloway')
        const father = personId('Ryan Lee Ashworth')

        const all = await service.integrated.view(panel, reviewId)
        const peopleOf = (text: string) => {
          const entry = all.entries.find((e) => e.event.includes(text))!
          return (all.entryPeople.get(entry.id) ?? []).map((p) => p.id)
        }
        // The GP's misspelling "Chloe Callaway" is the mother.
        assert.deepEqual(peopleOf('Low mood and anxiety for 2 months'), [mother])
        // "Harley Calloway; Chloe Calloway; Ryan Ashworth" in the health visitors' file.
        assert.deepEqual(peopleOf('Email from MASH re police domestic abuse notification'), [mother, sibling, father])
        // Without the reveal permission people are pseudonyms; with it, their names.
        assert.ok(all.people.some((p) => p.id === mother && p.label === 'Mother'))
        assert.ok(!all.people.some((p) => p.label.includes('Calloway')))
        const revealed = await service.integrated.view(coordinator, reviewId)
        assert.ok(revealed.people.some((p) => p.id === mother && p.label === 'Chloe Anne Calloway'))

        const withSibling = await service.integrated.view(panel, reviewId, { personId: sibling })
        assert.ok(withSibling.entries.length > 0 && withSibling.entries.length < all.entries.length)
        assert.ok(withSibling.entries.every((e) => all.entryPeople.get(e.id)!.some((p) => p.id === sibling)))
        assert.ok(withSibling.entries.every((e) => e.agencyId === agencyId(HV) || e.agencyId === agencyId(GP)))
        // Filters combine: the sibling in the GP's entries only.
        const gpSibling = await service.integrated.view(panel, reviewId, { personId: sibling, agencyId: agencyId(GP) })
        assert.ok(gpSibling.entries.every((e) => e.agencyId === agencyId(GP)))
        // The export honours the person filter.
        const csv = String((await service.exports.export(panel, reviewId, 'csv', { personId: sibling })).body)
        // The marking line, the header, one line per entry.
        assert.equal(csv.trim().split('\n').length, withSibling.entries.length + 2)
      } finally {
        await t.close()
      }
    })

    test('people can be added to and removed from an entry; a removed proposal does not come back', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, panel, reviewId, personId } = await setUp(t)
        await service.entries.saveEntry(
          police,
          reviewId,
          typed('Welfare check at the flat', { peopleInvolved: 'Mother; Dean HOLLIS' }),
        )
        await service.entries.submitDrafts(police, reviewId)
        const [entry] = (await service.integrated.view(police, reviewId)).entries
        const mother = personId('Chloe Anne Calloway')
        const partner = personId('Dean Jason Hollis')
        const grandmother = personId('Lorraine Calloway')
        let detail = await service.entries.entryDetail(police, reviewId, entry.id)
        assert.deepEqual(detail.people.map((p) => p.id).sort(), [mother, partner].sort())
        assert.equal(detail.canChange, true)

        await service.entries.setEntryPerson(police, reviewId, entry.id, partner, 'remove')
        await service.entries.setEntryPerson(police, reviewId, entry.id, grandmother, 'add')
        detail = await service.entries.entryDetail(police, reviewId, entry.id)
        assert.deepEqual(detail.people.map((p) => p.id).sort(), [mother, grandmother].sort())
        // Matching again keeps the decision.
        await service.entries.matchPeopleAgain(coordinator, reviewId)
        detail = await service.entries.entryDetail(coordinator, reviewId, entry.id)
        assert.deepEqual(detail.people.map((p) => p.id).sort(), [mother, grandmother].sort())
        // Panel members read but do not change; a person of another review is refused.
        assert.equal((await service.entries.entryDetail(panel, reviewId, entry.id)).canChange, false)
        await assert.rejects(
          service.entries.setEntryPerson(panel, reviewId, entry.id, mother, 'remove'),
          AccessDeniedError,
        )
        await assert.rejects(
          service.entries.setEntryPerson(police, reviewId, entry.id, 'not-a-person', 'add'),
          ValidationError,
        )
      } finally {
        await t.close()
      }
    })

    test('key practice episodes are made from entries, changed with versions and filter the chronology and its exports', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewer, panel, police, reviewId, agencyId } = await setUp(t)
        await service.entries.saveEntry(coordinator, reviewId, { ...typed('First visit'), agencyId: agencyId(POLICE) })
        await service.entries.saveEntry(coordinator, reviewId, {
          ...typed('Second visit', { date: '5 May 2023', actionTaken: '- none recorded' }),
          agencyId: agencyId(POLICE),
        })
        await service.entries.saveEntry(coordinator, reviewId, {
          ...typed('Unrelated', { date: '1 June 2023' }),
          agencyId: agencyId(POLICE),
        })
        await service.entries.submitDrafts(coordinator, reviewId, agencyId(POLICE))
        const entries = (await service.integrated.view(coordinator, reviewId)).entries
        const [first, second] = entries

        await assert.rejects(
          service.episodes.createEpisode(reviewer, reviewId, { name: ' ', entryIds: [] }),
          (error: unknown) => {
            assert.ok(error instanceof ValidationError)
            assert.deepEqual(
              error.errors.map((e) => e.message),
              ['Enter a name for the episode', 'Select the entries that make up the episode'],
            )
            return true
          },
        )
        await assert.rejects(
          service.episodes.createEpisode(panel, reviewId, { name: 'x', entryIds: [first.id] }),
          AccessDeniedError,
        )
        const id = await service.episodes.createEpisode(reviewer, reviewId, {
          name: 'Missed follow-up',
          notes: '',
          entryIds: [second.id, first.id],
        })
        // The report writer's view: entries in chronology order.
        assert.deepEqual(await service.episodes.keyPracticeEpisodes(panel, reviewId), [
          { id, name: 'Missed follow-up', entryIds: [first.id, second.id], notes: '' },
        ])
        // Agency contributors do not see the reviewers' analysis.
        await assert.rejects(service.episodes.keyPracticeEpisodes(police, reviewId), AccessDeniedError)

        const filtered = await service.integrated.view(coordinator, reviewId, { episodeId: id })
        assert.deepEqual(
          filtered.entries.map((e) => e.event),
          ['First visit', 'Second visit'],
        )
        assert.deepEqual((await service.entries.entryDetail(coordinator, reviewId, first.id)).episodes, [
          { id, name: 'Missed follow-up' },
        ])
        const csv = String((await service.exports.export(coordinator, reviewId, 'csv', { episodeId: id })).body)
        // The marking line, the header and the two entries of the episode.
        assert.equal(csv.trim().split('\n').length, 4)
        assert.doesNotMatch(csv, /Unrelated/)
        // Formula escaping still applies to a filtered export.
        assert.match(csv, /'- none recorded/)
        const xlsx = (await service.exports.export(coordinator, reviewId, 'xlsx', { episodeId: id })).body as Buffer
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(xlsx as unknown as ArrayBuffer)
        const sheet = workbook.worksheets[0]
        // The marking row, the header and the two entries.
        assert.equal(sheet.rowCount, 4)
        assert.ok((sheet.getRow(4).values as unknown[]).includes("'- none recorded"), 'the XLSX cell is escaped')
        const docx = (await service.exports.export(coordinator, reviewId, 'docx', { episodeId: id })).body as Buffer
        const { value: docText } = await mammoth.extractRawText({ buffer: docx })
        assert.match(docText, /Second visit/)
        assert.doesNotMatch(docText, /Unrelated/)

        const [episode] = await service.episodes.episodeList(coordinator, reviewId, 'missed')
        await service.episodes.updateEpisode(coordinator, reviewId, id, {
          name: 'Missed follow-up',
          notes: 'Nobody asked about the partner.',
          entryIds: [first.id],
          version: String(episode.version),
        })
        // A second change from the same version is refused and stores nothing.
        await assert.rejects(
          service.episodes.updateEpisode(reviewer, reviewId, id, {
            name: 'Renamed',
            notes: 'Older text',
            entryIds: [first.id, second.id],
            version: String(episode.version),
          }),
          StaleVersionError,
        )
        assert.deepEqual(await service.episodes.keyPracticeEpisodes(coordinator, reviewId), [
          { id, name: 'Missed follow-up', entryIds: [first.id], notes: 'Nobody asked about the partner.' },
        ])
        assert.deepEqual(await service.episodes.episodeList(coordinator, reviewId, 'no such words'), [])
      } finally {
        await t.close()
      }
    })

    test('sharing: a contributor sees other agencies’ submitted entries only once shared, never their drafts', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, panel, reviewId, agencyId } = await setUp(t)
        const gp = agencyId(GP)
        await service.entries.saveEntry(coordinator, reviewId, { ...typed('GP submitted entry'), agencyId: gp })
        await service.entries.submitDrafts(coordinator, reviewId, gp)
        await service.entries.saveEntry(coordinator, reviewId, { ...typed('GP draft entry'), agencyId: gp })
        await service.entries.saveEntry(police, reviewId, typed('Police entry'))
        await service.entries.submitDrafts(police, reviewId)
        const gpEntry = (await service.integrated.view(coordinator, reviewId)).entries.find(
          (e) => e.event === 'GP submitted entry',
        )!
        const gpDraft = (await service.entries.drafts(coordinator, reviewId)).find((e) => e.event === 'GP draft entry')!

        const before = await service.integrated.view(police, reviewId)
        assert.equal(before.shared, false)
        assert.deepEqual(
          before.entries.map((e) => e.event),
          ['Police entry'],
        )
        await assert.rejects(service.entries.entryDetail(police, reviewId, gpEntry.id), NotFoundError)
        // Only coordinators share.
        await assert.rejects(service.sharing.setSharing(police, reviewId, true), AccessDeniedError)
        await assert.rejects(service.sharing.setSharing(panel, reviewId, true), AccessDeniedError)

        await service.sharing.setSharing(coordinator, reviewId, true)
        const after = await service.integrated.view(police, reviewId)
        assert.equal(after.shared, true)
        assert.deepEqual(after.entries.map((e) => e.event).sort(), ['GP submitted entry', 'Police entry'])
        assert.equal((await service.entries.entryDetail(police, reviewId, gpEntry.id)).canChange, false)
        await assert.rejects(service.entries.entryDetail(police, reviewId, gpDraft.id), NotFoundError)
        // Sharing lets them read, not correct, another agency's entry.
        await assert.rejects(service.entries.setEntryPerson(police, reviewId, gpEntry.id, 'x', 'add'), NotFoundError)
        const csv = String((await service.exports.export(police, reviewId, 'csv')).body)
        assert.match(csv, /GP submitted entry/)
        assert.doesNotMatch(csv, /GP draft entry/)
        assert.deepEqual(
          (await service.entries.drafts(police, reviewId)).map((e) => e.event),
          [],
        )

        await service.sharing.setSharing(coordinator, reviewId, false)
        assert.deepEqual(
          (await service.integrated.view(police, reviewId)).entries.map((e) => e.event),
          ['Police entry'],
        )
        const state = await service.sharing.state(coordinator, reviewId)
        assert.deepEqual(
          state.events.map((e) => e.action),
          ['withdrawn', 'shared'],
        )
        const audited = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', 'in', ['chronology.share', 'chronology.share.withdraw'])
          .execute()
        assert.equal(audited.length, 2)
      } finally {
        await t.close()
      }
    })

    test('a submitted entry is corrected with a reason, its history kept; a stale correction is refused', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, reviewer, panel, police, reviewId, agencyId, personId } = await setUp(t)
        await service.entries.saveEntry(police, reviewId, typed('Visit to the flat', { peopleInvolved: 'Mother' }))
        await service.entries.submitDrafts(police, reviewId)
        await service.entries.saveEntry(coordinator, reviewId, { ...typed('GP entry'), agencyId: agencyId(GP) })
        await service.entries.submitDrafts(coordinator, reviewId, agencyId(GP))
        const entries = (await service.integrated.view(coordinator, reviewId)).entries
        const own = entries.find((e) => e.event === 'Visit to the flat')!
        const gpEntry = entries.find((e) => e.event === 'GP entry')!
        const correction = {
          ...typed('Visit to the flat; nobody answered', { peopleInvolved: 'Mother; Dean Hollis' }),
          version: '1',
          reason: '',
        }
        await assert.rejects(service.entries.correctEntry(police, reviewId, own.id, correction), (error: unknown) => {
          assert.ok(error instanceof ValidationError)
          assert.deepEqual(
            error.errors.map((e) => e.message),
            ['Enter why you are correcting this entry'],
          )
          return true
        })
        await service.entries.correctEntry(police, reviewId, own.id, {
          ...correction,
          reason: 'Officer’s notes read again',
        })
        let detail = await service.entries.entryDetail(coordinator, reviewId, own.id)
        assert.equal(detail.entry.event, 'Visit to the flat; nobody answered')
        assert.equal(detail.version, 2)
        assert.equal(detail.revisions.length, 1)
        assert.equal(detail.revisions[0].previous.event, 'Visit to the flat')
        assert.equal(detail.revisions[0].reason, 'Officer’s notes read again')
        // People proposed again from the new text.
        assert.ok(detail.people.some((p) => p.id === personId('Dean Jason Hollis')))
        // The integrated chronology shows the correction at once (its cached comparison is recomputed).
        assert.ok(
          (await service.integrated.view(coordinator, reviewId)).entries.some(
            (e) => e.event === 'Visit to the flat; nobody answered',
          ),
        )

        // Someone still holding version 1 cannot overwrite it.
        await assert.rejects(
          service.entries.correctEntry(reviewer, reviewId, own.id, { ...correction, event: 'Stale', reason: 'Late' }),
          StaleVersionError,
        )
        await service.entries.correctEntry(reviewer, reviewId, own.id, {
          ...correction,
          event: 'Reviewed',
          reason: 'Checked',
          version: '2',
        })
        detail = await service.entries.entryDetail(panel, reviewId, own.id)
        assert.equal(detail.entry.event, 'Reviewed')
        assert.deepEqual(
          detail.revisions.map((r) => r.previous.event),
          ['Visit to the flat', 'Visit to the flat; nobody answered'],
        )
        // Another agency's entry, or a reader without the right, is refused.
        await assert.rejects(
          service.entries.correctEntry(police, reviewId, gpEntry.id, { ...correction, reason: 'x' }),
          NotFoundError,
        )
        await assert.rejects(
          service.entries.correctEntry(panel, reviewId, own.id, { ...correction, reason: 'x', version: '3' }),
          AccessDeniedError,
        )
        const audited = await t.services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', '=', 'chronology.entry.correct')
          .execute()
        assert.equal(audited.length, 2)
      } finally {
        await t.close()
      }
    })
  })
}
