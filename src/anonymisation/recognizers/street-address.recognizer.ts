import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/** Street-type words that end a UK street name ("Road", "Close", "Row", ...). */
export const STREET_SUFFIXES = [
  'Road',
  'Rd',
  'Street',
  'St',
  'Lane',
  'Ln',
  'Avenue',
  'Ave',
  'Close',
  'Court',
  'Ct',
  'Way',
  'Drive',
  'Dr',
  'Crescent',
  'Cres',
  'Row',
  'Place',
  'Pl',
  'Gardens',
  'Gdns',
  'Grove',
  'Terrace',
  'Walk',
  'Square',
  'Sq',
  'Hill',
  'Park',
  'Rise',
  'Mews',
  'Yard',
  'View',
  'Green',
  'Parade',
  'Croft',
  'Fold',
  'Wynd',
  'Chase',
  'Boulevard',
  'Embankment',
  'Quay',
  'Wharf',
  'Meadow',
  'Meadows',
  'Vale',
  'Brow',
  'Bank',
  'Side',
  'End',
  'Gate',
  'Hollow',
  'Common',
  'Circus',
  'Approach',
  'Broadway',
  'Causeway',
  'Close',
  'Court',
  'Estate',
]

const SUFFIX = `(?:${[...new Set(STREET_SUFFIXES)].sort((a, b) => b.length - a.length).join('|')})`
const NAME_WORD = "[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
const POSTCODE = '[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}'

/** Source of a regular expression for a house number + street name (used by other recognizers too). */
export const HOUSE_AND_STREET_SOURCE = `(?:(?:Flat|Apartment|Apt|Unit|Room)\\s+\\d+[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?(?:-\\d{1,4})?,?\\s+(?:${NAME_WORD}\\s+){1,3}${SUFFIX}\\b`

/**
 * Street address recognizer. Format: optional "Flat/Unit N," then a house number (1–4 digits,
 * optional letter or range), one to three capitalised words and a street-type word ("14 Millrace
 * Court", "Flat 3, 61 Albion Street"), then optionally up to two comma-separated capitalised
 * localities ("Mill Row, Northtown") and a postcode. One ADDRESS span from the number to the end.
 */
export function createStreetAddressRecognizer(): Recognizer {
  return createPatternRecognizer('street-address', [
    {
      regex: new RegExp(
        `\\b${HOUSE_AND_STREET_SOURCE}(?:,\\s+(?:${NAME_WORD}\\s+){0,2}(?:${NAME_WORD}|${SUFFIX})(?![a-z]))*(?:,?\\s+${POSTCODE}\\b)?`,
        'g',
      ),
      entityType: 'ADDRESS',
      score: 0.85,
      explanation: 'street address: house number and street name',
    },
  ])
}
