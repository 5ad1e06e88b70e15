import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Custody record number recognizer. Styles: a custody suite code, a serial and a two-digit year
 * joined by slashes ("SKB/04417/23", "CU/004512/23"), or by dashes; and any code after "custody
 * number", "custody record", "custody ref" ("custody no. 44CU118-23"). Dates and years never match.
 */
export function createCustodyNumberRecognizer(): Recognizer {
  return createPatternRecognizer('custody-number', [
    {
      regex: /\b([A-Z]{2,4}[/-]\d{4,7}[/-]\d{2})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.85,
      explanation: 'custody record number (suite/serial/year)',
    },
    labelledReferenceRule(
      String.raw`custody(?:\s+(?:record|suite))?`,
      'POLICE_REFERENCE',
      'custody record number after "custody number"',
      0.9,
    ),
  ])
}
