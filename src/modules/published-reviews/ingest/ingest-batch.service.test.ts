import { AccessPolicy } from '../../access/access.policy.ts'
import { AccessRepository } from '../../access/access.repository.ts'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../../test/support/databases.ts'
import type { DatabaseHandle } from '../../../db/database.ts'
import { migrateToLatest } from '../../../db/migrate.ts'
import { createSearchIndex } from '../../../search/create-search-index.ts'
import { AccessDeniedError } from '../../access/access.ts'
import type { Actor } from '../../access/actor.ts'
import type { Role } from '../../access/permissions.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { PublishedReviewRepository } from '../published-review.repository.ts'
import { PublishedReviewService } from '../published-review.service.ts'
import { MAX_BULK_FILES } from './bulk-metadata.ts'
import { IngestBatchRepository } from './ingest-batch.repository.ts'
import { IngestBatchService } from './ingest-batch.service.ts'

/** One server instance's published repository, with its held uploads. */
type Instance = PublishedReviewService & { ingest: IngestBatchService }

function actor(role: Role, userId = `u-${role}`): Actor {
  return {
    userId,
    email: `${userId}@example.org`,
    displayName: role,
    role,
    partnershipId: 'p1',
    agencyId: null,
    ip: null,
    userAgent: null,
  }
}

const curator = actor('coordinator')
const encoder = new TextEncoder()

/** A synthetic published report as HTML: its text suggests Child X, the year 2023 and the theme neglect. */
function report(pseudonym: string, extra = ''): Uint8Array {
  return encoder.encode(
    [
      `<html><body><h1>Local Child Safeguarding Practice Review: ${pseudonym}</h1>`,
      `<p>Published May 2023. ${pseudonym} was 8 months old. The baby was neglected at home: neglect of basic care, poor home conditions and missed health appointments went on for a long time without escalation. ${extra}</p>`,
      '<h2>Recommendations</h2><ol><li>Health visitors should record every missed appointment and follow it up.</li></ol>',
      '</body></html>',
    ].join(''),
  )
}

function csv(lines: string[]): { fileName: string; contentType: string; data: Uint8Array } {
  return { fileName: 'metadata.csv', contentType: 'text/csv', data: encoder.encode(lines.join('\r\n')) }
}

function html(fileName: string, data: Uint8Array) {
  return { fileName, contentType: 'text/html', data }
}

for (const database of testDatabases()) {
  describe(`held uploads on ${database.name}`, () => {
    let clock = new Date('2026-11-26T10:00:00.000Z')

    /** Two services on the same database: two server instances (or one before and after a restart). */
    async function withServices(
      body: (first: Instance, second: Instance, handle: DatabaseHandle) => Promise<void>,
    ): Promise<void> {
      const handle = await database.open()
      clock = new Date('2026-11-26T10:00:00.000Z')
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        const make = (): Instance => {
          const access = new AccessPolicy(new AccessRepository(handle.db), { recordRefusal: async () => {} })
          const reviews = new PublishedReviewService({
            repository: new PublishedReviewRepository(handle.db),
            searchIndex: createSearchIndex(handle),
            access,
            now: () => clock,
          })
          const ingest = new IngestBatchService({
            batches: new IngestBatchRepository(handle.db),
            publisher: reviews,
            access,
            actions: null,
            now: () => clock,
          })
          return Object.assign(reviews, { ingest })
        }
        await body(make(), make(), handle)
      } finally {
        await handle.close()
      }
    }

    test('a single upload is held in the database: another instance confirms it, only its curator sees it, and it expires', async () => {
      await withServices(async (first, second, handle) => {
        const held = await first.ingest.holdFile(curator, html('child-x.html', report('Child X')))
        assert.equal(held.suggestions.pseudonym, 'Child X')
        const count = async () =>
          Number(
            (
              await handle.db
                .selectFrom('repository_ingest_file')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        assert.equal(await count(), 1)

        // Another curator cannot see or confirm it; other roles are refused.
        const other = actor('coordinator', 'u-other-curator')
        assert.equal(await second.ingest.heldFile(other, held.batchId), null)
        await assert.rejects(second.ingest.heldFile(actor('panel_member'), held.batchId), AccessDeniedError)

        const seen = await second.ingest.heldFile(curator, held.batchId)
        assert.equal(seen?.fileName, 'child-x.html')
        const review = await second.ingest.confirmFile(curator, held.batchId, {
          documentTitle: 'Overview report',
          pseudonym: 'Child X',
          year: 2023,
          reviewType: 'lcspr',
          themes: ['neglect'],
          summary: 'A baby neglected at home.',
          confirmedAnonymised: true,
        })
        assert.equal(review.documents[0].title, 'Overview report')
        assert.equal(await count(), 0)
        await assert.rejects(
          second.ingest.confirmFile(curator, held.batchId, {
            documentTitle: 'Again',
            pseudonym: 'Child X',
            year: 2023,
            reviewType: 'lcspr',
            summary: 'Again.',
            confirmedAnonymised: true,
          }),
          NotFoundError,
        )

        // Invalid metadata publishes nothing and keeps the file held for a corrected confirm.
        const again = await first.ingest.holdFile(curator, html('child-y.html', report('Child Y')))
        await assert.rejects(
          first.ingest.confirmFile(curator, again.batchId, {
            documentTitle: '',
            pseudonym: '',
            year: 2023,
            reviewType: 'lcspr',
            summary: 'x',
            confirmedAnonymised: true,
          }),
          ValidationError,
        )
        assert.ok(await first.ingest.heldFile(curator, again.batchId))

        // After the hold ends it is gone, and the next upload deletes it from the database.
        clock = new Date(clock.getTime() + 61 * 60_000)
        assert.equal(await first.ingest.heldFile(curator, again.batchId), null)
        assert.equal(await first.ingest.deleteExpired(), 1)
        assert.equal(await count(), 0)
      })
    })

    test('confirm refuses an Anonymous summary naming its own area, and "Homicide" for a child who survived; the file stays held', async () => {
      await withServices(async (first) => {
        const held = await first.ingest.holdFile(curator, html('child-v.html', report('Child V')))
        const base = {
          documentTitle: 'Overview report',
          pseudonym: 'Child V',
          year: 2023,
          area: null,
          reviewType: 'lcspr' as const,
          natureOfIncident: 'serious_harm' as const,
          themes: ['homicide' as const],
          summary: 'Child V lived in Northam and was seriously injured.',
          confirmedAnonymised: true as const,
          anonymousNames: { area: 'Northam', region: 'North East' },
        }
        await assert.rejects(first.ingest.confirmFile(curator, held.batchId, base), (error: unknown) => {
          assert.ok(error instanceof ValidationError)
          assert.deepEqual(
            error.errors.map((e) => e.field),
            ['themes', 'summary'],
          )
          assert.match(error.errors[1].message, /remove “Northam”/)
          return true
        })
        assert.ok(await first.ingest.heldFile(curator, held.batchId))
        const review = await first.ingest.confirmFile(curator, held.batchId, {
          ...base,
          themes: ['physical_abuse'],
          summary: 'Child V was seriously injured.',
        })
        assert.equal(review.area, 'Anonymous')
      })
    })

    test('a bulk upload lists every problem of every row in plain English and publishes nothing', async () => {
      await withServices(async (service) => {
        const batch = await service.ingest.holdBulk(curator, {
          files: [
            html('a.html', report('Child A')),
            html('b.html', report('Child B')),
            html('stray.html', report('Child S')),
          ],
          csv: csv([
            'File,Year,Themes,Review type,Age band',
            'a.html,2031,neglect;Flying saucers,lcspr,under_1',
            'b.html,twenty,,inquiry,teenager',
            'missing.pdf,2020,neglect,scr,',
          ]),
        })
        assert.equal(batch.ready, false)
        const [a, b, missing] = batch.rows
        assert.deepEqual(a.problems, [
          '2031 is not a possible year of publication: enter a year from 1945 to 2026',
          '“Flying saucers” is not a theme in the list. Use the themes listed on the upload page',
        ])
        assert.deepEqual(b.problems, [
          '“twenty” is not a year: enter the year as 4 digits, for example 2024',
          '“inquiry” is not a type of review: use one of lcspr, scr, rapid_review, national_review, other',
          '“teenager” is not an age band: use one of under_1, 1_4, 5_9, 10_15, 16_17, care_leaver_18_24',
        ])
        assert.deepEqual(missing.problems, [
          'No file called “missing.pdf” was uploaded. Upload it, or correct the name in the CSV',
        ])
        assert.deepEqual(batch.problems, [
          '“stray.html” was uploaded but no row of the CSV names it: add a row for it, or upload without it',
        ])
        await assert.rejects(
          service.ingest.confirmBulk(curator, batch.id, true),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors.some(
              (x) =>
                x.message ===
                'Row 4 (missing.pdf): No file called “missing.pdf” was uploaded. Upload it, or correct the name in the CSV',
            ),
        )
        assert.equal((await service.search('')).total, 0)
      })
    })

    test('bulk: the CSV wins over suggestions; confirm needs the anonymised statement and publishes every row, once', async () => {
      await withServices(async (first, second) => {
        const batch = await first.ingest.holdBulk(curator, {
          files: [html('a.html', report('Child A')), html('B.HTML', report('Child B'))],
          csv: csv([
            '\uFEFFfile,title,pseudonym,year,area,review_type,themes,summary,notes',
            'a.html,Overview report,Child Q,2019,Northam,Serious case review,Domestic abuse; information_sharing,"A summary from the CSV, with a comma",ignored',
            'b.html,,,,,,,,',
          ]),
        })
        assert.equal(batch.ready, true, JSON.stringify(batch.rows.map((r) => r.problems)))
        assert.deepEqual(batch.ignoredColumns, ['notes'])
        const [a, b] = batch.rows
        // Given in the CSV: wins over what the text suggests (Child A, 2023, lcspr, neglect).
        assert.equal(a.values.pseudonym, 'Child Q')
        assert.equal(a.values.year, 2019)
        assert.equal(a.values.reviewType, 'scr')
        assert.deepEqual(a.values.themes, ['domestic_abuse', 'information_sharing'])
        assert.equal(a.values.summary, 'A summary from the CSV, with a comma')
        assert.equal(a.sources.year, 'csv')
        // Left empty: suggested from the text (file names matched ignoring case).
        assert.equal(b.fileName, 'b.html')
        assert.equal(b.values.pseudonym, 'Child B')
        assert.equal(b.values.year, 2023)
        assert.equal(b.values.reviewType, 'lcspr')
        assert.ok(b.values.themes.includes('neglect'))
        assert.equal(b.sources.year, 'suggested')
        assert.equal(b.values.title, 'b')

        await assert.rejects(
          first.ingest.confirmBulk(curator, batch.id, false),
          (e: unknown) => e instanceof ValidationError && e.errors[0].field === 'confirmedAnonymised',
        )
        // Another instance confirms; the held upload then disappears.
        const published = await second.ingest.confirmBulk(curator, batch.id, true)
        assert.deepEqual(
          published.map((r) => r.title),
          ['2019 – Northam – Child Q', '2023 – Anonymous – Child B'],
        )
        assert.equal((await first.search('')).total, 2)
        assert.equal((await first.search('', { filters: { themes: ['domestic_abuse'] } })).total, 1)
        await assert.rejects(first.ingest.confirmBulk(curator, batch.id, true), NotFoundError)
        assert.equal(await first.ingest.bulkBatch(curator, batch.id), null)
      })
    })

    test('bulk confirm publishes all or none: a failure part way takes out what it published', async () => {
      await withServices(async (service, _second, handle) => {
        let calls = 0
        const failing = new IngestBatchService({
          batches: new IngestBatchRepository(handle.db),
          publisher: {
            publish: async (a, input) => {
              if (++calls === 2) throw new Error('database went away')
              return service.publish(a, input)
            },
            unpublish: (a, id) => service.unpublish(a, id),
          },
          access: new AccessPolicy(new AccessRepository(handle.db), { recordRefusal: async () => {} }),
          actions: null,
          now: () => clock,
        })
        const batch = await failing.holdBulk(curator, {
          files: [html('a.html', report('Child A')), html('b.html', report('Child B'))],
          csv: csv(['file', 'a.html', 'b.html']),
        })
        assert.equal(batch.ready, true)
        await assert.rejects(failing.confirmBulk(curator, batch.id, true), /database went away/)
        assert.equal((await service.search('')).total, 0)
        // Still held, and can be confirmed once the fault is gone.
        const published = await failing.confirmBulk(curator, batch.id, true)
        assert.equal(published.length, 2)
        assert.equal((await service.search('')).total, 2)
      })
    })

    test('bulk limits are stated and enforced; only curators upload, and nothing is held when refused', async () => {
      await withServices(async (service) => {
        const many = Array.from({ length: MAX_BULK_FILES + 1 }, (_, i) => html(`r${i}.html`, report(`Child ${i}`)))
        await assert.rejects(
          service.ingest.holdBulk(curator, { files: many, csv: csv(['file']) }),
          (e: unknown) =>
            e instanceof ValidationError && e.errors.some((x) => x.message === 'Select at most 50 reports at a time'),
        )
        // Six reports of 17 MB: each under the 20 MB limit, together over the 100 MB one.
        const share = new Uint8Array(17 * 1024 * 1024)
        await assert.rejects(
          service.ingest.holdBulk(curator, {
            files: Array.from({ length: 6 }, (_, i) => html(`r${i}.html`, share)),
            csv: csv(['file']),
          }),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors.length === 1 &&
            e.errors[0].message === 'The reports together must be 100 MB or smaller: upload them in smaller groups',
        )
        const big = new Uint8Array(21 * 1024 * 1024)
        await assert.rejects(
          service.ingest.holdBulk(curator, { files: [html('big.html', big)], csv: null }),
          (e: unknown) =>
            e instanceof ValidationError &&
            e.errors.some((x) => x.message === '“big.html” is larger than 20 MB') &&
            e.errors.some((x) => x.message === 'Select the metadata CSV file'),
        )
        await assert.rejects(
          service.ingest.holdBulk(curator, {
            files: [html('a.html', report('A')), html('A.html', report('A'))],
            csv: csv(['file']),
          }),
          (e: unknown) => e instanceof ValidationError && /Two reports are called/.test(e.errors[0].message),
        )
        for (const role of ['panel_member', 'lead_reviewer', 'national_viewer', 'agency_contributor'] as const) {
          await assert.rejects(
            service.ingest.holdBulk(actor(role), {
              files: [html('a.html', report('A'))],
              csv: csv(['file', 'a.html']),
            }),
            AccessDeniedError,
          )
        }
        const batch = await service.ingest.holdBulk(curator, {
          files: [html('a.html', report('Child A'))],
          csv: csv(['file', 'a.html']),
        })
        await assert.rejects(service.ingest.confirmBulk(actor('panel_member'), batch.id, true), AccessDeniedError)
        // A new bulk upload replaces the curator's last one (another curator's stays).
        const other = actor('administrator', 'u-admin')
        const theirs = await service.ingest.holdBulk(other, {
          files: [html('a.html', report('Child A'))],
          csv: csv(['file', 'a.html']),
        })
        const replacement = await service.ingest.holdBulk(curator, {
          files: [html('a.html', report('Child A'))],
          csv: csv(['file', 'a.html']),
        })
        assert.equal(await service.ingest.bulkBatch(curator, batch.id), null)
        assert.ok(await service.ingest.bulkBatch(other, theirs.id))
        assert.equal(await service.ingest.discard(curator, replacement.id), true)
        await assert.rejects(service.ingest.discard(actor('chair'), batch.id), AccessDeniedError)
        assert.equal(await service.ingest.discard(curator, batch.id), false)
        assert.equal(await service.ingest.bulkBatch(curator, replacement.id), null)
      })
    })
  })
}
