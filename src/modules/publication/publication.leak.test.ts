/**
 * Leak test: the demo case (fictional) goes from its original drafts to a published entry through
 * the real reports, recommendations, anonymisation and repository slices, and no original identifier
 * reaches the public review page, its documents, the public search or the audit of publication.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../test/support/databases.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { buildApp } from '../../web/app.ts'
import type { Actor } from '../access/actor.ts'
import type { ReportKind } from '../reports/report-template.ts'
import { publicationFixture, type PublicationFixture } from '../../../test/fixtures/publication.fixture.ts'
import type { PublicationStep } from './publication.ts'
import { withoutDraftingMarkers } from '../../../test/support/drafting-markers.ts'

const demo = (file: string) => readFileSync(sharedDataPath(join('demo-case', file)), 'utf8')

/** Every original identifier of the demo case: the expected identifiers and the full names of people not retained. */
function originalIdentifiers(): string[] {
  const expected = JSON.parse(demo('expected-identifiers.json')) as Array<{ text: string }>
  const cast = JSON.parse(demo('cast.json')) as Array<{ full_name: string; retain?: boolean }>
  return [...new Set([...expected.map((e) => e.text), ...cast.filter((c) => !c.retain).map((c) => c.full_name)])]
}

/** Surnames of people not retained (each must find nothing in the public search). */
function surnames(): string[] {
  const cast = JSON.parse(demo('cast.json')) as Array<{ full_name: string; retain?: boolean }>
  return [...new Set(cast.filter((c) => !c.retain).map((c) => c.full_name.split(' ').at(-1)!))]
}

/** Which identifiers appear in `text` as whole words (HTML entities decoded first). */
function leaksIn(text: string, identifiers: string[]): string[] {
  const plain = text
    .replaceAll('&#39;', "'")
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
  return identifiers.filter((id) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(plain),
  )
}

async function record(f: PublicationFixture, actor: Actor, step: Exclude<PublicationStep, 'published'>, extra = {}) {
  const version = (await f.services.publication.view(f.coordinator, f.reviewId)).record.version
  await f.services.publication.recordStep(actor, f.reviewId, version, step, { note: '', ...extra })
}

/** Import a demo draft into the reports slice, send it for anonymisation and mark it anonymised. */
async function anonymiseDraft(f: PublicationFixture, kind: ReportKind, file: string): Promise<void> {
  await f.services.reports.importDraft(
    f.coordinator,
    f.reviewId,
    kind,
    // Tidied as the writer would: the publication export refuses the drafting labels.
    { fileName: file, data: new TextEncoder().encode(withoutDraftingMarkers(demo(file))) },
    0,
  )
  const documentId = await f.services.reports.sendForAnonymisation(f.coordinator, f.reviewId, kind)
  const { document } = await f.services.caseKnowledge.documentView(f.coordinator, f.reviewId, documentId)
  await f.services.caseKnowledge.markAnonymised(f.coordinator, f.reviewId, documentId, document.version, true)
}

for (const database of testDatabases()) {
  describe(`publication leak test on ${database.name}`, () => {
    test('the demo case published from its anonymised documents: no original identifier reaches the public', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        const { coordinator, chair, reviewId } = f
        await f.services.caseKnowledge.importFiles(coordinator, reviewId, demo('cast.json'), demo('places.json'))
        await anonymiseDraft(f, 'overview_report', 'overview-report-draft.md')
        await anonymiseDraft(f, 'executive_summary', 'executive-summary-draft.md')
        const finding = await f.services.recommendations.addFinding(coordinator, reviewId, {
          title: 'The men in the baby’s life were not identified or assessed',
          text: 'Agencies accepted first names, nicknames and a false name without checking.',
          theme: 'hidden_men_fathers',
        })
        // Recommendations from the executive summary, anonymised with the review's people and places.
        const recommendations = demo('executive-summary-draft.md')
          .split('### Recommendations')[1]
          .split('###')[0]
          .split('\n')
          .filter((line) => line.startsWith('- '))
        assert.equal(recommendations.length, 7)
        for (const line of recommendations) {
          const anonymised = (await f.services.caseKnowledge.anonymise(coordinator, reviewId, line.slice(2))).text
          const [, addressedTo, action, timescale] = /^(.+?) should (.+) \((by .+)\)\.?$/.exec(anonymised)!
          await f.services.recommendations.addRecommendation(coordinator, reviewId, {
            addressedTo,
            action,
            measureOfSuccess: 'An audit of cases a year later',
            timescale,
            findingIds: [finding.id],
          })
        }

        await record(f, coordinator, 'panel_agreed')
        for (const partner of [chair, f.policePartner, f.healthPartner]) {
          await record(f, partner, 'signed_off', { signerRole: 'Statutory partner lead' })
        }
        await record(f, coordinator, 'family_informed', { happenedOn: '2026-11-18', how: 'Meeting with the family' })
        await record(f, coordinator, 'anonymised')
        await record(f, coordinator, 'sent_to_panel', { happenedOn: '2026-11-20' })
        await record(f, coordinator, 'embargo_cleared')
        const view = await f.services.publication.view(coordinator, reviewId)
        await f.services.publication.saveDetails(coordinator, reviewId, view.record.version, {
          summary:
            'Child M, a baby girl aged nine months, suffered a serious head injury while cared for by her mother’s partner. Agencies were involved with the family for eighteen months, from the pregnancy.',
          themes: ['domestic_abuse', 'information_sharing'],
          keywords: ['non-mobile baby', 'bruising', 'escalation'],
          publishAsAnonymous: false,
        })
        // The demo drafts leave the child's and the family's voice empty: the chair accepts that.
        await record(f, chair, 'approved', { acceptEmptySections: true })
        f.setToday('2026-11-27')
        const version = (await f.services.publication.view(coordinator, reviewId)).record.version
        const publishedId = await f.services.publication.publish(coordinator, reviewId, version, '')

        const identifiers = originalIdentifiers()
        // The check finds identifiers where they are (the original draft holds well over a hundred).
        assert.ok(leaksIn(demo('overview-report-draft.md'), identifiers).length > 100)
        const entry = await f.services.publishedReviews.get(publishedId)
        assert.equal(entry.title, '2026 – Marlshire – Child M')
        assert.equal(entry.recommendations.length, 7)
        assert.equal(entry.documents.length, 2)
        assert.deepEqual(leaksIn(JSON.stringify(entry), identifiers), [])

        // The public pages, as anyone on the internet sees them.
        const app = await buildApp(f.services, { logger: false })
        try {
          const page = await app.inject({ method: 'GET', url: `/repository/reviews/${publishedId}` })
          assert.equal(page.statusCode, 200)
          assert.match(page.body, /Child M/)
          assert.deepEqual(leaksIn(page.body, identifiers), [])
          for (const document of entry.documents) {
            const response = await app.inject({
              method: 'GET',
              url: `/repository/reviews/${publishedId}/documents/${document.id}`,
            })
            assert.equal(response.statusCode, 200)
            assert.ok(response.body.length > 2000, 'the document is there')
            assert.deepEqual(leaksIn(response.body, identifiers), [], document.title)
          }
        } finally {
          await app.close()
        }

        // The public search: nothing found by a surname; no result text holds an identifier.
        for (const surname of surnames()) {
          assert.equal((await f.services.publishedReviews.search(surname)).total, 0, surname)
        }
        const all = await f.services.publishedReviews.search('head injury')
        assert.equal(all.total, 1)
        assert.deepEqual(leaksIn(JSON.stringify(all), identifiers), [])

        // What publication recorded in the audit log holds no case text.
        const audit = await f.services.database.db
          .selectFrom('audit_event')
          .selectAll()
          .where('action', 'like', 'publication.%')
          .execute()
        assert.ok(audit.length > 0)
        assert.deepEqual(leaksIn(JSON.stringify(audit), identifiers), [])
      } finally {
        await f.close()
      }
    })
  })
}
