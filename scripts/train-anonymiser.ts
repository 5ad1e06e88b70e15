import { sharedDataDir } from '../src/shared-data.ts'
/**
 * Trains the statistical entity tagger and writes `models/entity-tagger.json`.
 *
 * Run: `node scripts/train-anonymiser.ts [--data DIR] [--out FILE]` (DIR defaults to
 * `../shared/data` beside the repository). Reproducible: fixed seed and deterministic training, so the
 * same data gives the same file.
 *
 * Training data (see docs/decisions/0003-anonymisation-model.md):
 * - TAB `tab/train.json`, every annotated mention (DIRECT, QUASI and NO_MASK: precision counts masked
 *   words inside any annotated mention, and the extra examples raise recall). `tab/dev.json` is NOT
 *   used: it is for reporting.
 * - presidio-research: the even-numbered samples (the odd ones are held out for evaluation).
 * - WikiActors: the even-numbered documents (the odd ones are held out for evaluation); its mentions
 *   have no types, so they are learnt as MISC.
 * The demo case is not used, so its leak count stays a measure on unseen text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parsePresidioResearch, parseTabDocuments, splitAlternate } from '../src/anonymisation/evaluation/datasets.ts'
import { trainEntityTagger } from '../src/anonymisation/model/trainer.ts'
import { PRESIDIO_TO_TAB, trainingDocuments } from '../src/anonymisation/model/training-data.ts'

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name)
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback
}
const data = resolve(option('--data', sharedDataDir()))
const out = resolve(option('--out', resolve(repository, 'models/entity-tagger.json')))
const read = (path: string): unknown => JSON.parse(readFileSync(resolve(data, path), 'utf8'))

/** Outside-tag penalty shipped with the model (chosen on the TAB dev split; see the ADR). */
const OUTSIDE_PENALTY = 0

const started = performance.now()
const tab = parseTabDocuments(read('tab/train.json'))
const presidio = splitAlternate(parsePresidioResearch(read('deid-bench/presidio-research/synth_dataset_v2.json')))
const wiki = splitAlternate(parseTabDocuments(read('deid-bench/wikiactors/WikiActors_Corpus.json')))
const documents = [
  ...trainingDocuments(tab, ['DIRECT', 'QUASI', 'NO_MASK']),
  ...trainingDocuments(presidio.train, ['DIRECT', 'QUASI'], (label) => PRESIDIO_TO_TAB[label] ?? null),
  ...trainingDocuments(wiki.train, ['DIRECT', 'QUASI'], () => 'MISC'),
]
const model = trainEntityTagger(documents, { epochs: 8, seed: 1, log: (message) => console.log(message) })
model.outsidePenalty = OUTSIDE_PENALTY
mkdirSync(dirname(out), { recursive: true })
const json = JSON.stringify(model)
writeFileSync(out, json + '\n')
console.log(
  `wrote ${out} (${(json.length / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
