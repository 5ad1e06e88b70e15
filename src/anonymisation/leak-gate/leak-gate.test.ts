import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CastMember, Place } from '../case-types.ts'
import { findJigsawRisks } from './jigsaw.ts'
import { checkForLeaks } from './leak-gate.ts'

const cast: CastMember[] = [
  {
    id: 'child',
    role: 'subject child',
    full_name: 'Thomas Ward',
    date_of_birth: '2021-02-03',
    nhs_number: '999 482 6174',
    addresses: [
      { text: '5 Quarry Lane, Oakvale OV1 2AB', line1: '5 Quarry Lane', town: 'Oakvale', postcode: 'OV1 2AB' },
    ],
  },
  { id: 'pc', role: 'police officer', full_name: 'PC Lucy Hartwell', expected_pseudonym: 'Police Officer 1' },
  { id: 'mum', role: 'mother', full_name: 'Joanna Ward', phone: ['07700 900111'], handles: ['@jojo_w'] },
  { id: 'rev', role: 'independent reviewer', full_name: 'Ada Pennant', retain: true },
]
const places: Place[] = [
  { name: 'Oakvale', kind: 'town' },
  { name: 'Westshire', kind: 'county', retain: true },
]

describe('leak gate', () => {
  const kinds: Array<[string, string]> = [
    ['full name', 'Thomas Ward was seen.'],
    ['first name', 'Later Thomas cried.'],
    ['surname in capitals', 'WARD was arrested.'],
    ['nickname', 'Tommy cried.'],
    ['misspelling', 'Mrs Wardd said so.'],
    ['initials', 'as T.W. said'],
    ['collar number beside a pseudonym', 'PC 2291 Police Officer 1 attended.'],
    ['date of birth', 'born 03/02/2021'],
    ['any exact date', 'on 14 June 2023 he came'],
    ['NHS number', 'NHS 999 482 6174'],
    ['phone', 'ring 07700900111'],
    ['handle', 'messaged from @jojo_w'],
    ['address part', 'lived on Quarry Lane'],
    ['postcode', 'at OV1 2AB'],
    ['listed place', 'moved to Oakvale'],
    ['e-mail', 'wrote to someone@example.org'],
  ]
  for (const [kind, text] of kinds) {
    it(`catches a remaining ${kind}`, () => {
      assert.ok(checkForLeaks(text, cast, places).length > 0, text)
    })
  }

  it('passes pseudonymised text, retained names and month-year dates', () => {
    const text =
      'In June 2023 Child B and Mother met Police Officer 1 in the town. The reviewer, Ada Pennant, thanks Westshire. Mum said no.'
    assert.deepEqual(checkForLeaks(text, cast, places), [])
  })
})

describe('jigsaw warnings', () => {
  it('lists quasi-identifiers with reasons and flags the combination', () => {
    const text =
      'Child B died in March 2024 in Little Ashcombe. He had Menkes syndrome and lived with two older siblings; the case was reported by the BBC.'
    const w = findJigsawRisks(text)
    const kinds = new Set(w.map((x) => x.kind))
    for (const k of ['month-of-death', 'named-place', 'unusual-condition', 'siblings', 'media', 'combination'] as const)
      assert.ok(kinds.has(k), k)
    assert.ok(w.every((x) => x.reason.length > 10))
  })

  it('has nothing to say about a plain sentence or a retained county', () => {
    assert.deepEqual(findJigsawRisks('The health visitor rang in Westshire.', { places }), [])
  })
})
