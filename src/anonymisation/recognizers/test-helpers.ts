import assert from 'node:assert/strict'
import type { Recognizer } from '../types.ts'

/** One row of a recognizer table test: the text, and the spans (as text) the recognizer must report. */
export interface Row {
  text: string
  expect: string[]
  note?: string
}

/** Runs a recognizer over each row and compares the reported span texts (sorted by start). Test support only. */
export function assertRows(recognizer: Recognizer, rows: readonly Row[]): void {
  for (const row of rows) {
    const found = recognizer
      .analyze(row.text)
      .sort((a, b) => a.start - b.start)
      .map((d) => row.text.slice(d.start, d.end))
    assert.deepEqual(found, row.expect, `${row.note ?? ''} ${JSON.stringify(row.text)}`)
  }
}
