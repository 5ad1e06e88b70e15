import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { isDateOrYearLike } from './reference-number.ts'

/**
 * Segmented reference recognizer: a code of three to six parts joined by `/` or `-` that mixes a
 * letter part with digit parts holding at least four digits in all ("YJ/CW/2024/0031",
 * "W/2024/0388", "EH-CW-2231"), whatever agency wrote it. Codes without a label that no more specific
 * recognizer knows are still references. Never matches dates ("03/04/2024", "2023-02-02"), ranges
 * ("2019-2020"), "24/7", ordinal lists or words with hyphens ("cross-border", "T-Mac").
 */
export function createSegmentedReferenceRecognizer(): Recognizer {
  return createPatternRecognizer('segmented-reference', [
    {
      regex: /(?<![\w/.-])([A-Z0-9]{1,10}(?:[/-][A-Z0-9]{1,10}){2,5})(?![\w]|[/-]\w)/g,
      entityType: 'CASE_REFERENCE',
      score: 0.75,
      explanation: 'reference code (letters and numbers joined by / or -)',
      validate: (value) => {
        if (isDateOrYearLike(value)) return false
        const parts = value.split(/[/-]/)
        const digits = value.replace(/\D/g, '').length
        if (digits < 4 || !parts.some((p) => /^[A-Z]+$/.test(p))) return false
        return parts.some((p) => /\d/.test(p))
      },
    },
  ])
}
