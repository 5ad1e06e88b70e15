import type { Recognizer } from '../types.ts'
import { compactUpper } from '../text-utils.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * UK vehicle registration recognizer. Formats (DVLA): current since 2001 `AB12 CDE` (two letters,
 * two-digit age identifier, three letters; I, Q and Z are never used in the final letters' ranges
 * checked here only loosely), prefix `A123 BCD` (1983–2001) and suffix `ABC 123D` (1963–1983).
 * Current-format plates score 0.85; older formats need a word such as "car", "vehicle",
 * "registration" or "reg" within 40 characters before them.
 */
export function createVehicleRegistrationRecognizer(): Recognizer {
  const context = /\b(?:car|van|vehicle|registration|reg|plate|driving|drove|driven|motorbike|taxi)\b/i
  return createPatternRecognizer('vehicle-registration', [
    {
      regex: /\b([A-HJ-PR-Y][A-HJ-PR-Y]\d{2} ?[A-HJ-PR-Z]{3})\b/g,
      entityType: 'VEHICLE_REGISTRATION',
      score: 0.85,
      explanation: 'UK vehicle registration (current format)',
      validate: (value) => ({ value: compactUpper(value) }),
    },
    {
      regex: /\b([A-HJ-NP-Y]\d{1,3} ?[A-HJ-PR-Y]{3}|[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NP-Y])\b/g,
      entityType: 'VEHICLE_REGISTRATION',
      score: 0.7,
      explanation: 'UK vehicle registration (older format, with vehicle context)',
      validate: (value, m, text) =>
        context.test(text.slice(Math.max(0, m.index - 40), m.index)) ? { value: compactUpper(value) } : false,
    },
  ])
}
