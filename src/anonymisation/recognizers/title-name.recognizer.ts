import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/**
 * Titled-name recognizer for people the cast does not list. Format: a title or rank — Mr, Mrs, Ms,
 * Miss, Mx, Dr, PC, PCSO, DC, DS, DI, DCI, Sgt, Insp, Cllr — with an optional collar number,
 * followed by one to three capitalised words ("Mrs Smith", "Dr Ann Patel", "PC 4512 Brown").
 */
export function createTitleNameRecognizer(): Recognizer {
  return createPatternRecognizer('title-name', [
    {
      regex:
        /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|PC|PCSO|DC|DS|DI|DCI|Sgt|Insp|Cllr|Prof)\.?\s+(?:\d{2,6}\s+)?(?:(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,}(?![a-z]))(?:\s+(?:(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,}(?![a-z]))){0,2}/g,
      entityType: 'PERSON',
      score: 0.8,
      explanation: 'title or rank followed by a capitalised name',
      validate: (value) => {
        if (/\s(?:NHS|GP|ED|MASH|Police|Hospital|Practice|Council|Trust)\b/.test(value)) return false
        return true
      },
    },
  ])
}
