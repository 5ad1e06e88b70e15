import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  numberedSectionMarkdown,
  referencesIn,
  renderPlainMarkdownHtml,
  renderSectionHtml,
  stripParagraphNumbers,
} from './report-markdown.ts'

const references = new Map([
  ['entry:e-1', { label: '7 December 2023, Marlshire Police', href: '/reviews/r/chronology?from=2023-12-07' }],
  ['episode:k-1', { label: 'Who was in the household?', href: '/reviews/r/chronology' }],
])

test('typed HTML and script come back as text; javascript: links are not made', () => {
  const html = renderSectionHtml(
    '<script>alert("x")</script> <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))',
    1,
    new Map(),
  )
  assert.doesNotMatch(html, /<script|<img|href="javascript/i)
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/)
  assert.doesNotMatch(renderPlainMarkdownHtml('<script>alert(1)</script>'), /<script/)
})

test('top-level paragraphs are numbered section.paragraph; headings, lists and tables are not', () => {
  const html = renderSectionHtml(
    'First.\n\n### A heading\n\nSecond:\n\n- a list item\n\n| a |\n|---|\n| 1 |\n\nThird.',
    3,
    new Map(),
  )
  const numbers = [...html.matchAll(/app-paragraph-number">([\d.]+)</g)].map((m) => m[1])
  assert.deepEqual(numbers, ['3.1', '3.2', '3.3'])
  assert.match(html, /<h3 class="govuk-heading-s">A heading<\/h3>/)
  assert.match(html, /<li>a list item<\/li>/)
  assert.match(html, /id="paragraph-3-2"/)
})

test('references become links with the entry date and agency or the episode name; unknown ones say so', () => {
  const text = 'See [[entry:e-1]] and [[episode:k-1]] and [[entry:gone]].'
  assert.deepEqual(referencesIn(text + ' [[entry:e-1]]'), [
    { kind: 'entry', id: 'e-1' },
    { kind: 'episode', id: 'k-1' },
    { kind: 'entry', id: 'gone' },
  ])
  const html = renderSectionHtml(text, 1, references)
  assert.match(
    html,
    /<a class="govuk-link app-report-reference" href="\/reviews\/r\/chronology\?from=2023-12-07">7 December 2023, Marlshire Police<\/a>/,
  )
  assert.match(html, />Who was in the household\?<\/a>/)
  assert.match(html, /a chronology entry that is no longer available/)
})

test('numbered Markdown writes the numbers in and the references as words', () => {
  const markdown = numberedSectionMarkdown('First [[entry:e-1]].\n\n- item\n\nSecond\ncontinued.', 2, references)
  assert.equal(
    markdown,
    '2.1 First (chronology: 7 December 2023, Marlshire Police).\n\n- item\n\n2.2 Second\ncontinued.',
  )
})

test('headings typed at section level become sub-headings in the numbered text, so exports keep one heading per section', () => {
  assert.equal(
    numberedSectionMarkdown('# Big\n\nText.\n\n## Medium\n\n#### Small', 4, new Map()),
    '### Big\n\n4.1 Text.\n\n### Medium\n\n#### Small',
  )
  assert.equal(numberedSectionMarkdown('Title\n=====\n\nText.', 1, new Map()), '### Title\n\n\n1.1 Text.')
})

test('paragraph numbers typed in a draft are removed, list numbers are kept', () => {
  assert.equal(stripParagraphNumbers('1.1 Text\n\n10.12 More\n\n1. Item'), 'Text\n\nMore\n\n1. Item')
})
