import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import mammoth from 'mammoth'
import { startTestApp, type TestApp, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { AccessDeniedError } from '../access/access.ts'
import type { Role } from '../access/permissions.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import type { OutboxMessage, OutboxService } from '../outbox/outbox.service.ts'
import { emptySections, type AgencyReportContent } from './agency-report.ts'
import { AgencyReportRepository } from './agency-report.repository.ts'
import { AgencyReportService, StaleReportError, type AgencyReportServiceDeps } from './agency-report.service.ts'
import { makeDocx, makeZip, makeZipBomb } from '../../../test/fixtures/documents.fixture.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

/** An outbox that keeps what is queued, once per dedupe key (the real outbox's contract). */
class FakeOutbox {
  readonly messages: OutboxMessage[] = []
  async queue(message: OutboxMessage): Promise<boolean> {
    if (message.dedupeKey && this.messages.some((m) => m.dedupeKey === message.dedupeKey)) return false
    this.messages.push(message)
    return true
  }
}

/** The service on the test app's database, with the app's collaborators (or a fake outbox). */
function serviceDeps(t: TestApp, outbox?: FakeOutbox): AgencyReportServiceDeps {
  const s = t.services
  return {
    repository: new AgencyReportRepository(s.database.db),
    access: s.access,
    audit: s.audit,
    partnerships: s.repositories.partnerships,
    // Only `queue` is used by the service.
    outbox: (outbox ?? s.outbox) as unknown as OutboxService,
    now: t.now,
  }
}

/** A new user of the demo partnership with `role` (and an agency for contributors). */
async function newActor(t: TestApp, email: string, role: Role, agencyId: string | null, partnershipId: string) {
  const { users } = t.services.repositories
  const user = await users.create({ email, displayName: email, passwordHash: null }, t.now())
  await users.addMembership({ userId: user.id, partnershipId, role, agencyId }, t.now())
  return actorFor(t, email)
}

/** A review, a police contributor asked for an agency report, and the other actors. */
async function setUp(t: TestApp, outbox?: FakeOutbox) {
  const service = new AgencyReportService(serviceDeps(t, outbox))
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const chair = await actorFor(t, 'chair@marlshire.example')
  const national = await actorFor(t, 'national@panel.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    incidentDate: '2026-10-01',
    awareDate: '2026-10-02',
    panelNotifiedDate: '2026-10-05',
    outline: 'Agency report test review.',
    pseudonym: 'Child R',
    child: { name: 'Rowan Testchild', dateOfBirth: '2024-02-01' },
  })
  const partnershipId = coordinator.partnershipId!
  const agencies = await t.services.repositories.partnerships.listAgencies(partnershipId)
  const agencyId = (name: string) => agencies.find((a) => a.name === name)!.id
  const socialCare = await newActor(
    t,
    'csc.contributor@marlshire.example',
    'agency_contributor',
    agencyId("Marlshire Children's Social Care"),
    partnershipId,
  )
  const health = await newActor(
    t,
    'hv.contributor@marlshire.example',
    'agency_contributor',
    agencyId('Marlshire Health Visiting Service'),
    partnershipId,
  )
  const due = '2099-01-31'
  await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [agencyId('Marlshire Police'), agencyId("Marlshire Children's Social Care")],
    kinds: ['chronology', 'agency_report'],
    dueDate: due,
  })
  // Health visiting is asked for its chronology only: that does not let it write an agency report.
  await t.services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: [agencyId('Marlshire Health Visiting Service')],
    kinds: ['chronology'],
    dueDate: due,
  })
  return { service, coordinator, police, panel, chair, national, socialCare, health, reviewId, agencyId }
}

/** A complete report, as typed. */
function complete(overrides: Partial<AgencyReportContent> = {}): AgencyReportContent {
  return {
    authorName: 'Sam Author',
    authorRole: 'Detective Inspector, safeguarding review team',
    authorIndependent: 'yes',
    independenceExplanation: '',
    requestDate: '2026-11-01',
    recordsSecuredDate: '2026-11-03',
    termsOfReference: 'Contact with the family from pre-birth to the incident.',
    sections: {
      ...emptySections(),
      analysis: 'Officers did not share the referral because the process relied on one person.',
      lessons: 'Referrals need a second route.',
      recommendations: 'Introduce a shared inbox by March 2027; measured by audit.',
    },
    ...overrides,
  }
}

const messagesOf = (error: unknown) => (error as ValidationError).errors.map((e) => e.message)

for (const database of testDatabases()) {
  describe(`agency report service on ${database.name}`, () => {
    test('drafts save at any time with versions; a stale save is refused; submitting checks the header and marks the request submitted', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, police, reviewId, agencyId } = await setUp(t)
        const own = await service.ownReport(police, reviewId)
        assert.equal(own.report, null)
        assert.equal(own.agency.name, 'Marlshire Police')

        const empty = complete({ authorName: '', recordsSecuredDate: null, sections: emptySections() })
        assert.equal(await service.saveDraft(police, reviewId, empty, 0), 1)
        const v2 = await service.saveDraft(police, reviewId, complete({ recordsSecuredDate: null }), 1)
        assert.equal(v2, 2)
        // Someone else's save in between: the form opened at version 1 is refused and nothing changes.
        await assert.rejects(
          service.saveDraft(police, reviewId, complete({ authorName: 'Stale' }), 1),
          StaleReportError,
        )
        await assert.rejects(service.saveDraft(police, reviewId, complete(), 0), StaleReportError)
        assert.equal((await service.ownReport(police, reviewId)).report!.authorName, 'Sam Author')

        // The date the records were secured is required to submit.
        const missingDate = await service.submit(police, reviewId, complete({ recordsSecuredDate: null }), 2).then(
          () => null,
          (e: unknown) => e,
        )
        assert.ok(missingDate instanceof ValidationError)
        assert.deepEqual(messagesOf(missingDate), ["Enter the date the agency's records were secured"])
        // Not independent: an explanation is required.
        const notIndependent = await service
          .submit(police, reviewId, complete({ authorIndependent: 'no' }), 2)
          .catch((e: unknown) => e)
        assert.deepEqual(messagesOf(notIndependent), [
          'Explain why the author is not independent of the case, and how that was managed',
        ])
        const unanswered = await service
          .submit(police, reviewId, complete({ authorIndependent: null, sections: emptySections() }), 2)
          .catch((e: unknown) => e)
        assert.deepEqual(messagesOf(unanswered), [
          'Select yes if the author is independent of the case',
          "Enter the analysis of the agency's own practice, or upload the report as a Word document",
          'Enter the lessons, or upload the report as a Word document',
          'Enter the single-agency recommendations and action plan, or upload the report as a Word document',
        ])
        const future = await service
          .submit(police, reviewId, complete({ recordsSecuredDate: '2099-01-01' }), 2)
          .catch((e: unknown) => e)
        assert.deepEqual(messagesOf(future), [
          "The date the agency's records were secured must be today or in the past",
        ])
        assert.equal((await service.ownReport(police, reviewId)).report!.status, 'draft')

        await service.submit(
          police,
          reviewId,
          complete({ authorIndependent: 'no', independenceExplanation: 'Line manager of the team, not the case.' }),
          2,
        )
        const submitted = (await service.ownReport(police, reviewId)).report!
        assert.equal(submitted.status, 'submitted')
        assert.equal(submitted.independenceExplanation, 'Line manager of the team, not the case.')
        const requests = await t.services.database.db
          .selectFrom('agency_request')
          .select(['kind', 'status'])
          .where('review_id', '=', reviewId)
          .where('agency_id', '=', agencyId('Marlshire Police'))
          .orderBy('kind')
          .execute()
        assert.deepEqual(
          requests.map((r) => ({ ...r })),
          [
            { kind: 'agency_report', status: 'submitted' },
            { kind: 'chronology', status: 'requested' },
          ],
        )
        // A submitted report is not changed by a later save.
        await assert.rejects(service.saveDraft(police, reviewId, complete(), submitted.version), StaleReportError)
      } finally {
        await t.close()
      }
    })

    test("an agency contributor cannot read another agency's draft or report; readers see submitted reports only; reads are audited", async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, panel, chair, national, socialCare, health, reviewId, agencyId } =
          await setUp(t)
        const policeId = agencyId('Marlshire Police')
        await service.saveDraft(police, reviewId, complete(), 0)

        await assert.rejects(service.readReport(socialCare, reviewId, policeId), NotFoundError)
        await assert.rejects(service.downloadDocument(socialCare, reviewId, policeId), NotFoundError)
        assert.deepEqual(
          (await service.overview(socialCare, reviewId)).reports.map((r) => [r.agency.name, r.status]),
          [["Marlshire Children's Social Care", 'not_started']],
        )
        // Asked for a chronology only: no agency report pages at all.
        await assert.rejects(service.overview(health, reviewId), NotFoundError)
        await assert.rejects(service.ownReport(health, reviewId), NotFoundError)
        // The coordinator sees that the police draft exists, not its text.
        const overview = await service.overview(coordinator, reviewId)
        assert.deepEqual(
          overview.reports.map((r) => [r.agency.name, r.status]),
          [
            ["Marlshire Children's Social Care", 'not_started'],
            ['Marlshire Police', 'draft'],
          ],
        )
        await assert.rejects(service.readReport(coordinator, reviewId, policeId), NotFoundError)
        // Only contributors write reports.
        await assert.rejects(service.saveDraft(coordinator, reviewId, complete(), 0), AccessDeniedError)
        await assert.rejects(service.overview(national, reviewId), AccessDeniedError)

        await service.submit(police, reviewId, complete(), 1)
        assert.equal((await service.readReport(coordinator, reviewId, policeId)).report.authorName, 'Sam Author')
        assert.equal((await service.readReport(chair, reviewId, policeId)).report.status, 'submitted')
        await assert.rejects(service.readReport(socialCare, reviewId, policeId), NotFoundError)
        // A panel member reads submitted reports of reviews they are a member of, and nothing else.
        await assert.rejects(service.readReport(panel, reviewId, policeId), NotFoundError)
        await t.services.reviews.addMember(coordinator, reviewId, panel.userId, 'panel_member')
        assert.equal((await service.readReport(panel, reviewId, policeId)).report.status, 'submitted')

        const audit = await t.services.database.db
          .selectFrom('audit_event')
          .select(['action', 'outcome', 'actor_email'])
          .where((eb) => eb.or([eb('action', 'like', 'agencyReport.%'), eb('action', '=', 'access.refused')]))
          .execute()
        const reads = audit.filter((a) => a.action === 'agencyReport.read').map((a) => a.actor_email)
        assert.deepEqual(reads.sort(), [
          'chair@marlshire.example',
          'coordinator@marlshire.example',
          'panel@marlshire.example',
        ])
        assert.ok(audit.some((a) => a.outcome === 'refused' && a.actor_email === 'csc.contributor@marlshire.example'))
      } finally {
        await t.close()
      }
    })

    test('a Word document is stored and shown; other files, zip bombs and damaged files are refused in plain English', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { service, coordinator, police, socialCare, reviewId, agencyId } = await setUp(t)
        const policeId = agencyId('Marlshire Police')
        const refusal = (data: Uint8Array, fileName = 'report.docx') =>
          service.uploadDocument(police, reviewId, { fileName, data }).then(
            () => 'accepted',
            (e: unknown) => {
              assert.ok(e instanceof ValidationError, String(e))
              assert.equal(e.errors[0].field, 'document')
              return e.errors[0].message
            },
          )
        assert.match(await refusal(new TextEncoder().encode('Just text, called .docx')), /is not a Word document/)
        assert.match(await refusal(new TextEncoder().encode('%PDF-1.7 not a docx')), /is not a Word document/)
        assert.match(await refusal(makeZipBomb()), /unpacks to far more than its size/)
        assert.match(
          await refusal(makeZip([{ name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') }])),
          /is not a Word document/,
        )
        assert.match(await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4])), /old Word 97-2003/)
        const docx = await makeDocx(['Police agency report', 'Analysis: the referral was not shared.'])
        assert.match(await refusal(docx.subarray(0, docx.length - 30)), /not a Word document|could not be read/)
        // Nothing refused was stored.
        assert.equal((await service.ownReport(police, reviewId)).report, null)

        assert.equal(await refusal(docx, 'C:\\Users\\me\\Police IMR.docx'), 'accepted')
        const own = await service.ownReport(police, reviewId)
        assert.equal(own.report!.status, 'draft')
        assert.equal(own.document!.fileName, 'Police IMR.docx')
        // The date of the request is filled in from the request.
        assert.ok(own.report!.requestDate)
        // With a document, the sections need not be typed; the header still must be.
        await service.submit(police, reviewId, complete({ sections: emptySections() }), own.report!.version)

        const read = await service.readReport(coordinator, reviewId, policeId)
        assert.match(read.document!.html, /the referral was not shared/)
        const file = await service.downloadDocument(coordinator, reviewId, policeId)
        assert.equal(file.fileName, 'Police IMR.docx')
        const text = (await mammoth.extractRawText({ buffer: file.body })).value
        assert.match(text, /Police agency report/)
        await assert.rejects(service.downloadDocument(socialCare, reviewId, policeId), NotFoundError)
        const downloads = await t.services.database.db
          .selectFrom('audit_event')
          .select('actor_email')
          .where('action', '=', 'agencyReport.download')
          .execute()
        assert.deepEqual(
          downloads.map((d) => d.actor_email),
          ['coordinator@marlshire.example'],
        )
        // Header fields the form leaves empty are filled in from the document; typed ones are kept.
        await service.saveDraft(socialCare, reviewId, complete({ authorName: 'Typed Name', authorRole: '' }), 0)
        const withHeader = await makeDocx([
          'Author: Someone Else',
          "Author's role: Team Manager",
          'Date records secured: 4/11/2026',
          'The analysis.',
        ])
        const upload = await service.uploadDocument(socialCare, reviewId, { fileName: 'csc.docx', data: withHeader })
        assert.deepEqual(upload.filled, ['authorRole'])
        const filled = (await service.ownReport(socialCare, reviewId)).report!
        assert.equal(filled.authorName, 'Typed Name')
        assert.equal(filled.authorRole, 'Team Manager')
        assert.equal(filled.recordsSecuredDate, '2026-11-03')
        assert.equal(filled.version, 2)
        // File names can carry a family's names: they stay out of the audit log.
        const details = await t.services.database.db
          .selectFrom('audit_event')
          .select('detail')
          .where('action', 'like', 'agencyReport.%')
          .execute()
        assert.ok(details.length > 0)
        for (const d of details) assert.doesNotMatch(d.detail, /IMR|csc\.docx/)
        // A submitted report takes no new document.
        await assert.rejects(
          service.uploadDocument(police, reviewId, { fileName: 'x.docx', data: docx }),
          StaleReportError,
        )
      } finally {
        await t.close()
      }
    })

    test('reminders: due within 5 working days or overdue, to each contributor of the agency, once per key', async () => {
      const t = await startTestApp(await database.open())
      try {
        const outbox = new FakeOutbox()
        const { service, reviewId, agencyId, police } = await setUp(t, outbox)
        const db = t.services.database.db
        const policeId = agencyId('Marlshire Police')
        // Thursday 26 November 2026: 5 working days on is Thursday 3 December.
        t.advance(Date.parse('2026-11-26T09:00:00Z') - t.now().getTime())
        const setDue = (kind: string, agency: string, due: string) =>
          db
            .updateTable('agency_request')
            .set({ due_date: due })
            .where('review_id', '=', reviewId)
            .where('agency_id', '=', agency)
            .where('kind', '=', kind)
            .execute()
        await setDue('chronology', policeId, '2026-12-03') // due soon (5 working days)
        await setDue('agency_report', policeId, '2026-11-20') // overdue
        await setDue('chronology', agencyId("Marlshire Children's Social Care"), '2026-12-04') // 6 working days: not yet
        await setDue('agency_report', agencyId("Marlshire Children's Social Care"), '2026-11-26') // due today
        await setDue('chronology', agencyId('Marlshire Health Visiting Service'), '2026-11-25') // overdue
        // A second police contributor, and one deactivated (no email).
        const { users } = t.services.repositories
        for (const email of ['police.two@marlshire.example', 'police.gone@marlshire.example']) {
          const user = await users.create({ email, displayName: email, passwordHash: null }, t.now())
          await users.addMembership(
            { userId: user.id, partnershipId: police.partnershipId, role: 'agency_contributor', agencyId: policeId },
            t.now(),
          )
        }
        await db
          .updateTable('app_user')
          .set({ deactivated_at: t.now().toISOString() })
          .where('email', '=', 'police.gone@marlshire.example')
          .execute()

        assert.equal(await service.queueRequestReminders(), 6)
        const summary = outbox.messages.map((m) => `${m.kind} ${m.to} ${m.subject}`).sort()
        const review = (await db
          .selectFrom('review')
          .select('reference')
          .where('id', '=', reviewId)
          .executeTakeFirst())!
        const ref = `${review.reference} (Child R)`
        assert.deepEqual(summary, [
          `request.overdue hv.contributor@marlshire.example Overdue: chronology for review ${ref}`,
          `request.overdue police.contributor@marlshire.example Overdue: agency report (individual management review) for review ${ref}`,
          `request.overdue police.two@marlshire.example Overdue: agency report (individual management review) for review ${ref}`,
          `request.reminder csc.contributor@marlshire.example Reminder: agency report (individual management review) for review ${ref} is due on 26 November 2026`,
          `request.reminder police.contributor@marlshire.example Reminder: chronology for review ${ref} is due on 3 December 2026`,
          `request.reminder police.two@marlshire.example Reminder: chronology for review ${ref} is due on 3 December 2026`,
        ])
        const soon = outbox.messages.find(
          (m) => m.kind === 'request.reminder' && m.to.startsWith('police.contributor'),
        )!
        assert.match(soon.body, /It is due on 3 December 2026, in 5 working days\./)
        assert.equal(soon.reviewId, reviewId)
        for (const m of outbox.messages) assert.doesNotMatch(`${m.subject} ${m.body}`, /Rowan|Testchild/)

        // Once per key: the same day, or the next, queues nothing new until something changes.
        assert.equal(await service.queueRequestReminders(), 0)
        t.advance(24 * 3600 * 1000)
        // Friday 27 November: social care's report is now overdue, and its chronology due in 5 working days.
        assert.equal(await service.queueRequestReminders(), 2)
        // A submitted request is not reminded.
        await setDue('chronology', agencyId("Marlshire Children's Social Care"), '2026-12-01')
        await db.updateTable('agency_request').set({ status: 'submitted' }).where('review_id', '=', reviewId).execute()
        assert.equal(await service.queueRequestReminders(), 0)
      } finally {
        await t.close()
      }
    })

    test('reminders through the real outbox are stored once per key', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, agencyId } = await setUp(t)
        const db = t.services.database.db
        t.advance(Date.parse('2026-11-26T09:00:00Z') - t.now().getTime())
        await db
          .updateTable('agency_request')
          .set({ due_date: '2099-01-31' })
          .where('review_id', '=', reviewId)
          .execute()
        await db
          .updateTable('agency_request')
          .set({ due_date: '2026-12-01' })
          .where('review_id', '=', reviewId)
          .where('agency_id', '=', agencyId('Marlshire Police'))
          .where('kind', '=', 'agency_report')
          .execute()
        // The app's own service, composed with the real outbox.
        assert.equal(await t.services.agencyReports.queueRequestReminders(), 1)
        assert.equal(await t.services.agencyReports.queueRequestReminders(), 0)
        const stored = await db
          .selectFrom('outbox_message')
          .select(['kind', 'recipient', 'review_id', 'status'])
          .execute()
        assert.deepEqual(
          stored.map((m) => ({ ...m })),
          [
            {
              kind: 'request.reminder',
              recipient: 'police.contributor@marlshire.example',
              review_id: reviewId,
              status: 'queued',
            },
          ],
        )
      } finally {
        await t.close()
      }
    })
  })
}
