import { sharedDataDir } from '../src/shared-data.ts'
/**
 * Throughput of `detect-spans` with no cast, on one core, beside a floor measured in the same run:
 * one pass of a single regular expression over the same text. Also the model's load time.
 *
 * Run: `node bench/anonymiser-throughput.bench.ts [--data DIR]` (DIR defaults to `../shared/data`).
 * Targets (issue 3): at least 1 MB/s on one core; model load under 1 s. Throughput is reported per
 * wall-clock second and per CPU-second of this process (the cost on one core when other processes
 * share it), with the load average.
 */
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { EntityTagger } from '../src/anonymisation/model/entity-tagger.ts'
import { createNoCastDetector } from '../src/cli/detect-spans.command.ts'
import { ENTITY_TAGGER_MODEL_PATH, loadEntityTagger } from '../src/modules/anonymisation/entity-tagger.loader.ts'

const args = process.argv.slice(2)
const at = args.indexOf('--data')
const data = at >= 0 ? resolve(args[at + 1]) : sharedDataDir()

// Model load: read + parse + build, timed from a cold start of this process.
let started = performance.now()
const raw = readFileSync(ENTITY_TAGGER_MODEL_PATH, 'utf8')
EntityTagger.fromJSON(JSON.parse(raw))
const loadMs = performance.now() - started

// The corpus: TAB dev judgments and the demo case's reports, each document analysed on its own.
const documents: string[] = (JSON.parse(readFileSync(resolve(data, 'tab/dev.json'), 'utf8')) as { text: string }[]).map(
  (d) => d.text,
)
for (const file of ['overview-report-draft.md', 'executive-summary-draft.md'])
  documents.push(readFileSync(resolve(data, 'demo-case', file), 'utf8'))
const bytes = documents.reduce((sum, d) => sum + Buffer.byteLength(d), 0)

const detect = await createNoCastDetector()
for (const d of documents) detect(d) // warm up the JIT and the word-feature cache's first fill

const rounds = 10
// CPU time of this process beside wall time: on shared cores the wall clock also counts the time
// other processes held the core, while the CPU time is what this work costs one core.
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1e6
}
started = performance.now()
let cpu = process.cpuUsage()
let spans = 0
for (let r = 0; r < rounds; r++) for (const d of documents) spans += detect(d).length
const detectSeconds = (performance.now() - started) / 1000
const detectCpu = cpuSeconds(cpu)

// The statistical tagger alone (the rule recognizers' share is the difference).
const tagger = loadEntityTagger()
started = performance.now()
cpu = process.cpuUsage()
for (let r = 0; r < rounds; r++) for (const d of documents) tagger.tag(d)
const taggerSeconds = (performance.now() - started) / 1000
const taggerCpu = cpuSeconds(cpu)

// Floor: a single regular expression (capitalised words) over the same text, in the same run.
const floor = /\b\p{Lu}\p{Ll}+\b/gu
started = performance.now()
let matches = 0
for (let r = 0; r < rounds; r++) for (const d of documents) matches += d.match(floor)?.length ?? 0
const floorSeconds = (performance.now() - started) / 1000

const mb = (bytes * rounds) / 1e6
console.log(`text: ${documents.length} documents, ${(bytes / 1e6).toFixed(2)} MB × ${rounds} rounds`)
console.log(
  `detect-spans (no cast):      ${(mb / detectSeconds).toFixed(2)} MB/s wall, ${(mb / detectCpu).toFixed(2)} MB per CPU-second  (target ≥ 1 MB/s; ${spans} spans)`,
)
console.log(
  `  of which the tagger alone:  ${(mb / taggerSeconds).toFixed(2)} MB/s wall, ${(mb / taggerCpu).toFixed(2)} MB per CPU-second`,
)
console.log(`load average (1 min) during the run: ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`)
console.log(`floor (one regex pass):      ${(mb / floorSeconds).toFixed(2)} MB/s  (${matches} matches)`)
console.log(
  `model load (read+parse+build): ${loadMs.toFixed(0)} ms  (target < 1000 ms; ${(raw.length / 1e6).toFixed(2)} MB file)`,
)
