import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Hospital (patient) number recognizer. Styles: a trust prefix of one to three letters then six to
 * eight digits ("RX1234567", "K1234567"), reported anywhere when the prefix has two or three letters
 * and otherwise only after a label; and any code after "MRN", "hospital number", "hospital no.",
 * "unit number", "patient number", "patient ID", "PAS number", "K number" ("MRN 20448193"). NHS
 * numbers have their own recognizer (with the modulus-11 check).
 */
export function createHospitalNumberRecognizer(): Recognizer {
  return createPatternRecognizer('hospital-number', [
    {
      regex: /\b([A-Z]{2,3}\d{6,8})\b/g,
      entityType: 'CASE_REFERENCE',
      score: 0.7,
      explanation: 'hospital number (trust prefix and digits)',
    },
    labelledReferenceRule(
      String.raw`mrn|hospital|unit|patient|pas|k`,
      'CASE_REFERENCE',
      'hospital number after a label such as "MRN" or "hospital number"',
    ),
  ])
}
