import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { decodeGreedy, dynamicRowsByName } from './decoder.ts'
import { EntityTagger, isPropagatable, propagate, type EntityTaggerModel } from './entity-tagger.ts'
import { documentFacts, staticFeatures, tokenFacts } from './features.ts'
import { createEntityTaggerRecognizer } from './entity-tagger.recognizer.ts'
import { goldTags, trainEntityTagger } from './trainer.ts'
import { tokenize } from './tokenizer.ts'

// A tiny training set: enough for the perceptron to learn "Mr <Name>" and "<day> <Month> <year>".
const names = ['Smith', 'Jones', 'Kowalski', 'Patel', 'Novak', 'Brown', 'Yilmaz', 'Green']
const months = ['January', 'March', 'May', 'July', 'October', 'December']
const tiny = names.map((name, i) => {
  const date = `${i + 3} ${months[i % months.length]} ${1990 + i}`
  const text = `On ${date} Mr ${name} applied to the court.`
  const start = text.indexOf('Mr')
  return {
    text,
    entities: [
      { start: 3, end: 3 + date.length, entityType: 'DATETIME' },
      { start, end: start + 3 + name.length, entityType: 'PERSON' },
    ],
  }
})

test('training is deterministic and learns a tiny pattern', () => {
  const a = trainEntityTagger(tiny, { epochs: 5, seed: 7, minFeatureCount: 1 })
  const b = trainEntityTagger(tiny, { epochs: 5, seed: 7, minFeatureCount: 1 })
  assert.equal(JSON.stringify(a), JSON.stringify(b))
  const tagger = EntityTagger.fromJSON(JSON.parse(JSON.stringify(a)))
  const text = 'On 9 May 2001 Mr Okafor applied to the court.'
  const spans = tagger.tag(text).map((s) => `${text.slice(s.start, s.end)}/${s.entityType}`)
  assert.ok(spans.includes('9 May 2001/DATETIME'), spans.join())
  assert.ok(spans.includes('Mr Okafor/PERSON'), spans.join())
  assert.ok(!spans.some((s) => /applied|court/.test(s)), spans.join())
})

test('refuses to train on nothing and to load what is not a model', () => {
  assert.throws(() => trainEntityTagger([{ text: 'nothing here', entities: [] }]), RangeError)
  assert.throws(() => EntityTagger.fromJSON({ format: 'other' }), TypeError)
  assert.throws(() => EntityTagger.fromJSON(null), TypeError)
})

test('gold tags follow BIO over tokens', () => {
  const text = 'Mr Ann Lee met Bo.'
  assert.deepEqual(
    goldTags(tokenize(text), [
      { start: 0, end: 10, entityType: 'PERSON' },
      { start: 15, end: 17, entityType: 'PERSON' },
    ]),
    ['B-PERSON', 'I-PERSON', 'I-PERSON', 'O', 'B-PERSON', 'O'],
  )
})

test('propagation masks later mentions of a found name, and parts of a person name', () => {
  const text = 'Gisela Kirsten sued. Later Kirsten and Gisela Kirsten won; Kirstenberg did not.'
  const spans = propagate(text, [{ start: 0, end: 14, entityType: 'PERSON', score: 0.9 }])
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['Gisela Kirsten', 'Kirsten', 'Gisela Kirsten'],
  )
})

test('propagation leaves lower-case forms alone: a lone "the" the tagger included is not masked throughout', () => {
  const text = 'the farm of the Smith family; the farm at Ankara and the 1998 Act'
  const spans = propagate(text, [
    { start: 0, end: 3, entityType: 'ORG', score: 0.6 },
    { start: 4, end: 8, entityType: 'MISC', score: 0.6 },
    { start: 16, end: 21, entityType: 'PERSON', score: 0.9 },
    { start: text.indexOf('1998 Act'), end: text.indexOf('1998 Act') + 8, entityType: 'MISC', score: 0.9 },
  ])
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['the', 'farm', 'Smith', '1998 Act'],
  )
  assert.equal(isPropagatable('the'), false)
  assert.equal(isPropagatable('reindeer herding'), false)
  assert.equal(isPropagatable('PKK'), true)
  assert.equal(isPropagatable('12/94'), true)
  assert.equal(isPropagatable('Al'), false)
})

// The shipped model (a few MB at most), as `case-review detect-spans` uses it.
const shipped = EntityTagger.fromJSON(
  JSON.parse(readFileSync(new URL('../../../models/entity-tagger.json', import.meta.url), 'utf8')),
)

test('the shipped model finds names, places and dates in unseen sentences', () => {
  const text =
    'The applicant, Mr Ivan Petrenko, was born in 1971 and lives in Kharkiv. On 3 March 2004 he was arrested.'
  const found = shipped.tag(text).map((s) => text.slice(s.start, s.end))
  for (const expected of ['Ivan Petrenko', '1971', 'Kharkiv', '3 March 2004'])
    assert.ok(
      found.some((f) => f.includes(expected)),
      `${expected} not in ${JSON.stringify(found)}`,
    )
  assert.ok(!found.some((f) => /applicant|arrested/.test(f)))
})

test('the recognizer maps types and explains each detection', () => {
  const detections = createEntityTaggerRecognizer(shipped).analyze(
    'Mr Ivan Petrenko was born on 3 March 2004 in Kharkiv.',
  )
  const person = detections.find((d) => d.entityType === 'PERSON')
  assert.ok(person)
  assert.match(person.explanation, /^person name \(statistical model, score (0|1)\.\d\d\)$/)
  assert.ok(detections.some((d) => d.entityType === 'DATE'))
  for (const d of detections) assert.ok(d.score >= 0 && d.score <= 1)
})

test('the tagger never throws on odd input', () => {
  for (const text of ['', ' ', '\u0000\uFFFF', '🙂'.repeat(50), 'a'.repeat(10_000), '....', 'İ'.repeat(3)])
    assert.ok(Array.isArray(shipped.tag(text)))
})

test('the fast tagging path decodes exactly as the training decoder does', () => {
  const model = JSON.parse(
    readFileSync(new URL('../../../models/entity-tagger.json', import.meta.url), 'utf8'),
  ) as EntityTaggerModel
  const text =
    'PROCEDURE\n\nThe case originated in an application (no. 19124/02) against Germany lodged by a German national, Ms Gisela Kirsten, on 1 May 2002. | She lives in Berlin | and paid DEM 28,224.'
  const tokens = tokenize(text)
  const facts = tokenFacts(tokens)
  const document = documentFacts(facts)
  const size = model.tags.length
  const names = Object.keys(model.features)
  const weights = new Float64Array(names.length * size)
  const index = new Map<string, number>()
  names.forEach((name, n) => {
    index.set(name, n * size)
    const sparse = model.features[name]
    for (let k = 0; k < sparse.length; k += 2) weights[n * size + sparse[k]] = sparse[k + 1] * model.quantum
  })
  const lookup = (name: string): number => index.get(name) ?? -1
  const reference = decodeGreedy(
    tokens.length,
    model.tags,
    weights,
    (i) => staticFeatures(facts, document, i).flatMap((name) => index.get(name) ?? []),
    dynamicRowsByName(facts, model.tags, lookup),
    undefined,
    model.outsidePenalty ?? 0,
  )
  const expected = mergeTags(
    reference.map((d) => model.tags[d.tag]),
    tokens,
  )
  const actual = shipped.tagTokens(tokens).map((s) => `${s.start}-${s.end}:${s.entityType}`)
  assert.deepEqual(actual, expected)
})

function mergeTags(tags: string[], tokens: ReturnType<typeof tokenize>): string[] {
  const spans: string[] = []
  let open: { start: number; end: number; type: string } | null = null
  tags.forEach((tag, i) => {
    if (tag.startsWith('I-') && open) open.end = tokens[i].end
    else {
      if (open) spans.push(`${open.start}-${open.end}:${open.type}`)
      open = tag === 'O' ? null : { start: tokens[i].start, end: tokens[i].end, type: tag.slice(2) }
    }
  })
  if (open) {
    const last = open as { start: number; end: number; type: string }
    spans.push(`${last.start}-${last.end}:${last.type}`)
  }
  return spans
}
