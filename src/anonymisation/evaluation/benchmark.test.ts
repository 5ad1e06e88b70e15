import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  isMasked,
  maskArray,
  scoreDocuments,
  unmaskedSpans,
  type GoldDocument,
  type GoldMention,
  type Span,
} from './benchmark.ts'
import { parsePresidioResearch, parseSystemOutput, parseTabDocuments, splitAlternate } from './datasets.ts'

const text = 'Ms Anna Berg (no. 12345/01) was born in Oslo on 1 May 1990. Berg works for Acme Ltd.'
const at = (needle: string, from = 0): [number, number] => {
  const start = text.indexOf(needle, from)
  assert.ok(start >= 0, needle)
  return [start, start + needle.length]
}
const mention = (
  span: [number, number],
  entityId: string,
  identifierType: GoldMention['identifierType'],
): GoldMention => ({
  start: span[0],
  end: span[1],
  entityId,
  identifierType,
  entityType: 'X',
})
const secondBerg = at('Berg', at('1990')[1])
const document: GoldDocument = {
  id: 'doc',
  text,
  mentions: [
    mention(at('Anna Berg'), 'person', 'DIRECT'),
    mention(secondBerg, 'person', 'DIRECT'),
    mention(at('12345/01'), 'case', 'DIRECT'),
    mention(at('Oslo'), 'place', 'QUASI'),
    mention(at('1 May 1990'), 'date', 'QUASI'),
    mention(at('Acme Ltd'), 'company', 'NO_MASK'),
  ],
}

test('scores a hand-worked example', () => {
  // Masked: "Anna Berg" (not the second "Berg"), "(no. 12345/01)" whole, "Oslo", "1 May" (not the
  // year), the ordinary word "works", and "Acme" (inside a NO_MASK mention, so not a precision error).
  const masked: Span[] = [
    at('Anna Berg'),
    [at('(no.')[0], at('12345/01)')[1]],
    at('Oslo'),
    at('1 May'),
    at('works'),
    at('Acme'),
  ]
  const s = scoreDocuments([document], { doc: masked })
  // DIRECT entities: person (one mention unmasked → exposed), case (masked) → 1/2.
  assert.equal(s.directEntities, 2)
  assert.equal(s.erDirect, 1 / 2)
  // QUASI entities: place (masked), date (year visible → exposed) → 1/2.
  assert.equal(s.erQuasi, 1 / 2)
  // Tokens in DIRECT/QUASI mentions: Anna Berg 12345 01 Oslo 1 May 1990 Berg = 9; masked: 7.
  assert.equal(s.goldTokens, 9)
  assert.equal(s.tokenRecall, 7 / 9)
  // Masked tokens: Anna Berg no 12345 01 Oslo 1 May works Acme = 10; "no" and "works" lie in no mention.
  assert.equal(s.maskedTokens, 10)
  assert.equal(s.tokenPrecision, 8 / 10)
})

test('ignores whitespace and punctuation when deciding whether a mention is masked', () => {
  const mask = maskArray(text.length, [
    [at('12345')[0], at('12345')[1]],
    [at('01')[0], at('01')[1]],
  ])
  assert.equal(isMasked(text, mask, ...at('12345/01')), true)
  assert.equal(isMasked(text, mask, ...at('(no. 12345/01')), false)
})

test('masks nothing for a document without output, and clips spans outside the text', () => {
  const none = scoreDocuments([document], {})
  assert.equal(none.tokenRecall, 0)
  assert.ok(Number.isNaN(none.tokenPrecision))
  const all = scoreDocuments([document], { doc: [[-5, text.length + 10]] })
  assert.equal(all.erDirect, 1)
  assert.equal(all.erQuasi, 1)
  assert.equal(all.tokenRecall, 1)
})

test('lists the expected spans left visible', () => {
  const expected = [
    { start: at('Anna')[0], end: at('Anna')[1], id: 1 },
    { start: at('Oslo')[0], end: at('Oslo')[1], id: 2 },
  ]
  assert.deepEqual(
    unmaskedSpans(text, [at('Oslo')], expected).map((e) => e.id),
    [1],
  )
})

test('parses the TAB, presidio-research and system output formats', () => {
  const tab = parseTabDocuments([
    {
      doc_id: 'd1',
      text: 'Mr X',
      annotations: {
        annotator1: {
          entity_mentions: [
            { start_offset: 0, end_offset: 4, entity_id: 'e', identifier_type: 'DIRECT', entity_type: 'PERSON' },
          ],
        },
      },
    },
  ])
  assert.deepEqual(tab[0].mentions, [
    { start: 0, end: 4, entityId: 'e', identifierType: 'DIRECT', entityType: 'PERSON' },
  ])
  assert.throws(() => parseTabDocuments({}), TypeError)

  const presidio = parsePresidioResearch([
    {
      full_text: 'Call Ann in Leeds',
      spans: [
        { entity_type: 'PERSON', start_position: 5, end_position: 8 },
        { entity_type: 'GPE', start_position: 12, end_position: 17 },
      ],
    },
  ])
  assert.deepEqual(
    presidio[0].mentions.map((m) => m.identifierType),
    ['DIRECT', 'QUASI'],
  )

  assert.deepEqual(parseSystemOutput({ a: [[1, 2]] }), { a: [[1, 2]] })
  assert.throws(() => parseSystemOutput({ a: [[1]] }), TypeError)
  assert.deepEqual(splitAlternate([0, 1, 2, 3, 4]), { train: [0, 2, 4], heldOut: [1, 3] })
})
