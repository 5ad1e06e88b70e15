import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Missing-person reference recognizer. Styles: "MISPER 23/0451", "MisPer ref 23/0451",
 * "MFH 0451/23" (missing from home), "missing person report 24-0107", "missing person ref
 * MP/24/0107" (the number only is reported, so the text still says a missing-person report was
 * made). The word "MISPER" alone, and a date after it, never match.
 */
export function createMissingPersonReferenceRecognizer(): Recognizer {
  return createPatternRecognizer('missing-person-reference', [
    labelledReferenceRule(
      String.raw`misper|mfh|missing\s+(?:person|from\s+home)(?:\s+(?:report|episode|record))?`,
      'POLICE_REFERENCE',
      'missing-person reference after "MISPER" or "missing person"',
      0.9,
    ),
  ])
}
