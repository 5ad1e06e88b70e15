import assert from 'node:assert/strict'
import { test } from 'node:test'
import { tokenize } from './tokenizer.ts'

const cases: { text: string; tokens: string[] }[] = [
  { text: 'Mr K.H. Christoph, a lawyer', tokens: ['Mr', 'K.', 'H.', 'Christoph', ',', 'a', 'lawyer'] },
  { text: 'application no. 19124/02 of 1 May', tokens: ['application', 'no', '.', '19124/02', 'of', '1', 'May'] },
  { text: "Thomas's mum, O'Brien-Smith", tokens: ['Thomas', "'s", 'mum', ',', "O'Brien-Smith"] },
  { text: 'DEM 28,224 on 3rd Apr', tokens: ['DEM', '28,224', 'on', '3rd', 'Apr'] },
  { text: 'mail a.b@x.example now', tokens: ['mail', 'a.b@x.example', 'now'] },
  { text: 'Zoë İzmir ①', tokens: ['Zoë', 'İzmir', '①'] },
]

for (const { text, tokens } of cases) {
  test(`tokenizes ${JSON.stringify(text)}`, () => {
    const result = tokenize(text)
    assert.deepEqual(
      result.map((t) => t.text),
      tokens,
    )
    for (const t of result) assert.equal(text.slice(t.start, t.end), t.text)
  })
}

test('marks sentence starts after full stops and line breaks, not after abbreviations', () => {
  const starts = tokenize('See no. 5 here. Then\nNext line')
    .filter((t) => t.sentenceStart)
    .map((t) => t.text)
  assert.deepEqual(starts, ['See', 'Then', 'Next'])
})

test('returns no tokens for empty or blank text', () => {
  assert.deepEqual(tokenize(''), [])
  assert.deepEqual(tokenize(' \n\t '), [])
})
