import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { testDatabases } from '../../../test/support/databases.ts'
import {
  publicationFixture,
  readyToPublish,
  record,
  signOffByAllPartners,
  versionOf,
  type PublicationFixture,
} from '../../../test/fixtures/publication.fixture.ts'

/** What publishing writes, slice by slice, so a test can see that none of it is left behind. */
async function written(f: PublicationFixture) {
  const db = f.services.database.db
  const view = await f.service.view(f.coordinator, f.reviewId)
  const { review } = await f.services.reviews.get(f.coordinator, f.reviewId)
  const entries = await db.selectFrom('published_review').select('id').execute()
  const audited = await db
    .selectFrom('audit_event')
    .select('action')
    .where('action', 'in', ['publication.publish', 'review.move_stage'])
    .execute()
  return {
    version: view.record.version,
    claimed: view.record.publishedReviewId,
    published: view.progress.done.published !== undefined,
    entries: entries.length,
    searchable: (await f.services.publishedReviews.search('')).total,
    plannedPublication: review.milestones.planned_publication ?? null,
    stage: review.stage,
    audited: audited.map((a) => a.action).sort(),
  }
}

/** Rename a table: a real database failure for whatever writes to it, undone by renaming it back. */
async function rename(f: PublicationFixture, from: string, to: string): Promise<void> {
  await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(f.services.database.db)
}

for (const database of testDatabases()) {
  describe(`publishing in one transaction on ${database.name}`, () => {
    test('a failure at the last write of publishing leaves nothing half-written; publishing again works', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        await readyToPublish(f, '2026-11-20')
        // As if the review had been commissioned: publishing moves it on, and that move is the last write.
        await f.services.database.db
          .updateTable('review')
          .set({ stage: 'information_gathering' })
          .where('id', '=', f.reviewId)
          .execute()
        f.setToday('2026-11-27')
        const before = await written(f)
        assert.equal(before.published, false)

        // The record, the entry, its search document, the milestone and the audit are written by
        // then; the stage history refuses the review's move.
        await rename(f, 'review_stage_change', 'review_stage_change_away')
        await assert.rejects(f.service.publish(f.coordinator, f.reviewId, before.version, 'Published'))
        await rename(f, 'review_stage_change_away', 'review_stage_change')
        assert.deepEqual(await written(f), before)

        const id = await f.service.publish(f.coordinator, f.reviewId, before.version, 'Published')
        const after = await written(f)
        assert.equal(after.claimed, id)
        assert.equal(after.published, true)
        assert.equal(after.entries, 1)
        assert.equal(after.searchable, 1)
        assert.equal(after.plannedPublication, '2026-11-27')
        assert.equal(after.stage, 'action_monitoring')
        assert.ok(after.audited.includes('publication.publish'))
      } finally {
        await f.close()
      }
    })

    test('a failure while recording a step leaves neither the step nor its milestone', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        f.reports.anonymised()
        await record(f, f.coordinator, 'panel_agreed')
        await signOffByAllPartners(f)
        await record(f, f.coordinator, 'family_informed', { happenedOn: '2026-11-02', how: 'Meeting with the mother' })
        await record(f, f.coordinator, 'anonymised')
        const version = await versionOf(f)
        // The step and the milestone are written by then; the audit log refuses the record of it.
        await rename(f, 'audit_event', 'audit_event_away')
        await assert.rejects(
          f.service.recordStep(f.coordinator, f.reviewId, version, 'sent_to_panel', {
            note: '',
            happenedOn: '2026-11-20',
          }),
        )
        await rename(f, 'audit_event_away', 'audit_event')
        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.record.version, version)
        assert.equal(view.progress.done.sent_to_panel, undefined)
        const { review } = await f.services.reviews.get(f.coordinator, f.reviewId)
        assert.equal(review.milestones.report_sent_to_panel, undefined)
      } finally {
        await f.close()
      }
    })
  })
}
