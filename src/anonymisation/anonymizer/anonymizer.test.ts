import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer } from '../analyzer/analyzer.ts'
import type { CastMember, Place } from '../case-types.ts'
import { anonymise } from './anonymise.ts'
import { monthsBetween } from './operators.ts'
import { PseudonymRegister } from './pseudonym-register.ts'

const cast: CastMember[] = [
  { id: 'child', role: 'subject child', full_name: 'Thomas Webster', date_of_birth: '2022-06-14' },
  { id: 'mum', role: 'mother', full_name: 'Jane Webster', expected_pseudonym: 'Mother' },
  { id: 'sib', role: 'sibling', full_name: 'Amy Webster' },
  { id: 'sib2', role: 'sibling', full_name: 'Zoe Webster' },
  { id: 'hv1', role: 'health visitor', full_name: 'Carol Bright' },
  { id: 'hv2', role: 'health visitor', full_name: 'Nia Evans' },
]
const places: Place[] = [
  { name: 'Oakvale', kind: 'town' },
  { name: 'Hill Top Nursery', kind: 'nursery', expected_replacement: 'the nursery' },
]

function run(
  text: string,
  register = new PseudonymRegister(),
  dateStyle: 'month-year' | 'child-age' = 'month-year',
): string {
  const { detections } = createAnalyzer({ cast, places }).analyze(text)
  return anonymise(text, detections, { cast, places, register, dateStyle }).text
}

describe('pseudonym register', () => {
  it('generates stable labels from roles, numbering professionals and siblings, never Z, Q or the real initial', () => {
    const r = new PseudonymRegister()
    r.assignCast(cast)
    const labels = Object.fromEntries(r.entries().map((e) => [e.key, e.label]))
    assert.match(labels['cast:child'], /^Child [A-Y]$/)
    assert.notEqual(labels['cast:child'], 'Child T')
    assert.notEqual(labels['cast:child'], 'Child W')
    assert.equal(labels['cast:mum'], 'Mother')
    assert.equal(labels['cast:sib'], 'Sibling 1')
    assert.equal(labels['cast:sib2'], 'Sibling 2')
    assert.equal(labels['cast:hv1'], 'Health Visitor 1')
    assert.equal(labels['cast:hv2'], 'Health Visitor 2')
  })

  it('round-trips through JSON and gives the same labels in a later document', () => {
    const first = new PseudonymRegister()
    const a = run('Thomas and Carol Bright met. Mrs Smith came.', first)
    const stored = JSON.parse(JSON.stringify(first.toJSON()))
    const second = PseudonymRegister.fromJSON(stored)
    const b = run('Later, Mrs Smith saw Tom with Carol.', second)
    const child = first.entries().find((e) => e.key === 'cast:child')!.label
    assert.ok(a.includes(child) && b.includes(child))
    assert.ok(a.includes('Person 1') && b.includes('Person 1'), 'unlisted people keep their label too')
    assert.deepEqual(PseudonymRegister.fromJSON({ nonsense: true }).entries(), [])
  })
})

describe('operators', () => {
  it('keeps possessives, generalises dates, replaces places and redacts numbers', () => {
    const r = new PseudonymRegister()
    r.assignCast(cast)
    const child = r.personLabel(cast[0])
    const out = run("On 3 April 2024 Thomas's mum rang from Oakvale on 07700 900123 about the Hill Top Nursery.", r)
    assert.equal(out, `In April 2024 ${child}'s mum rang from the town on [phone number] about the nursery.`)
  })

  it('writes ranges as months and capitalises a place phrase at the start of a sentence', () => {
    assert.equal(run('From 1 October 2022 to 31 March 2024.'), 'From October 2022 to March 2024.')
    assert.equal(run('Oakvale is small.'), 'The town is small.')
  })

  it("gives the child's age when asked to", () => {
    const r = new PseudonymRegister()
    r.assignCast(cast)
    const child = r.personLabel(cast[0])
    assert.equal(run('On 20 March 2023 she rang.', r, 'child-age'), `When ${child} was 9 months old she rang.`)
    assert.equal(run('On 1 May 2022 she rang.', r, 'child-age'), `Before ${child} was born she rang.`)
    assert.equal(monthsBetween('2022-06-14', '2023-03-13'), 8)
  })

  it('applies replacements so every offset refers to the original text', () => {
    const text = 'Jane Webster, Jane, JANE WEBSTER and Jane.'
    const { detections } = createAnalyzer({ cast, places }).analyze(text)
    const res = anonymise(text, detections, { cast, places })
    // a role label reads as a noun (prose.ts): "the mother"
    assert.equal(res.text, 'The mother, the mother, the mother and the mother.')
    for (const rep of res.replacements) assert.equal(text.slice(rep.start, rep.end), rep.original)
  })
})
