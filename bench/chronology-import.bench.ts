/**
 * Chronology import and the integrated chronology page, on SQLite (a file, as in production).
 *
 *   ./node_modules/.bin/node --max-old-space-size=500 bench/chronology-import.bench.ts [rows] [pageEntries]
 *
 * Prints: the floor (parsing the same generated CSV with csv-parse alone), the import's preview (read,
 * validate, parse dates, keep the file) and commit (parse again with the column choices, store every row
 * in one transaction), peak memory (max RSS and heap), and the integrated chronology page for a review
 * with `pageEntries` submitted entries, answered through app.inject (median of 10 after a warm-up).
 * Targets (issue 5): import < 15 s, peak < 500 MB, page < 300 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { openDatabase } from '../src/db/database.ts'
import { ChronologyRepository } from '../src/modules/chronology/chronology.repository.ts'
import { ChronologyService } from '../src/modules/chronology/chronology.service.ts'
import { monthName } from '../src/modules/clocks/plain-date.ts'
import { toCsvLine } from '../src/modules/export/spreadsheet-escape.ts'
import { signIn, startTestApp } from '../test/support/app.ts'

const ROWS = Number(process.argv[2] ?? 50_000)
const PAGE_ENTRIES = Number(process.argv[3] ?? 5_000)

// Month names from the same place the app's date formatting uses.
const MONTHS = Array.from({ length: 12 }, (_, i) => monthName(i + 1))
const WORDS =
  'home visit call referral school nursery bruise mother partner father child sibling police officer health visitor GP appointment missed attended concern strategy discussion assessment plan review meeting safeguarding domestic incident alcohol cannabis weight feeding sleep injury hospital attendance letter report'.split(
    ' ',
  )
const PEOPLE = [
  'Chloe Calloway',
  'Harley Calloway',
  'Maisie Calloway',
  'Dean Hollis',
  'Ryan Ashworth',
  'Lorraine Calloway',
]

/** A deterministic pseudo-random generator (so every run imports the same file). */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

/** A chronology CSV in the template's columns with mixed UK date styles. */
export function generateCsv(rows: number, seed = 1): Buffer {
  const r = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const lines = [
    toCsvLine([
      'date',
      'time',
      'agency',
      'source_record',
      'practitioner_role',
      'people_involved',
      'event',
      'action_taken',
      'outcome',
      'significance',
    ]),
  ]
  const start = Date.UTC(2020, 0, 1)
  for (let i = 0; i < rows; i++) {
    const d = new Date(start + Math.floor(r() * 1_500) * 86_400_000)
    const [day, month, year] = [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()]
    const style = i % 3
    const date =
      style === 0
        ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
        : style === 1
          ? `${day} ${MONTHS[month - 1]} ${year}`
          : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    // Mostly common words, some rarer ones (names of places, drugs, services), as real entries have.
    const words = Array.from({ length: 12 + Math.floor(r() * 20) }, () =>
      r() < 0.6 ? pick(WORDS) : `term${Math.floor(r() ** 2 * 3000)}`,
    ).join(' ')
    lines.push(
      toCsvLine([
        date,
        r() < 0.7
          ? `${String(8 + Math.floor(r() * 10)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`
          : '',
        'Marlshire Police',
        `MP/${String(year).slice(2)}/${100000 + i}`,
        pick(['Police officer', 'Detective constable', 'Sergeant, MASH']),
        `${pick(PEOPLE)}; ${pick(PEOPLE)}`,
        words.replace(/^./, (c) => c.toUpperCase()) + '.',
        r() < 0.8 ? 'Referred to MASH, "PPN" submitted.' : '',
        r() < 0.5 ? 'No further action.' : '',
        r() < 0.1 ? 'DASH risk: Medium' : '',
      ]),
    )
  }
  return Buffer.from(lines.join(''))
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
/** The process's peak resident memory so far (the OS high-water mark) and the heap in use now. */
const peak = () =>
  `max RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}, heap used now ${mb(process.memoryUsage().heapUsed)}`

/** The floor: csv-parse alone over the same bytes, streamed in 64 KB chunks as the import does. */
async function parseOnly(csv: Buffer): Promise<{ ms: number; records: number }> {
  const t0 = performance.now()
  let records = 0
  const parser = Readable.from(
    (function* () {
      for (let i = 0; i < csv.length; i += 65_536) yield csv.subarray(i, i + 65_536)
    })(),
  ).pipe(parse({ bom: true, relax_column_count: true }))
  for await (const _record of parser) records++
  return { ms: performance.now() - t0, records: records - 1 }
}

async function main(): Promise<void> {
  const csv = generateCsv(ROWS)
  console.log(
    `Generated ${ROWS.toLocaleString('en-GB')} rows, ${mb(csv.length)} (${csv.length.toLocaleString('en-GB')} bytes)`,
  )

  let t0: number
  const dir = mkdtempSync(join(tmpdir(), 'chronology-bench-'))
  const t = await startTestApp(openDatabase(`sqlite:${join(dir, 'bench.db')}`))
  try {
    const users = t.services.repositories.users
    const coordinatorUser = (await users.findByEmail('coordinator@marlshire.example'))!
    const [membership] = await users.memberships(coordinatorUser.id)
    const actor = {
      userId: coordinatorUser.id,
      email: coordinatorUser.email,
      displayName: coordinatorUser.displayName,
      role: membership.role,
      partnershipId: membership.partnershipId,
      agencyId: null,
      ip: null,
      userAgent: null,
    }
    const agencies = await t.services.repositories.partnerships.listAgencies(membership.partnershipId!)
    const service = new ChronologyService({
      repository: new ChronologyRepository(t.services.database.db),
      reviews: t.services.reviews,
      audit: t.services.audit,
      partnerships: t.services.repositories.partnerships,
    })
    const newReview = () =>
      t.services.reviews.createNotification(
        actor,
        {
          incidentDate: '2024-03-18',
          awareDate: '2024-03-18',
          panelNotifiedDate: '2024-03-20',
          nature: 'serious_harm',
          abuseOrNeglect: 'suspected',
          agenciesInvolved: [],
          outline: 'Bench',
          pseudonym: 'Child B',
          children: [
            {
              name: 'Bench Child',
              dateOfBirth: '2019-06-14',
              ageText: null,
              sex: null,
              ethnicGroup: null,
              disability: null,
              lookedAfter: false,
              childProtectionPlan: false,
              knownToSocialCare: false,
            },
          ],
        },
        true,
      )

    const reviewId = await newReview()
    console.log(`Before the import: RSS ${mb(process.memoryUsage().rss)} (the app, its modules and the generated file)`)
    t0 = performance.now()
    // Only the id outlives the preview, as in the app (the page is rendered, then the preview is dropped).
    const importId = await service
      .previewImport(actor, reviewId, { agencyId: agencies[0].id, fileName: 'bench.csv', data: csv })
      .then((result) => {
        if (!result.preview.canCommit) throw new Error(result.preview.problems[0]?.message)
        return result.importId
      })
    const previewMs = performance.now() - t0
    console.log(`Import preview (read, validate, dates, keep file) ${(previewMs / 1000).toFixed(2)} s; ${peak()}`)
    t0 = performance.now()
    const committed = await service.commitImport(actor, reviewId, importId, {})
    const commitMs = performance.now() - t0
    console.log(
      `Import commit (parse again, store ${committed.count} rows) ${(commitMs / 1000).toFixed(2)} s; ${peak()}`,
    )
    // The floor runs after the import so that the import's peak memory above is its own.
    const { ms: floor, records } = await parseOnly(csv)
    console.log(`Floor: csv-parse alone over the same bytes ${(floor / 1000).toFixed(2)} s (${records} records)`)
    console.log(
      `Import total ${((previewMs + commitMs) / 1000).toFixed(2)} s (target < 15 s) = ${((previewMs + commitMs) / floor).toFixed(1)}× the csv-parse floor`,
    )

    // The integrated chronology page: PAGE_ENTRIES submitted entries across seven agencies.
    const pageReview = await newReview()
    const perAgency = Math.ceil(PAGE_ENTRIES / 7)
    for (let a = 0; a < 7; a++) {
      const part = generateCsv(perAgency, 100 + a)
      const p = await service.previewImport(actor, pageReview, {
        agencyId: agencies[a].id,
        fileName: 'a.csv',
        data: part,
      })
      await service.commitImport(actor, pageReview, p.importId, {})
      await service.submitDrafts(actor, pageReview, agencies[a].id)
    }
    const { client } = await signIn(t, 'coordinator@marlshire.example')
    const url = `/reviews/${pageReview}/chronology`
    const first = await client.get(url)
    if (first.statusCode !== 200) throw new Error(`Page answered ${first.statusCode}`)
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      t0 = performance.now()
      await client.get(url)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const filtered: number[] = []
    for (let i = 0; i < 5; i++) {
      t0 = performance.now()
      await client.get(`${url}?agency=${agencies[0].id}&from=1%20January%202021&to=31%20December%202021`)
      filtered.push(performance.now() - t0)
    }
    filtered.sort((a, b) => a - b)
    console.log(
      `Integrated chronology page, ${(perAgency * 7).toLocaleString('en-GB')} entries: median ${times[5].toFixed(0)} ms, ` +
        `max ${times[9].toFixed(0)} ms (target < 300 ms); ${(first.body.length / 1024 / 1024).toFixed(1)} MB of HTML; ` +
        `one agency and one year: median ${filtered[2].toFixed(0)} ms`,
    )
    console.log(`Peak: ${peak()}`)
  } finally {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
