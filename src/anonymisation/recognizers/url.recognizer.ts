import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * URL recognizer. Format: `http://` or `https://` followed by non-space characters, or a bare
 * `www.` host; trailing sentence punctuation is left out of the span.
 */
export function createUrlRecognizer(): Recognizer {
  return createPatternRecognizer('url', [
    {
      regex: /\b(?:https?:\/\/|www\.)[^\s<>"')\]]*[^\s<>"')\].,;:!?]/gi,
      entityType: 'URL',
      score: 0.9,
      explanation: 'web address',
    },
  ])
}
