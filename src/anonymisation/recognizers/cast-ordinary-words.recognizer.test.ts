// Casts as coordinators write them: aliases and handles with a note after them, and people whose
// names are ordinary English words. The name is replaced only where it is the name.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CastMember } from '../case-types.ts'
import { anonymiseDocument } from '../index.ts'
import { createCastIdentifierRecognizer } from './cast-identifier.recognizer.ts'
import { createCastNameRecognizer } from './cast-name.recognizer.ts'
import { bareCode, bareName } from './cast-notes.ts'

const cast: CastMember[] = [
  { id: 'father', role: 'birth father', full_name: 'Callum Cross', expected_pseudonym: 'Father' },
  { id: 'gran', role: 'maternal grandmother', full_name: 'Bernadette Hope' },
  { id: 'dsl', role: 'designated safeguarding lead', full_name: 'Mr Gareth Young' },
  { id: 'pc', role: 'police officer', full_name: 'PC Will Green' },
  { id: 'att', role: 'attendance officer', full_name: 'Mark Bell' },
  { id: 'dc', role: 'police officer', full_name: 'DC Rose Pattinson' },
  { id: 'teacher', role: 'class teacher', full_name: 'Mrs May Thornbury' },
  {
    id: 'friend',
    role: 'adult associated with the child',
    full_name: 'Jermaine Oduya',
    other_names: ['"Bubs" nickname used by friends', 'Jay (what his brother calls him)'],
    handles: ['@kayjay_99 (Snapchat)'],
    phone: ["07700 900123 (mum's mobile)"],
    vehicles: ['YK19 XNB (grey Ford Focus)'],
  },
]

const spans = (text: string): string[] =>
  createCastNameRecognizer(cast)
    .analyze(text)
    .sort((a, b) => a.start - b.start)
    .map((d) => text.slice(d.start, d.end))

describe('cast notes', () => {
  it('reads the bare value out of what the coordinator wrote', () => {
    const rows: Array<[string, string]> = [
      ['"Bubs" nickname used by friends', 'Bubs'],
      ['“Bubs” (used by friends)', 'Bubs'],
      ['Bubs nickname used by friends', 'Bubs'],
      ['Funmi (to colleagues)', 'Funmi'],
      ['Jay - what his friends call him', 'Jay'],
      ['Dr Ilse van der Berg', 'Dr Ilse van der Berg'],
      ["Siobhan O'Neill", "Siobhan O'Neill"],
    ]
    for (const [raw, bare] of rows) assert.equal(bareName(raw), bare, raw)
    assert.equal(bareCode('@kayjay_99 (Snapchat)', { handle: true }), '@kayjay_99')
    assert.equal(bareCode("07700 900123 (mum's mobile)"), '07700 900123')
    assert.equal(bareCode("07700 900123 mum's mobile"), '07700 900123')
    assert.equal(bareCode('YK19 XNB (grey Ford Focus)'), 'YK19 XNB')
  })

  it('finds the bare handle, phone, vehicle and nickname in the text', () => {
    const text = 'Messages from @kayjay_99 and kayjay_99, calls from 07700900123, the car YK19XNB, and "Bubs" and Jay.'
    const ids = createCastIdentifierRecognizer(cast)
      .analyze(text)
      .map((d) => text.slice(d.start, d.end))
    assert.deepEqual(ids, ['@kayjay_99', 'kayjay_99', '07700900123', 'YK19XNB'])
    assert.deepEqual(spans(text), ['Bubs', 'Jay'])
  })
})

describe('cast names that are ordinary words', () => {
  it('are replaced where they are the name, and nowhere else', () => {
    const rows: Array<[string, string[]]> = [
      ['Callum Cross did not take part. Mr Cross was not seen.', ['Callum Cross', 'Mr Cross']],
      ['She had cross-border contacts and would not cross the road.', []],
      ['We hope that Bernadette Hope is heard; Mrs Hope agreed.', ['Bernadette Hope', 'Mrs Hope']],
      ['a very young-looking girl, a young person; Mr Young said so.', ['Mr Young']],
      ['PC Green found her. The green car left. She will not talk.', ['PC Green']],
      ['Will Green noted it. PC Will Green attended.', ['Will Green', 'PC Will Green']],
      ['Mark Bell visited; a red mark on her arm; the school bell rang.', ['Mark Bell']],
      ['a rose-tinted account, DC Rose Pattinson said. The tide rose.', ['DC Rose Pattinson']],
      ['Mrs May Thornbury raised it in May 2023; she may be right.', ['Mrs May Thornbury']],
    ]
    for (const [text, want] of rows) assert.deepEqual(spans(text), want, text)
  })

  it('anonymising with the cast changes no token outside the identifier spans', () => {
    const text =
      'Callum Cross had cross-border links. We hope Mrs Hope will stay. A young-looking girl told Mr Young; ' +
      'PC Will Green saw a green light. Mark Bell rang the bell. A rose-tinted account from DC Rose Pattinson. ' +
      'His Snapchat handle and his nickname "Bubs" were known; @kayjay_99 posted. Mrs May Thornbury said she may go in May 2024.'
    const result = anonymiseDocument(text, { cast })
    const tokens = (s: string): string[] => s.split(/\s+/)
    const kept = tokens(text).filter((_, i, all) => {
      const at = all.slice(0, i).join(' ').length + (i ? 1 : 0)
      return !result.replacements.some((r) => r.start < at + all[i].length && r.end > at)
    })
    const missing = kept.filter((t) => !result.text.includes(t))
    assert.deepEqual(missing, [])
    for (const r of result.replacements)
      assert.ok(
        !/\w/.test(text[r.start - 1] ?? '') && !/\w/.test(text[r.end] ?? ''),
        `replacement inside a word: ${r.original}`,
      )
    for (const phrase of [
      'cross-border',
      'We hope',
      'young-looking',
      'green light',
      'the bell',
      'rose-tinted',
      'handle and his',
      'she may go',
    ])
      assert.ok(result.text.includes(phrase), phrase)
  })
})

describe('spelling variants of cast names', () => {
  it('finds a variant spelling beside the rest of the name, and not an ordinary word', () => {
    const r = createCastNameRecognizer([{ id: 'mum', role: 'mother', full_name: 'Kayleigh Marie Drew' }])
    const text = 'Kayley Drew rang. Later Kaylee said so. The Daily report was read.'
    const found = r
      .analyze(text)
      .sort((a, b) => a.start - b.start)
      .map((d) => text.slice(d.start, d.end))
    assert.deepEqual(found, ['Kayley Drew', 'Kaylee'])
  })
})
