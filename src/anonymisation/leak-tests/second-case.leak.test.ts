import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { anonymiseDocument, PseudonymRegister } from '../index.ts'
import type { CastMember, Place } from '../case-types.ts'
import { remainingParts, type ExpectedSpan } from './leak-assertions.ts'

// A second, entirely invented case written for this test (see its README): different family, places,
// nicknames, misspellings, capitals, possessives, collar numbers and initials.
const DIR = new URL('../../../test/fixtures/anonymisation/case-kelmsford/', import.meta.url)
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8')
const cast = JSON.parse(read('cast.json')) as CastMember[]
const places = JSON.parse(read('places.json')) as Place[]
const mustGo = JSON.parse(read('must-not-remain.json')) as ExpectedSpan[]
const draft = read('overview-draft.md')
const result = anonymiseDocument(draft, { cast, places, register: new PseudonymRegister() })

describe('second synthetic case "Kelmsford": leak test', () => {
  it('the fixture really contains every listed identifier', () => {
    assert.deepEqual(
      mustGo.filter((s) => !draft.includes(s.text)).map((s) => s.text),
      [],
    )
  })

  it('leaves no identifying part of any listed identifier', () => {
    const left = mustGo
      .map((s) => ({ span: s.text, parts: remainingParts(s, result.text) }))
      .filter((x) => x.parts.length)
    assert.deepEqual(left, [])
  })

  it('passes the leak gate', () => {
    assert.deepEqual(
      result.leaks.map((l) => `${l.text} | ${l.reason}`),
      [],
    )
  })

  it('still reads: labels from the cast, generated labels, retained names', () => {
    const out = result.text
    for (const s of ['Mother', "Mother's partner", 'Health Visitor 1', 'Police Officer 1', 'Police Officer 2', 'GP 1'])
      assert.ok(out.includes(s), s)
    // labels the register generated because the cast gave none
    assert.match(out, /\bChild [A-Y]\b/)
    assert.ok(!/\bChild [TZQ]\b/.test(out), 'the generated child label avoids the real initial and Z/Q')
    assert.match(out, /\bSibling 1\b/)
    assert.match(out, /\bSocial Worker 1\b/)
    assert.ok(out.includes('Gordon Ashcroft'), 'the reviewer is retained')
    assert.ok(out.includes('Westmarch Safeguarding Children Partnership'))
    assert.match(out, /Child [A-Y]['’]s injuries/, 'possessive kept')
  })
})
