import { readFile, writeFile } from 'node:fs/promises'
import { anonymiseDocument, PseudonymRegister, type Recognizer } from '../anonymisation/index.ts'
import type { CastMember, Place } from '../anonymisation/case-types.ts'
import type { EntityTagger } from '../anonymisation/model/entity-tagger.ts'
import { createModelNameRecognizer, reviewLabelWords } from '../anonymisation/model/model-name.recognizer.ts'
import { loadEntityTagger } from '../modules/anonymisation/entity-tagger.loader.ts'
import type { CliCommand } from './command.ts'

const USAGE =
  'case-review anonymise --cast CAST.json [--places PLACES.json] [--report REPORT.json] [--date-style month-year|child-age] [--no-model] INPUT.md > OUTPUT.md'

/** Where the command reads and writes; replaced in tests so the command runs in-process. */
export interface AnonymiseIo {
  readText(path: string): Promise<string>
  writeText(path: string, text: string): Promise<void>
  stdout(text: string): void
  stderr(text: string): void
  /**
   * Loads the statistical entity tagger; throws when the model file is missing or invalid. Default:
   * the shipped model (`models/entity-tagger.json`).
   */
  loadTagger?(): EntityTagger
}

const processIo: AnonymiseIo = {
  readText: (path) => readFile(path, 'utf8'),
  writeText: (path, text) => writeFile(path, text, 'utf8'),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  loadTagger: () => loadEntityTagger(),
}

interface Parsed {
  cast?: string
  places?: string
  report?: string
  dateStyle: 'month-year' | 'child-age'
  model: boolean
  input?: string
}

function parseArgs(args: readonly string[]): Parsed | string {
  const out: Parsed = { dateStyle: 'month-year', model: true }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const takeValue = (): string | undefined => {
      const eq = a.indexOf('=')
      if (eq > 0) return a.slice(eq + 1)
      i++
      return args[i]
    }
    const name = a.split('=')[0]
    if (name === '--cast' || name === '--places' || name === '--report' || name === '--date-style') {
      const v = takeValue()
      if (!v || v.startsWith('--')) return `Enter a file name after ${name}.`
      if (name === '--cast') out.cast = v
      else if (name === '--places') out.places = v
      else if (name === '--report') out.report = v
      else if (v === 'month-year' || v === 'child-age') out.dateStyle = v
      else return 'Enter --date-style as month-year or child-age.'
    } else if (a === '--no-model') out.model = false
    else if (a.startsWith('--')) return `There is no option called ${name}.`
    else if (out.input) return 'Give only one input file.'
    else out.input = a
  }
  if (!out.cast) return 'Enter the cast file with --cast CAST.json.'
  if (!out.input) return 'Enter the file to anonymise, for example report.md.'
  return out
}

async function readJsonList<T>(
  io: AnonymiseIo,
  path: string,
  what: string,
  check: (x: unknown) => boolean,
): Promise<T[] | string> {
  let raw: string
  try {
    raw = await io.readText(path)
  } catch {
    return `The ${what} file ${path} cannot be read. Check the file name.`
  }
  let data: unknown
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''))
  } catch {
    return `The ${what} file ${path} is not valid JSON.`
  }
  if (!Array.isArray(data) || !data.every(check))
    return `The ${what} file ${path} must be a JSON list in the format of the demo case's ${what}.json.`
  return data as T[]
}

const isCastMember = (x: unknown): boolean => {
  const m = x as Partial<CastMember> | null
  return !!m && typeof m.id === 'string' && typeof m.full_name === 'string' && typeof (m.role ?? '') === 'string'
}
const isPlace = (x: unknown): boolean => {
  const p = x as Partial<Place> | null
  return !!p && typeof p.name === 'string' && typeof (p.kind ?? '') === 'string'
}

/**
 * Builds the `anonymise` command with its file and output access injected (tests pass fakes).
 * Besides the cast, places and generic rules it uses the shipped statistical model's confident
 * person names (names the cast does not list become "Person N"); `--no-model` leaves it out. The
 * leak gate runs the same recognizers over the output.
 * Exit codes: 0 anonymised and the leak gate finds nothing; 3 the leak gate still finds something
 * (the text is still written, and the leaks are listed on stderr and in the report); 2 usage error
 * or unreadable input, with a plain-English message on stderr.
 */
export function createAnonymiseCommand(io: AnonymiseIo = processIo): CliCommand {
  return {
    name: 'anonymise',
    summary: 'Anonymise a document with the review cast and places; writes the text to stdout',
    usage: USAGE,
    async run(args: string[]): Promise<number> {
      const parsed = parseArgs(args)
      if (typeof parsed === 'string') {
        io.stderr(`${parsed}\nUsage: ${USAGE}\n`)
        return 2
      }
      const cast = await readJsonList<CastMember>(io, parsed.cast!, 'cast', isCastMember)
      if (typeof cast === 'string') {
        io.stderr(`${cast}\n`)
        return 2
      }
      let places: Place[] = []
      if (parsed.places) {
        const p = await readJsonList<Place>(io, parsed.places, 'places', isPlace)
        if (typeof p === 'string') {
          io.stderr(`${p}\n`)
          return 2
        }
        places = p
      }
      let text: string
      try {
        text = (await io.readText(parsed.input!)).replace(/^\uFEFF/, '')
      } catch {
        io.stderr(`The file ${parsed.input} cannot be read. Check the file name.\n`)
        return 2
      }
      // The statistical model finds people the cast does not list; its confident person names are
      // pseudonymised ("Person 1") and, in the leak gate, any it still finds in the output is a leak.
      const register = new PseudonymRegister()
      register.assignCast(cast)
      const recognizers: Recognizer[] = []
      if (parsed.model) {
        let tagger: EntityTagger
        try {
          tagger = (io.loadTagger ?? loadEntityTagger)()
        } catch (error) {
          io.stderr(
            `The statistical model cannot be loaded (${(error as Error).message}). ` +
              'Run npm run train:anonymiser, or use --no-model to anonymise with the cast and rules only.\n',
          )
          return 2
        }
        const isLabelWord = reviewLabelWords(
          cast.map((m) => m.role ?? ''),
          () => register.entries().map((e) => e.label),
        )
        recognizers.push(createModelNameRecognizer(tagger, { isLabelWord }))
      }
      const result = anonymiseDocument(text, { cast, places, register, recognizers, dateStyle: parsed.dateStyle })
      io.stdout(result.text)
      if (parsed.report) {
        const report = {
          input: parsed.input,
          replacements: result.replacements,
          leaks: result.leaks,
          jigsaw: result.jigsaw,
          register: result.register.toJSON(),
        }
        try {
          await io.writeText(parsed.report, JSON.stringify(report, null, 2) + '\n')
        } catch {
          io.stderr(`The report could not be written to ${parsed.report}.\n`)
          return 2
        }
      }
      if (result.leaks.length > 0) {
        // positions only: the leaked text itself must not reach a log
        io.stderr(
          `The leak gate still finds ${result.leaks.length} identifier(s); do not publish this text.\n` +
            result.leaks.map((l) => `  characters ${l.start}-${l.end}: ${l.reason}\n`).join(''),
        )
        return 3
      }
      return 0
    },
  }
}

/** `case-review anonymise --cast CAST.json [--places PLACES.json] [--report FILE] [--no-model] INPUT.md > OUTPUT.md` */
export const anonymiseCommand: CliCommand = createAnonymiseCommand()
