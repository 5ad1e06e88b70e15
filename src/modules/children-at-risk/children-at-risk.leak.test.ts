/**
 * Leak test: two other children at risk are recorded at the notification of the demo case (fictional),
 * one is confirmed, and the drafts name them both. The review goes to a published entry through the real
 * reports, anonymisation, publication and repository slices, and neither child's name reaches the
 * anonymised documents, the publication exports (DOCX and PDF, read back), the public repository entry and
 * its pages and open data, the public search, or the audit log.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import mammoth from 'mammoth'
import { extractText, getDocumentProxy } from 'unpdf'
import { testDatabases } from '../../../test/support/databases.ts'
import { withoutDraftingMarkers } from '../../../test/support/drafting-markers.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { buildApp } from '../../web/app.ts'
import type { Actor } from '../access/actor.ts'
import { publicationFixture, type PublicationFixture } from '../../../test/fixtures/publication.fixture.ts'
import type { PublicationStep } from '../publication/publication.ts'
import type { ReportKind } from '../reports/report-template.ts'

const demo = (file: string) => readFileSync(sharedDataPath(join('demo-case', file)), 'utf8')

/** Invented children (no real person), and every word of their names that must not be published. */
const SIBLING = 'Aled Brackenbury'
const CONTACT = 'Linnet Oakhollow'
const WORDS = ['Aled', 'Brackenbury', 'Linnet', 'Oakhollow']
/** What the drafts say about them, as a writer who forgot they are identifiers would. */
const PARAGRAPH = `\n\nAfter the incident, ${SIBLING}, the baby's half-brother, was seen alone by a social worker, and ${CONTACT}, who visited at weekends, was seen at her school. Aled and Linnet were both safe.\n`

/** Which of the words appear in `text` as whole words (HTML entities decoded first). */
function leaksIn(text: string): string[] {
  const plain = text.replaceAll('&#39;', "'").replaceAll('&#x27;', "'").replaceAll('&amp;', '&')
  return WORDS.filter((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w}($|[^\\p{L}\\p{N}])`, 'iu').test(plain))
}

async function record(f: PublicationFixture, actor: Actor, step: Exclude<PublicationStep, 'published'>, extra = {}) {
  const version = (await f.services.publication.view(f.coordinator, f.reviewId)).record.version
  await f.services.publication.recordStep(actor, f.reviewId, version, step, { note: '', ...extra })
}

/** Import a demo draft (with the paragraph naming the children), send it for anonymisation, mark it anonymised. */
async function anonymiseDraft(f: PublicationFixture, kind: ReportKind, file: string): Promise<string> {
  const text = withoutDraftingMarkers(demo(file)) + PARAGRAPH
  assert.deepEqual(leaksIn(text), WORDS, 'the draft names both children')
  await f.services.reports.importDraft(
    f.coordinator,
    f.reviewId,
    kind,
    { fileName: file, data: new TextEncoder().encode(text) },
    0,
  )
  const documentId = await f.services.reports.sendForAnonymisation(f.coordinator, f.reviewId, kind)
  const { document } = await f.services.caseKnowledge.documentView(f.coordinator, f.reviewId, documentId)
  await f.services.caseKnowledge.markAnonymised(f.coordinator, f.reviewId, documentId, document.version, true)
  return documentId
}

for (const database of testDatabases()) {
  describe(`other children at risk leak test on ${database.name}`, () => {
    test('two other children recorded at notification reach no publication, export, public page or search', async () => {
      const f = await publicationFixture(await database.open(), '2026-11-20')
      try {
        const { coordinator, chair, reviewId } = f
        await f.services.caseKnowledge.importFiles(coordinator, reviewId, demo('cast.json'), demo('places.json'))
        const agencies = await f.services.repositories.partnerships.listAgencies(coordinator.partnershipId!)
        const police = agencies.find((a) => a.name === 'Marlshire Police')!
        const children = f.services.childrenAtRisk
        const sibling = await children.add(coordinator, reviewId, {
          name: SIBLING,
          age: '6',
          relationship: 'sibling',
          relationshipDetail: 'Half-brother',
          concern: `${SIBLING} lives in the household.`,
          safetyAction: 'Seen alone by a social worker',
          agencyId: police.id,
          responsiblePerson: 'Team manager',
          dueDate: '2026-11-23',
        })
        await children.add(coordinator, reviewId, {
          name: CONTACT,
          age: 'about 14',
          relationship: 'contact',
          relationshipDetail: 'Visits at weekends',
          concern: `${CONTACT} has contact with the mother’s partner.`,
          safetyAction: 'Seen at school',
          agencyId: police.id,
          responsiblePerson: 'DS Public Protection',
          dueDate: '2026-12-31',
        })
        await children.confirm(coordinator, reviewId, sibling.id, 1, {
          confirmedOn: '2026-11-20',
          confirmedBy: 'Social worker',
          note: `${SIBLING} was safe.`,
        })
        // The names are there to leak: the coordinator's page shows them.
        assert.deepEqual(leaksIn(JSON.stringify(await children.list(coordinator, reviewId))), WORDS)

        const documentIds = [
          await anonymiseDraft(f, 'overview_report', 'overview-report-draft.md'),
          await anonymiseDraft(f, 'executive_summary', 'executive-summary-draft.md'),
        ]
        // The anonymisation output: the documents as marked anonymised.
        for (const id of documentIds) {
          const { result } = await f.services.caseKnowledge.documentView(coordinator, reviewId, id)
          assert.ok(result.text.length > 2000)
          assert.deepEqual(leaksIn(result.text), [], 'anonymised document')
        }
        await f.services.recommendations.addFinding(coordinator, reviewId, {
          title: 'The men in the baby’s life were not identified or assessed',
          text: 'Agencies accepted first names, nicknames and a false name without checking.',
          theme: 'hidden_men_fathers',
        })

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
            'Child M, a baby girl aged nine months, suffered a serious head injury. Her siblings were safeguarded.',
          themes: ['domestic_abuse'],
          keywords: ['non-mobile baby', 'siblings'],
          publishAsAnonymous: false,
        })
        await record(f, chair, 'approved', { acceptEmptySections: true })
        f.setToday('2026-11-27')
        const version = (await f.services.publication.view(coordinator, reviewId)).record.version
        const publishedId = await f.services.publication.publish(coordinator, reviewId, version, '')

        // Publication exports, opened back.
        for (const kind of ['overview_report', 'executive_summary'] as const) {
          const docx = await f.services.reports.exportDocument(coordinator, reviewId, kind, 'docx', 'publication')
          const { value: docxText } = await mammoth.extractRawText({ buffer: Buffer.from(docx.data) })
          assert.ok(docxText.length > 1000)
          assert.deepEqual(leaksIn(docxText), [], `${kind} DOCX`)
          const pdf = await f.services.reports.exportDocument(coordinator, reviewId, kind, 'pdf', 'publication')
          const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf.data)), {
            mergePages: true,
          })
          assert.ok(pdfText.length > 1000)
          assert.deepEqual(leaksIn(pdfText), [], `${kind} PDF`)
        }

        // The public repository entry, its pages and open data, as anyone on the internet sees them.
        const entry = await f.services.publishedReviews.get(publishedId)
        assert.equal(entry.documents.length, 2)
        assert.deepEqual(leaksIn(JSON.stringify(entry)), [])
        const app = await buildApp(f.services, { logger: false })
        try {
          const urls = [
            `/repository/reviews/${publishedId}`,
            ...entry.documents.map((d) => `/repository/reviews/${publishedId}/documents/${d.id}`),
            '/repository?q=siblings',
            '/repository/catalogue.csv',
            '/repository/catalogue.json',
            '/repository/feed.atom',
            `/api/reviews/${publishedId}`,
          ]
          for (const url of urls) {
            const response = await app.inject({ method: 'GET', url })
            assert.equal(response.statusCode, 200, url)
            assert.deepEqual(leaksIn(response.body), [], url)
          }
          assert.match((await app.inject({ method: 'GET', url: urls[0] })).body, /Child M/)
        } finally {
          await app.close()
        }

        // The public search: nothing found by any part of their names; no result holds one.
        for (const word of WORDS) assert.equal((await f.services.publishedReviews.search(word)).total, 0, word)
        const found = await f.services.publishedReviews.search('head injury')
        assert.equal(found.total, 1)
        assert.deepEqual(leaksIn(JSON.stringify(found)), [])

        // No audit detail holds a name (only labels, numbers and dates).
        const audit = await f.services.database.db.selectFrom('audit_event').selectAll().execute()
        assert.ok(audit.some((a) => a.action === 'child_at_risk.add'))
        assert.deepEqual(leaksIn(JSON.stringify(audit)), [])
      } finally {
        await f.close()
      }
    })
  })
}
