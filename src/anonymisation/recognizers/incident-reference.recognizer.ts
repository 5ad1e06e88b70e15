import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Police incident and log reference recognizer. Styles:
 * - control-room logs written "Log 0412 of 03/04/2024", "log no. 1187", "CAD 4471", "STORM log 223"
 *   (the number only is reported; the date after "of" is left to the date recognizer);
 * - incident numbers `INC-…` with digits and dashes or slashes ("INC-20231003-0417",
 *   "INC/2023/0042", "INC 0417");
 * - "incident number CODE", "incident ref CODE".
 * A bare year after "log" ("log 2023 entries") and a date never match.
 */
export function createIncidentReferenceRecognizer(): Recognizer {
  return createPatternRecognizer('incident-reference', [
    {
      regex: /\b(INC[-/ ]?\d[\d/-]*\d)\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.9,
      explanation: 'police incident number (INC-…)',
    },
    labelledReferenceRule(
      String.raw`(?:storm\s+|cad\s+)?log|cad|incident`,
      'POLICE_REFERENCE',
      'police incident or log number after "log", "CAD" or "incident"',
    ),
  ])
}
