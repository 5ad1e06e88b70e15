/**
 * Years and times of day that the statistical tagger misses, for the no-cast pipeline
 * (`detect-spans.ts`): a year standing alone after a preposition that dates an event ("in 1987",
 * "since 1985", "between 1986 and 1988", "by the end of 1990"; in TAB train such a year is a QUASI
 * mention 141 times of 152), and a clock time ("at 12.45 p.m.", "at about 12 noon"). A year cited
 * with a law ("the Act 1989", "Law no. 1990") is left to the no-mask rules. Pure; never throws.
 */
import type { Detection, Recognizer } from '../types.ts'

const YEAR =
  /(?<=\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Bb]etween|and|to|[Bb]y the end of|[Dd]uring|[Ss]ummer of|[Aa]utumn of|[Ww]inter of|[Ss]pring of|[Ee]arly|[Ll]ate|[Mm]id-?)\s)(?:1[89]\d\d|20[0-4]\d)(?![\p{L}\p{N}/§]|[.-]\d|\s+(?:Act|Law|Code|Regulations?)\b)/gu
const TIME =
  /\b(?:at|until|till|from|by)\s+(?:about\s+|around\s+|approximately\s+)?((?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|noon\b|midnight\b|hours\b|o['’]clock\b)|(?:[01]?\d|2[0-3])[.:][0-5]\d\b)/gu

/** The recognizer of bare years and clock times. Never throws. */
export function createTimeExpressionRecognizer(): Recognizer {
  return {
    name: 'time-expression',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      for (const m of text.matchAll(YEAR))
        out.push({
          entityType: 'DATE',
          start: m.index,
          end: m.index + m[0].length,
          score: 0.6,
          recognizer: 'time-expression',
          explanation: 'a year dating an event',
        })
      for (const m of text.matchAll(TIME)) {
        const start = m.index + m[0].length - m[1].length
        out.push({
          entityType: 'DATE',
          start,
          end: start + m[1].length,
          score: 0.6,
          recognizer: 'time-expression',
          explanation: 'a time of day',
        })
      }
      return out
    },
  }
}
