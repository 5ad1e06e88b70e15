import assert from 'node:assert/strict'
import { test } from 'node:test'
import { escapeSpreadsheetCell } from './spreadsheet-cell.ts'

test('cells that a spreadsheet would run as a formula are escaped; others are unchanged', () => {
  const cases: Array<[string, string]> = [
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['+44 7700 900123', `'+44 7700 900123`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['Visit = 3', 'Visit = 3'],
    ['auth.sign_in', 'auth.sign_in'],
    ['', ''],
  ]
  for (const [input, expected] of cases) assert.equal(escapeSpreadsheetCell(input), expected, JSON.stringify(input))
})
