import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { isDateOrYearLike, labelledReferenceRule } from './reference-number.ts'

/**
 * Police crime reference recognizer. Styles:
 * - force occurrence / crime numbers `AA/YY/NNNNNN` or `AA-YY-NNNNNN` (letters, two-digit year,
 *   4–8 digits: "MP/21/031877");
 * - either of the first two written with spaces ("MP 21 031877", "14 MB 004512");
 * - year first, then a force or division code, then the serial: `YY/XX/NNNNNN` ("14/MB/004512",
 *   "22/SK/017733");
 * - `NN/NNNNN/YY` crime reference numbers ("12/34567/23");
 * - `CRN YYYY/NNNN` and "crime ref(erence) CODE", "occurrence number CODE", "URN CODE" (the code
 *   only is reported), with the further codes listed after it, comma or not ("URN 44XY1234523
 *   44XY1234524", "crime refs 1234/23 and 5678/23").
 * Dates ("03/04/2024"), years and "section 47" never match. Incident and log numbers, missing-person
 * references, custody and warrant numbers have their own recognizers.
 */
export function createPoliceReferenceRecognizer(): Recognizer {
  return createPatternRecognizer('police-reference', [
    {
      regex: /\b([A-Z]{1,4}[/-]\d{2}[/-]\d{4,8})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.9,
      explanation: 'police crime reference (letters/year/number)',
    },
    {
      regex: /\b(\d{2}[/-][A-Z]{1,4}[/-]\d{4,8})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.9,
      explanation: 'police crime reference (year/force code/number)',
    },
    {
      // the same two styles written with spaces ("MP 21 031877", "14 MB 004512"), as some forms
      // and transcribed calls record them; five digits or more, so "AB 12 34 56 C" is no match
      regex: /\b([A-Z]{2,4} \d{2} \d{5,8}|\d{2} [A-Z]{2,4} \d{5,8})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.8,
      explanation: 'police crime reference written with spaces',
    },
    {
      regex: /\b(\d{1,3}\/\d{4,8}\/\d{2})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.8,
      explanation: 'crime reference number (force/number/year)',
    },
    labelledReferenceRule(
      String.raw`crime(?:\s+(?:ref(?:erence)?|number|no\.?))?|occurrence|crn|urn|niche|athena|storm|court|case|docket|file|claim|prison|record|ref(?:erence)?`,
      'POLICE_REFERENCE',
      'police or case reference after a label such as "crime ref", "CRN" or "URN"',
      0.8,
    ),
  ])
}

/** True when `value` could be a reference rather than a date or year (exported for the other reference recognizers' tests). */
export function isReferenceLike(value: string): boolean {
  return /\d/.test(value) && !isDateOrYearLike(value)
}
