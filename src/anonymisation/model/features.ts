/**
 * Feature extraction for the entity tagger, shared by training and tagging so both see exactly the
 * same features. Pure; never throws.
 */
import {
  COUNTRIES,
  DEMONYMS,
  FIRST_NAMES,
  INSTITUTION_WORDS,
  MEDICAL,
  MONTHS,
  OCCUPATIONS,
  QUANTITY_WORDS,
  SURNAMES,
  TIME_UNITS,
  TITLES,
  WEEKDAYS,
} from './gazetteers.ts'
import type { Token } from './tokenizer.ts'

/** Per-token facts computed once per document. */
export interface TokenFacts {
  lower: string
  /** Character classes, runs longer than two collapsed: "Christoph" → "Xxx", "19124/02" → "dd/dd". */
  shape: string
  /** Character classes with every run collapsed: "Christoph" → "Xx". */
  shortShape: string
  /** Gazetteer hits as one short code, e.g. "FS" (first name and surname) or "" for none. */
  gazetteer: string
  capitalised: boolean
  sentenceStart: boolean
  afterNewline: boolean
}

function charClass(code: number, ch: string): string {
  if (code >= 48 && code <= 57) return 'd'
  if (code >= 97 && code <= 122) return 'x'
  if (code >= 65 && code <= 90) return 'X'
  if (code < 128) return ch
  const lower = ch.toLowerCase()
  const upper = ch.toUpperCase()
  if (lower !== upper) return ch === upper ? 'X' : 'x'
  return /\p{N}/u.test(ch) ? 'd' : ch
}

/** The shape and short shape of a token's text. */
export function shapes(text: string): { shape: string; shortShape: string } {
  let shape = ''
  let shortShape = ''
  let last = ''
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const c = charClass(text.charCodeAt(i), text[i])
    if (c === last) {
      run++
    } else {
      run = 1
      shortShape += c
    }
    if (run <= 2) shape += c
    last = c
  }
  return { shape: shape.length > 12 ? shape.slice(0, 12) : shape, shortShape }
}

function gazetteerCode(lower: string): string {
  let code = ''
  if (FIRST_NAMES.has(lower)) code += 'F'
  if (SURNAMES.has(lower)) code += 'S'
  if (MONTHS.has(lower)) code += 'M'
  if (WEEKDAYS.has(lower)) code += 'W'
  if (COUNTRIES.has(lower)) code += 'C'
  if (DEMONYMS.has(lower)) code += 'D'
  if (TITLES.has(lower.endsWith('.') ? lower.slice(0, -1) : lower)) code += 'T'
  if (OCCUPATIONS.has(lower)) code += 'O'
  if (MEDICAL.has(lower)) code += 'H'
  if (QUANTITY_WORDS.has(lower)) code += 'Q'
  if (TIME_UNITS.has(lower)) code += 'U'
  if (INSTITUTION_WORDS.has(lower)) code += 'I'
  return code
}

// The facts that depend only on a token's text, by text: most words recur, so each is worked out
// once. Bounded so that a huge input cannot exhaust memory.
type WordFacts = Pick<TokenFacts, 'lower' | 'shape' | 'shortShape' | 'gazetteer' | 'capitalised'>
const wordFactsCache = new Map<string, WordFacts>()

function wordFactsOf(text: string): WordFacts {
  let facts = wordFactsCache.get(text)
  if (facts === undefined) {
    const lower = text.toLowerCase()
    const { shape, shortShape } = shapes(text)
    const first = text[0]
    facts = { lower, shape, shortShape, gazetteer: gazetteerCode(lower), capitalised: first !== first.toLowerCase() }
    if (wordFactsCache.size >= 100_000) wordFactsCache.clear()
    wordFactsCache.set(text, facts)
  }
  return facts
}

/** Computes the per-token facts for one document. */
export function tokenFacts(tokens: readonly Token[]): TokenFacts[] {
  return tokens.map((token) => {
    const word = wordFactsOf(token.text)
    return {
      lower: word.lower,
      shape: word.shape,
      shortShape: word.shortShape,
      gazetteer: word.gazetteer,
      capitalised: word.capitalised,
      sentenceStart: token.sentenceStart,
      afterNewline: token.afterNewline,
    }
  })
}

/**
 * Document-level facts: which lower-case forms appear capitalised away from a sentence start, and
 * which appear in lower case. A sentence-initial "Kirsten" is a name if "Kirsten" is capitalised
 * mid-sentence elsewhere in the document; a capitalised "Court" is less likely a name if "court"
 * also appears.
 */
export interface DocumentFacts {
  capitalisedMidSentence: ReadonlySet<string>
  lowerCase: ReadonlySet<string>
}

/** Computes the document-level facts from the per-token facts. */
export function documentFacts(facts: readonly TokenFacts[]): DocumentFacts {
  const capitalisedMidSentence = new Set<string>()
  const lowerCase = new Set<string>()
  for (const f of facts) {
    if (f.capitalised && !f.sentenceStart) capitalisedMidSentence.add(f.lower)
    else if (!f.capitalised && f.shortShape === 'x') lowerCase.add(f.lower)
  }
  return { capitalisedMidSentence, lowerCase }
}

const BOUNDARY: TokenFacts = {
  lower: '<s>',
  shape: '<s>',
  shortShape: '<s>',
  gazetteer: '',
  capitalised: false,
  sentenceStart: false,
  afterNewline: false,
}

/** Relative positions whose word-only features are used: two tokens either side. */
export const OFFSETS = [-2, -1, 0, 1, 2] as const

/**
 * The features that depend only on one token's text, seen from relative position `offset`
 * (one of {@link OFFSETS}). They are the same wherever the word occurs, so taggers may cache them.
 */
export function wordFeatures(f: TokenFacts, offset: number): string[] {
  const w = f.lower
  switch (offset) {
    case 0: {
      const features = ['w:' + w, 's:' + f.shape, 'ss:' + f.shortShape]
      if (w.length > 1) features.push('p2:' + w.slice(0, 2), 'x2:' + w.slice(-2))
      if (w.length > 2) features.push('p3:' + w.slice(0, 3), 'x3:' + w.slice(-3))
      if (w.length > 3) features.push('x4:' + w.slice(-4))
      for (const g of f.gazetteer) features.push('g:' + g)
      return features
    }
    case -1:
    case 1: {
      const sign = offset < 0 ? '-1:' : '+1:'
      const features = ['w' + sign + w, 's' + sign + f.shortShape]
      for (const g of f.gazetteer) features.push('g' + sign + g)
      return features
    }
    default: {
      const sign = offset < 0 ? '-2:' : '+2:'
      return f.gazetteer ? ['w' + sign + w, 'g' + sign + f.gazetteer] : ['w' + sign + w]
    }
  }
}

/** Facts standing for the positions before the first and after the last token. */
export const BOUNDARY_FACTS: TokenFacts = BOUNDARY

/**
 * The features of token `i` that depend on more than one word or on the token's place in the
 * document (the rest are {@link wordFeatures}).
 */
export function contextFeatures(facts: readonly TokenFacts[], document: DocumentFacts, i: number): string[] {
  const f = facts[i]
  const p1 = i > 0 ? facts[i - 1] : BOUNDARY
  const p2 = i > 1 ? facts[i - 2] : BOUNDARY
  const n1 = i + 1 < facts.length ? facts[i + 1] : BOUNDARY
  const n2 = i + 2 < facts.length ? facts[i + 2] : BOUNDARY
  const w = f.lower
  const features = [
    'b',
    'c:' + (f.capitalised ? (f.sentenceStart ? 'CS' : 'C') : f.sentenceStart ? 'lS' : 'l'),
    's-1s+1:' + p1.shortShape + '|' + n1.shortShape,
    'w-1w:' + p1.lower + '|' + w,
    'ww+1:' + w + '|' + n1.lower,
    'w-2w-1:' + p2.lower + '|' + p1.lower,
    'w+1w+2:' + n1.lower + '|' + n2.lower,
    'ss-1ss:' + p1.shortShape + '|' + f.shortShape,
    'ssss+1:' + f.shortShape + '|' + n1.shortShape,
  ]
  if (f.afterNewline) features.push('nl')
  if (f.capitalised) {
    if (document.capitalisedMidSentence.has(w)) features.push('dC')
    if (document.lowerCase.has(w)) features.push('dL')
  }
  return features
}

/**
 * All the features of token `i` that do not depend on the tags already predicted. Strings are short
 * prefixed keys ("w:smith", "s-1:Xx"); their order does not matter.
 */
export function staticFeatures(facts: readonly TokenFacts[], document: DocumentFacts, i: number): string[] {
  const features = contextFeatures(facts, document, i)
  for (const offset of OFFSETS) {
    const j = i + offset
    for (const name of wordFeatures(j >= 0 && j < facts.length ? facts[j] : BOUNDARY, offset)) features.push(name)
  }
  return features
}

/** The features that depend on the tags already predicted for the two previous tokens. */
export function dynamicFeatures(
  facts: readonly TokenFacts[],
  i: number,
  previous: string,
  beforePrevious: string,
): string[] {
  const f = facts[i]
  return [
    't-1:' + previous,
    't-2t-1:' + beforePrevious + '|' + previous,
    't-1ss:' + previous + '|' + f.shortShape,
    't-1w:' + previous + '|' + f.lower,
  ]
}
