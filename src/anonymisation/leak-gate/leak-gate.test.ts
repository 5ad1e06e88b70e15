import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CastMember, Place } from '../case-types.ts'
import type { Recognizer } from '../types.ts'
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

describe('leak gate: organisation names and reasons', () => {
  // people whose names are also words of council team names, and a model that takes any
  // capitalised run for a person (as a statistical tagger sometimes does)
  const people: CastMember[] = [
    { id: 'sw', role: 'social worker', full_name: 'Jo Early', expected_pseudonym: 'Social Worker 1' },
    { id: 'yw', role: 'youth worker', full_name: 'Sam Young' },
    { id: 'gran', role: 'maternal grandmother', full_name: 'Ann Hope' },
  ]
  const eager: Recognizer = {
    name: 'eager-model',
    analyze: (text) =>
      [...text.matchAll(/\b[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)+/g)].map((m) => ({
        entityType: 'PERSON' as const,
        start: m.index,
        end: m.index + m[0].length,
        score: 0.95,
        recognizer: 'eager-model',
        explanation: 'person name (statistical model, score 0.95)',
      })),
  }

  it('raises no false alarm on council teams and public services', () => {
    const names = [
      "Children's Services Access Team",
      'Early Help Hub',
      'Multi-Agency Safeguarding Hub',
      "Young People's Service",
      'Youth Offending Team',
      'Child and Adolescent Mental Health Services',
      'Emergency Duty Team',
      'Crown Prosecution Service',
      'Local Authority Designated Officer',
    ]
    for (const name of names) {
      const text = `The referral went to the ${name}; the ${name} replied.`
      assert.deepEqual(
        checkForLeaks(text, people, places, { recognizers: [eager] }).map((l) => l.text),
        [],
        name,
      )
    }
  })

  it('still catches a person or a named local service beside them', () => {
    const text = 'Mrs Hope rang the Early Help Hub. Jo Early visited. Sam Young met the Oakvale Family Hub.'
    const found = checkForLeaks(text, people, places, { recognizers: [eager] }).map((l) => l.text)
    for (const t of ['Mrs Hope', 'Jo Early', 'Sam Young', 'Oakvale']) assert.ok(found.includes(t), t)
    assert.ok(!found.includes('Early Help Hub'))
  })

  it('says what was found and what to do, without repeating the name', () => {
    const leaks = checkForLeaks('Jo Early visited on 14 June 2023 and rang 07700 900111.', cast.concat(people), places)
    const reasons = leaks.map((l) => l.reason)
    assert.ok(reasons.length >= 3)
    assert.ok(
      reasons.some((r) =>
        /Still names someone in this case: .*Social Worker 1.*Replace it with their pseudonym/.test(r),
      ),
    )
    assert.ok(reasons.some((r) => /exact date.*Give the month and year/.test(r)))
    assert.ok(reasons.some((r) => /phone number.*Remove it/.test(r)))
    for (const r of reasons) assert.ok(!/Jo Early|Joanna|Early visited/.test(r), r)
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
