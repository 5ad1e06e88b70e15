import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkEvidenceFile, isOverdue, recommendationSentence, type ActionStatus } from './action-plan.ts'

test('the overdue rule: due date before today and not closed', () => {
  const cases: Array<[string, ActionStatus, boolean]> = [
    ['2026-11-25', 'not_started', true],
    ['2026-11-25', 'in_progress', true],
    ['2026-11-25', 'awaiting_evidence', true],
    ['2026-11-25', 'closed', false],
    ['2026-11-26', 'in_progress', false],
    ['2026-11-27', 'not_started', false],
    ['2025-12-31', 'not_started', true],
  ]
  for (const [dueDate, status, expected] of cases) {
    assert.equal(isOverdue({ dueDate, status }, '2026-11-26'), expected, `${dueDate} ${status}`)
  }
})

test('a recommendation reads as one paragraph', () => {
  assert.equal(
    recommendationSentence({
      addressedTo: 'The Partnership',
      action: 'Seek assurance that fathers are seen.',
      measureOfSuccess: 'An audit of 20 cases',
      timescale: 'within 6 months',
    }),
    'The Partnership should seek assurance that fathers are seen. Success will be shown by an audit of 20 cases. Timescale: within 6 months.',
  )
  assert.equal(
    recommendationSentence({
      addressedTo: 'Marlshire ICB',
      action: 'NHS trusts  audit',
      measureOfSuccess: '',
      timescale: '',
    }),
    'Marlshire ICB should NHS trusts audit.',
  )
})

test('evidence files: type by extension and bytes, size limit, safe names', () => {
  const bytes = (...b: number[]) => new Uint8Array(b)
  const ok = (fileName: string, data: Uint8Array) => {
    const result = checkEvidenceFile({ fileName, data })
    assert.ok(result.ok, `${fileName} should be accepted`)
    return result
  }
  assert.equal(ok('a.pdf', new TextEncoder().encode('%PDF-1.7')).contentType, 'application/pdf')
  assert.equal(ok('photo.JPG', bytes(0xff, 0xd8, 0xff, 0xe0)).contentType, 'image/jpeg')
  assert.equal(ok('C:\\Users\\x\\notes "1".txt', new TextEncoder().encode('plain')).fileName, 'notes _1_.txt')
  const refused = (fileName: string, data: Uint8Array) => {
    const result = checkEvidenceFile({ fileName, data })
    assert.ok(!result.ok, `${fileName} should be refused`)
    return result.message
  }
  assert.equal(refused('a.docx', new TextEncoder().encode('%PDF')), 'The selected file is not a real Word document')
  assert.equal(refused('binary.txt', bytes(0x41, 0x00, 0x42)), 'The selected file is not a real text file')
  assert.equal(refused('empty.png', bytes()), 'The selected file is empty')
  assert.equal(
    refused('page.html', bytes(0x3c)),
    'The selected file must be a PDF, Word document (DOCX), text file, PNG or JPEG',
  )
})
