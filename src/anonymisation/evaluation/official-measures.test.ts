import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sharedDataPath } from '../../shared-data.ts'
import type { GoldDocument, GoldMention, Span } from './benchmark.ts'
import { parseSystemOutput, parseTabDocuments } from './datasets.ts'
import { scoreOfficial } from './official-measures.ts'

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/tab-official')
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

interface Official {
  recall_direct_entities: number
  recall_quasi_entities: number
  token_recall: number
  token_precision: number
}

test('agrees with the benchmark’s official scorer on TAB dev to 0.01 (two fixed span sets)', () => {
  const dev = parseTabDocuments(readJson(sharedDataPath('tab', 'dev.json')))
  const expected = readJson(resolve(fixtures, 'official-scores.json')) as Record<string, Official>
  for (const file of ['dev-spans-detector-d579e14.json', 'dev-spans-perturbed.json']) {
    const s = scoreOfficial(dev, parseSystemOutput(readJson(resolve(fixtures, file))))
    const want = expected[file]
    assert.ok(Math.abs(s.erDirect - want.recall_direct_entities) <= 0.01, `${file} ER_di ${s.erDirect}`)
    assert.ok(Math.abs(s.erQuasi - want.recall_quasi_entities) <= 0.01, `${file} ER_qi ${s.erQuasi}`)
    assert.ok(Math.abs(s.tokenRecall - want.token_recall) <= 0.01, `${file} token recall ${s.tokenRecall}`)
    assert.ok(Math.abs(s.tokenPrecision - want.token_precision) <= 0.01, `${file} precision ${s.tokenPrecision}`)
  }
})

const text = 'Mr Anna Berg of Oslo met the Ministry of Justice in 1990. Berg works.'
const at = (needle: string, from = 0): Span => {
  const start = text.indexOf(needle, from)
  assert.ok(start >= 0, needle)
  return [start, start + needle.length]
}
const m = (span: Span, entityId: string, identifierType: GoldMention['identifierType']): GoldMention => ({
  start: span[0],
  end: span[1],
  entityId,
  identifierType,
  entityType: 'X',
})
const document: GoldDocument = {
  id: 'd',
  text,
  mentions: [
    m(at('Mr Anna Berg'), 'person', 'DIRECT'),
    m(at('Berg', at('1990')[1]), 'person', 'DIRECT'),
    m(at('Oslo'), 'place', 'QUASI'),
    m(at('the Ministry of Justice'), 'ministry', 'NO_MASK'),
    m(at('1990'), 'year', 'QUASI'),
  ],
}

test('a masked token counts as correct only inside a DIRECT or QUASI mention', () => {
  // "Ministry" and "Justice" lie inside a NO_MASK mention: masking them is a precision error.
  const s = scoreOfficial([document], { d: [at('Oslo'), at('Ministry of Justice')] })
  assert.equal(s.maskedTokens, 4)
  assert.equal(s.maskedTokensCorrect, 1)
  assert.equal(s.tokenPrecision, 1 / 4)
})

test('a token is split at the edge of a masked span, and the part is a masked token of its own', () => {
  // "Anna Be": "Anna" is inside the mention (correct); "Be" too; the visible "rg" keeps the entity exposed.
  const s = scoreOfficial([document], { d: [[at('Anna')[0], at('Anna Berg')[1] - 2]] })
  assert.equal(s.maskedTokens, 2)
  assert.equal(s.maskedTokensCorrect, 2)
  assert.equal(s.directProtected, 0)
})

test('forgives titles, determiners and punctuation at mention edges, and needs every mention', () => {
  const both = scoreOfficial([document], { d: [at('Anna Berg'), at('Berg', at('1990')[1])] })
  assert.equal(both.erDirect, 1, '"Mr" is forgiven')
  const one = scoreOfficial([document], { d: [at('Anna Berg')] })
  assert.equal(one.erDirect, 0, 'the second "Berg" is visible')
  // Token recall counts "Mr" as masked too, because the scorer forgives it.
  assert.equal(both.goldTokens, 6)
  assert.equal(both.goldTokensMasked, 4)
})

test('an entity is DIRECT or QUASI by its first mention and needs masking if any mention does', () => {
  const mixed: GoldDocument = {
    id: 'x',
    text,
    mentions: [m(at('Oslo'), 'e', 'NO_MASK'), m(at('1990'), 'e', 'QUASI')],
  }
  const s = scoreOfficial([mixed], { x: [at('1990')] })
  assert.equal(s.quasiEntities, 1)
  assert.equal(s.quasiProtected, 1, 'the NO_MASK mention need not be masked')
  // but its tokens count in recall, as the scorer counts them
  assert.equal(s.goldTokens, 2)
  assert.equal(s.goldTokensMasked, 1)
})
