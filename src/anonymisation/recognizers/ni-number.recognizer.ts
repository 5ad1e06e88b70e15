import type { Recognizer } from '../types.ts'
import { compactUpper } from '../text-utils.ts'
import { createPatternRecognizer } from './pattern.ts'

const NOT_ALLOCATED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])

/**
 * National Insurance number recognizer. Format (HMRC NIM39110): two prefix letters — the first not
 * D, F, I, Q, U or V, the second not D, F, I, O, Q, U or V, and not BG, GB, KN, NK, NT, TN or ZZ —
 * then six digits (often written in pairs) and a suffix A, B, C or D. Numbers with an unallocated
 * prefix such as the example "QQ 12 34 56 C" are reported with a lower score.
 */
export function createNiNumberRecognizer(): Recognizer {
  return createPatternRecognizer('ni-number', [
    {
      regex: /\b([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b/gi,
      entityType: 'NI_NUMBER',
      score: 0.9,
      explanation: 'National Insurance number format',
      validate: (value) => {
        const v = compactUpper(value)
        if (value !== value.toUpperCase() && value !== value.toLowerCase()) return false
        const [a, b] = [v[0], v[1]]
        const valid = !'DFIQUV'.includes(a) && !'DFIOQUV'.includes(b) && !NOT_ALLOCATED_PREFIXES.has(a + b)
        if (valid) return { value: v }
        return { score: 0.6, explanation: 'National Insurance number format, prefix not allocated', value: v }
      },
    },
  ])
}
