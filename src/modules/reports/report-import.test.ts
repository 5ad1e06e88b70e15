import assert from 'node:assert/strict'
import { test } from 'node:test'
import { htmlToMarkdown, splitDraft } from './report-import.ts'

test('headings at the level that names most sections split the draft; nothing is lost', () => {
  const draft = [
    '# My review',
    'Written by the reviewer.',
    '## 1. Introduction',
    '1.1 Why.',
    '## Something else',
    'Kept here.',
    '### Detail',
    'More.',
    '## 2. Findings',
    '2.1 Found.',
    '## Recommendations',
    'Do this.',
  ].join('\n\n')
  const split = splitDraft('overview_report', draft)
  assert.equal(
    split.sections.introduction,
    '### My review\n\nWritten by the reviewer.\n\nWhy.\n\n### Something else\n\nKept here.\n\n### Detail\n\nMore.',
  )
  assert.equal(split.sections.findings, 'Found.')
  assert.equal(split.sections.recommendations, 'Do this.')
  assert.equal(split.sections.methodology, '')
  assert.deepEqual(
    split.headings.map((h) => h.sectionKey),
    [null, 'introduction', null, null, 'findings', 'recommendations'],
  )
})

test('the executive summary template knows the demo summary’s headings', () => {
  const split = splitDraft(
    'executive_summary',
    '### Why this review was carried out\n\nA.\n\n### What happened\n\nB.\n\n### Family views\n\nC.',
  )
  assert.equal(split.sections.circumstances, 'A.')
  assert.equal(split.sections.events, 'B.')
  assert.equal(split.sections.family_involvement, 'C.')
})

test('mammoth’s HTML becomes Markdown: headings, emphasis, lists, tables, entities', () => {
  const markdown = htmlToMarkdown(
    '<h2>1. Introduction</h2><p><strong>Bold</strong> &amp; <em>it</em> &lt;tag&gt;</p><ul><li>One</li><li>Two</li></ul><table><tr><td><p>A</p></td><td><p>B|C</p></td></tr><tr><td><p>1</p></td><td><p>2</p></td></tr></table>',
  )
  assert.equal(
    markdown,
    '## 1. Introduction\n\n**Bold** & _it_ <tag>\n\n- One\n- Two\n\n| A | B\\|C |\n| --- | --- |\n| 1 | 2 |',
  )
})
