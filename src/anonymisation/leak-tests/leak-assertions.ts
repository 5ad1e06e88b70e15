/**
 * Helpers for the leak tests: what counts as an identifying part of an expected span, and whether
 * any part is still in the anonymised text. Test support only; not part of the library's API.
 */
import { MONTH_NAMES } from '../months.ts'

// Words that say what kind of thing a span is without identifying it.
const GENERIC_WORDS = new Set(
  `the a an and of at on in st saint flat road street lane court close way row avenue drive place square yard
  general hospital hospitals children's childrens day nursery family hub medical practice police station
  custody suite magistrates primary school church england royal academy surgery centre health dr pc dc ds di dci sgt mr mrs ms miss`
    .split(/\s+/)
    .filter(Boolean),
)

const MONTHS = MONTH_NAMES

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/** One expected identifier span (the format of `expected-identifiers.json`). */
export interface ExpectedSpan {
  text: string
  type: string
}

/**
 * Returns the identifying parts of an expected span that are still present in `output` (empty
 * when the span is gone). A span is gone only when none of its identifying parts remain.
 */
export function remainingParts(span: ExpectedSpan, output: string): string[] {
  const found: string[] = []
  const compactOut = output.replace(/[^0-9A-Za-z]+/g, '').toUpperCase()
  const digitsOut = output.replace(/\D+/g, ' ')
  switch (span.type) {
    case 'PHONE':
    case 'NHS_NUMBER': {
      const digits = span.text.replace(/\D+/g, '')
      if (digitsOut.replace(/ /g, '').includes(digits)) found.push(span.text)
      return found
    }
    case 'REFERENCE': {
      // a reference number, handle, vehicle or NI number: gone when its characters no longer appear
      // in order, whatever separators the output puts between them ("22/SK/017733", "22 SK 017733");
      // the label "MISPER" says what kind of reference it was and may stay
      const chars = span.text.replace(/^MISPER\s+/i, '').replace(/[^0-9A-Za-z]+/g, '')
      const re = new RegExp(`(?<![0-9A-Za-z])${[...chars].map(escape).join('[\\s/.-]*')}(?![0-9A-Za-z])`, 'i')
      if (re.test(output)) found.push(span.text)
      return found
    }
    case 'POSTCODE':
    case 'EMAIL':
      if (compactOut.includes(span.text.replace(/[^0-9A-Za-z]+/g, '').toUpperCase())) found.push(span.text)
      return found
    case 'DATE': {
      const m = /(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+)/.exec(span.text)
      if (m) {
        const month = MONTHS.find((x) => x.startsWith(m[2].slice(0, 3)))
        if (month) {
          const re = new RegExp(
            `\\b${m[1]}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month.slice(0, 3)}[a-z]*\\b|\\b${month}\\s+${m[1]}(?:st|nd|rd|th)?\\b`,
          )
          if (re.test(output)) found.push(span.text)
        }
      }
      return found
    }
    default: {
      const words = span.text.split(/[\s,]+/).filter((w) => w && !/^\d+[A-Za-z]?$/.test(w))
      let parts = words.filter((w) => !GENERIC_WORDS.has(w.toLowerCase().replace(/’/g, "'")))
      if (parts.length === 0) parts = [span.text]
      for (const p of parts) {
        const forms = [p, p.toUpperCase()]
        // a first name that is a month ("May") is still there only when not written as a date ("May 2023")
        const notDate = MONTHS.includes(p) ? String.raw`(?!\s+\d)` : ''
        if (forms.some((f) => new RegExp(`(?<![A-Za-z])${escape(f)}(?![a-z])${notDate}`).test(output))) found.push(p)
      }
      return found
    }
  }
}
