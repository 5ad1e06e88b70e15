import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { anonymiseDocument, PseudonymRegister } from '../index.ts'
import type { CastMember, Place } from '../case-types.ts'
import { remainingParts, type ExpectedSpan } from './leak-assertions.ts'

// A third invented case, written before any tuning (see its README): another region, another force's
// reference styles, names from several communities, a cast written with notes after handles and phones,
// and cast names that are ordinary English words.
const DIR = new URL('../../../test/fixtures/anonymisation/case-skelbrook/', import.meta.url)
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8')
const cast = JSON.parse(read('cast.json')) as CastMember[]
const places = JSON.parse(read('places.json')) as Place[]
const expected = JSON.parse(read('expected-identifiers.json')) as ExpectedSpan[]
const mustKeep = JSON.parse(read('must-keep.json')) as string[]
const draft = read('case-file.md')
const result = anonymiseDocument(draft, { cast, places, register: new PseudonymRegister() })

describe('third synthetic case "Skelbrook": leak test', () => {
  it('the fixture really contains every listed identifier and phrase', () => {
    assert.deepEqual(
      [...expected.map((s) => s.text), ...mustKeep].filter((t) => !draft.includes(t)),
      [],
    )
  })

  it('leaves no identifying part of any listed identifier', () => {
    const left = expected
      .map((s) => ({ span: s.text, parts: remainingParts(s, result.text) }))
      .filter((x) => x.parts.length)
    assert.deepEqual(left, [])
  })

  it('keeps ordinary words that share a cast name, organisation names, statutes and sums', () => {
    assert.deepEqual(
      mustKeep.filter((phrase) => !result.text.includes(phrase)),
      [],
    )
  })

  it('changes no token outside the spans it replaced', () => {
    // Every replacement is recorded with its offsets in the original: outside those spans the
    // original text must come through unchanged, character for character.
    const kept: string[] = []
    let at = 0
    for (const r of result.replacements) {
      kept.push(draft.slice(at, r.start))
      at = r.end
    }
    kept.push(draft.slice(at))
    let cursor = 0
    const changed = kept.filter((piece) => {
      const found = result.text.indexOf(piece, cursor)
      if (found < 0) return true
      cursor = found + piece.length
      return false
    })
    assert.deepEqual(changed, [])
    // and no replacement lies inside a word: each starts and ends at a word boundary
    const inside = result.replacements
      .filter((r) => /\w/.test(draft[r.start - 1] ?? '') || /\w/.test(draft[r.end] ?? ''))
      .map((r) => `${draft.slice(r.start - 10, r.start)}[${r.original}]${draft.slice(r.end, r.end + 10)}`)
    assert.deepEqual(inside, [])
  })

  it('passes the leak gate', () => {
    assert.deepEqual(
      result.leaks.map((l) => `${l.text} | ${l.reason}`),
      [],
    )
  })
})
