/**
 * Shared pieces of the reference-number recognizers (crime, incident, missing-person, custody,
 * court, warrant, local-authority and hospital numbers). Pure; never throws.
 */
import type { EntityType } from '../types.ts'
import type { PatternRule } from './pattern.ts'

/**
 * A reference code after its label: letters and digits, optionally joined by `/`, `-`, `.` or single
 * spaces between digit groups, with at least one digit and at least 3 characters ("1187",
 * "SKB/04417/23", "CL-204771", "23/1190"). Used as capture group 1 by `labelledReferenceRule`.
 */
export const REFERENCE_CODE = String.raw`((?=[A-Za-z0-9/.-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[/.-](?=[A-Za-z0-9])|\s(?=\d{2,}\b))*[A-Za-z0-9](?![A-Za-z0-9]|[/-]\d))`

/**
 * The words that may stand between a label and its code: "no.", "number", "ref", "ID", "is", ":", "#"
 * ("Mosaic ID 1049982", "custody number SKB/04417/23", "hospital number is RX4401927").
 */
export const LABEL_CONNECTOR = String.raw`(?:\s*(?:ref(?:erence)?s?\.?|numbers?|nos?\.?|num|ids?|#)){0,2}\s*(?:\bis\b|\bwas\b|\bare\b|\bwere\b|:|#|=)?\s*`

/**
 * True when a candidate code is really a date, a time, a bare year or a span of years, which the
 * date recognizer handles or which identify nobody ("03/04/2024", "2023-02-02", "23:40", "1989",
 * "2023/24").
 */
export function isDateOrYearLike(value: string): boolean {
  if (/^(?:19|20)\d{2}$/.test(value)) return true
  if (/^\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})$/.test(value)) return true
  if (/^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}$/.test(value)) return true
  if (/^(?:19|20)\d{2}[/-]\d{2}$/.test(value)) return true
  return false
}

/**
 * Further codes listed after a labelled one, with or without a comma between them ("URN
 * 44XY1234523 44XY1234524", "crime refs 1234/23 and 5678/23"): each holds a digit and is a code
 * (joined by `/`, `-` or `.`, or four characters or more with a digit), never a year or a date
 * ("CRN 2023/0451 in 2023", "Log 0412 and 03/04/2024" keep their year and date).
 */
const LISTED_CODES = String.raw`(?:(?:\s*[,;&]\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|[ \t]+)(?!(?:19|20)\d{2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b)(?=[A-Za-z0-9/.-]*\d)(?:[A-Za-z0-9]+(?:[/.-][A-Za-z0-9]+)+|[A-Za-z]*\d[A-Za-z0-9]{3,})(?![A-Za-z0-9/-]))*`

/**
 * A pattern rule for "LABEL [no./number/ref/ID] [is|:] CODE", reporting only the code. `label` is a
 * regular-expression source (case-insensitive) naming the kind of reference. When nothing but
 * spaces stands between the label and the code ("MISPER 23/0451", "MRN 20448193"), the code must
 * hold at least four digits, so that "the child's 14th birthday" or "case 12" is not a reference;
 * after "no.", "number", "ref", "ID" or ":" two digits are enough ("warrant no. 42/23").
 */
export function labelledReferenceRule(
  label: string,
  entityType: EntityType,
  explanation: string,
  score = 0.85,
): PatternRule {
  return {
    regex: new RegExp(String.raw`\b(?:${label})\b(${LABEL_CONNECTOR})(${REFERENCE_CODE}${LISTED_CODES})`, 'gi'),
    group: 2,
    entityType,
    score,
    explanation,
    validate: (value, m) => {
      const first = m[3] ?? value
      if (isDateOrYearLike(first)) return false
      const digits = first.replace(/\D/g, '').length
      return /[a-z#:=]/i.test(m[1]) ? /\d{2,}/.test(first) : digits >= 4
    },
  }
}
