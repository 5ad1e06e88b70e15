import type { Recognizer } from '../types.ts'
import { compactUpper } from '../text-utils.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * UK postcode recognizer. Format (Royal Mail / BS 7666): outward code A9, A99, AA9, AA99, A9A or
 * AA9A, then optionally a space, then inward code 9AA, where the inward letters never include
 * C, I, K, M, O or V; plus the special GIR 0AA. Lower-case postcodes score lower.
 */
export function createUkPostcodeRecognizer(): Recognizer {
  return createPatternRecognizer('uk-postcode', [
    {
      regex:
        /\b((?:GIR ?0AA)|(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]) ?\d[ABD-HJLNP-UW-Z]{2}))\b/gi,
      entityType: 'POSTCODE',
      score: 0.95,
      explanation: 'UK postcode',
      validate: (value) => {
        if (value === value.toUpperCase()) return { value: compactUpper(value) }
        if (value === value.toLowerCase() && /\s/.test(value))
          return { score: 0.6, explanation: 'UK postcode (lower case)', value: compactUpper(value) }
        return false
      },
    },
  ])
}
