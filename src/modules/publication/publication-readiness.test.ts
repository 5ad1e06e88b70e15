import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { sharedDataPath } from '../../shared-data.ts'
import { publicationReadiness, type ReadinessInput } from './publication-readiness.ts'

const ready: ReadinessInput = {
  documents: [{ title: 'Overview report', text: '## 1. Introduction\n\n1.1 Child M was harmed.\n', emptySections: [] }],
  summary: 'Child M, a baby, was harmed.',
  themes: ['neglect'],
  area: 'Marlshire',
  publishAsAnonymous: false,
  recommendations: ['The partnership should check who lives in the household.'],
}

test('a clean entry has nothing to fix', () => {
  assert.deepEqual(publicationReadiness(ready).findings, [])
})

test('drafting and confidentiality markers block, each with its paragraph and a quote; a lower-case draft is a warning', () => {
  const r = publicationReadiness({
    ...ready,
    documents: [
      {
        title: 'Overview report',
        text: '## 1. Introduction\n\n### Overview report - DRAFT v0.3 (not for publication)\n\n1.2 Do not circulate. The panel discussed the draft.\n',
        emptySections: ['Good practice', 'The child’s voice'],
      },
    ],
    recommendations: ['Confidential: the partnership should act.'],
  })
  assert.deepEqual(
    r.blockers.map((b) => [b.where, b.quote]),
    [
      [
        'Overview report, heading “Overview report - DRAFT v0.3 (not for publication)”',
        '### Overview report - DRAFT v0.3 (not for publication)',
      ],
      [
        'Overview report, heading “Overview report - DRAFT v0.3 (not for publication)”',
        '### Overview report - DRAFT v0.3 (not for publication)',
      ],
      ['Overview report, paragraph 1.2', '1.2 Do not circulate. The panel discussed the draft.'],
      ['Recommendation 1', 'Confidential: the partnership should act.'],
    ],
  )
  assert.deepEqual(
    r.warnings.map((w) => w.message),
    ['Check the word “draft” (“draft”) is meant to be published'],
  )
  // Empty sections are accepted by the chair, the child's voice named first.
  assert.deepEqual(
    r.toAccept.map((f) => f.where),
    ['Overview report, section “The child’s voice”', 'Overview report, section “Good practice”'],
  )
})

test('missing summary, themes and area block; Anonymous needs no area', () => {
  const r = publicationReadiness({ ...ready, summary: ' ', themes: [], area: null })
  assert.deepEqual(
    r.blockers.map((b) => b.message),
    [
      'Enter and save a case summary',
      'Choose at least one learning theme',
      'The area is not known: publish as Anonymous or record the partnership',
    ],
  )
  assert.equal(publicationReadiness({ ...ready, area: null, publishAsAnonymous: true }).blockers.length, 0)
})

test('the demo drafts, before anonymisation: their labels are blockers, without quoting the draft', () => {
  const draft = readFileSync(sharedDataPath('demo-case', 'overview-report-draft.md'), 'utf8')
  const r = publicationReadiness({
    ...ready,
    documents: [{ title: 'Overview report', text: null, draftText: draft, emptySections: [] }],
  })
  const found = r.blockers.map((b) => b.message)
  assert.ok(found.includes('Anonymise the overview report before the check can read it'))
  for (const label of ['DRAFT v0.3', 'not for publication', 'Confidential', 'Do not circulate']) {
    assert.ok(
      found.some((m) => m.includes(`(“${label}”)`)),
      label,
    )
  }
  assert.ok(r.findings.every((f) => f.quote === null))
})
