// Table tests for the land-registry recognizer: plot, parcel, sheet/plan, title and registration
// numbers kept whole, and look-alikes that must not match (dates, statutes, sums, years).
import { describe, it } from 'node:test'
import { createLandRegistryRecognizer } from './land-registry.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('land-registry recognizer', () => {
  it('finds plot, sheet/plan, title and registration numbers whole, across their punctuation', () => {
    assertRows(createLandRegistryRecognizer(), [
      { text: 'registered under plot no. 937, sheet/plan 3/21.2.3 in her name', expect: ['937, sheet/plan 3/21.2.3'] },
      { text: 'a building site with plot no. 900 of block D.', expect: ['900 of block D'] },
      { text: 'and sheet/plan 24/59W2. It was', expect: ['24/59W2'] },
      {
        text: 'the plots nos. 260, 119/5, 164.9, 121/2/3 and 425 were',
        expect: ['260, 119/5, 164.9, 121/2/3 and 425'],
      },
      { text: 'under registration no. D-4840 and', expect: ['D-4840'] },
      { text: 'Land Registry title number WYK123456 shows', expect: ['WYK123456'] },
      { text: 'parcel 1204/3 of the estate', expect: ['1204/3'] },
    ])
  })
  it('leaves look-alikes: dates, statutes, sums, years after a bare label, codes without a label', () => {
    assertRows(createLandRegistryRecognizer(), [
      { text: 'On 12/03/2004 the plot was sold', expect: [] },
      { text: 'the plan of 12/03/2004', expect: [] },
      { text: 'under section 12/3 of the Act', expect: [] },
      { text: 'the plot cost £12,500', expect: [] },
      { text: 'the Settlement Plan 2004 failed', expect: [] },
      { text: 'a block of flats', expect: [] },
      { text: 'case 119/5 was heard', expect: [] },
    ])
  })
})
