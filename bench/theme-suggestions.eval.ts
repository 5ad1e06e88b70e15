/**
 * Theme suggestion quality: precision and recall per theme on the labelled set (22 synthetic
 * reports in test/fixtures/repository plus the demo case's two draft reports).
 *
 *   ./node_modules/.bin/node bench/theme-suggestions.eval.ts
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluateThemeSuggestions, loadLabelledReports } from '../src/modules/published-reviews/ingest/theme-evaluation.ts'
import { sharedDataPath } from '../src/shared-data.ts'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const reports = loadLabelledReports(join(root, 'test', 'fixtures', 'repository'), sharedDataPath('demo-case'))
const { perTheme, micro } = evaluateThemeSuggestions(reports)
const pct = (v: number | null) => (v === null ? '   –' : `${Math.round(v * 100)}%`.padStart(4))
console.log(`Theme suggestions on ${reports.length} labelled reports\n`)
console.log(`${'theme'.padEnd(45)} ${'TP'.padStart(3)} ${'FP'.padStart(3)} ${'FN'.padStart(3)}  prec  rec`)
for (const s of perTheme) {
  console.log(
    `${s.theme.padEnd(45)} ${String(s.truePositives).padStart(3)} ${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}  ${pct(s.precision)} ${pct(s.recall)}`,
  )
}
console.log(`\nmicro-average: precision ${pct(micro.precision)}, recall ${pct(micro.recall)}, F1 ${pct(micro.f1)}`)
