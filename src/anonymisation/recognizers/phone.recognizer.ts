import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { Recognizer } from '../types.ts'
import { digitsOnly } from '../text-utils.ts'
import { createPatternRecognizer } from './pattern.ts'

/** Ofcom numbers reserved for drama (TV, radio, fiction): 07700 900000–900999 and 01632 960000–960999 and friends. */
const DRAMA_RANGES = [
  /^07700900\d{3}$/,
  /^01632960\d{3}$/,
  /^0113496\d{4}$/,
  /^0114496\d{4}$/,
  /^0115496\d{4}$/,
  /^0116496\d{4}$/,
  /^0117496\d{4}$/,
  /^0118496\d{4}$/,
  /^0121496\d{4}$/,
  /^0131496\d{4}$/,
  /^0141496\d{4}$/,
  /^0151496\d{4}$/,
  /^0161496\d{4}$/,
  /^02079460\d{3}$/,
  /^02890180\d{3}$/,
  /^02920180\d{3}$/,
  /^01914980\d{3}$/,
  /^08081570\d{3}$/,
  /^09098790\d{3}$/,
  /^03069990\d{3}$/,
]

/** National (leading 0) form of a UK number's digits, e.g. "+44 (0)7700 900417" → "07700900417". */
export function ukNationalDigits(raw: string): string {
  let d = digitsOnly(raw)
  if (d.startsWith('440')) d = d.slice(3)
  else if (d.startsWith('44')) d = d.slice(2)
  else if (d.startsWith('0')) d = d.slice(1)
  return '0' + d
}

/** True when a UK number lies in an Ofcom drama range (07700 900xxx, 01632 960xxx, ...). */
export function isDramaNumber(raw: string): boolean {
  const d = ukNationalDigits(raw)
  return DRAMA_RANGES.some((r) => r.test(d))
}

/**
 * Phone number recognizer. Formats: UK numbers written nationally (`0` + 9 or 10 digits, spaced
 * in any grouping, optional brackets round the area code) or internationally (`+44`, `+44 (0)`),
 * and other international numbers (`+` country code); checked with libphonenumber-js (possible /
 * valid for the region). Ofcom drama ranges (07700 900xxx, 01632 960xxx, ...) are accepted as
 * phone numbers although libphonenumber does not call them valid.
 */
export function createPhoneRecognizer(): Recognizer {
  return createPatternRecognizer('phone', [
    {
      regex: /(?<![\w+/.-])((?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8})(?![\w/]|[.-]\d)/g,
      entityType: 'PHONE',
      score: 0.9,
      explanation: 'UK phone number',
      validate: (value) => {
        const national = ukNationalDigits(value)
        if (national.length < 10 || national.length > 11) return false
        if (isDramaNumber(value))
          return { score: 0.95, explanation: 'UK phone number (Ofcom drama range)', value: national }
        const p = parsePhoneNumberFromString(national, 'GB')
        if (!p || !p.isPossible()) return false
        if (p.isValid()) return { score: 0.95, explanation: 'UK phone number, valid', value: national }
        return { score: 0.6, explanation: 'UK phone number, possible but not allocated', value: national }
      },
    },
    {
      regex: /(?<![\w+])(\+(?!44)[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,6})(?![\w])/g,
      entityType: 'PHONE',
      score: 0.85,
      explanation: 'international phone number',
      validate: (value) => {
        const p = parsePhoneNumberFromString(value.trim())
        if (!p || !p.isPossible()) return false
        return { score: p.isValid() ? 0.9 : 0.6, value: p.number }
      },
    },
  ])
}
