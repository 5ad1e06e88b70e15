import { sharedDataPath } from '../src/shared-data.ts'
import { pathToFileURL } from 'node:url'
/**
 * Benchmark: analyse + anonymise a ~250,000-character report (the demo case's overview report and
 * executive summary repeated, with paragraph numbers varied) with a 30-person cast, beside a floor
 * measured in the same run: one pass of a single regular expression over the same text.
 *
 * Run: ./node_modules/.bin/node bench/anonymiser-cast.bench.ts
 * Target (issue 3): under 1 second for analyse + anonymise. Also timed: the whole of what
 * `case-review anonymise` does by default (analyse with the statistical model's person names as an
 * extra recognizer, anonymise, leak gate with the model, jigsaw warnings).
 */
import { readFileSync } from 'node:fs'
import { createAnalyzer } from '../src/anonymisation/analyzer/analyzer.ts'
import { anonymise } from '../src/anonymisation/anonymizer/anonymise.ts'
import { PseudonymRegister } from '../src/anonymisation/anonymizer/pseudonym-register.ts'
import type { CastMember, Place } from '../src/anonymisation/case-types.ts'
import { checkForLeaks } from '../src/anonymisation/leak-gate/leak-gate.ts'
import { anonymiseDocument } from '../src/anonymisation/index.ts'
import { createModelNameRecognizer, reviewLabelWords } from '../src/anonymisation/model/model-name.recognizer.ts'
import { loadEntityTagger } from '../src/modules/anonymisation/entity-tagger.loader.ts'

const DIR = pathToFileURL(sharedDataPath('demo-case') + '/')
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8')
const cast = (JSON.parse(read('cast.json')) as CastMember[]).slice(0, 30)
const places = JSON.parse(read('places.json')) as Place[]
const base = read('overview-report-draft.md') + '\n\n' + read('executive-summary-draft.md')

const parts: string[] = []
for (let i = 0; parts.join('\n\n').length < 250_000; i++) {
  // vary paragraph numbers so the copies are not byte-identical
  parts.push(base.replace(/^(\d+)\.(\d+) /gm, (_, a: string, b: string) => `${Number(a) + i}.${b} `))
}
const text = parts.join('\n\n').slice(0, 250_000)

function time<T>(fn: () => T): [T, number] {
  const t = performance.now()
  const r = fn()
  return [r, performance.now() - t]
}

// floor: one pass of one regular expression (capitalised words) over the same text
const floorRe = /\b[A-Z][a-z]+\b/g
const floor = (): number => (text.match(floorRe) ?? []).length

const [, build] = time(() => createAnalyzer({ cast, places }))
const analyzer = createAnalyzer({ cast, places })
// one warm-up run so the figures are for steady state, as in a long-running server
anonymise(text, analyzer.analyze(text).detections, { cast, places, register: new PseudonymRegister() })
floor()

const runs = 5
const totals: number[] = []
const floors: number[] = []
let replacements = 0
for (let i = 0; i < runs; i++) {
  const [, f] = time(floor)
  floors.push(f)
  const [res, t] = time(() =>
    anonymise(text, analyzer.analyze(text).detections, { cast, places, register: new PseudonymRegister() }),
  )
  totals.push(t)
  replacements = res.replacements.length
}
const [leaks, gate] = time(() =>
  checkForLeaks(anonymise(text, analyzer.analyze(text).detections, { cast, places }).text, cast, places),
)
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

console.log(`text: ${text.length} characters, cast: ${cast.length} people, places: ${places.length}`)
console.log(`analyzer construction: ${build.toFixed(1)} ms`)
console.log(
  `analyse + anonymise (median of ${runs}): ${median(totals).toFixed(1)} ms  (${replacements} replacements; target < 1000 ms)`,
)
console.log(`floor, one regular-expression pass (median of ${runs}): ${median(floors).toFixed(1)} ms`)
console.log(`ratio to floor: ${(median(totals) / median(floors)).toFixed(1)}x`)
console.log(`leak gate over the output: ${gate.toFixed(1)} ms, ${leaks.length} leaks`)

// `case-review anonymise` by default: the model's person names too, and the gate and jigsaw checks
const register = new PseudonymRegister()
register.assignCast(cast)
const modelNames = createModelNameRecognizer(loadEntityTagger(), {
  isLabelWord: reviewLabelWords(
    cast.map((m) => m.role),
    () => register.entries().map((e) => e.label),
  ),
})
anonymiseDocument(text, { cast, places, register, recognizers: [modelNames] })
const withModel: number[] = []
let modelLeaks = 0
for (let i = 0; i < runs; i++) {
  const [res, t] = time(() => anonymiseDocument(text, { cast, places, register, recognizers: [modelNames] }))
  withModel.push(t)
  modelLeaks = res.leaks.length
}
console.log(
  `with the model, leak gate and jigsaw (as the anonymise command; median of ${runs}): ${median(withModel).toFixed(1)} ms, ${modelLeaks} leaks`,
)
