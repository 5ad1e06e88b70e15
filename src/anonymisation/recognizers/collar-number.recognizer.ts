import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * Police collar (shoulder) number recognizer. Format: a rank abbreviation or title — PC, PCSO, DC,
 * DS, DI, DCI, Sgt, Sergeant, Constable, Insp — followed by a 2–6 digit number ("PC 2291",
 * "PCSO 7781", "Sgt 402"). The whole "rank + number" span is reported, so a number left beside a
 * pseudonym ("PC 2291 Police Officer 1") is still caught.
 */
export function createCollarNumberRecognizer(): Recognizer {
  return createPatternRecognizer('collar-number', [
    {
      regex:
        /\b(?:PCSO|PC|DC|DS|DI|DCI|DSI|Sgt\.?|Sergeant|Constable|Insp\.?|Inspector)\s*#?(\d{2,6})\b(?!\s*(?:%|am|pm|hours|mins))/g,
      entityType: 'CODE',
      score: 0.9,
      explanation: 'police rank with collar number',
    },
  ])
}
