import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createNhsNumberRecognizer, isValidNhsNumber } from './nhs-number.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('nhs-number recognizer', () => {
  it('checks the modulus 11 check digit', () => {
    for (const [digits, ok] of [
      ['9994826174', true],
      ['9996159388', true],
      ['9434765919', true],
      ['9994826175', false], // wrong check digit
      ['9434765918', false],
      ['1111111111', false], // all the same digit
      ['123456789', false], // too short
    ] as const)
      assert.equal(isValidNhsNumber(digits), ok, digits)
  })

  it('finds valid numbers written in any usual way, and nothing else', () => {
    assertRows(createNhsNumberRecognizer(), [
      {
        text: "Maisie's NHS number is 999 482 6174 and Harley's is 999 615 9388.",
        expect: ['999 482 6174', '999 615 9388'],
      },
      { text: 'NHS no: 999-482-6174', expect: ['999-482-6174'] },
      { text: 'ref 9994826174 on file', expect: ['9994826174'] },
      { text: 'number 999 482 6175 given', expect: [], note: 'checksum failure without an NHS label' },
      { text: 'NHS number 999 482 6175', expect: ['999 482 6175'], note: 'labelled, checksum fails: still reported' },
      { text: 'call 07700 900417 now', expect: [], note: 'a phone number is not an NHS number' },
      { text: '19994826174', expect: [], note: 'inside a longer number' },
      { text: 'A999 482 6174', expect: [], note: 'word boundary' },
    ])
  })

  it('scores a checksum-valid number 1 and a labelled failure lower', () => {
    const r = createNhsNumberRecognizer()
    assert.equal(r.analyze('999 482 6174')[0].score, 1)
    assert.ok(r.analyze('NHS 999 482 6175')[0].score < 0.8)
  })
})
