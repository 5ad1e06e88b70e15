/**
 * Pseudonyms that read naturally in a sentence. A cast label is either name-like ("Child M",
 * "Sibling 1", "Health Visitor 2", "Person 3": written as a name, capitalised, no article) or a role
 * ("Mother", "Maternal grandmother", "Mother's partner": written as a noun, "the mother" mid-sentence,
 * "The mother" at the start of one). These rules decide the words and the span a pseudonym replaces;
 * they are pure and never throw. Offsets are UTF-16 code units into the original text.
 */

/** What a pseudonym replacement becomes once fitted to its sentence. */
export interface FittedPseudonym {
  /** Start of the replaced span (may be earlier than the name: "her mother's partner, Dean" is replaced whole). */
  start: number
  /** End of the replaced span (may be later: the comma closing an appositive). */
  end: number
  replacement: string
}

// Words that already settle which person is meant: no "the" is added after them.
const DETERMINER = /(?:^|[^\p{L}])(?:the|a|an|her|his|their|its|our|my|your|this|whose|[\p{L}\p{N}]+['’]s)\s+$/iu
// A clause after an appositive that keeps its comma: "her partner, who …".
// The closing comma of an appositive goes before a verb ("mother, Ann, was 22" → "mother was 22");
// it stays before a clause or phrase of its own ("partner, Dean, who …", "partner, Stacey, including …").
const KEEPS_COMMA =
  /^\s*(?:who|whom|whose|which|that|and|but|or|nor|so|yet|although|though|because|as|when|whenever|while|until|since|if|aged|now|then|also|both|then|[\p{L}]+ing)\b/iu
const WORD_CHARS = /[\p{L}\p{N}'’-]/u

/**
 * True when `label` is name-like (kept as written everywhere): ends in a number or a single capital
 * letter ("Child M", "Sibling 1", "Children F, G and H"), or is all one proper-looking token without a
 * role noun. Otherwise it is a role label ("Mother", "Maternal grandmother", "IMR author (police)").
 */
export function isNameLikeLabel(label: string): boolean {
  const l = label.trim()
  if (/(?:^|\s)(?:\d+|[A-Z])$/.test(l)) return true
  if (/\b(?:[A-Z]|\d+),? (?:and|&) (?:[A-Z]|\d+)$/.test(l)) return true
  return !ROLE_WORDS.test(l)
}

const ROLE_WORDS =
  /\b(?:mother|father|parent|grand(?:mother|father|parent)s?|aunt|uncle|cousin|partner|step\w*|carer|foster|brother|sister|sibling|son|daughter|nan|grandad|friend|neighbour|lodger|boyfriend|girlfriend|husband|wife|relative|author|worker|officer|nurse|doctor|visitor|manager|midwife|practitioner|paediatrician|reviewer|teacher)\b/i

/**
 * A role label as a noun inside a sentence: capitalised words lowercased ("Maternal grandmother" →
 * "maternal grandmother", "Mother's partner" → "mother's partner"); acronyms ("IMR", "GP") and
 * name-like parts ("Father of Sibling 1" → "father of Sibling 1") kept.
 */
export function roleAsNoun(label: string): string {
  const words = label.split(/(\s+)/)
  return words
    .map((w, i) => {
      if (!/^\p{Lu}\p{Ll}/u.test(w)) return w
      // a word followed by a number or a single letter is part of a name ("Sibling 1", "Child M")
      const next = words[i + 2]
      if (next !== undefined && /^(?:\d+|[A-Z])[,.;:)]?$/.test(next)) return w
      return w[0].toLowerCase() + w.slice(1)
    })
    .join('')
}

function upperFirst(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s
}

// Everyday words for a role, compared as the role itself ("Ollie's mum, Rosalind" says "mother").
const SAME_ROLE: Readonly<Record<string, string>> = {
  mum: 'mother',
  mummy: 'mother',
  mam: 'mother',
  dad: 'father',
  daddy: 'father',
  nan: 'grandmother',
  nana: 'grandmother',
  nanny: 'grandmother',
  gran: 'grandmother',
  granny: 'grandmother',
  grandma: 'grandmother',
  grandad: 'grandfather',
  grandpa: 'grandfather',
  "mum's": "mother's",
  "dad's": "father's",
}

/** Lowercased words of a phrase, without punctuation at their edges ("Mother's," → "mother's"). */
function wordsOf(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, ''))
    .filter(Boolean)
    .map((w) => SAME_ROLE[w] ?? w)
}

/**
 * Fits a cast member's pseudonym `label` replacing `text[start, end)` (the person's written name)
 * into its sentence:
 * - name-like labels and labels in quotes or table cells are used as written;
 * - a role written just before the name is not repeated: "her mother's partner, John Smith, who" →
 *   "her mother's partner, who"; "Jane's mother, Ann, was" → "… mother was"; when the words
 *   before are the end of the label they are completed: "their grandmother Joan" → "their
 *   maternal grandmother";
 * - otherwise a role label reads as a noun: "the mother" mid-sentence ("her mother" keeps its
 *   determiner), "The mother" at the start of a sentence (`atSentenceStart`).
 * Possessives stay outside the span ("Ann's" → "the mother's"). Never throws.
 */
export function fitPseudonym(
  text: string,
  start: number,
  end: number,
  label: string,
  atSentenceStart: boolean,
): FittedPseudonym {
  const asWritten = { start, end, replacement: label }
  const charBefore = text.slice(Math.max(0, start - 1), start)
  if (/["“'‘([|]/.test(charBefore) || /^\|/.test(text.slice(end).trimStart())) return asWritten
  const before = text.slice(Math.max(0, start - 80), start)
  // The role written just before the name, with an optional comma between: "mother's partner, ".
  const m = /([\p{L}\p{N}'’-]+(?:\s+[\p{L}\p{N}'’-]+){0,3})(,?\s+)$/u.exec(before)
  if (isNameLikeLabel(label)) {
    // "Harley's father, Wayne, was" with the label "Father of Sibling 1": the writer's "Sibling 1's
    // father" already says who; the name is dropped rather than repeating the relationship
    const of = /^(.+?) of (.+)$/.exec(label)
    if (!of || !m) return asWritten
    const head = wordsOf(roleAsNoun(of[1]))
    const candidate = m[1].split(/\s+/)
    if (candidate.length <= head.length) return asWritten
    const pre = candidate.slice(candidate.length - head.length)
    const owner = candidate[candidate.length - head.length - 1]
    if (wordsOf(pre.join(' ')).join(' ') !== head.join(' ') || !/['’]s$/.test(owner)) return asWritten
    const preText = pre.join(' ')
    return { start: start - m[2].length - preText.length, end: closingComma(text, end, m[2]), replacement: preText }
  }
  const noun = roleAsNoun(label)
  const nounWords = wordsOf(noun)

  if (m) {
    const candidate = m[1].split(/\s+/)
    // the longest run of words ending just before the name that equals the label or its end
    // "Former partner of Mother's partner" names its head noun before "of": only the whole label matches
    const shortest = nounWords.includes('of') ? nounWords.length : 1
    for (let take = Math.min(candidate.length, nounWords.length); take >= shortest; take--) {
      const pre = candidate.slice(candidate.length - take)
      const preWords = wordsOf(pre.join(' '))
      const nounTail = nounWords.slice(nounWords.length - take)
      if (preWords.join(' ') !== nounTail.join(' ')) continue
      const preText = pre.join(' ')
      const preStart = start - m[2].length - preText.length
      // the word before the run must end there ("grandmother", not "…grandmother" inside a longer word)
      if (preStart > 0 && WORD_CHARS.test(text[preStart - 1])) continue
      const newEnd = closingComma(text, end, m[2])
      // the writer's words when they say the whole label; completed when the label only adds a
      // describing word ("grandmother" → "maternal grandmother"); the writer's words alone when it
      // adds a relationship ("his mother" stays, not "his mother's partner's mother")
      const extra = nounWords.slice(0, nounWords.length - take)
      const words = take === nounWords.length || extra.some((w) => w.endsWith("'s")) ? preText : noun
      const replacement = preStart === 0 || atSentenceStartAt(text, preStart) ? upperFirst(words) : words
      return { start: preStart, end: newEnd, replacement }
    }
  }
  if (atSentenceStart) return { start, end, replacement: `The ${noun}` }
  if (DETERMINER.test(before)) return { start, end, replacement: noun }
  return { start, end, replacement: `the ${noun}` }
}

/** Where an appositive ends: past its closing comma when a verb follows ("mother, Ann, was"). */
function closingComma(text: string, end: number, between: string): number {
  const after = text.slice(end + 1, end + 40)
  return between.includes(',') && text[end] === ',' && /^\s*\p{Ll}/u.test(after) && !KEEPS_COMMA.test(after)
    ? end + 1
    : end
}

function atSentenceStartAt(text: string, i: number): boolean {
  const before = text.slice(Math.max(0, i - 12), i)
  return /^\s*$/.test(before) ? i <= 12 : /(?:[.!?]["”]?\s+|\n\s*(?:[-*]\s+|\d+(?:\.\d+)*\.?\s+)?)$/.test(before)
}
