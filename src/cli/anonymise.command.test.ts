import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { remainingParts, type ExpectedSpan } from '../anonymisation/leak-tests/leak-assertions.ts'
import { createAnonymiseCommand, type AnonymiseIo } from './anonymise.command.ts'

const CAST = JSON.stringify([
  {
    id: 'child',
    role: 'subject child',
    full_name: 'Oliver Penhale',
    date_of_birth: '2021-05-04',
    expected_pseudonym: 'Child P',
  },
  { id: 'mum', role: 'mother', full_name: 'Rosalind Penhale', phone: ['07700 900991'], expected_pseudonym: 'Mother' },
  { id: 'pc', role: 'police officer', full_name: 'PC Harriet Quayle', expected_pseudonym: 'Police Officer 1' },
])
const PLACES = JSON.stringify([{ name: 'Tollbridge', kind: 'town', expected_replacement: 'the town' }])

function fakeIo(
  files: Record<string, string>,
): AnonymiseIo & { out: string; err: string; written: Record<string, string> } {
  const io = {
    out: '',
    err: '',
    written: {} as Record<string, string>,
    readText: async (p: string) => {
      if (!(p in files)) throw new Error('ENOENT')
      return files[p]
    },
    writeText: async (p: string, t: string) => {
      io.written[p] = t
    },
    stdout: (t: string) => {
      io.out += t
    },
    stderr: (t: string) => {
      io.err += t
    },
  }
  return io
}

describe('case-review anonymise', () => {
  it('writes the anonymised text to stdout and a report of what was replaced, exit 0', async () => {
    const io = fakeIo({
      'cast.json': CAST,
      'places.json': PLACES,
      'in.md': "On 4 June 2023 Ollie's mum, Rosalind PENHALE, rang PC 3310 Quayle from Tollbridge on 07700 900991.\n",
    })
    const code = await createAnonymiseCommand(io).run([
      '--cast',
      'cast.json',
      '--places=places.json',
      '--report',
      'r.json',
      'in.md',
    ])
    assert.equal(code, 0, io.err)
    assert.equal(io.out, "In June 2023 Child P's mum rang Police Officer 1 from the town on [phone number].\n")
    const report = JSON.parse(io.written['r.json'])
    assert.ok(
      report.replacements.some(
        (r: { original: string; explanation: string }) => r.original === 'Ollie' && /nickname/.test(r.explanation),
      ),
    )
    assert.deepEqual(report.leaks, [])
    assert.equal(report.register.version, 1)
  })

  it('exits 3 when the leak gate still finds something, listing positions but not the leaked text', async () => {
    // a coordinator chose a pseudonym that is a nickname of the real name: the output still names him
    const io = fakeIo({
      'cast.json': JSON.stringify([
        { id: 'child', role: 'subject child', full_name: 'Oliver Penhale', expected_pseudonym: 'Ollie' },
      ]),
      'in.md': 'Oliver Penhale was seen at home.',
    })
    const code = await createAnonymiseCommand(io).run(['--cast', 'cast.json', '--report', 'r.json', 'in.md'])
    assert.equal(code, 3)
    assert.equal(io.out, 'Ollie was seen at home.')
    assert.match(io.err, /leak gate still finds 1 identifier/)
    assert.match(io.err, /characters 0-5/)
    assert.ok(!io.err.includes('Oliver') && !io.err.includes('Penhale'), 'no real names on stderr')
    assert.equal(JSON.parse(io.written['r.json']).leaks.length, 1)
  })

  it('pseudonymises a person the cast does not list with the statistical model, and not with --no-model', async () => {
    const files = {
      'cast.json': CAST,
      'in.md': 'Oliver Penhale was visited at home. Their neighbour, Gary Stokes, rang the police.\n',
    }
    const io = fakeIo(files)
    assert.equal(
      await createAnonymiseCommand(io).run(['--cast', 'cast.json', '--report', 'r.json', 'in.md']),
      0,
      io.err,
    )
    assert.equal(io.out, 'Child P was visited at home. Their neighbour, Person 1, rang the police.\n')
    const fromModel = JSON.parse(io.written['r.json']).replacements.filter(
      (r: { recognizer: string }) => r.recognizer === 'entity-tagger',
    )
    assert.deepEqual(
      fromModel.map((r: { original: string; explanation: string }) => [
        r.original,
        /not in the cast/.test(r.explanation),
      ]),
      [['Gary Stokes', true]],
    )

    const without = fakeIo(files)
    assert.equal(await createAnonymiseCommand(without).run(['--cast', 'cast.json', '--no-model', 'in.md']), 0)
    assert.equal(without.out, 'Child P was visited at home. Their neighbour, Gary Stokes, rang the police.\n')
  })

  it('does not take the pseudonym labels already in a text for names the cast does not list', async () => {
    const io = fakeIo({
      'cast.json': CAST,
      'in.md': 'Child P and Mother met Person 1. Later Rosalind Penhale rang.\n',
    })
    assert.equal(await createAnonymiseCommand(io).run(['--cast', 'cast.json', 'in.md']), 0, io.err)
    assert.equal(io.out, 'Child P and Mother met Person 1. Later the mother rang.\n')
  })

  it('exits 2 and suggests --no-model when the model cannot be loaded', async () => {
    const io = fakeIo({ 'cast.json': CAST, 'in.md': 'Oliver was seen.' })
    io.loadTagger = () => {
      throw new Error('ENOENT: models/entity-tagger.json')
    }
    assert.equal(await createAnonymiseCommand(io).run(['--cast', 'cast.json', 'in.md']), 2)
    assert.match(io.err, /--no-model/)
    assert.equal(io.out, '')
    assert.equal(await createAnonymiseCommand(io).run(['--cast', 'cast.json', '--no-model', 'in.md']), 0)
  })

  it('exits 2 with a plain-English message on usage errors', async () => {
    for (const [args, message] of [
      [['in.md'], /Enter the cast file/],
      [['--cast', 'cast.json'], /Enter the file to anonymise/],
      [['--cast', 'missing.json', 'in.md'], /cannot be read/],
      [['--cast', 'bad.json', 'in.md'], /not valid JSON/],
      [['--cast', 'cast.json', '--colour', 'in.md'], /no option called --colour/],
      [['--cast', 'cast.json', 'nothere.md'], /cannot be read/],
    ] as const) {
      const io = fakeIo({ 'cast.json': CAST, 'bad.json': '{', 'in.md': 'x' })
      assert.equal(await createAnonymiseCommand(io).run([...args]), 2, args.join(' '))
      assert.match(io.err, message)
      assert.equal(io.out, '')
    }
  })
})

describe('case-review anonymise on the invented Skelbrook case, with the shipped model', () => {
  it('leaves no listed identifier, keeps the ordinary words and passes the leak gate', async () => {
    const dir = new URL('../../test/fixtures/anonymisation/case-skelbrook/', import.meta.url)
    const read = (name: string): string => readFileSync(new URL(name, dir), 'utf8')
    const io = fakeIo({
      'cast.json': read('cast.json'),
      'places.json': read('places.json'),
      'case-file.md': read('case-file.md'),
    })
    const code = await createAnonymiseCommand(io).run([
      '--cast',
      'cast.json',
      '--places',
      'places.json',
      '--report',
      'report.json',
      'case-file.md',
    ])
    assert.equal(code, 0, io.err)
    const expected = JSON.parse(read('expected-identifiers.json')) as ExpectedSpan[]
    const left = expected.filter((s) => remainingParts(s, io.out).length).map((s) => s.text)
    assert.deepEqual(left, [])
    const mustKeep = JSON.parse(read('must-keep.json')) as string[]
    assert.deepEqual(
      mustKeep.filter((p) => !io.out.includes(p)),
      [],
    )
    assert.deepEqual((JSON.parse(io.written['report.json']) as { leaks: unknown[] }).leaks, [])
  })
})
