import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { STREET_SUFFIXES } from './street-address.recognizer.ts'

// "Crown Court", "High Street" on their own, "Family Court" etc. are institutions or too generic to
// identify anyone; they are not reported as street names.
const NOT_STREETS = new Set([
  'crown court',
  'magistrates court',
  "magistrates' court",
  'family court',
  'county court',
  'youth court',
  'high court',
  'supreme court',
  "coroner's court",
  'coroners court',
  'appeal court',
  'car park',
  'business park',
  'retail park',
  'high street',
  'main road',
  'ring road',
  'a road',
  'the green',
  'the court',
  'the way',
  'the park',
])

// A "Court" after one of these words is a court of law ("Warsaw District Court", "Istanbul State
// Security Court", "Berlin Social Court"), not a block of flats like "Maple Court": courts are judged
// by the tagger and the no-mask rules, not reported as streets.
const COURT_KIND =
  /\b(?:District|Regional|Administrative|Security|Appeal|Appeals|Magistrates|Magistrates['’]|Crown|County|Social|Labour|Constitutional|Supreme|Federal|High|Family|Youth|Law|Criminal|Civil|Assize|Military|Commercial|Cassation|Provincial|Juvenile|Coroner['’]s|Coroners|Sheriff)\s+Court$/

const SUFFIX = `(?:${[...new Set(STREET_SUFFIXES)].filter((s) => s.length > 2 && s !== 'End' && s !== 'Side').join('|')})`

/** Drops "The", "On" and similar sentence words from the front of a matched name. */
function trimSentenceWords(value: string): { name: string; words: string[]; trimStart: number } {
  const words = value.split(/\s+/)
  let trimStart = 0
  // "The", "On" and similar at the front are sentence words, not part of the name
  while (words.length > 1 && /^(The|A|An|On|At|In|To|From|Of|And|Near|By|Via|With|Into|Onto)$/.test(words[0])) {
    trimStart = value.indexOf(words[1], trimStart + words[0].length)
    words.shift()
  }
  return { name: words.join(' '), words, trimStart }
}

/**
 * Street name recognizer. Format: one to three capitalised words followed by a street-type word
 * ("Mill Row", "High Street", "Elm Lane"), without a house number (numbered
 * addresses are the `street-address` recognizer's). Institutions that share the words ("Crown
 * Court", "Business Park") and "High Street" alone are left out; a court of law named after its town
 * ("Warsaw District Court") is reported as an organisation, not a street.
 */
export function createStreetNameRecognizer(): Recognizer {
  return createPatternRecognizer('street-name', [
    {
      regex: new RegExp(
        `\\b((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\\s+){1,3}${SUFFIX})\\b(?!['’]s\\s+(?:Court|Hospital))`,
        'g',
      ),
      entityType: 'LOC',
      score: 0.6,
      explanation: 'street name (capitalised words and a street-type word)',
      validate: (value) => {
        const { name, words, trimStart } = trimSentenceWords(value)
        if (words.length < 2) return false
        if (NOT_STREETS.has(name.toLowerCase()) || COURT_KIND.test(name)) return false
        return { value: 'street', trimStart }
      },
    },
    {
      // A court of law named after its town ("Warsaw District Court") places a person as an
      // organisation does; it was once reported as a street.
      regex: /\b((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,4}Court)\b/g,
      entityType: 'ORG',
      score: 0.6,
      explanation: 'court of law named after a place',
      validate: (value) => {
        const { name, words, trimStart } = trimSentenceWords(value)
        if (words.length < 2 || !COURT_KIND.test(name) || NOT_STREETS.has(name.toLowerCase())) return false
        return { value: 'court', trimStart }
      },
    },
  ])
}
