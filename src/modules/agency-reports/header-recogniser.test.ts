import assert from 'node:assert/strict'
import { test } from 'node:test'
import { recogniseHeader } from './header-recogniser.ts'

test('header fields are recognised on one line or as label and value lines (a table)', () => {
  const cases: Array<[text: string, expected: ReturnType<typeof recogniseHeader>]> = [
    [
      "Individual management review\nAuthor: Sam Jones\nAuthor's role: Named Nurse for Safeguarding\nDate of request: 02/11/2026\nDate records secured: 4 November 2026",
      {
        authorName: 'Sam Jones',
        authorRole: 'Named Nurse for Safeguarding',
        requestDate: '2026-11-02',
        recordsSecuredDate: '2026-11-04',
      },
    ],
    [
      'Name of author\nSam Jones\nJob title\nDetective Inspector\nDate the agency’s records were secured\n3rd Nov 2026',
      { authorName: 'Sam Jones', authorRole: 'Detective Inspector', recordsSecuredDate: '2026-11-03' },
    ],
    ['Records secured: November 2026', {}],
    ['Records secured: 31/02/2026', {}],
    ['Author:\nDate of request: 2/11/2026', { requestDate: '2026-11-02' }],
    ['The author met the team on 3 November 2026.', {}],
    [`Author: ${'x'.repeat(200)}`, {}],
    ['Author: First One\nAuthor: Second One', { authorName: 'First One' }],
  ]
  for (const [text, expected] of cases) assert.deepEqual({ ...recogniseHeader(text) }, expected, text)
})
