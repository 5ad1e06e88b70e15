/**
 * Small pure text helpers shared by the recognizers. Offsets are UTF-16 code units. Never throw.
 */

/** Escapes a string for literal use inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/** Only the digits of a string ("999 482 6174" → "9994826174"). */
export function digitsOnly(s: string): string {
  return s.replace(/\D+/g, '')
}

/** Letters and digits only, upper case ("fm2 3qh" → "FM23QH"); for comparing codes written with or without spaces. */
export function compactUpper(s: string): string {
  return s.replace(/[^0-9A-Za-z]+/g, '').toUpperCase()
}

/**
 * A regular expression source matching `literal` with any run of spaces, hyphens or dots between
 * its alphanumeric chunks ("07700 900417" also matches "07700900417" and "07700-900-417").
 */
export function flexibleCodeSource(literal: string): string {
  const chars = compactUpper(literal).split('')
  return chars.map((c) => escapeRegExp(c)).join('[\\s.\\-]?')
}

/**
 * A regular expression source for a multi-word name: any whitespace between words, curly or
 * straight apostrophes, "St" / "St." / "Saint".
 */
export function flexibleWordsSource(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => {
      if (/^(st\.?|saint)$/i.test(w)) return '(?:St\\.?|Saint)'
      return escapeRegExp(w).replace(/['’]/g, "['’]")
    })
    .join('\\s+')
}

/**
 * True when position `i` starts a sentence: only spaces, list numbers ("5.1"), bullets, markdown
 * emphasis, quotes or brackets lie between it and the previous full stop, colon, line break, table
 * bar or the start of the text.
 */
export function isSentenceStart(text: string, i: number): boolean {
  let j = i - 1
  while (j >= 0) {
    const c = text[j]
    if (c === ' ' || c === '\t' || c === '*' || c === '#' || c === '"' || c === '“' || c === "'" || c === '(') {
      j--
      continue
    }
    if (c === '-' || c === '•' || c === '>') {
      j--
      continue
    }
    if (/[0-9]/.test(c)) {
      // a list number such as "5.12 " counts as the start of a paragraph
      let k = j
      while (k >= 0 && /[0-9.]/.test(text[k])) k--
      if (k < 0 || text[k] === '\n' || text[k] === ' ' || text[k] === '|') {
        if (k < 0 || text[k] === '\n' || text[k] === '|') return true
        j = k
        continue
      }
      return false
    }
    // a colon or semicolon does not force a capital after it, so it is not counted here
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === '\r' || c === '|'
  }
  return true
}

/** Letter case of a word: `upper` (SMITH), `title` (Smith), `lower` (smith) or `mixed`. */
export function wordCase(w: string): 'upper' | 'title' | 'lower' | 'mixed' {
  const letters = w.replace(/[^A-Za-z]/g, '')
  if (!letters) return 'mixed'
  if (letters === letters.toUpperCase()) return letters.length > 1 ? 'upper' : 'title'
  if (letters === letters.toLowerCase()) return 'lower'
  if (letters[0] === letters[0].toUpperCase()) return 'title'
  return 'mixed'
}

/** Damerau–Levenshtein distance (optimal string alignment), capped: returns `cap + 1` once it exceeds `cap`. */
export function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1
  const m = a.length
  const n = b.length
  let prev2 = new Array<number>(n + 1).fill(0)
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1)
    cur[0] = i
    let rowMin = cur[0]
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > cap) return cap + 1
    prev2 = prev
    prev = cur
  }
  return Math.min(prev[n], cap + 1)
}

/**
 * A rough sound key for English names, used to catch misspellings such as "Evy" for "Evie":
 * lower case, ph→f, ck→k, final ie/ey/y/ee → i, doubled letters collapsed.
 */
export function soundKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/(ie|ey|ee|y|i)$/, 'i')
    .replace(/(.)\1+/g, '$1')
}
