import { sharedDataDir } from '../shared-data.ts'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  scoreDocuments,
  unmaskedSpans,
  type BenchmarkScores,
  type GoldDocument,
  type Span,
} from '../anonymisation/evaluation/benchmark.ts'
import {
  parsePresidioResearch,
  parseSystemOutput,
  parseTabDocuments,
  splitAlternate,
} from '../anonymisation/evaluation/datasets.ts'
import { scoreOfficial, type OfficialScores } from '../anonymisation/evaluation/official-measures.ts'
import { pipeSafeWriter, type CliCommand } from './command.ts'
import { createNoCastDetector } from './detect-spans.command.ts'

const USAGE = 'case-review evaluate-anonymiser [--split dev] [--data DIR]'

function row(label: string, s: BenchmarkScores | OfficialScores): string {
  const f = (x: number): string => (Number.isNaN(x) ? '   —' : x.toFixed(3))
  return `${label.padEnd(44)} ${f(s.erDirect).padStart(6)} ${f(s.erQuasi).padStart(6)} ${f(s.tokenRecall).padStart(6)} ${f(s.tokenPrecision).padStart(6)}`
}

/**
 * `case-review evaluate-anonymiser [--split dev] [--data DIR]`: prints the benchmark measures
 * (ER_di, ER_qi, token recall, token precision) of the no-cast anonymiser on the TAB split, both by
 * the benchmark's official rules (`src/anonymisation/evaluation/official-measures.ts`, labelled
 * OFFICIAL) and by the project's older lenient measure (`benchmark.ts`, labelled lenient); then, by
 * the official rules, the held-out half of presidio-research and of WikiActors
 * (the other halves are training data), Presidio and spaCy on the same WikiActors documents from the
 * output files shipped with the corpus, and the demo case's no-cast leak count. DIR defaults to
 * `../shared/data` beside the repository. Exit codes: 0 printed, 1 data missing or invalid, 2 usage.
 */
export const evaluateAnonymiserCommand: CliCommand = {
  name: 'evaluate-anonymiser',
  summary: 'Print the anonymisation benchmark measures (TAB, presidio-research, WikiActors, demo case)',
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    let split = 'dev'
    let data: string | undefined
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--split' && args[i + 1] && /^[a-z]+$/.test(args[i + 1])) split = args[++i]
      else if (args[i] === '--data' && args[i + 1]) data = resolve(args[++i])
      else {
        process.stderr.write(`Usage: ${USAGE}\n`)
        return 2
      }
    }
    let dataDir: string
    try {
      dataDir = data ?? sharedDataDir()
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`)
      return 1
    }
    const read = async (path: string): Promise<unknown> => JSON.parse(await readFile(resolve(dataDir, path), 'utf8'))
    const writer = pipeSafeWriter()
    try {
      const detect = await createNoCastDetector()
      const ours = (documents: readonly GoldDocument[]): Record<string, Span[]> =>
        Object.fromEntries(documents.map((d) => [d.id, detect(d.text)]))
      // `evaluate-anonymiser | head` closes the pipe early: stop writing instead of crashing (EPIPE).
      const { out } = writer

      out(`${'set (no cast)'.padEnd(44)}  ER_di  ER_qi  tokR   tokP`)
      const tab = parseTabDocuments(await read(`tab/${split}.json`))
      const tabSpans = ours(tab)
      out(row(`TAB ${split} (${tab.length} docs), OFFICIAL measures`, scoreOfficial(tab, tabSpans)))
      out(row(`TAB ${split}, lenient (project's older measure)`, scoreDocuments(tab, tabSpans)))
      out('(OFFICIAL: the benchmark’s own rules, as tab/official/evaluation.py; lenient: a token counts as masked')
      out(' when any character is, and as correct when it touches any annotated mention, NO_MASK included.)')
      out('The rows below use the official rules too.')

      const presidio = splitAlternate(
        parsePresidioResearch(await read('deid-bench/presidio-research/synth_dataset_v2.json')),
      )
      out(
        row(
          `presidio-research held-out (${presidio.heldOut.length} odd samples)`,
          scoreOfficial(presidio.heldOut, ours(presidio.heldOut)),
        ),
      )

      const wiki = splitAlternate(parseTabDocuments(await read('deid-bench/wikiactors/WikiActors_Corpus.json')))
      out(
        row(
          `WikiActors held-out (${wiki.heldOut.length} odd docs): ours`,
          scoreOfficial(wiki.heldOut, ours(wiki.heldOut)),
        ),
      )
      for (const system of ['Presidio', 'spaCy']) {
        const spans = parseSystemOutput(await read(`deid-bench/wikiactors/WikiActors_${system}.json`))
        out(row(`WikiActors held-out: ${system}`, scoreOfficial(wiki.heldOut, spans)))
      }
      out('(WikiActors mentions are all QUASI, so ER_di does not apply.)')

      const expected = (await read('demo-case/expected-identifiers.json')) as {
        file: string
        start: number
        end: number
        text: string
      }[]
      let leaks = 0
      let total = 0
      for (const file of [...new Set(expected.map((e) => e.file))].sort()) {
        const text = await readFile(resolve(dataDir, 'demo-case', file), 'utf8')
        const spans = expected.filter((e) => e.file === file)
        total += spans.length
        const missed = unmaskedSpans(text, detect(text), spans)
        leaks += missed.length
      }
      out(`Demo case, NO cast: ${leaks} of ${total} expected identifier spans left unmasked by detect-spans`)
      out('(with the cast known the target is zero; that is the anonymise command and its own leak test)')
      return 0
    } catch (error) {
      process.stderr.write(`Cannot evaluate: ${(error as Error).message}\n`)
      return 1
    }
  },
}
