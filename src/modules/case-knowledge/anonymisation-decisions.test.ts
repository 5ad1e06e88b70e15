import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PseudonymRegister, anonymiseDocument } from '../../anonymisation/index.ts'
import { anonymiseWithDecisions } from './anonymisation-decisions.ts'

const cast = [
  { id: 'm', role: 'mother', full_name: 'Kerys Example', expected_pseudonym: 'Mother' },
  { id: 'c', role: 'subject child', full_name: 'Tomos Example', expected_pseudonym: 'Child T' },
]
const places = [{ name: 'Brynmawr', kind: 'town', expected_replacement: 'the town' }]
const text = 'Kerys Example took Tomos to the Riverside Bakery in Brynmawr on 3 May 2024.'

test('with no decisions the result equals the engine’s', () => {
  const engine = anonymiseDocument(text, { cast, places, register: new PseudonymRegister() })
  const decided = anonymiseWithDecisions(text, { cast, places, register: new PseudonymRegister() }, [])
  assert.equal(decided.text, engine.text)
})

test('replace, add and reject decisions apply by words, and survive a change to the text', () => {
  const decisions = [
    { kind: 'replace' as const, original: 'Brynmawr', replacement: 'a town in the area' },
    { kind: 'add' as const, original: 'Riverside Bakery', replacement: 'a shop' },
  ]
  const first = anonymiseWithDecisions(text, { cast, places, register: new PseudonymRegister() }, decisions)
  assert.equal(first.text, 'The mother took Child T to the shop in a town in the area in May 2024.')
  assert.ok(first.replacements.some((r) => r.decided && r.original === 'Riverside Bakery'))
  const changed = anonymiseWithDecisions(
    `On Monday ${text}`,
    { cast, places, register: new PseudonymRegister() },
    decisions,
  )
  assert.equal(changed.text, 'On Monday the mother took Child T to the shop in a town in the area in May 2024.')
  // Rejecting a cast name leaves it in place, and the leak gate still reports it.
  const rejected = anonymiseWithDecisions(text, { cast, places, register: new PseudonymRegister() }, [
    { kind: 'reject', original: 'Kerys Example' },
  ])
  assert.match(rejected.text, /^Kerys Example took/)
  assert.ok(rejected.leaks.length > 0)
})
