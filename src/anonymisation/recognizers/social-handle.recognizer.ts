import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

// words that follow "Snapchat handle" in prose and are never the handle ("his Snapchat handle and his nickname")
const GRAMMAR_WORDS = new Set(
  'and or but his her their its the a an of on in to was is are were as at by for from with which that this there not no'.split(
    ' ',
  ),
)

/**
 * Social media handle recognizer. Formats: an `@name` not part of an e-mail address (1–30 letters,
 * digits, underscores or dots, as Instagram, X, TikTok and Snapchat allow), and a user name written
 * after a platform label ("Snapchat: lil_dee99", "TikTok user dee.h").
 */
export function createSocialHandleRecognizer(): Recognizer {
  return createPatternRecognizer('social-handle', [
    {
      regex: /(?<![\w.@])(@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@]|\.[A-Za-z]{2,}\b)/g,
      entityType: 'SOCIAL_HANDLE',
      score: 0.85,
      explanation: 'social media handle (@name)',
    },
    {
      // a platform name then a token that looks like a user name (has a digit, underscore or dot)
      regex:
        /\b(?:snapchat|instagram|insta|tiktok|facebook|twitter|threads|whatsapp|discord|telegram|youtube)\s*(?:user\s*name|username|user|handle|account|profile|id)?\s*(?:was|is|of|:|-)?\s*["'“]?([A-Za-z0-9_.]*[A-Za-z0-9_])/gi,
      group: 1,
      entityType: 'SOCIAL_HANDLE',
      score: 0.75,
      explanation: 'user name after a social media platform name',
      validate: (value, m) => {
        const labelled = /(user\s*name|username|handle|profile)\s*(?:was|is|of|:|-)?\s*["'“]?[A-Za-z0-9_.]+$/i.test(
          m[0],
        )
        if (value.length < 3 || GRAMMAR_WORDS.has(value.toLowerCase())) return false
        if (/[0-9_.]/.test(value) || labelled) return { value }
        return false
      },
    },
  ])
}
