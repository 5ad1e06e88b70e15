import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { withoutDraftingMarkers } from '../../../test/support/drafting-markers.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

for (const database of testDatabases()) {
  describe(`home tasks follow the review's stage (${database.name})`, () => {
    test('an agency request on a closed review is not waiting on the contributor; one on an open review is', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const police = await actorFor(t, 'police.contributor@marlshire.example')
        // The demo's Child T was decided without a local review and closed.
        const closed = (await t.services.reviews.list(coordinator)).find((i) => i.review.pseudonym === 'Child T')!
        assert.equal(closed.review.stage, 'closed')
        const open = await createSubmittedReview(t, coordinator, { pseudonym: 'Child O' })
        for (const reviewId of [closed.review.id, open]) {
          await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
            agencyIds: [police.agencyId!],
            kinds: ['chronology'],
            dueDate: '2099-01-31',
          })
        }
        const home = await t.services.tasks.home(police)
        const reviews = home.tasks.map((task) => task.review ?? '')
        assert.ok(
          reviews.some((r) => r.endsWith('Child O')),
          'the open review’s request is a task',
        )
        assert.ok(!reviews.some((r) => r.endsWith('Child T')), 'the closed review’s request is not')
      } finally {
        await t.close()
      }
    })

    test('the readiness check’s findings are tasks for whoever owns them: drafting labels and empty voices for the writer, the details for the coordinator', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const reviewer = await actorFor(t, 'reviewer@marlshire.example')
        const childM = (await t.services.reviews.list(coordinator)).find((i) => i.review.pseudonym === 'Child M')!
        const id = childM.review.id
        const of = async (actor: typeof coordinator) =>
          (await t.services.tasks.home(actor)).tasks.filter((task) => task.review?.endsWith('Child M'))
        const titles = async (actor: typeof coordinator) => (await of(actor)).map((task) => task.title)

        // The demo drafts carry their labels and leave the voices empty; the writer is told, with where.
        const writer = await of(reviewer)
        const labels = writer.find((task) => task.title === 'Take the drafting labels out of the overview report')
        assert.ok(labels, JSON.stringify(writer.map((x) => x.title)))
        assert.equal(labels.href, `/reviews/${id}/report/overview-report`)
        assert.match(labels.detail ?? '', /^4 labels stop publication: .*paragraph 1\.1; paragraph 11\.1$/)
        assert.ok(writer.some((x) => x.title === 'Take the drafting labels out of the executive summary'))
        assert.ok(writer.some((x) => x.title === 'Write the section “The child’s voice” of the overview report'))
        // Both documents written: the panel's agreement waits on the coordinator, still gathering information.
        assert.equal(childM.review.stage, 'information_gathering')
        assert.ok((await titles(coordinator)).includes('The review panel agrees the draft'))
        assert.ok(!(await titles(coordinator)).some((x) => x.startsWith('Write the publication details')))

        // The labels taken out and the child's voice written: those tasks go; the document is to send again.
        for (const kind of ['overview_report', 'executive_summary'] as const) {
          await t.services.reports.sendForAnonymisation(reviewer, id, kind)
          const document = await t.services.reports.document(reviewer, id, kind)
          let version = document.version
          for (const section of document.sections) {
            const fixed = withoutDraftingMarkers(section.markdown)
            if (fixed !== section.markdown)
              version = await t.services.reports.saveSection(reviewer, id, kind, section.key, fixed, version)
          }
          if (kind === 'overview_report')
            await t.services.reports.saveSection(reviewer, id, kind, 'childs_voice', 'Seen through her care.', version)
        }
        const after = await titles(reviewer)
        assert.ok(!after.some((x) => x.startsWith('Take the drafting labels out')), after.join(' | '))
        assert.ok(!after.includes('Write the section “The child’s voice” of the overview report'))
        assert.ok(after.includes('Send the overview report for anonymisation again'), after.join(' | '))

        // Once the panel has agreed, the missing summary and themes are the coordinator's task.
        const view = await t.services.publication.view(coordinator, id)
        await t.services.publication.recordStep(coordinator, id, view.record.version, 'panel_agreed', { note: '' })
        const details = (await of(coordinator)).find((x) => x.title.startsWith('Write the publication details'))
        assert.ok(details)
        assert.equal(details.href, `/reviews/${id}/publication#details`)
        assert.match(details.detail ?? '', /Enter and save a case summary/)
        assert.ok(!(await titles(reviewer)).some((x) => x.startsWith('Write the publication details')))
      } finally {
        await t.close()
      }
    })
  })
}
