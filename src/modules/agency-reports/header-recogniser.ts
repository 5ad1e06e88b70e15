/**
 * Recognises the header of an agency report in the text of an uploaded Word document, so the form can be
 * filled in for the author to check: "Author: Sam Jones", "Author's role: Named Nurse", "Date records
 * secured: 3 November 2026" (label and value on one line, or the label alone with the value on the next
 * line, as a two-column table becomes). Pure; never throws.
 */
import { parseChronologyDate } from '../chronology/chronology-date.ts'
import type { IsoDate } from '../clocks/plain-date.ts'

/** What was recognised; absent fields were not found (or not clear). */
export interface RecognisedHeader {
  authorName?: string
  authorRole?: string
  requestDate?: IsoDate
  recordsSecuredDate?: IsoDate
}

type HeaderField = keyof RecognisedHeader

/** Labels as report templates write them (compared lower-case, without the trailing colon). */
const LABELS: Array<[HeaderField, RegExp]> = [
  ['authorRole', /^(author['’]?s? (role|job title|position)|role of (the )?author|job title)$/],
  ['authorName', /^(author['’]?s? name|name of (the )?(report )?author|report author|author)$/],
  ['requestDate', /^(date of (the )?request|date requested|request date|date report requested)$/],
  [
    'recordsSecuredDate',
    /^(date (the )?(agency['’]?s? )?records (were )?secured|records secured( on)?|date of securing (the )?records)$/,
  ],
]

/** Longest value taken for a name or role: a longer line is prose, not a header value. */
const MAX_VALUE_CHARS = 120

function labelOf(text: string): HeaderField | null {
  const normalised = text
    .trim()
    .replace(/[:\-–]\s*$/, '')
    .trim()
    .toLowerCase()
  for (const [field, pattern] of LABELS) if (pattern.test(normalised)) return field
  return null
}

/** The header fields found in `text` (the first value of each wins). */
export function recogniseHeader(text: string): RecognisedHeader {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 200) // the header is at the start; never scan a whole report
  const found: RecognisedHeader = {}
  const take = (field: HeaderField, value: string) => {
    if (found[field] !== undefined || !value || value.length > MAX_VALUE_CHARS) return
    if (field === 'requestDate' || field === 'recordsSecuredDate') {
      const parsed = parseChronologyDate(value)
      // Only an exact day: "November 2026" is not the date records were secured.
      if (parsed.ok && parsed.value.precision === 'day' && !parsed.value.approximate) found[field] = parsed.value.start
      return
    }
    found[field] = value
  }
  const inlineLabel = (line: string) => /^([^:]{3,60}):\s*(.+)$/.exec(line)
  const isLabelLine = (line: string) => {
    const inline = inlineLabel(line)
    return labelOf(line) !== null || (inline !== null && labelOf(inline[1]) !== null)
  }
  for (let i = 0; i < lines.length; i++) {
    const inline = inlineLabel(lines[i])
    if (inline) {
      const field = labelOf(inline[1])
      if (field) take(field, inline[2].trim())
      continue
    }
    const field = labelOf(lines[i])
    const next = lines[i + 1]
    if (field && next !== undefined && !isLabelLine(next)) take(field, next)
  }
  return found
}
