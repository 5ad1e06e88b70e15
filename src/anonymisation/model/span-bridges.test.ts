import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bridgeSpans, type TypedSpan } from './span-bridges.ts'
import { detectSpans } from './detect-spans.ts'
import type { Recognizer } from '../types.ts'

/** Spans of each `[text, type]` part, found by their first occurrence in `text`. */
function typed(text: string, parts: [string, string][]): TypedSpan[] {
  return parts.map(([part, entityType]) => {
    const start = text.indexOf(part)
    assert.ok(start >= 0, part)
    return { start, end: start + part.length, entityType }
  })
}

const rows: { text: string; parts: [string, string][]; bridges: string[] }[] = [
  {
    text: 'held on 1 and 2 July 1996.',
    parts: [
      ['1', 'DATE'],
      ['2 July 1996', 'DATE'],
    ],
    bridges: [' and '],
  },
  {
    text: 'hearings on 10 May, on 7 July and on 26 September 1994',
    parts: [
      ['10 May', 'DATE'],
      ['7 July', 'DATE'],
      ['26 September 1994', 'DATE'],
    ],
    bridges: [', on ', ' and on '],
  },
  {
    text: 'Between 24 November 1998 and 7 September 1999 he',
    parts: [
      ['24 November 1998', 'DATE'],
      ['7 September 1999', 'DATE'],
    ],
    bridges: [' and ', 'Between '],
  },
  {
    text: 'on 3 May 2001. On 4 May 2001',
    parts: [
      ['3 May 2001', 'DATE'],
      ['4 May 2001', 'DATE'],
    ],
    bridges: [],
  },
  {
    text: 'Smith and Jones',
    parts: [
      ['Smith', 'PERSON'],
      ['Jones', 'PERSON'],
    ],
    bridges: [],
  },
  {
    text: 'the Supreme Court (Sąd Najwyższy) held',
    parts: [['Supreme Court', 'ORG']],
    bridges: [' (Sąd Najwyższy)'],
  },
  { text: 'the Turkish Government (“the Government”)', parts: [['Turkish Government', 'ORG']], bridges: [] },
  { text: 'the Constitutional Council (see paragraph 16)', parts: [['Constitutional Council', 'ORG']], bridges: [] },
  {
    text: 'paid 1,579 New Turkish liras (YTL) in',
    parts: [['1,579 New Turkish liras', 'QUANTITY']],
    bridges: [' (YTL)'],
  },
  { text: 'PLN 200 [approx. EUR 50] was', parts: [['PLN 200', 'QUANTITY']], bridges: [' [approx. EUR 50]'] },
  { text: 'three hearings (of which two were adjourned)', parts: [['three', 'QUANTITY']], bridges: [] },
]

test('bridges join listed dates, a "between" range, and bracketed glosses of names and amounts', () => {
  for (const row of rows) {
    const found = bridgeSpans(row.text, typed(row.text, row.parts)).map(([s, e]) => row.text.slice(s, e))
    assert.deepEqual(found, row.bridges, row.text)
  }
})

test('detectSpans masks the bridged mention as one span', () => {
  const text = 'Between 24 November 1998 and 7 September 1999 he'
  const dates: Recognizer = {
    name: 'dates',
    analyze: (t) =>
      typed(t, [
        ['24 November 1998', 'DATE'],
        ['7 September 1999', 'DATE'],
      ]).map((s) => ({ ...s, entityType: 'DATE' as const, score: 1, recognizer: 'dates', explanation: 'date' })),
  }
  assert.deepEqual(detectSpans(text, [dates]), [[0, 45]])
})
