import type { Recognizer } from '../types.ts'
import { digitsOnly } from '../text-utils.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * True when ten digits form a valid NHS number: modulus 11 over the first nine digits with weights
 * 10..2; check digit = 11 − (sum mod 11), where 11 means 0 and 10 means "invalid number".
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false
  if (/^(\d)\1{9}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  let check = 11 - (sum % 11)
  if (check === 11) check = 0
  if (check === 10) return false
  return check === Number(digits[9])
}

/**
 * NHS number recognizer. Format: 10 digits, written `3 3 4` with spaces or hyphens or run
 * together, valid under modulus 11 with weights 10..2 (NHS Data Dictionary, "NHS NUMBER").
 * A number failing the checksum is still reported (score 0.5) when "NHS" appears just before it,
 * because a mistyped NHS number still identifies a person.
 */
export function createNhsNumberRecognizer(): Recognizer {
  return createPatternRecognizer('nhs-number', [
    {
      regex: /(?<![\w-])(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\w-]|[ -]\d)/g,
      entityType: 'NHS_NUMBER',
      score: 1,
      explanation: 'NHS number, checksum valid',
      validate: (value, m, text) => {
        const digits = digitsOnly(value)
        if (isValidNhsNumber(digits)) return { value: digits }
        const before = text.slice(Math.max(0, m.index - 30), m.index)
        if (/\bNHS\b/i.test(before))
          return { score: 0.5, explanation: 'NHS number (labelled), checksum fails', value: digits }
        return false
      },
    },
  ])
}
