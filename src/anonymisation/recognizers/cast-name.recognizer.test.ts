import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CastMember } from '../case-types.ts'
import { createCastNameRecognizer, parseFullName } from './cast-name.recognizer.ts'

const cast: CastMember[] = [
  { id: 'child', role: 'subject child', full_name: 'Thomas Alfie Smith-Jones' },
  { id: 'mum', role: 'mother', full_name: 'Rebecca Anne Smith-Jones', other_names: ['Becky Lawson'] },
  { id: 'nan', role: 'maternal grandmother', full_name: 'Patricia Lawson' },
  { id: 'pc', role: 'police officer', full_name: 'PC Mark Price', expected_pseudonym: 'Police Officer 1' },
  { id: 'sw', role: 'social worker', full_name: 'Callum Whitworth' },
  { id: 'rev', role: 'independent reviewer', full_name: 'Ada Pennant', retain: true },
]
const r = createCastNameRecognizer(cast)

/** The spans found in a text, as [text, castId]. */
function found(text: string): Array<[string, string | undefined]> {
  return r
    .analyze(text)
    .sort((a, b) => a.start - b.start)
    .map((d) => [text.slice(d.start, d.end), d.castId])
}

describe('cast-name recognizer', () => {
  it('parses titles and ranks off recorded names', () => {
    assert.deepEqual(parseFullName('PC Mark Price'), { given: ['Mark'], middle: [], surname: ['Price'] })
    assert.deepEqual(parseFullName('Dr  Ann  Lee-Hart'), { given: ['Ann'], middle: [], surname: ['Lee-Hart'] })
  })

  const rows: Array<[string, string, Array<[string, string | undefined]>]> = [
    ['full name', 'Thomas Alfie Smith-Jones was seen.', [['Thomas Alfie Smith-Jones', 'child']]],
    ['first name alone, possessive outside', "Thomas's arm was hurt.", [['Thomas', 'child']]],
    ['nickname from the lexicon', 'Tommy told the nurse.', [['Tommy', 'child']]],
    ['other name from the cast', 'She calls herself Becky Lawson.', [['Becky Lawson', 'mum']]],
    [
      'hyphenated surname written without the hyphen',
      'seen with Rebecca Smith Jones',
      [['Rebecca Smith Jones', 'mum']],
    ],
    ['one part of a double-barrelled surname with title', 'Mrs Jones said no.', [['Mrs Jones', 'mum']]],
    ['capitals', 'Rebecca SMITH-JONES reports', [['Rebecca SMITH-JONES', 'mum']]],
    ['kinship alias for the only grandmother', 'he stays with Nan at weekends', [['Nan', 'nan']]],
    ['rank and collar number', 'PC 2291 Price attended.', [['PC 2291 Price', 'pc']]],
    ['rank, name, collar number after', 'PC Price 2291 attended.', [['PC Price 2291', 'pc']]],
    ['misspelling beside the first name', 'Callum Whitwoth visited.', [['Callum Whitwoth', 'sw']]],
    ['misspelling alone mid-sentence', 'the letter from Whitwerth arrived', [['Whitwerth', 'sw']]],
    [
      'initials',
      'as noted by CW and later C.W.',
      [
        ['CW', 'sw'],
        ['C.W.', 'sw'],
      ],
    ],
    ['initial before a surname', 'screened by C. Whitworth today', [['C. Whitworth', 'sw']]],
    [
      'name inside an e-mail',
      'write to callum.whitworth@council.example',
      [['callum.whitworth@council.example', 'sw']],
    ],
    ['ordinary word in lower case is not a name', 'a red mark and a price rise', []],
    [
      'name-like word alone at sentence start needs a person sign',
      'Mark on the cheek. Mark said he saw it.',
      [['Mark', 'pc']],
    ],
    ['acronyms are not initials', 'the GP and the ED', []],
    ['retained person is not reported', 'Ada Pennant wrote this.', []],
    ['another known given name is not a misspelling on its own', 'Calum was there', []],
  ]
  for (const [what, text, expected] of rows) {
    it(what, () => {
      assert.deepEqual(found(text), expected)
    })
  }

  it('attributes a shared surname to the person named most recently', () => {
    const text = 'Rebecca Smith-Jones came. Later Smith-Jones left. Thomas Smith-Jones cried and Smith-Jones slept.'
    assert.deepEqual(
      found(text).map(([, id]) => id),
      ['mum', 'mum', 'child', 'child'],
    )
  })

  it('uses Mr / Mrs to choose between adults and children', () => {
    assert.equal(found('Thomas Smith-Jones cried. Mrs Smith-Jones came.')[1][1], 'mum')
  })
})
