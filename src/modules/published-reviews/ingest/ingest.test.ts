import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { Document, Packer, Paragraph, HeadingLevel } from 'docx'
import PDFDocument from 'pdfkit'
import { sharedDataPath } from '../../../shared-data.ts'
import { extractDocument, UnreadableDocumentError } from './extract-text.ts'
import { htmlToText, sanitiseHtml } from './html-text.ts'
import {
  suggestAgeBand,
  suggestPseudonym,
  suggestRecommendations,
  suggestReviewType,
  suggestThemes,
  suggestYear,
} from './suggest-metadata.ts'
import { evaluateThemeSuggestions, loadLabelledReports } from './theme-evaluation.ts'

const REPORT = [
  'Local Child Safeguarding Practice Review: Child X',
  'Published: March 2024',
  'Child X, aged 14, went missing from home and was criminally exploited through county lines.',
  'Recommendations',
  '1. Police should share intelligence about county lines with schools.',
  '2. The partnership should review return home interviews.',
]

async function pdfBytes(lines: string[]): Promise<Uint8Array> {
  const doc = new PDFDocument()
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  for (const line of lines) doc.text(line)
  doc.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}

async function docxBytes(lines: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: lines.map((text, i) => new Paragraph(i === 0 ? { text, heading: HeadingLevel.HEADING_1 } : { text })),
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

test('PDF, DOCX and HTML files are read back to their text, and suggestions come from it', async () => {
  const html = `<!doctype html><html><head><title>x</title><style>p{}</style></head><body>${REPORT.map((l) => `<p>${l.replace('&', '&amp;')}</p>`).join('')}<script>alert("x")</script></body></html>`
  const files = [
    { fileName: 'report.pdf', data: await pdfBytes(REPORT), format: 'pdf' },
    { fileName: 'report.docx', data: await docxBytes(REPORT), format: 'docx' },
    { fileName: 'report.html', data: new TextEncoder().encode(html), format: 'html' },
  ]
  for (const file of files) {
    const extracted = await extractDocument(file)
    assert.equal(extracted.format, file.format)
    assert.match(extracted.text, /Child X, aged 14, went missing from home/, file.fileName)
    assert.doesNotMatch(extracted.text, /alert|p\{\}/, file.fileName)
    assert.equal(suggestPseudonym(extracted.text), 'Child X', file.fileName)
    assert.equal(suggestAgeBand(extracted.text), '10_15', file.fileName)
    assert.equal(suggestReviewType(extracted.text), 'lcspr', file.fileName)
    assert.equal(suggestYear(extracted.text, new Date('2026-01-01')), 2024, file.fileName)
    assert.deepEqual(
      suggestRecommendations(extracted.text),
      [
        'Police should share intelligence about county lines with schools.',
        'The partnership should review return home interviews.',
      ],
      file.fileName,
    )
    assert.deepEqual(
      suggestThemes(extracted.text)
        .map((s) => s.theme)
        .sort(),
      ['criminal_exploitation', 'missing_from_home_or_education'],
      file.fileName,
    )
  }
  await assert.rejects(
    extractDocument({ fileName: 'x.exe', data: new Uint8Array([0x4d, 0x5a]) }),
    UnreadableDocumentError,
  )
  await assert.rejects(
    extractDocument({ fileName: 'broken.pdf', data: new TextEncoder().encode('%PDF-1.4 nonsense') }),
    UnreadableDocumentError,
  )
  await assert.rejects(
    extractDocument({ fileName: 'broken.docx', data: new Uint8Array([0x50, 0x4b, 3, 4, 0]) }),
    UnreadableDocumentError,
  )
})

test('HTML: text without markup, and allow-listed HTML that cannot carry script', () => {
  const cases: [string, string, string][] = [
    ['<p>a &amp; b &lt;c&gt; &#169; &#x2013;</p>', 'a & b <c> © –', '<p>a &amp; b &lt;c&gt; © –</p>'],
    ['<p onclick="x()">hi</p><img src=x onerror=alert(1)>', 'hi', '<p>hi</p>'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt>alert(1)', 'ipt&gt;alert(1)'],
    ['<a href="javascript:alert(1)">link</a>', 'link', 'link'],
    ['<!-- <script>x</script> --><b>bold', 'bold', '<b>bold</b>'],
    ['<ul><li>one<li>two</ul>', '- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    ['</p>stray', 'stray', '<p></p>stray'],
    ['<math><mi>x</mi></math><textarea><script>alert(1)</script></textarea>ok', 'ok', 'ok'],
    ['<p style="background:url(javascript:alert(1))">x</p><iframe src="//evil"></iframe>', 'x', '<p>x</p>'],
    ['<p title="a>b">x</p>', 'x', '<p>x</p>'],
    ['<svg><script>alert(1)</script></svg>after', 'after', 'after'],
    ['a < b', 'a < b', 'a &lt; b'],
  ]
  for (const [input, text, safe] of cases) {
    assert.equal(htmlToText(input), text, input)
    assert.equal(sanitiseHtml(input), safe, input)
  }
})

test('metadata suggestions, table-driven', () => {
  const ages: [string, string | null][] = [
    ['Baby Q, aged seven weeks, was admitted', 'under_1'],
    ['aged 9 months', 'under_1'],
    ['a 3-year-old girl', '1_4'],
    ['aged eighteen months', '1_4'],
    ['the child was 8 years old', '5_9'],
    ['aged 15', '10_15'],
    ['aged sixteen', '16_17'],
    ['a care leaver aged 19', 'care_leaver_18_24'],
    ['aged 19', null],
    ['no age here', null],
  ]
  for (const [text, band] of ages) assert.equal(suggestAgeBand(text), band, text)
  const types: [string, string | null][] = [
    ['This Serious Case Review', 'scr'],
    ['Local Child Safeguarding Practice Review', 'lcspr'],
    ['the rapid review found', 'rapid_review'],
    ['a national review by the Panel', 'national_review'],
    ['an inquiry', null],
  ]
  for (const [text, type] of types) assert.equal(suggestReviewType(text), type, text)
  assert.equal(suggestPseudonym('Child Protection plan for Child AB. Child AB was seen. Baby C too.'), 'Child AB')
  assert.equal(suggestPseudonym('no pseudonym'), null)
  assert.equal(suggestYear('Events of 2019 and 2021; future plan 2099', new Date('2026-01-01')), 2021)
  assert.deepEqual(
    suggestRecommendations(
      'Recommendation 1: Do the first thing properly.\n\nRecommendation 2.\nDo the second thing properly.',
    ),
    ['Do the first thing properly.', 'Do the second thing properly.'],
  )
})

test('theme suggestions on the labelled set reach micro precision 0.85 and recall 0.7', () => {
  const fixtures = join(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', 'test', 'fixtures', 'repository')
  const reports = loadLabelledReports(fixtures, sharedDataPath('demo-case'))
  assert.ok(reports.length >= 24)
  const { micro } = evaluateThemeSuggestions(reports)
  assert.ok(micro.precision >= 0.85, `precision ${micro.precision}`)
  assert.ok(micro.recall >= 0.7, `recall ${micro.recall}`)
  // The demo case's overview report: its seven primary themes are all suggested.
  const overview = reports.find((r) => r.name === 'demo-case/overview-report-draft.md')!
  const suggested = new Set(suggestThemes(overview.text).map((s) => s.theme))
  for (const theme of [
    'non_accidental_head_injury',
    'physical_abuse',
    'domestic_abuse',
    'parental_substance_misuse',
    'hidden_men_fathers',
    'information_sharing',
    'inter_agency_communication',
  ] as const) {
    assert.ok(suggested.has(theme), theme)
  }
})
