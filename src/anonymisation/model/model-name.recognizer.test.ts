import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { checkForLeaks } from '../leak-gate/leak-gate.ts'
import type { CastMember } from '../case-types.ts'
import { EntityTagger } from './entity-tagger.ts'
import { createModelNameRecognizer, reviewLabelWords } from './model-name.recognizer.ts'

// The shipped model, as `case-review anonymise` uses it.
const tagger = EntityTagger.fromJSON(
  JSON.parse(readFileSync(new URL('../../../models/entity-tagger.json', import.meta.url), 'utf8')),
)
const cast: CastMember[] = [{ id: 'mum', role: 'mother', full_name: 'Rosalind Penhale', expected_pseudonym: 'Mother' }]
const labels = ['Mother', 'Person 1', 'Health Visitor 1']
const recognizer = createModelNameRecognizer(tagger, {
  isLabelWord: reviewLabelWords(
    cast.map((m) => m.role),
    () => labels,
  ),
})
const found = (text: string): string[] => recognizer.analyze(text).map((d) => text.slice(d.start, d.end))

test('finds confident person names the cast does not list, and explains them', () => {
  const text = 'Oliver Penhale was visited at home. Their neighbour, Gary Stokes, rang the police.'
  assert.deepEqual(found(text), ['Oliver Penhale', 'Gary Stokes'])
  assert.match(recognizer.analyze(text)[1].explanation, /^person name not in the cast \(statistical model, score/)
})

test('reports every occurrence of a name it is sure of, also where it alone would not be', () => {
  const text = 'Later Angela Burke phoned. The list named Hannah Greaves, Daniel Osei, Angela Burke and PC Bains.'
  const spans = recognizer.analyze(text).map((d) => text.slice(d.start, d.end))
  // the first may include "Later" (the tagger is unsure at a sentence start): the name goes either way
  assert.equal(spans.filter((s) => s.endsWith('Angela Burke')).length, 2, spans.join(', '))
  assert.ok(spans.includes('Daniel Osei'), spans.join(', '))
})

test('leaves headings, job titles, counts, table cells and pseudonym labels alone', () => {
  for (const text of [
    '| 4 | Marlshire Community Health NHS Trust | Require all forms to be triaged |',
    'The Deputy Designated Nurse wrote the Individual Management Review.',
    'Four Public Protection Notices were submitted.',
    'Mother told Health Visitor 1 that Person 1 had moved in.',
    '**Emails to absent workers.** Important information was lost.',
  ])
    assert.deepEqual(found(text), [], text)
})

test('makes the leak gate report a name left in the output, but not the labels', () => {
  const options = { recognizers: [recognizer] }
  const left = checkForLeaks('Their neighbour, Gary Stokes, rang the police.', cast, [], options)
  assert.deepEqual(
    left.map((l) => [l.text, l.recognizer]),
    [['Gary Stokes', 'entity-tagger']],
  )
  assert.deepEqual(checkForLeaks('Mother told Health Visitor 1 that Person 1 had moved in.', cast, [], options), [])
})

test('reviewLabelWords reads labels added after it was made', () => {
  const current = ['Child P']
  const isLabel = reviewLabelWords(['subject child'], () => current)
  assert.equal(isLabel('subject'), true)
  assert.equal(isLabel('sibling'), false)
  current.push('Sibling 1')
  assert.equal(isLabel('sibling'), true)
})
