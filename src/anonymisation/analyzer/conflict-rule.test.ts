import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Detection } from '../types.ts'
import { createAnalyzer } from './analyzer.ts'
import { resolveConflicts } from './conflict-rule.ts'

const d = (start: number, end: number, extra: Partial<Detection> = {}): Detection => ({
  entityType: 'PERSON',
  start,
  end,
  score: 0.8,
  recognizer: 'test',
  explanation: 'test',
  ...extra,
})

describe('conflict rule', () => {
  it('case-aware beats generic, even when shorter', () => {
    const out = resolveConflicts([
      d(0, 12, { recognizer: 'generic', score: 0.99 }),
      d(0, 5, { castId: 'mother', score: 0.6 }),
    ])
    assert.deepEqual(
      out.map((x) => [x.start, x.end, x.castId]),
      [[0, 5, 'mother']],
    )
  })

  it('longer beats shorter between detections of the same source', () => {
    const out = resolveConflicts([d(0, 7, { entityType: 'CODE' }), d(0, 16, {})])
    assert.deepEqual(
      out.map((x) => [x.start, x.end]),
      [[0, 16]],
    )
  })

  it('higher score beats lower for the same span length, then earlier start', () => {
    assert.equal(
      resolveConflicts([d(0, 5, { score: 0.5, recognizer: 'a' }), d(0, 5, { score: 0.9, recognizer: 'b' })])[0]
        .recognizer,
      'b',
    )
    assert.equal(
      resolveConflicts([d(2, 7, { recognizer: 'late' }), d(0, 5, { recognizer: 'early' })])[0].recognizer,
      'early',
    )
  })

  it('a place that contains a case-aware place wins and inherits its place name', () => {
    const out = resolveConflicts([
      d(0, 7, { entityType: 'LOC', placeName: 'Fenmoor', value: 'town' }),
      d(0, 24, { entityType: 'ORG', recognizer: 'institution' }),
    ])
    assert.equal(out.length, 1)
    assert.equal(out[0].end, 24)
    assert.equal(out[0].placeName, undefined, 'a town name does not become the hospital')
    const addr = resolveConflicts([
      d(3, 17, { entityType: 'LOC', placeName: 'Millrace Court', value: 'street' }),
      d(0, 17, { entityType: 'ADDRESS' }),
    ])
    assert.equal(addr[0].placeName, 'Millrace Court')
  })

  it('cuts an address to the part a name does not cover, and drops other losers', () => {
    const text = '14 Millrace Court, Chloe said'
    const out = resolveConflicts(
      [d(0, 24, { entityType: 'ADDRESS', recognizer: 'street-address' }), d(19, 24, { castId: 'mother' })],
      text,
    )
    assert.deepEqual(
      out.map((x) => text.slice(x.start, x.end)),
      ['14 Millrace Court', 'Chloe'],
    )
    const dates = resolveConflicts([d(0, 10, { entityType: 'DATE' }), d(5, 15, { castId: 'x' })])
    assert.deepEqual(
      dates.map((x) => x.entityType),
      ['PERSON'],
    )
  })

  it('never returns overlapping spans', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      d(i % 17, (i % 17) + 3 + (i % 5), { score: (i % 7) / 7, castId: i % 3 ? undefined : 'c' }),
    )
    const out = resolveConflicts(many)
    for (let i = 1; i < out.length; i++) assert.ok(out[i].start >= out[i - 1].end)
  })
})

describe('analyzer', () => {
  it('accepts extra recognizers and keeps them under the same rule', () => {
    const extra = {
      name: 'model',
      analyze: (t: string) => [d(t.indexOf('Zorba'), t.indexOf('Zorba') + 5, { recognizer: 'model', score: 0.7 })],
    }
    const { detections } = createAnalyzer({ recognizers: [extra] }).analyze('We met Zorba on 14 June 2023.')
    assert.deepEqual(
      detections.map((x) => x.recognizer),
      ['model', 'date'],
    )
  })

  it('drops detections inside retained names and survives a recognizer that throws', () => {
    const thrower = {
      name: 'broken',
      analyze: (): never => {
        throw new Error('boom')
      },
    }
    const a = createAnalyzer({
      cast: [{ id: 'r', role: 'independent reviewer', full_name: 'Alison Pembury', retain: true }],
      places: [{ name: 'Marlshire Police', kind: 'agency', retain: true }],
      recognizers: [thrower],
    })
    const text = 'Dr Alison Pembury asked Marlshire Police Station staff.'
    const { detections } = a.analyze(text)
    assert.ok(!detections.some((x) => text.slice(x.start, x.end).includes('Pembury')))
  })

  it('merges an address with its town and postcode', () => {
    const text = 'at 9 Elmstead Close, Wyncombe FM7 5RJ on'
    const { detections } = createAnalyzer({ places: [{ name: 'Wyncombe', kind: 'village' }] }).analyze(text)
    assert.deepEqual(
      detections.map((x) => [x.entityType, text.slice(x.start, x.end)]),
      [['ADDRESS', '9 Elmstead Close, Wyncombe FM7 5RJ']],
    )
  })
})
