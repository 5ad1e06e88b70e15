import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * E-mail address recognizer. Format: the common subset of RFC 5322 addr-spec — a dot-atom local
 * part, "@", and a domain of dot-separated labels ending in a letters-only top-level label.
 */
export function createEmailRecognizer(): Recognizer {
  return createPatternRecognizer('email', [
    {
      regex:
        /(?<![\w.+-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}\b/g,
      entityType: 'EMAIL',
      score: 1,
      explanation: 'e-mail address',
    },
  ])
}
