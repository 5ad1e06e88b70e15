import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDateRecognizer } from './date.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('date recognizer (en-GB, strict, exact dates only)', () => {
  it('finds dates with a day in the formats agencies use', () => {
    assertRows(createDateRecognizer(), [
      { text: 'was born on 14 June 2023.', expect: ['14 June 2023'] },
      { text: 'seen 03/04/2024 and 2024-04-03', expect: ['03/04/2024', '2024-04-03'] },
      { text: 'nursery note 3rd Apr 24', expect: ['3rd Apr 24'] },
      { text: 'visit on Tuesday 5 March', expect: ['Tuesday 5 March'] },
      { text: 'we met on Monday 4th to agree', expect: ['Monday 4th'] },
      { text: 'he came back on the 3rd.', expect: ['the 3rd'] },
      { text: 'period 1 October 2022 to 31 March 2024', expect: ['1 October 2022 to 31 March 2024'] },
    ])
  })

  it('leaves month-year, seasons, years, times, ages and paragraph numbers alone', () => {
    assertRows(createDateRecognizer(), [
      { text: 'in June 2023 and in the spring of 2021', expect: [] },
      { text: 'during 2023, at 11:30, aged 22, nine months old', expect: [] },
      { text: '5.10 In the summer the plan', expect: [] },
      { text: 'on the 3rd floor of the building', expect: [] },
      { text: 'impossible 31/02/2024', expect: [] },
      { text: 'referred to the Grand Chamber in the Second Section', expect: [] },
    ])
  })

  it('does not run a date across a paragraph break', () => {
    const text = 'until 3 January 2024.\n\n5.15 On 18 December 2023 she rang'
    const spans = createDateRecognizer()
      .analyze(text)
      .map((d) => text.slice(d.start, d.end))
    assert.deepEqual(spans, ['3 January 2024', '18 December 2023'])
  })

  it('gives ISO values, with both ends for a range', () => {
    const r = createDateRecognizer()
    assert.equal(r.analyze('on 14 June 2023')[0].value, '2023-06-14')
    assert.equal(r.analyze('on 14 June')[0].value, '--06-14')
    assert.equal(r.analyze('1 October 2022 to 31 March 2024')[0].value, '2022-10-01/2024-03-31')
  })
})
