import { describe, it } from 'node:test'
import { createUkPostcodeRecognizer } from './uk-postcode.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('uk-postcode recognizer', () => {
  it('finds every outward-code shape and rejects invalid ones', () => {
    assertRows(createUkPostcodeRecognizer(), [
      { text: '14 Millrace Court, Fenmoor FM2 3QH', expect: ['FM2 3QH'] },
      {
        text: 'SW1A 1AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT, W1A 0AX, EC1A 1BB',
        expect: ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB'],
      },
      { text: 'written FM23QH without a space', expect: ['FM23QH'] },
      { text: 'GIR 0AA', expect: ['GIR 0AA'] },
      { text: 'fm2 3qh', expect: ['fm2 3qh'], note: 'lower case with a space' },
      { text: 'QA1 1AA', expect: [], note: 'Q never starts a postcode' },
      { text: 'FM2 3CI', expect: [], note: 'C and I never in the inward code' },
      { text: 'FM2 3QHX', expect: [], note: 'word boundary' },
      { text: 'version 2 3QH', expect: [] },
    ])
  })
})
