import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer } from '../analyzer/analyzer.ts'
import type { CastMember } from '../case-types.ts'
import { anonymise } from './anonymise.ts'
import { fitPseudonym, isNameLikeLabel, roleAsNoun } from './prose.ts'
import { PseudonymRegister } from './pseudonym-register.ts'

const cast: CastMember[] = [
  { id: 'child', role: 'subject child', full_name: 'Poppy Wren', expected_pseudonym: 'Child K' },
  { id: 'mum', role: 'mother', full_name: 'Tessa Wren', expected_pseudonym: 'Mother' },
  { id: 'nan', role: 'maternal grandmother', full_name: 'Irene Wren', expected_pseudonym: 'Maternal grandmother' },
  { id: 'mp', role: "mother's partner", full_name: 'Colin Marsh', expected_pseudonym: "Mother's partner" },
  { id: 'dad', role: 'birth father', full_name: 'Owen Pike', expected_pseudonym: 'Father' },
  { id: 'sib', role: 'sibling', full_name: 'Alfie Wren', expected_pseudonym: 'Sibling 1' },
  { id: 'sibdad', role: 'father of sibling', full_name: 'Wayne Pike', expected_pseudonym: 'Father of Sibling 1' },
  { id: 'hv', role: 'health visitor', full_name: 'Bethan Lloyd', expected_pseudonym: 'Health Visitor 1' },
]

function run(text: string): string {
  const { detections } = createAnalyzer({ cast }).analyze(text)
  return anonymise(text, detections, { cast, register: new PseudonymRegister() }).text
}

describe('pseudonyms that read naturally', () => {
  const cases: Array<[string, string, string]> = [
    [
      'no appositive repetition, the missing describing word added',
      'Alfie lives with their grandmother Irene Wren in the town.',
      'Sibling 1 lives with their maternal grandmother in the town.',
    ],
    [
      'the role and name said once, the comma before a relative clause kept',
      "She was cared for by her mother's partner, Colin Marsh, who has been charged.",
      "She was cared for by her mother's partner, who has been charged.",
    ],
    [
      'an appositive before a verb loses both commas',
      "Poppy's mother, Tessa, was 22 when Poppy was injured.",
      "Child K's mother was 22 when Child K was injured.",
    ],
    [
      'a longer role written before the name',
      "Poppy's birth father, Owen Pike, moved away.",
      "Child K's birth father moved away.",
    ],
    [
      'a role label mid-sentence takes "the" and lower case',
      'Police spoke to Tessa Wren at home.',
      'Police spoke to the mother at home.',
    ],
    [
      'at the start of a sentence',
      'Irene Wren told the reviewer she was worried.',
      'The maternal grandmother told the reviewer she was worried.',
    ],
    ['a possessive', "Colin's history was not checked.", "The mother's partner's history was not checked."],
    ['after a determiner no article is added', 'It was her Tessa who called.', 'It was her mother who called.'],
    [
      'name-like labels keep their capitals',
      'Bethan Lloyd visited Alfie and Poppy.',
      'Health Visitor 1 visited Sibling 1 and Child K.',
    ],
    ['a child label after "the" is not lowered', "Poppy's words were recorded.", "Child K's words were recorded."],
    [
      'in quotes the label is used as written',
      'Midwives knew him as "Colin".',
      'Midwives knew him as "Mother\'s partner".',
    ],
    [
      'a relationship label after the same relationship written with its owner',
      "Alfie's father, Wayne Pike, was violent.",
      "Sibling 1's father was violent.",
    ],
    ['a relationship label on its own keeps its capitals', 'Wayne Pike moved.', 'Father of Sibling 1 moved.'],
    [
      '"that" is not a determiner',
      'A report that Colin had grabbed Tessa.',
      "A report that the mother's partner had grabbed the mother.",
    ],
  ]
  for (const [name, input, expected] of cases) it(name, () => assert.equal(run(input), expected))

  it('classifies labels and writes roles as nouns', () => {
    const table: Array<[string, boolean, string]> = [
      ['Child M', true, 'Child M'],
      ['Sibling 2', true, 'Sibling 2'],
      ['Children F, G and H', true, 'Children F, G and H'],
      ['Person 3', true, 'Person 3'],
      ['Mother', false, 'mother'],
      ['Maternal grandmother', false, 'maternal grandmother'],
      ["Mother's partner", false, "mother's partner"],
      ['IMR author (police)', false, 'IMR author (police)'],
    ]
    for (const [label, nameLike, noun] of table) {
      assert.equal(isNameLikeLabel(label), nameLike, label)
      if (!nameLike) assert.equal(roleAsNoun(label), noun, label)
    }
  })

  it('never reaches into the word before: "stepmother" is not "mother"', () => {
    const text = 'Her stepmother Tessa called.'
    const at = text.indexOf('Tessa')
    assert.deepEqual(fitPseudonym(text, at, at + 5, 'Mother', false), {
      start: at,
      end: at + 5,
      replacement: 'the mother',
    })
  })

  it('leaves table cells as written', () => {
    const text = '| Tessa | mother |'
    assert.equal(fitPseudonym(text, 2, 7, 'Mother', true).replacement, 'Mother')
  })
})
