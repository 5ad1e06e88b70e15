import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTimeExpressionRecognizer } from './time-expressions.ts'

const found = (text: string): string[] =>
  createTimeExpressionRecognizer()
    .analyze(text)
    .map((d) => text.slice(d.start, d.end))

test('a year dating an event and a clock time are found; cited years, numbers and dates are not', () => {
  assert.deepEqual(found('In 2008 she moved; she had lived there since 1985.'), ['2008', '1985'])
  assert.deepEqual(found('between 1986 and 1988, by the end of 1990'), ['1986', '1988', '1990'])
  assert.deepEqual(found('He was released at 12.45 p.m. and seen at about 12 noon.'), ['12.45 p.m.', '12 noon'])
  assert.deepEqual(found('under the Children Act 1989 and in 1989 Act proceedings'), [])
  assert.deepEqual(found('in 20 cases, in 12/03/2004, in 2019/20 and in 1234'), [])
})
