import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createPhoneRecognizer, isDramaNumber } from './phone.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('phone recognizer', () => {
  it('finds UK numbers in any spacing, drama ranges included', () => {
    assertRows(createPhoneRecognizer(), [
      { text: 'usually by a text to 07700 900417, a number she', expect: ['07700 900417'] },
      { text: 'home 01632 960583; mobile 07700900862', expect: ['01632 960583', '07700900862'] },
      { text: 'ring +44 7700 900417 or +44 (0)1632 960583', expect: ['+44 7700 900417', '+44 (0)1632 960583'] },
      { text: 'switchboard 020 7946 0000', expect: ['020 7946 0000'] },
      { text: 'call (01632) 960 711', expect: ['(01632) 960 711'] },
      { text: 'in Paris +33 1 23 45 67 89', expect: ['+33 1 23 45 67 89'] },
      { text: 'NHS number 999 482 6174', expect: [], note: 'not a phone number' },
      { text: 'called 999 during an argument', expect: [] },
      { text: 'ref 0770090041712345', expect: [], note: 'too long' },
      { text: 'date 03/04/2024', expect: [] },
    ])
  })

  it('knows the Ofcom drama ranges', () => {
    assert.equal(isDramaNumber('07700 900417'), true)
    assert.equal(isDramaNumber('01632 960583'), true)
    assert.equal(isDramaNumber('07700 800417'), false)
    const [d] = createPhoneRecognizer().analyze('07700 900417')
    assert.match(d.explanation, /drama/)
  })
})
