import assert from 'node:assert/strict'
import { test } from 'node:test'
import { lowerFirst } from './text.ts'

test('a label reads inside a sentence; an acronym at the start stays as written', () => {
  for (const [label, expected] of [
    ['Date of birth', 'date of birth'],
    ['Overview report', 'overview report'],
    ['NHS number', 'NHS number'],
    ['GP practice', 'GP practice'],
    ['A child', 'a child'],
    ['Seek advice', 'seek advice'],
    ['', ''],
  ]) {
    assert.equal(lowerFirst(label), expected, label)
  }
})
