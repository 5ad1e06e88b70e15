import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { mergeSpans } from '../anonymisation/model/detect-spans.ts'
import { detectSpansCommand } from './detect-spans.command.ts'

let dir = ''
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detect-spans-'))
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Silences the command's usage and error messages while it runs.
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const write = process.stderr.write
  process.stderr.write = (() => true) as typeof process.stderr.write
  try {
    return await run()
  } finally {
    process.stderr.write = write
  }
}

test('writes sorted, merged spans for every input id', async () => {
  const texts = {
    a: 'The applicant, Mr Ivan Petrenko, was born in 1971 and lives in Kharkiv. Petrenko was arrested on 3 March 2004.',
    b: '',
    'c/with odd id': 'Nothing to see here.',
  }
  const input = join(dir, 'in.json')
  const output = join(dir, 'out.json')
  await writeFile(input, JSON.stringify(texts))
  assert.equal(await detectSpansCommand.run([input, output]), 0)
  const result = JSON.parse(await readFile(output, 'utf8')) as Record<string, [number, number][]>
  assert.deepEqual(Object.keys(result), Object.keys(texts))
  assert.deepEqual(result.b, [])
  for (const spans of Object.values(result)) {
    for (let i = 0; i < spans.length; i++) {
      const [start, end] = spans[i]
      assert.ok(Number.isInteger(start) && Number.isInteger(end) && start < end)
      if (i > 0) assert.ok(start > spans[i - 1][1], 'sorted and merged')
    }
  }
  const masked = result.a.map(([s, e]) => texts.a.slice(s, e)).join('|')
  for (const identifier of ['Ivan Petrenko', '1971', 'Kharkiv', '3 March 2004'])
    assert.ok(masked.includes(identifier), masked)
  // The later surname alone is masked too.
  assert.ok(
    result.a.some(([s, e]) => texts.a.slice(s, e) === 'Petrenko'),
    masked,
  )
})

test('refuses bad usage with exit code 2 and bad input with exit code 1', async () => {
  assert.equal(await quietly(() => detectSpansCommand.run([])), 2)
  assert.equal(await quietly(() => detectSpansCommand.run(['only-one.json'])), 2)
  const notJson = join(dir, 'bad.json')
  await writeFile(notJson, '{not json')
  assert.equal(await quietly(() => detectSpansCommand.run([notJson, join(dir, 'x.json')])), 1)
  const wrongShape = join(dir, 'shape.json')
  await writeFile(wrongShape, JSON.stringify({ a: 1 }))
  assert.equal(await quietly(() => detectSpansCommand.run([wrongShape, join(dir, 'y.json')])), 1)
  assert.equal(await quietly(() => detectSpansCommand.run([join(dir, 'missing.json'), join(dir, 'z.json')])), 1)
})

test('merges overlapping, touching and space-separated spans', () => {
  const text = '14 June 2023, then Leeds'
  assert.deepEqual(
    mergeSpans(
      [
        [19, 24],
        [8, 12],
        [0, 7],
        [3, 5],
        [5, 5],
      ],
      text,
    ),
    [
      [0, 12],
      [19, 24],
    ],
  )
  assert.deepEqual(
    mergeSpans([
      [4, 6],
      [0, 2],
      [2, 3],
    ]),
    [
      [0, 3],
      [4, 6],
    ],
  )
})
