import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import mammoth from 'mammoth'
import { extractText, getDocumentProxy } from 'unpdf'
import { testDatabases } from '../../../test/support/databases.ts'
import { composeServices, type Services } from '../../composition.ts'
import { loadConfig } from '../../config.ts'
import { sharedDataPath } from '../../shared-data.ts'
import type { Actor } from '../access/actor.ts'
import { AccessDeniedError } from '../access/access.ts'
import type { Role } from '../access/permissions.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { ReportConflictError } from './report.service.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import { withoutDraftingMarkers } from '../../../test/support/drafting-markers.ts'
import { zipPartsText } from '../../../test/support/zip-read.ts'

const demo = (file: string) => readFileSync(sharedDataPath('demo-case', file), 'utf8')
const bytes = (text: string) => new TextEncoder().encode(text)

/** The test configuration of `test/support/app.ts`, without loading the web app (service tests need none of it). */
const config = () =>
  loadConfig(
    { NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', SESSION_SECRET: 'test-secret-test-secret-test-secret-1234' },
    { seedDemo: true, seedDemoReviews: false, demoMode: true, logLevel: 'silent' },
  )

async function pdfText(data: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(data)), { mergePages: true })
  return text
}

for (const database of testDatabases()) {
  describe(`reports on ${database.name}`, () => {
    async function setUp() {
      const services = await composeServices(config(), { database: await database.open() })
      const partnership = (await services.repositories.partnerships.findByName(
        'Marlshire Safeguarding Children Partnership',
      ))!
      const actor = async (email: string, role: Role): Promise<Actor> => {
        const u = (await services.repositories.users.findByEmail(email))!
        return {
          userId: u.id,
          email,
          displayName: u.displayName,
          role,
          partnershipId: role === 'national_viewer' ? null : partnership.id,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
      }
      const coordinator = await actor('coordinator@marlshire.example', 'coordinator')
      const reviewer = await actor('reviewer@marlshire.example', 'lead_reviewer')
      const panel = await actor('panel@marlshire.example', 'panel_member')
      const chair = await actor('chair@marlshire.example', 'chair')
      const national = await actor('national@panel.example', 'national_viewer')
      const reviewId = await createSubmittedReview({ services }, coordinator, {
        panelNotifiedDate: '2024-03-21',
        outline: 'Reports test review',
        pseudonym: 'Child M',
        child: { name: 'Demo Child' },
      })
      await services.reviews.addMember(coordinator, reviewId, reviewer.userId, 'lead_reviewer')
      return { services, coordinator, reviewer, panel, chair, national, reviewId }
    }

    async function auditActions(services: Services, action: string): Promise<number> {
      const rows = await services.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', action)
        .execute()
      return rows.length
    }

    test('every save is a version with its author; a stale save of the same section is refused with both texts and nothing is lost', async () => {
      const { services, coordinator, reviewer, reviewId } = await setUp()
      try {
        const reports = services.reports
        assert.equal(
          await reports.saveSection(reviewer, reviewId, 'overview_report', 'introduction', 'First text.', 0),
          1,
        )
        // Two people open version 1. The reviewer saves first; the coordinator's save of the same section is refused.
        assert.equal(
          await reports.saveSection(reviewer, reviewId, 'overview_report', 'introduction', 'Reviewer text.', 1),
          2,
        )
        await assert.rejects(
          reports.saveSection(coordinator, reviewId, 'overview_report', 'introduction', 'Coordinator text.', 1),
          (error: unknown) =>
            error instanceof ReportConflictError &&
            error.yourText === 'Coordinator text.' &&
            error.currentText === 'Reviewer text.' &&
            error.currentVersion === 2 &&
            error.changedBy === reviewer.displayName,
        )
        // A stale save of ANOTHER section is saved on top: neither change is lost.
        assert.equal(
          await reports.saveSection(coordinator, reviewId, 'overview_report', 'methodology', 'Method.', 1),
          3,
        )
        const view = await reports.document(reviewer, reviewId, 'overview_report')
        assert.equal(view.version, 3)
        assert.equal(view.sections.find((s) => s.key === 'introduction')!.markdown, 'Reviewer text.')
        assert.equal(view.sections.find((s) => s.key === 'methodology')!.markdown, 'Method.')
        // Saving the same text again makes no new version.
        assert.equal(
          await reports.saveSection(coordinator, reviewId, 'overview_report', 'methodology', 'Method.', 3),
          3,
        )
        const versions = await reports.versions(reviewer, reviewId, 'overview_report')
        assert.deepEqual(
          versions.map((v) => [v.version, v.authorName, v.note]),
          [
            [3, coordinator.displayName, 'Changed 3. Methodology'],
            [2, reviewer.displayName, 'Changed 1. Introduction'],
            [1, reviewer.displayName, 'Changed 1. Introduction'],
          ],
        )
        // Old versions are kept whole.
        const first = await reports.document(reviewer, reviewId, 'overview_report', 1)
        assert.equal(first.sections[0].markdown, 'First text.')
        // A version from the future or not a number is refused plainly.
        await assert.rejects(
          reports.saveSection(reviewer, reviewId, 'overview_report', 'introduction', 'x', 99),
          ValidationError,
        )
        await assert.rejects(
          reports.saveSection(reviewer, reviewId, 'overview_report', 'introduction', 'x', Number.NaN),
          ValidationError,
        )
        assert.equal(await auditActions(services, 'report.save'), 3)
      } finally {
        await services.close()
      }
    })

    test('two saves based on the same version at the same moment: exactly one wins, the other gets the conflict', async () => {
      const { services, coordinator, reviewer, reviewId } = await setUp()
      try {
        const reports = services.reports
        await reports.saveSection(reviewer, reviewId, 'executive_summary', 'events', 'Start.', 0)
        const results = await Promise.allSettled([
          reports.saveSection(reviewer, reviewId, 'executive_summary', 'events', 'A.', 1),
          reports.saveSection(coordinator, reviewId, 'executive_summary', 'events', 'B.', 1),
        ])
        const won = results.filter((r) => r.status === 'fulfilled')
        const lost = results.filter((r) => r.status === 'rejected')
        assert.equal(won.length, 1)
        assert.equal(lost.length, 1)
        assert.ok((lost[0] as PromiseRejectedResult).reason instanceof ReportConflictError)
        const latest = await reports.document(reviewer, reviewId, 'executive_summary')
        assert.equal(latest.version, 2)
        assert.ok(['A.', 'B.'].includes(latest.sections.find((s) => s.key === 'events')!.markdown))
      } finally {
        await services.close()
      }
    })

    test('compare two versions word by word, section by section', async () => {
      const { services, reviewer, reviewId } = await setUp()
      try {
        const reports = services.reports
        await reports.saveSection(reviewer, reviewId, 'overview_report', 'findings', 'The nursery raised concerns.', 0)
        await reports.saveSection(
          reviewer,
          reviewId,
          'overview_report',
          'findings',
          'The nursery raised serious concerns twice.',
          1,
        )
        for (const [from, to] of [
          [1, 2],
          [2, 1],
        ]) {
          const result = await reports.compare(reviewer, reviewId, 'overview_report', from, to)
          assert.equal(result.older.version, 1)
          assert.equal(result.newer.version, 2)
          const findings = result.sections.find((s) => s.key === 'findings')!
          assert.equal(findings.changed, true)
          assert.equal(findings.number, 9)
          const added = findings.parts.filter((p) => p.change === 'added').map((p) => p.text.trim())
          assert.ok(added.join(' ').includes('serious'))
          assert.ok(added.join(' ').includes('twice'))
          // Joining the parts without the added ones gives the older text.
          assert.equal(
            findings.parts
              .filter((p) => p.change !== 'added')
              .map((p) => p.text)
              .join(''),
            'The nursery raised concerns.',
          )
          // Joining the parts without the removed ones gives the newer text.
          assert.equal(
            findings.parts
              .filter((p) => p.change !== 'removed')
              .map((p) => p.text)
              .join(''),
            'The nursery raised serious concerns twice.',
          )
          assert.equal(result.sections.find((s) => s.key === 'introduction')!.changed, false)
        }
        await assert.rejects(reports.compare(reviewer, reviewId, 'overview_report', 1, 7), NotFoundError)
      } finally {
        await services.close()
      }
    })

    test('comments are resolved by writers, never deleted, and counted while unresolved', async () => {
      const { services, coordinator, reviewer, panel, chair, reviewId } = await setUp()
      try {
        const reports = services.reports
        // A panel member who is not a member of the review cannot comment.
        await assert.rejects(reports.addComment(panel, reviewId, 'overview_report', 'findings', 'Hello'), NotFoundError)
        await services.reviews.addMember(coordinator, reviewId, panel.userId, 'panel_member')
        const first = await reports.addComment(
          panel,
          reviewId,
          'overview_report',
          'findings',
          'Say why, not only what.',
        )
        await reports.addComment(chair, reviewId, 'overview_report', 'findings', 'Agreed.')
        await assert.rejects(
          reports.addComment(panel, reviewId, 'overview_report', 'findings', '   '),
          (e: unknown) => e instanceof ValidationError && e.errors[0].message === 'Enter your comment',
        )
        await assert.rejects(reports.addComment(panel, reviewId, 'overview_report', 'nonsense', 'x'), NotFoundError)
        let section = await reports.section(panel, reviewId, 'overview_report', 'findings')
        assert.equal(section.section.unresolvedComments, 2)
        // Panel members and chairs comment but do not resolve.
        await assert.rejects(reports.resolveComment(panel, reviewId, 'overview_report', first), AccessDeniedError)
        await assert.rejects(reports.resolveComment(chair, reviewId, 'overview_report', first), AccessDeniedError)
        assert.equal(await reports.resolveComment(reviewer, reviewId, 'overview_report', first), 'findings')
        // Resolving again changes nothing: the first resolution is kept.
        await reports.resolveComment(coordinator, reviewId, 'overview_report', first)
        section = await reports.section(panel, reviewId, 'overview_report', 'findings')
        assert.equal(section.comments.length, 2)
        assert.equal(section.section.unresolvedComments, 1)
        const resolved = section.comments.find((c) => c.id === first)!
        assert.equal(resolved.resolvedByName, reviewer.displayName)
        assert.equal(resolved.body, 'Say why, not only what.')
        const { documents } = await reports.summaries(panel, reviewId)
        assert.equal(documents.find((d) => d.kind === 'overview_report')!.unresolvedComments, 1)
        await assert.rejects(reports.resolveComment(reviewer, reviewId, 'executive_summary', first), NotFoundError)
      } finally {
        await services.close()
      }
    })

    test('access: readers read, writers write, others are refused and the refusal is audited', async () => {
      const { services, coordinator, reviewer, panel, chair, national, reviewId } = await setUp()
      try {
        const reports = services.reports
        await reports.saveSection(reviewer, reviewId, 'overview_report', 'introduction', 'Text.', 0)
        await assert.rejects(
          reports.saveSection(chair, reviewId, 'overview_report', 'introduction', 'Chair.', 1),
          AccessDeniedError,
        )
        await assert.rejects(reports.document(panel, reviewId, 'overview_report'), NotFoundError)
        await assert.rejects(reports.document(national, reviewId, 'overview_report'), AccessDeniedError)
        await assert.rejects(
          reports.exportDocument(national, reviewId, 'overview_report', 'html', 'draft'),
          AccessDeniedError,
        )
        assert.equal((await reports.document(chair, reviewId, 'overview_report')).sections[0].markdown, 'Text.')
        assert.equal((await reports.document(coordinator, reviewId, 'overview_report')).version, 1)
        assert.ok((await auditActions(services, 'report.read')) >= 2)
        assert.ok((await auditActions(services, 'access.refused')) >= 3)
      } finally {
        await services.close()
      }
    })

    test('the demo drafts import into the template sections, from Markdown and from Word', async () => {
      const { services, reviewer, reviewId } = await setUp()
      try {
        const reports = services.reports
        const overview = await reports.importDraft(
          reviewer,
          reviewId,
          'overview_report',
          { fileName: 'overview-report-draft.md', data: bytes(demo('overview-report-draft.md')) },
          0,
        )
        assert.equal(overview.version, 1)
        const view = await reports.document(reviewer, reviewId, 'overview_report')
        const text = (key: string) => view.sections.find((s) => s.key === key)!.markdown
        assert.match(text('terms_of_reference'), /^The period under review is 1 October 2022/)
        assert.match(text('analysis'), /### Key practice episode 1: Who was in the household\?/)
        assert.match(text('findings'), /Finding 1 - Hidden men/)
        assert.match(text('recommendations'), /\| No\. \| Owner \|/)
        assert.equal(text('good_practice'), '')
        // The draft's own numbers are gone; the app's numbering gives the same ones back.
        assert.doesNotMatch(text('introduction'), /^1\.1 /m)
        assert.match(
          view.sections.find((s) => s.key === 'terms_of_reference')!.html,
          /<span class="app-paragraph-number">2\.1<\/span> The period under review/,
        )

        const summary = await reports.importDraft(
          reviewer,
          reviewId,
          'executive_summary',
          { fileName: 'executive-summary-draft.md', data: bytes(demo('executive-summary-draft.md')) },
          0,
        )
        assert.deepEqual(
          summary.headings.filter((h) => h.sectionKey).map((h) => h.sectionKey),
          ['circumstances', 'events', 'key_issues', 'recommendations', 'family_involvement'],
        )

        // Word: the overview exported as DOCX imports back into the same sections.
        const docx = await reports.exportDocument(reviewer, reviewId, 'overview_report', 'docx', 'draft')
        const fromWord = await reports.importDraft(
          reviewer,
          reviewId,
          'overview_report',
          { fileName: 'overview.docx', data: docx.data },
          1,
        )
        assert.equal(fromWord.version, 2)
        const again = await reports.document(reviewer, reviewId, 'overview_report')
        assert.match(again.sections.find((s) => s.key === 'findings')!.markdown, /\*\*Finding 1 - Hidden men\.\*\*/)
        assert.match(
          again.sections.find((s) => s.key === 'terms_of_reference')!.markdown,
          /^The period under review is 1 October 2022/,
        )
        // Stale, wrong type and empty files are refused with a message, and nothing is imported.
        for (const [file, base, message] of [
          [{ fileName: 'x.md', data: bytes('# Introduction\n\nText') }, 1, /Someone saved/],
          [{ fileName: 'x.pdf', data: bytes('%PDF') }, 2, /Word document \(\.docx\) or Markdown/],
          [{ fileName: 'x.docx', data: bytes('not a zip') }, 2, /could not be read/],
          [{ fileName: 'x.md', data: bytes('') }, 2, /Select a file/],
        ] as const) {
          await assert.rejects(
            reports.importDraft(reviewer, reviewId, 'overview_report', file, base),
            (e: unknown) => e instanceof ValidationError && message.test(e.message),
          )
        }
        assert.equal((await reports.versions(reviewer, reviewId, 'overview_report')).length, 2)
      } finally {
        await services.close()
      }
    })

    test('draft exports open back with their headings and numbered paragraphs, and are audited', async () => {
      const { services, reviewer, chair, reviewId } = await setUp()
      try {
        const reports = services.reports
        await assert.rejects(
          reports.exportDocument(reviewer, reviewId, 'overview_report', 'pdf', 'draft'),
          /Write the overview report before exporting it/,
        )
        await reports.importDraft(
          reviewer,
          reviewId,
          'overview_report',
          { fileName: 'overview-report-draft.md', data: bytes(demo('overview-report-draft.md')) },
          0,
        )
        const docx = await reports.exportDocument(chair, reviewId, 'overview_report', 'docx', 'draft')
        assert.equal(docx.fileName, 'overview-report-draft-version-1.docx')
        const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx.data) })).value
        for (const heading of ['1. Introduction', '2. Terms of reference', '9. Findings', '11. Recommendations']) {
          assert.ok(html.includes(`${heading}</h2>`), heading)
        }
        assert.match(html, /<p>2\.1 The period under review/)

        const pdf = await reports.exportDocument(chair, reviewId, 'overview_report', 'pdf', 'draft')
        assert.equal(pdf.contentType, 'application/pdf')
        const text = await pdfText(pdf.data)
        assert.match(text, /Contents/)
        // A cover page first (partnership, title, version, date), then the contents.
        assert.match(text, /^Marlshire Safeguarding Children Partnership\n/)
        assert.match(text, /1\. Introduction — page 3/)
        // OFFICIAL-SENSITIVE and DRAFT with its version at the top and bottom of every page.
        const pages = Number(/Page 1 of (\d+)/.exec(text)![1])
        assert.equal(text.match(/OFFICIAL-SENSITIVE \| DRAFT version 1/g)?.length, pages * 2)
        assert.match(text, /8\. Analysis of key practice episodes — page \d+/)
        assert.match(text, /2\.1 The period under review/)
        assert.match(text, /Page 1 of \d+/)
        // Tagged, titled and in English for screen readers.
        const raw = Buffer.from(pdf.data).toString('latin1')
        assert.match(raw, /\/MarkInfo/)
        assert.match(raw, /\/StructTreeRoot/)
        assert.match(raw, /\/Lang \(en-GB\)/)
        assert.match(raw, /\/DisplayDocTitle true/)

        const page = new TextDecoder().decode(
          (await reports.exportDocument(chair, reviewId, 'overview_report', 'html', 'draft')).data,
        )
        assert.match(page, /<html lang="en-GB">/)
        assert.match(page, /<header><p>OFFICIAL-SENSITIVE \| DRAFT version 1<\/p><\/header>/)
        assert.match(page, /<footer><p>OFFICIAL-SENSITIVE \| DRAFT version 1<\/p><\/footer>/)
        assert.match(page, /<div class="cover"><p>Marlshire Safeguarding Children Partnership<\/p>/)
        // The DOCX carries the marking in its page header and footer.
        const parts = await zipPartsText(docx.data, /word\/(header|footer)\d*\.xml$/)
        assert.equal(parts.filter((xml) => xml.includes('OFFICIAL-SENSITIVE | DRAFT version 1')).length, 2)
        assert.match(page, /<h2 id="section-2">2\. Terms of reference<\/h2>/)
        assert.doesNotMatch(page, /<script/)
        assert.equal(await auditActions(services, 'report.export'), 3)
      } finally {
        await services.close()
      }
    })

    test('publication: state follows the anonymisation, and the demo overview report exported for publication holds no original identifier', async () => {
      const { services, coordinator, reviewer, chair, reviewId } = await setUp()
      try {
        const reports = services.reports
        const state = async () => reports.publicationState(chair, reviewId)
        let states = await state()
        assert.deepEqual(
          states.map((s) => [s.kind, s.title, s.latestVersion, s.anonymisedAndCurrent]),
          [
            ['overview_report', 'Overview report', 0, false],
            ['executive_summary', 'Executive summary', 0, false],
          ],
        )
        assert.equal(states[1].problem, 'The executive summary has not been written yet')
        await assert.rejects(reports.publicationDocuments(chair, reviewId), ValidationError)

        await services.caseKnowledge.importFiles(coordinator, reviewId, demo('cast.json'), demo('places.json'))
        for (const [kind, file] of [
          ['overview_report', 'overview-report-draft.md'],
          ['executive_summary', 'executive-summary-draft.md'],
        ] as const) {
          await reports.importDraft(reviewer, reviewId, kind, { fileName: file, data: bytes(demo(file)) }, 0)
        }
        assert.equal((await state())[0].problem, 'The overview report has not been sent for anonymisation')
        await assert.rejects(
          reports.exportDocument(chair, reviewId, 'overview_report', 'pdf', 'publication'),
          /has not been sent for anonymisation/,
        )

        const ids: string[] = []
        for (const kind of ['overview_report', 'executive_summary'] as const) {
          ids.push(await reports.sendForAnonymisation(reviewer, reviewId, kind))
        }
        states = await state()
        assert.equal(states[0].anonymisedDocumentId, ids[0])
        assert.match(states[0].problem!, /has not been marked anonymised yet/)
        // The text sent keeps the paragraph numbers.
        const { document } = await services.caseKnowledge.documentView(reviewer, reviewId, ids[0])
        assert.match(document.body, /^2\.1 The period under review/m)
        assert.equal(document.title, 'Overview report')

        for (const id of ids) {
          const { document: d, result } = await services.caseKnowledge.documentView(reviewer, reviewId, id)
          assert.deepEqual(
            result.leaks.map((l) => l.reason),
            [],
          )
          await services.caseKnowledge.markAnonymised(reviewer, reviewId, id, d.version, true)
        }
        states = await state()
        assert.deepEqual(
          states.map((s) => [s.anonymisedAndCurrent, s.problem]),
          [
            [true, null],
            [true, null],
          ],
        )
        // Anonymised, but the drafts still say "DRAFT v0.3 (not for publication)": no export for
        // publication, in any format, nor the documents the repository entry is made from.
        for (const format of ['pdf', 'docx', 'html'] as const) {
          await assert.rejects(
            reports.exportDocument(chair, reviewId, 'overview_report', format, 'publication'),
            /drafting or confidentiality markers \(“DRAFT v0\.3”, “not for publication”, “Confidential”, “Do not circulate”\)/,
          )
        }
        await assert.rejects(reports.publicationDocuments(chair, reviewId), /“DRAFT v0\.3”, “not for publication”/)
        // The writer takes the labels out, sends both again and they are marked anonymised again.
        for (const [kind, file] of [
          ['overview_report', 'overview-report-draft.md'],
          ['executive_summary', 'executive-summary-draft.md'],
        ] as const) {
          await reports.importDraft(
            reviewer,
            reviewId,
            kind,
            { fileName: file, data: bytes(withoutDraftingMarkers(demo(file))) },
            1,
          )
          const id = await reports.sendForAnonymisation(reviewer, reviewId, kind)
          const { document: d } = await services.caseKnowledge.documentView(reviewer, reviewId, id)
          await services.caseKnowledge.markAnonymised(reviewer, reviewId, id, d.version, true)
        }

        const expected = JSON.parse(demo('expected-identifiers.json')) as Array<{ file: string; text: string }>
        const identifiers = [
          ...new Set(expected.filter((s) => s.file === 'overview-report-draft.md').map((s) => s.text)),
        ]
        const outputs: Array<[string, string]> = []
        const docx = await reports.exportDocument(chair, reviewId, 'overview_report', 'docx', 'publication')
        assert.equal(docx.fileName, 'overview-report.docx')
        outputs.push(['docx', (await mammoth.extractRawText({ buffer: Buffer.from(docx.data) })).value])
        outputs.push([
          'pdf',
          await pdfText((await reports.exportDocument(chair, reviewId, 'overview_report', 'pdf', 'publication')).data),
        ])
        outputs.push([
          'html',
          new TextDecoder().decode(
            (await reports.exportDocument(chair, reviewId, 'overview_report', 'html', 'publication')).data,
          ),
        ])
        // The publication export carries its date, and neither OFFICIAL-SENSITIVE nor DRAFT.
        assert.match(outputs[1][1], /Publication version, \d{1,2} \w+ \d{4}/)
        for (const [, text] of outputs) assert.doesNotMatch(text, /OFFICIAL-SENSITIVE|DRAFT/)
        const documents = await reports.publicationDocuments(chair, reviewId)
        assert.deepEqual(
          documents.map((d) => d.kind),
          ['overview_report', 'executive_summary'],
        )
        outputs.push(['publication html', documents[0].html], ['publication text', documents[0].text])
        for (const [name, output] of outputs) {
          assert.match(output, /Terms of reference/, name)
          assert.match(output, /Child M/, name)
          // PDF text extraction may break lines inside a name: compare with spaces normalised.
          const flat = output.replace(/\s+/g, ' ')
          const html = name.includes('html') ? flat.replace(/&#39;/g, "'").replace(/&amp;/g, '&') : flat
          for (const identifier of identifiers) {
            assert.equal(html.includes(identifier), false, `${name} still holds “${identifier}”`)
          }
        }

        // A change after anonymisation makes both the state and the publication export refuse.
        const latest = (await reports.document(reviewer, reviewId, 'executive_summary')).version
        await reports.saveSection(reviewer, reviewId, 'executive_summary', 'priorities', 'Learning first.', latest)
        states = await state()
        assert.equal(states[1].anonymisedAndCurrent, false)
        assert.equal(
          states[1].problem,
          'The executive summary has changed since it was sent for anonymisation: send it for anonymisation again',
        )
        await assert.rejects(reports.publicationDocuments(chair, reviewId), /executive summary has changed/)
        // Sending it again updates the same document, which must be marked anonymised again.
        assert.equal(await reports.sendForAnonymisation(reviewer, reviewId, 'executive_summary'), ids[1])
        assert.match((await state())[1].problem!, /not been marked anonymised yet/)
      } finally {
        await services.close()
      }
    })
  })
}
