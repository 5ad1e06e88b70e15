import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildBulkRows, MAX_BULK_FILES, parseMetadataCsv } from './bulk-metadata.ts'
import { suggestMetadata } from './suggest-metadata.ts'

const bytes = (text: string) => new TextEncoder().encode(text)
const now = new Date('2026-11-26T10:00:00.000Z')

test('headers are matched ignoring case, spaces and hyphens, with aliases; unknown columns are reported, not refused', () => {
  const csv = parseMetadataCsv(
    bytes('\uFEFFFile Name,Review-Type,AGE BAND,Notes\r\na.pdf,Serious case review,Under 1,x\r\n'),
  )
  assert.deepEqual(csv.problems, [])
  assert.deepEqual(csv.ignoredColumns, ['Notes'])
  assert.deepEqual(csv.rows, [
    { line: 2, cells: { file: 'a.pdf', review_type: 'Serious case review', child_age_band: 'Under 1' } },
  ])
})

test('a CSV that cannot be used gives one plain problem (and no noise about every file)', () => {
  const table: [string, string][] = [
    ['', 'The CSV file is empty'],
    ['title,year\nA,2020', 'The CSV must have a column called “file” with the file name of each report'],
    [
      'file,title\na.pdf,"unbalanced',
      'The metadata file could not be read as CSV. Save it from your spreadsheet as “CSV UTF-8” and upload it again',
    ],
    ['file', 'The CSV has a header but no rows: add one row for each report'],
  ]
  for (const [text, problem] of table) {
    const csv = parseMetadataCsv(bytes(text))
    assert.deepEqual(csv.problems, [problem], text)
    const { problems } = buildBulkRows(csv, [{ fileName: 'a.pdf', unreadable: 'x' }], now)
    assert.deepEqual(problems, [problem], text)
  }
  const many = parseMetadataCsv(
    bytes(['file', ...Array.from({ length: MAX_BULK_FILES + 1 }, (_, i) => `r${i}.pdf`)].join('\n')),
  )
  assert.deepEqual(many.problems, [
    `The CSV has ${MAX_BULK_FILES + 1} rows: upload at most ${MAX_BULK_FILES} reports at a time`,
  ])
})

test('rows: labels or codes, recommendations split by blank lines or bars, a repeated file and an unreadable file are problems', () => {
  const text =
    'Local child safeguarding practice review. Child K was 3 months old. Published 2021. The baby was neglected: neglect of care and hygiene over many months, with neglect noted by the health visitor.'
  const csv = parseMetadataCsv(
    bytes(
      [
        'file,themes,recommendations,sex,nature_of_incident,ethnic_group',
        'k.html,Neglect; supervision,"First one.\n\nSecond one.",female,Death,White',
        'k.html,,One | Two,unknown,,',
        'bad.pdf,,,,,',
      ].join('\n'),
    ),
  )
  const { rows, problems } = buildBulkRows(
    csv,
    [
      { fileName: 'k.html', text, suggestions: suggestMetadata(text, now) },
      { fileName: 'bad.pdf', unreadable: '“bad.pdf”: The file could not be read' },
    ],
    now,
  )
  assert.deepEqual(problems, [])
  assert.deepEqual(rows[0].values.themes, ['neglect', 'supervision'])
  assert.deepEqual(rows[0].values.recommendations, ['First one.', 'Second one.'])
  assert.equal(rows[0].values.sex, 'female')
  assert.equal(rows[0].values.natureOfIncident, 'death')
  assert.equal(rows[0].values.ethnicGroup, 'white')
  assert.equal(rows[0].values.year, 2021)
  assert.equal(rows[0].sources.year, 'suggested')
  assert.deepEqual(rows[0].problems, [])
  assert.deepEqual(rows[1].problems, [
    '“k.html” is named by an earlier row too: each report needs one row',
    '“unknown” is not a sex: use female, male, not_stated',
  ])
  assert.deepEqual(rows[1].values.recommendations, ['One', 'Two'])
  assert.deepEqual(rows[2].problems, ['“bad.pdf”: The file could not be read'])
})

test('an Anonymous row (no area) whose summary names its partnership or region is a problem naming the words', () => {
  const text = 'Local child safeguarding practice review. Child L was 9. Published 2022. Neglect, neglect and neglect.'
  const csv = parseMetadataCsv(
    bytes(
      [
        'file,area,partnership,region,summary',
        'l.html,,Westshire Safeguarding Children Partnership,North East,Child L lived in Westshire in the North East.',
        'm.html,Westshire,Westshire Safeguarding Children Partnership,North East,Child M lived in Westshire.',
      ].join('\n'),
    ),
  )
  const { rows } = buildBulkRows(
    csv,
    [
      { fileName: 'l.html', text, suggestions: suggestMetadata(text, now) },
      { fileName: 'm.html', text, suggestions: suggestMetadata(text, now) },
    ],
    now,
  )
  assert.ok(
    rows[0].problems.includes(
      'The summary names the area of a review published as Anonymous: remove “Westshire”, “North East”',
    ),
    rows[0].problems.join('\n'),
  )
  assert.ok(!rows[1].problems.some((p) => p.includes('Anonymous')))
})
