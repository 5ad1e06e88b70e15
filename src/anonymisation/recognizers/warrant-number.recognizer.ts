import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Warrant number recognizer. Styles: `W/YYYY/NNNN` or `W-YYYY-NNNN` ("W/2023/5531"), and any code
 * after "warrant no.", "warrant number", "warrant ref" ("warrant no. SW 2291/23"). The word
 * "warrant" alone, and a date after it ("warrant of 21/11/2023"), never match.
 */
export function createWarrantNumberRecognizer(): Recognizer {
  return createPatternRecognizer('warrant-number', [
    {
      regex: /\b(W[/-](?:19|20)\d{2}[/-]\d{3,6})\b/g,
      entityType: 'POLICE_REFERENCE',
      score: 0.9,
      explanation: 'warrant number (W/year/serial)',
    },
    {
      ...labelledReferenceRule('warrant', 'POLICE_REFERENCE', 'warrant number after "warrant no."', 0.9),
      // "warrant" needs "no.", "number" or "ref" before a code, or "a warrant 2 weeks later" would match
      regex: new RegExp(
        String.raw`\bwarrant(\s*(?:ref(?:erence)?\.?|number|no\.?|#)\s*:?\s*)((?=[A-Za-z0-9/.-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[/.-](?=[A-Za-z0-9])|\s(?=\d{2,}\b))*[A-Za-z0-9])`,
        'gi',
      ),
    },
  ])
}
