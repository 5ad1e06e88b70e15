import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * Police and case reference recognizer. Formats:
 * - force occurrence / crime numbers written `AA/YY/NNNNNN` or `AA-YY-NNNNNN` (letters, two-digit
 *   year, 4–8 digits, e.g. "MP/21/031877"), and `NN/NNNNN/YY` crime reference numbers;
 * - any code of 4+ characters containing a digit after a label such as "crime ref", "occurrence
 *   number", "CAD", "log", "URN", "CRN", "incident number", "case number", "court ref".
 * Collar numbers are a separate recognizer (`collar-number`).
 */
export function createPoliceReferenceRecognizer(): Recognizer {
  return createPatternRecognizer('police-reference', [
    {
      regex: /\b([A-Z]{1,4}[/-]\d{2}[/-]\d{4,8})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.9,
      explanation: 'police occurrence or crime reference (letters/year/number)',
    },
    {
      regex: /\b(\d{1,3}\/\d{4,8}\/\d{2})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.8,
      explanation: 'crime reference number (force/number/year)',
    },
    {
      regex:
        /\b(?:crime|occurrence|incident|case|court|cad|log|urn|crn|ref(?:erence)?|docket|file|claim|prison|custody|record)\s*(?:ref(?:erence)?\.?|number|no\.?|num|#|id)?\s*[:#]?\s*((?=[A-Za-z0-9/-]*\d)[A-Za-z0-9][A-Za-z0-9/-]{2,}[A-Za-z0-9])/gi,
      group: 1,
      entityType: 'CASE_REFERENCE',
      score: 0.75,
      explanation: 'reference number after a label such as "crime ref" or "log"',
      validate: (value) => {
        // a bare year or a date is not a reference ("log 2023", "ref 12/02/2023")
        if (/^(19|20)\d{2}$/.test(value)) return false
        if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(value)) return false
        return true
      },
    },
  ])
}
