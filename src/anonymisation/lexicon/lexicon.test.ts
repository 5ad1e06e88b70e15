import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isKnownGivenName, nameVariants } from './name-diminutives.lexicon.ts'
import { spellingKey } from './name-spelling.lexicon.ts'

describe('given names and their diminutives', () => {
  it('knows the published list and the British forms it lacks', () => {
    const has = (name: string, forms: string[]): void => {
      for (const f of forms) assert.ok(nameVariants(name).has(f), `${name} → ${f}`)
    }
    has('margaret', ['peggy', 'maggie', 'meg'])
    has('elizabeth', ['liz', 'betty', 'beth'])
    has('william', ['bill', 'will', 'billy'])
    has('rebecca', ['becky', 'bex'])
    has('gareth', ['gaz'])
    assert.ok(isKnownGivenName('Penelope'))
    assert.ok(isKnownGivenName('Zephaniah'))
  })

  it('links a given name with its nicknames, not nicknames with one another', () => {
    // "Bill" is a form of William and of Robert; William and Robert are not forms of each other
    assert.ok(!nameVariants('william').has('robert'))
    assert.ok(nameVariants('bill').has('robert'))
  })

  it('leaves out nicknames that are everyday words', () => {
    assert.ok(!nameVariants('bradford').has('ford'))
    assert.ok(!nameVariants('william').has('bell'))
    assert.ok(!nameVariants('honora').has('honey'))
    assert.ok(!nameVariants('greenberry').has('green'))
  })
})

describe('spelling variants', () => {
  it('gives variant spellings of a name one key, and different names different keys', () => {
    const same: Array<[string, string]> = [
      ['Kayleigh', 'Kayley'],
      ['Kayleigh', 'Kaylee'],
      ['Maisie', 'Maisy'],
      ['Maisie', 'Maisey'],
      ['Ashleigh', 'Ashley'],
      ['Stephen', 'Stefen'],
      ['Phillipa', 'Philipa'],
    ]
    for (const [a, b] of same) assert.equal(spellingKey(a), spellingKey(b), `${a} ~ ${b}`)
    const different: Array<[string, string]> = [
      ['Kayleigh', 'Kelly'],
      ['Maisie', 'Mason'],
      ['Harley', 'Hayley'],
    ]
    for (const [a, b] of different) assert.notEqual(spellingKey(a), spellingKey(b), `${a} ≁ ${b}`)
  })
})
