import { sharedDataDir } from '../src/shared-data.ts'
/**
 * Whole-process speed of the command line, start-up included (issue 13): `case-review detect-spans`
 * on about 5 MB of text and `case-review --help`, each run as a user runs it (`node
 * bin/case-review.js ...` with the system Node, which hands over to the pinned Node 24 when it is
 * older), beside a floor measured in the same run: a fresh Node process that reads the same input
 * and makes one pass of one regular expression over it.
 *
 * Run: `./node_modules/.bin/node bench/anonymiser-cli.bench.ts [--data DIR] [--mb 5] [--runs 3]`.
 * Targets: detect-spans ≥ 1 MB/s for 5 MB, whole process; --help under 0.5 s. Wall-clock figures
 * are medians; CPU seconds (user + system of the child processes) come from /usr/bin/time when it is
 * installed. On shared cores the wall clock also counts time other processes held the core.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : fallback
}
const data = resolve(option('--data', sharedDataDir()))
const targetBytes = Number(option('--mb', '5')) * 1e6
const runs = Number(option('--runs', '3'))
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'case-review.js')
// the Node a user's `npx case-review` starts: the first `node` on the PATH (system Node 20 here)
const userNode = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim() || process.execPath
  } catch {
    return process.execPath
  }
})()
const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

// ~5 MB of text: the TAB train and dev judgments and the WikiActors biographies (about 0.53 MB of
// distinct text), repeated with distinct ids until the size is reached. The repetition flatters the
// tagger's word cache a little; the distinct size is printed so the figure can be read for what it is.
const texts = ['tab/train.json', 'tab/dev.json', 'deid-bench/wikiactors/WikiActors_Corpus.json'].flatMap((f) =>
  (JSON.parse(readFileSync(join(data, f), 'utf8')) as { text: string }[]).map((d) => d.text),
)
const distinctBytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0)
const input: Record<string, string> = {}
let bytes = 0
for (let i = 0; bytes < targetBytes; i++) {
  const text = texts[i % texts.length]
  input[`doc-${i}`] = text
  bytes += Buffer.byteLength(text)
}
const dir = mkdtempSync(join(tmpdir(), 'cli-bench-'))
const inputPath = join(dir, 'input.json')
writeFileSync(inputPath, JSON.stringify(input))
const floorScript = join(dir, 'floor.mjs')
writeFileSync(
  floorScript,
  `import { readFileSync } from 'node:fs'
   const texts = Object.values(JSON.parse(readFileSync(process.argv[2], 'utf8')))
   let n = 0
   for (const t of texts) n += t.match(/\\b\\p{Lu}\\p{Ll}+\\b/gu)?.length ?? 0
   console.log(n)`,
)

interface Run {
  wall: number
  cpu: number | null
}
function measure(command: string, commandArgs: string[]): Run {
  const argv = timeTool ? ['-f', 'CPU %U %S', command, ...commandArgs] : commandArgs
  const started = performance.now()
  const r = spawnSync(timeTool ?? command, argv, { encoding: 'utf8', maxBuffer: 1 << 26 })
  const wall = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${r.stderr}`)
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr)
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : null }
}
function median(runsOf: Run[]): Run {
  const pick = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const cpus = runsOf.map((r) => r.cpu).filter((c): c is number => c !== null)
  return { wall: pick(runsOf.map((r) => r.wall)), cpu: cpus.length ? pick(cpus) : null }
}
const repeat = (f: () => Run): Run => median(Array.from({ length: runs }, f))

const help = repeat(() => measure(userNode, [bin, '--help']))
const helpPinned = repeat(() => measure(process.execPath, [bin, '--help']))
const detect = repeat(() => measure(userNode, [bin, 'detect-spans', inputPath, join(dir, 'out.json')]))
const floor = repeat(() => measure(process.execPath, [floorScript, inputPath]))
rmSync(dir, { recursive: true, force: true })

const mb = bytes / 1e6
const cpu = (r: Run): string => (r.cpu === null ? '' : `, ${r.cpu.toFixed(2)} CPU-s`)
console.log(
  `input: ${Object.keys(input).length} documents, ${mb.toFixed(2)} MB (${(distinctBytes / 1e6).toFixed(2)} MB distinct, repeated); median of ${runs} runs each`,
)
console.log(`user's node: ${userNode} (${execFileSync(userNode, ['--version'], { encoding: 'utf8' }).trim()})`)
console.log(
  `case-review detect-spans:   ${(mb / detect.wall).toFixed(2)} MB/s whole process (${detect.wall.toFixed(2)} s wall${cpu(detect)}${detect.cpu ? `, ${(mb / detect.cpu).toFixed(2)} MB per CPU-second` : ''})  target ≥ 1 MB/s`,
)
console.log(
  `floor (read + one regex):   ${(mb / floor.wall).toFixed(2)} MB/s whole process (${floor.wall.toFixed(2)} s wall${cpu(floor)})`,
)
console.log(`case-review --help:         ${help.wall.toFixed(3)} s wall${cpu(help)}  target < 0.5 s`)
console.log(`  with the pinned Node 24:  ${helpPinned.wall.toFixed(3)} s wall${cpu(helpPinned)}`)
console.log(`load average (1 min): ${loadavg()[0].toFixed(2)}`)
