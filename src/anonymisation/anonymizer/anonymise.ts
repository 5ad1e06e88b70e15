import type { CastMember, Place } from '../case-types.ts'
import type { Detection, EntityType } from '../types.ts'
import { chooseReplacement, type DateStyle, type OperatorName } from './operators.ts'
import { fitPseudonym } from './prose.ts'
import { PseudonymRegister } from './pseudonym-register.ts'

/** One replacement made in a document: what, where (offsets into the ORIGINAL text) and why. */
export interface Replacement {
  start: number
  end: number
  original: string
  replacement: string
  operator: OperatorName
  entityType: EntityType
  recognizer: string
  score: number
  explanation: string
  /** The words the recogniser found, when the replacement covers more ("mother, Chloe," for "Chloe"). */
  detected?: string
  /** For a pseudonym: the register's label it stands for ("Mother"), however the sentence words it ("the mother"). */
  label?: string
  castId?: string
  placeName?: string
}

/** Options of `anonymise`. */
export interface AnonymiseOptions {
  /** The review's register; labels are added to it. Default: a new register seeded from `cast`. */
  register?: PseudonymRegister
  cast?: readonly CastMember[]
  places?: readonly Place[]
  /** Default `month-year`. */
  dateStyle?: DateStyle
  /** Cast id whose age dates are expressed in with `dateStyle: 'child-age'`. */
  childId?: string
}

/** The anonymised text and the list of replacements made, in document order. */
export interface AnonymiseResult {
  text: string
  replacements: Replacement[]
}

/**
 * Applies operators to resolved, non-overlapping detections (from `Analyzer.analyze`) and returns
 * the anonymised text. Replacements are applied from the end of the text backwards so earlier
 * offsets stay valid. Grammar is kept: the possessive `'s` stays after a pseudonym ("Child T's"),
 * a place phrase starting "the"/"a" drops its article after "the"/"a" in the text, and a phrase
 * at the start of a sentence is capitalised. Overlapping detections are skipped (the later one).
 * Contract: pure apart from adding labels to the register; never throws; offsets UTF-16.
 */
export function anonymise(
  text: string,
  detections: readonly Detection[],
  options: AnonymiseOptions = {},
): AnonymiseResult {
  const cast = options.cast ?? []
  const register = options.register ?? new PseudonymRegister()
  register.assignCast(cast)
  const ctx = {
    register,
    cast,
    places: options.places ?? [],
    dateStyle: options.dateStyle ?? 'month-year',
    childId: options.childId,
  }
  const sorted = [...detections].sort((a, b) => a.start - b.start || b.end - a.end)
  const chosen: Replacement[] = []
  let lastEnd = -1
  for (const d of sorted) {
    if (d.start < lastEnd) continue
    const r = chooseReplacement(d, text, ctx)
    let start = d.start - (r.extendStart ?? 0)
    if (start < lastEnd) start = d.start
    let replacement = r.replacement
    let end = d.end
    const before = text.slice(Math.max(0, start - 6), start)
    if (r.operator === 'pseudonym' && d.castId !== undefined) {
      // a role label reads as a noun ("the mother") and does not repeat the role written before it
      const fitted = fitPseudonym(text, start, d.end, replacement, atSentenceStart(text, start))
      if (fitted.start >= lastEnd) ({ start, end, replacement } = fitted)
    } else if (/\b(?:the|a|an)\s+$/i.test(before) && /^(?:the|a|an)\s/i.test(replacement))
      replacement = replacement.replace(/^(?:the|a|an)\s+/i, '')
    else if (/^[a-z]/.test(replacement) && atSentenceStart(text, start))
      replacement = replacement[0].toUpperCase() + replacement.slice(1)
    const prev = chosen[chosen.length - 1]
    // "a children's hospital in another area" + " in " + "another area": say it once
    if (
      prev &&
      /^\s+(?:in|at|near|of),?\s+$/i.test(text.slice(prev.end, start)) &&
      prev.replacement.toLowerCase().endsWith(replacement.toLowerCase())
    ) {
      prev.end = d.end
      prev.original = text.slice(prev.start, d.end)
      lastEnd = d.end
      continue
    }
    chosen.push({
      start,
      end,
      original: text.slice(start, end),
      replacement,
      operator: r.operator,
      entityType: d.entityType,
      recognizer: d.recognizer,
      score: d.score,
      explanation: d.explanation,
      ...(r.operator === 'pseudonym' ? { label: r.replacement } : {}),
      ...(start !== d.start || end !== d.end ? { detected: text.slice(d.start, d.end) } : {}),
      ...(d.castId !== undefined ? { castId: d.castId } : {}),
      ...(d.placeName !== undefined ? { placeName: d.placeName } : {}),
    })
    lastEnd = end
  }
  // applied from the end so each replacement's offsets still refer to the original text; the pieces
  // are collected and joined once instead of re-copying the whole text per replacement
  const pieces: string[] = []
  let tail = text.length
  for (let i = chosen.length - 1; i >= 0; i--) {
    const r = chosen[i]
    pieces.push(text.slice(r.end, tail), r.replacement)
    tail = r.start
  }
  pieces.push(text.slice(0, tail))
  return { text: pieces.reverse().join(''), replacements: chosen }
}

function atSentenceStart(text: string, i: number): boolean {
  if (/^\s*$/.test(text.slice(Math.max(0, i - 8), i)) && i <= 8) return true
  return /(?:[.!?]["”]?\s+|\n\s*(?:[-*]\s+|\d+(?:\.\d+)*\s+)?|\|\s*)$/.test(text.slice(Math.max(0, i - 12), i))
}
