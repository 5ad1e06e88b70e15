import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Court case number recognizer. Styles:
 * - family court case numbers: a two-letter court code, a two-digit year, a letter for the kind of
 *   case (C public law, P private law, Z, F, D, L) and five digits ("MK23C00451", "ZK23C00614");
 * - Crown Court case numbers: T (trial), S (sentence) or A (appeal), a four-digit year, then four
 *   digits ("T20237001");
 * - any code after "court case number", "case no.", "court ref", "claim number".
 * Statute references ("Children Act 1989 s.17", "section 47") never match: they have no code shape.
 */
export function createCourtCaseNumberRecognizer(): Recognizer {
  return createPatternRecognizer('court-case-number', [
    {
      regex: /\b([A-Z]{2}\d{2}[CPZFDL]\d{5})\b/g,
      entityType: 'CASE_REFERENCE',
      score: 0.9,
      explanation: 'family court case number (court, year, kind, serial)',
    },
    {
      regex: /\b([TSA](?:19|20)\d{2}\d{4})\b/g,
      entityType: 'CASE_REFERENCE',
      score: 0.85,
      explanation: 'Crown Court case number (T/S/A, year, serial)',
    },
    labelledReferenceRule(
      String.raw`(?:court\s+)?case|court|claim`,
      'CASE_REFERENCE',
      'court case number after "case number" or "court ref"',
      0.8,
    ),
  ])
}
