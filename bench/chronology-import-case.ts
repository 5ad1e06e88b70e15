/**
 * One case of the chronology import bench, run in its own process by `chronology-import.bench.ts` so that
 * its peak memory (`process.resourceUsage().maxRSS`, the operating system's high-water mark) is its own.
 * Prints one JSON line.
 *
 *   node bench/chronology-import-case.ts csv-floor|xlsx-floor <file>
 *   node bench/chronology-import-case.ts import <file> sqlite|<postgres url>
 *   node bench/chronology-import-case.ts page <entries> sqlite|<postgres url>
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../src/db/database.ts'
import type { Actor } from '../src/modules/access/actor.ts'
import type { TestApp } from '../test/support/app.ts'
import { generateCsv } from './chronology-import-data.ts'

// The app is loaded only by the cases that use it, so the floors' memory is csv-parse's or exceljs' alone.
const app = () => import('../test/support/app.ts')
const database = () => import('../src/db/database.ts')

const [kind, arg, target] = process.argv.slice(2)
const maxRssMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024)
const print = (result: Record<string, unknown>) =>
  console.log(JSON.stringify({ kind, ...result, maxRssMb: maxRssMb() }))

/** csv-parse alone over the file's bytes, fed in 64 KB chunks as the import does. */
async function csvFloor(file: string) {
  const data = readFileSync(file)
  const t0 = performance.now()
  let records = 0
  const chunks = Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += 65_536) yield data.subarray(i, i + 65_536)
    })(),
  )
  for await (const _record of chunks.pipe(parse({ bom: true, relax_column_count: true }))) records++
  print({ ms: Math.round(performance.now() - t0), records: records - 1 })
}

/** exceljs' streaming reader alone over the file, with the import's options. */
async function xlsxFloor(file: string) {
  const data = readFileSync(file)
  const t0 = performance.now()
  let records = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  })
  for await (const sheet of reader) for await (const _row of sheet) records++
  print({ ms: Math.round(performance.now() - t0), records: records - 1 })
}

/** A fresh database: a SQLite file (as in production) or a new PostgreSQL schema. */
async function freshDatabase(where: string): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const { openDatabase } = await database()
  if (where === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chronology-bench-'))
    return {
      handle: openDatabase(`sqlite:${join(dir, 'bench.db')}`),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`
  const admin = openDatabase(where)
  await sql`create schema ${sql.id(schema)}`.execute(admin.db)
  await admin.close()
  return {
    handle: openDatabase(where, { schema }),
    drop: async () => {
      const cleanup = openDatabase(where)
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(cleanup.db)
      await cleanup.close()
    },
  }
}

/** The demo coordinator, a review, the agencies and a chronology service staging imports in the database. */
async function reviewAndService(t: TestApp) {
  const users = t.services.repositories.users
  const user = (await users.findByEmail('coordinator@marlshire.example'))!
  const [membership] = await users.memberships(user.id)
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: membership.role,
    partnershipId: membership.partnershipId,
    agencyId: null,
    ip: null,
    userAgent: null,
  }
  const agencies = await t.services.repositories.partnerships.listAgencies(membership.partnershipId!)
  // The chronology services as the app composes them (imports staged in the database).
  const service = t.services.chronology
  const reviewId = await t.services.reviews.createNotification(
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
  return { actor, agencies, service, reviewId }
}

/** Preview (read, validate, parse dates, stage in batches) then commit (INSERT … SELECT) one file. */
async function importCase(file: string, where: string) {
  const { handle, drop } = await freshDatabase(where)
  const t = await (await app()).startTestApp(handle)
  try {
    const { actor, agencies, service, reviewId } = await reviewAndService(t)
    const data = readFileSync(file)
    const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
    let t0 = performance.now()
    // Only the id outlives the preview, as in the app.
    const importId = await service.imports
      .previewImport(actor, reviewId, { agencyId: agencies[0].id, fileName: file, data })
      .then((result) => {
        if (!result.preview.canCommit) throw new Error(result.preview.problems[0]?.message ?? 'cannot commit')
        return result.importId
      })
    const previewMs = performance.now() - t0
    t0 = performance.now()
    const { count } = await service.imports.commitImport(actor, reviewId, importId, {})
    const commitMs = performance.now() - t0
    print({
      rows: count,
      previewMs: Math.round(previewMs),
      commitMs: Math.round(commitMs),
      ms: Math.round(previewMs + commitMs),
      rssBeforeMb,
    })
  } finally {
    await t.close()
    await drop()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The integrated chronology page for a review with `entries` submitted entries across seven agencies. */
async function pageCase(entries: number, where: string) {
  const { handle, drop } = await freshDatabase(where)
  const { startTestApp, signIn } = await app()
  const t = await startTestApp(handle)
  try {
    const { actor, agencies, service, reviewId } = await reviewAndService(t)
    const perAgency = Math.ceil(entries / 7)
    for (let a = 0; a < 7; a++) {
      const p = await service.imports.previewImport(actor, reviewId, {
        agencyId: agencies[a].id,
        fileName: 'a.csv',
        data: generateCsv(perAgency, 100 + a),
      })
      await service.imports.commitImport(actor, reviewId, p.importId, {})
      await service.entries.submitDrafts(actor, reviewId, agencies[a].id)
    }
    // The baseline: the bare SELECT of the review's submitted entries, in order.
    const db = t.services.database.db
    const selects: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now()
      await db
        .selectFrom('chronology_entry')
        .selectAll()
        .where('review_id', '=', reviewId)
        .where('status', '=', 'submitted')
        .orderBy('sort_key')
        .execute()
      selects.push(performance.now() - t0)
    }
    const { client } = await signIn(t, 'coordinator@marlshire.example')
    const url = `/reviews/${reviewId}/chronology`
    let t0 = performance.now()
    const first = await client.get(url)
    const firstMs = performance.now() - t0
    if (first.statusCode !== 200) throw new Error(`Page answered ${first.statusCode}`)
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      t0 = performance.now()
      await client.get(url)
      times.push(performance.now() - t0)
    }
    const filtered: number[] = []
    for (let i = 0; i < 5; i++) {
      t0 = performance.now()
      await client.get(`${url}?agency=${agencies[0].id}&from=1%20January%202021&to=31%20December%202021`)
      filtered.push(performance.now() - t0)
    }
    print({
      entries: perAgency * 7,
      selectMs: Math.round(median(selects)),
      firstMs: Math.round(firstMs),
      medianMs: Math.round(median(times)),
      maxMs: Math.round(Math.max(...times)),
      filteredMedianMs: Math.round(median(filtered)),
      htmlMb: Math.round((first.body.length / 1024 / 1024) * 10) / 10,
    })
  } finally {
    await t.close()
    await drop()
  }
}

if (kind === 'csv-floor') await csvFloor(arg)
else if (kind === 'xlsx-floor') await xlsxFloor(arg)
else if (kind === 'import') await importCase(arg, target)
else if (kind === 'page') await pageCase(Number(arg), target)
else throw new Error(`Unknown case ${kind}`)
