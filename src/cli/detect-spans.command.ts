import { readFile, writeFile } from 'node:fs/promises'
import { detectSpans, type Span } from '../anonymisation/model/detect-spans.ts'
import { createEntityTaggerRecognizer } from '../anonymisation/model/entity-tagger.recognizer.ts'
import { createAnalyzer } from '../anonymisation/analyzer/analyzer.ts'
import type { Recognizer } from '../anonymisation/types.ts'
import { loadEntityTagger } from '../modules/anonymisation/entity-tagger.loader.ts'
import type { CliCommand } from './command.ts'

/**
 * The generic rule recognizers (dates, postcodes, phones, e-mails, NHS numbers, named places, ...)
 * as one recognizer: the analyzer's resolved detections with no cast.
 */
function createRuleRecognizer(): Recognizer {
  const analyzer = createAnalyzer()
  return { name: 'generic-rules', analyze: (text) => analyzer.analyze(text).detections }
}

/**
 * The recognizers used with no case knowledge: the statistical entity tagger and the generic rule
 * recognizers. Loads the model file on first use (throws if it is
 * missing).
 */
export async function createNoCastRecognizers(): Promise<Recognizer[]> {
  return [createEntityTaggerRecognizer(loadEntityTagger()), createRuleRecognizer()]
}

/**
 * Resolves to a function mapping a text to the sorted, merged spans the anonymiser would mask with
 * no cast (the union of every recognizer's detections). The function never throws.
 */
export async function createNoCastDetector(): Promise<(text: string) => Span[]> {
  const recognizers = await createNoCastRecognizers()
  return (text) => detectSpans(text, recognizers)
}

const USAGE = 'case-review detect-spans INPUT.json OUTPUT.json'

function isTextMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((text) => typeof text === 'string')
  )
}

/**
 * `case-review detect-spans INPUT.json OUTPUT.json`: INPUT maps document ids to texts; OUTPUT maps
 * each id to the sorted, merged `[start, end]` spans (UTF-16 offsets, end exclusive) the anonymiser
 * would mask with no case knowledge. This contract is fixed: external evaluation runs through it.
 * Exit codes: 0 written, 1 unreadable or invalid input, 2 usage error.
 */
export const detectSpansCommand: CliCommand = {
  name: 'detect-spans',
  summary: 'Write the spans the anonymiser would mask, with no cast, for each text of a JSON file',
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
      process.stderr.write(`Usage: ${USAGE}\n`)
      return 2
    }
    const [input, output] = args
    let texts: unknown
    try {
      texts = JSON.parse(await readFile(input, 'utf8'))
    } catch (error) {
      process.stderr.write(`Cannot read ${input} as JSON: ${(error as Error).message}\n`)
      return 1
    }
    if (!isTextMap(texts)) {
      process.stderr.write(`${input} must be a JSON object mapping document ids to texts\n`)
      return 1
    }
    const detect = await createNoCastDetector()
    const result: Record<string, Span[]> = {}
    for (const [id, text] of Object.entries(texts)) result[id] = detect(text)
    await writeFile(output, JSON.stringify(result) + '\n')
    return 0
  },
}
