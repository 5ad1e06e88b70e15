/**
 * Chronology import and the integrated chronology page, on SQLite (a file, as in production) and, when a
 * PostgreSQL URL is given (or `TEST_DATABASE_URL` is set), on PostgreSQL.
 *
 *   ./node_modules/.bin/node bench/chronology-import.bench.ts [rows] [pageEntries]
 *
 * Each case runs in its own process (`chronology-import-case.ts`), so each peak memory (max RSS of the
 * whole process: the app, its modules, the uploaded bytes and the import) is that case's alone. Prints the
 * floors (csv-parse or exceljs alone over the same file), each import (preview: read, validate, parse dates,
 * stage rows in batches; commit: INSERT … SELECT in one transaction) and the integrated chronology page for a
 * review with `pageEntries` submitted entries (through app.inject, median of 10 after the first request)
 * beside the bare SELECT of its entries. Targets (issue 5): CSV < 15 s, XLSX < 30 s, peak < 500 MB, page
 * < 300 ms.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateCsv, writeXlsx } from './chronology-import-data.ts'

const ROWS = Number(process.argv[2] ?? 50_000)
const PAGE_ENTRIES = Number(process.argv[3] ?? 5_000)
const POSTGRES = process.env.TEST_DATABASE_URL
const DATABASES = [['SQLite', 'sqlite'], ...(POSTGRES ? [['PostgreSQL', POSTGRES]] : [])]

/** Runs one case in a new Node process and returns its JSON line. */
function run(...args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'chronology-import-case.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, TZ: 'Europe/London' },
  })
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const dir = mkdtempSync(join(tmpdir(), 'chronology-bench-files-'))
try {
  const csvPath = join(dir, 'chronology.csv')
  const xlsxPath = join(dir, 'chronology.xlsx')
  writeFileSync(csvPath, generateCsv(ROWS))
  await writeXlsx(xlsxPath, ROWS)
  const mb = (path: string) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`
  console.log(`${ROWS.toLocaleString('en-GB')} rows: CSV ${mb(csvPath)}, XLSX ${mb(xlsxPath)}`)

  for (const [format, path, floorCase, target] of [
    ['CSV', csvPath, 'csv-floor', 15_000],
    ['XLSX', xlsxPath, 'xlsx-floor', 30_000],
  ] as const) {
    const floor = run(floorCase, path)
    console.log(
      `${format} floor (${floorCase === 'csv-floor' ? 'csv-parse' : 'exceljs'} alone): ${seconds(floor.ms)}, peak RSS ${floor.maxRssMb} MB`,
    )
    for (const [name, where] of DATABASES) {
      const r = run('import', path, where)
      console.log(
        `${format} import on ${name}: ${r.rows} rows in ${seconds(r.ms)} (preview ${seconds(r.previewMs)} + commit ${seconds(r.commitMs)}; ` +
          `target < ${seconds(target)}) = ${(r.ms / floor.ms).toFixed(1)}× the floor; ` +
          `peak RSS ${r.maxRssMb} MB (target < 500 MB; ${r.rssBeforeMb} MB before the import)`,
      )
    }
  }
  for (const [name, where] of DATABASES) {
    const p = run('page', String(PAGE_ENTRIES), where)
    console.log(
      `Integrated chronology page on ${name}, ${p.entries.toLocaleString('en-GB')} entries: median ${p.medianMs} ms, max ${p.maxMs} ms ` +
        `(target < 300 ms), first request ${p.firstMs} ms; bare SELECT of the entries ${p.selectMs} ms; ` +
        `one agency and one year ${p.filteredMedianMs} ms; ${p.htmlMb} MB of HTML; peak RSS ${p.maxRssMb} MB`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
