import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { startTestApp, type TestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { AccessDeniedError } from '../access/access.ts'
import { ValidationError } from '../errors.ts'
import { ChronologyEntryRepository } from './chronology-entry.repository.ts'
import { ChronologyRequestRepository } from './chronology-request.repository.ts'

const POLICE_CSV = readFileSync(sharedDataPath('demo-case', 'chronologies', 'police.csv'), 'utf8')
const POLICE_ROWS = 46

/** The chronology services (imports staged in the database), a review asking the police, and the actors. */
async function setUp(t: TestApp) {
  const db = t.services.database.db
  const repository = new ChronologyEntryRepository(db)
  const service = t.services.chronology
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, { outline: 'Duplicate imports.', pseudonym: 'Child D' })
  await new ChronologyRequestRepository(db).upsertRequest(
    {
      reviewId,
      agencyId: police.agencyId!,
      kind: 'chronology',
      dueDate: '2099-01-31',
      requestedBy: coordinator.userId,
    },
    t.now(),
  )
  const entries = (status?: 'draft' | 'submitted') =>
    repository.listEntries(reviewId, { agencyId: police.agencyId!, ...(status ? { status } : {}) })
  const upload = async (csv: string, fileName = 'police.csv') => {
    const { importId } = await service.imports.previewImport(police, reviewId, { fileName, data: Buffer.from(csv) })
    return { importId, page: await service.imports.importPage(police, reviewId, importId) }
  }
  return { service, coordinator, police, panel, reviewId, entries, upload, db }
}

for (const database of testDatabases()) {
  describe(`duplicate rows of chronology imports on ${database.name}`, () => {
    test('importing the same file again is told every row is already submitted, and skipping them stores nothing twice', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, police, reviewId, entries, upload } = await setUp(t)
        const first = await upload(POLICE_CSV)
        assert.deepEqual(first.page.duplicates, [], 'nothing is a duplicate the first time')
        assert.equal((await service.imports.commitImport(police, reviewId, first.importId, {})).count, POLICE_ROWS)

        const confirm = await service.entries.submitConfirmation(police, reviewId)
        assert.equal(confirm.agency.name, 'Marlshire Police')
        assert.equal(confirm.count, POLICE_ROWS)
        assert.equal(await service.entries.submitDrafts(police, reviewId), POLICE_ROWS)

        const again = await upload(POLICE_CSV)
        assert.equal(again.page.summary.canCommit, true)
        assert.equal(again.page.duplicates.length, POLICE_ROWS)
        assert.ok(again.page.duplicates.every((d) => d.status === 'submitted'))
        assert.deepEqual(
          again.page.duplicates.slice(0, 2).map((d) => d.row),
          [2, 3],
          'rows are named by their row in the file',
        )
        const done = await service.imports.commitImport(police, reviewId, again.importId, {}, 'skip')
        assert.deepEqual(
          { count: done.count, skipped: done.skipped, replaced: done.replaced },
          {
            count: 0,
            skipped: POLICE_ROWS,
            replaced: 0,
          },
        )
        assert.equal((await entries('submitted')).length, POLICE_ROWS)
        assert.equal((await entries('draft')).length, 0)
        const integrated = await service.integrated.view(police, reviewId)
        assert.equal(integrated.entries.length, POLICE_ROWS, 'no event appears twice')
      } finally {
        await t.close()
      }
    })

    test('drafts count as already there, matched whatever the case and spacing; new rows are still imported', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, police, reviewId, entries, upload } = await setUp(t)
        const lines = POLICE_CSV.trimEnd().split('\n')
        await service.imports.commitImport(police, reviewId, (await upload(POLICE_CSV)).importId, {})
        // The second row's event shouted and re-spaced; a new row at the end.
        const changed = [
          lines[0],
          lines[2].replace('Dean HOLLIS stop-searched Market Street', 'DEAN   HOLLIS stop-searched  market street'),
          '01/04/2024,09:00,MP/24/999999,Welfare check,PC 1 Test,Invented new welfare check,Words of advice,',
        ].join('\n')
        const again = await upload(changed, 'police-again.csv')
        assert.deepEqual(
          again.page.duplicates.map((d) => ({ row: d.row, status: d.status })),
          [{ row: 2, status: 'draft' }],
        )
        const done = await service.imports.commitImport(police, reviewId, again.importId, {})
        assert.equal(done.count, 1)
        assert.equal(done.skipped, 1)
        assert.equal((await entries('draft')).length, POLICE_ROWS + 1)
      } finally {
        await t.close()
      }
    })

    test('replacing puts the file’s text into the entries already there, keeping a submitted entry’s earlier text', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, police, reviewId, entries, upload, db } = await setUp(t)
        await service.imports.commitImport(police, reviewId, (await upload(POLICE_CSV)).importId, {})
        await service.entries.submitDrafts(police, reviewId)
        const before = (await entries('submitted')).find((e) => e.event.includes('stop-searched Market Street'))!
        const corrected = POLICE_CSV.replace('Adult simple caution.', 'Adult simple caution (corrected).')
        assert.notEqual(corrected, POLICE_CSV)
        const again = await upload(
          `${corrected.trimEnd()}\r\n02/04/2024,10:00,MP/24/888888,Check,PC 2 Test,Invented check,,\r\n`,
        )
        assert.equal(again.page.duplicates.length, POLICE_ROWS)
        const done = await service.imports.commitImport(police, reviewId, again.importId, {}, 'replace')
        assert.deepEqual(
          { count: done.count, skipped: done.skipped, replaced: done.replaced },
          {
            count: 1,
            skipped: 0,
            replaced: POLICE_ROWS,
          },
        )
        const submitted = await entries('submitted')
        assert.equal(submitted.length, POLICE_ROWS, 'replaced, not added')
        const after = submitted.find((e) => e.id === before.id)!
        assert.equal(after.status, 'submitted')
        assert.match(`${after.actionTaken} ${after.outcome}`, /\(corrected\)/)
        const revisions = await db
          .selectFrom('chronology_entry_revision')
          .selectAll()
          .where('entry_id', '=', before.id)
          .execute()
        assert.equal(revisions.length, 1)
        assert.match(revisions[0].reason, /Replaced by the import of police\.csv/)
        assert.doesNotMatch(revisions[0].previous, /\(corrected\)/)
        assert.equal((await entries('draft')).length, 1, 'the new row is a draft')
      } finally {
        await t.close()
      }
    })

    test('every draft of the agency can be discarded (submitted entries stay); refused without permission', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, panel, reviewId, entries, upload } = await setUp(t)
        await service.imports.commitImport(police, reviewId, (await upload(POLICE_CSV)).importId, {})
        await service.entries.submitDrafts(police, reviewId)
        await service.entries.saveEntry(police, reviewId, {
          date: '3 April 2024',
          time: '',
          sourceRecord: '',
          practitionerRole: '',
          peopleInvolved: '',
          event: 'Invented typed draft',
          actionTaken: '',
          outcome: '',
          significance: '',
        })
        await assert.rejects(service.entries.discardDrafts(panel, reviewId, police.agencyId!), AccessDeniedError)
        await assert.rejects(service.entries.submitConfirmation(panel, reviewId, police.agencyId!), AccessDeniedError)
        // A coordinator names the agency.
        await assert.rejects(service.entries.discardDrafts(coordinator, reviewId), ValidationError)
        assert.equal((await service.entries.submitConfirmation(police, reviewId)).count, 1)
        assert.equal(await service.entries.discardDrafts(police, reviewId), 1)
        assert.equal((await entries('draft')).length, 0)
        assert.equal((await entries('submitted')).length, POLICE_ROWS)
        await assert.rejects(service.entries.discardDrafts(police, reviewId), /no draft entries to discard/)
        await assert.rejects(service.entries.submitConfirmation(police, reviewId), /no draft entries to submit/)
      } finally {
        await t.close()
      }
    })
  })
}
