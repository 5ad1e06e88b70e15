/**
 * Tokenizer for the statistical entity tagger.
 *
 * Offsets are UTF-16 code units into the input string (JavaScript string indexes), `end` exclusive.
 * Pure: no I/O; never throws on any string input.
 */

/** One token of the input text. */
export interface Token {
  /** The token's characters, exactly `text.slice(start, end)`. */
  text: string
  start: number
  end: number
  /** True for the first token of a sentence (after `.`, `!`, `?`, `:`, a blank line or a line break). */
  sentenceStart: boolean
  /** True when a line break separates this token from the previous one. */
  afterNewline: boolean
}

// Order matters: the first alternative that matches wins.
// - numbers keep their internal separators ("19124/02", "28,224", "1.5", "03/04/2024") because the
//   benchmark annotates such codes, amounts and dates as one unit;
// - words keep internal apostrophes and hyphens ("O'Brien", "Wittling-Vogel") but not a trailing
//   possessive, so "Thomas's" yields "Thomas" + "'s" and a name's span stops before the "'s";
// - e-mail addresses and URLs are one token so that the tagger sees them whole;
// - anything else is one character of punctuation or symbol.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`,
    String.raw`(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]`,
    String.raw`['’][sS](?![\p{L}\p{N}])`,
    String.raw`\p{N}+(?:[.,/:\-]\p{N}+)*(?:\p{L}{1,2}(?![\p{L}]))?`,
    String.raw`\p{Lu}\.(?![\p{L}\p{N}]{2})`,
    String.raw`[\p{L}\p{M}\p{N}]+(?:(?:-|['’](?![sS](?![\p{L}\p{M}\p{N}])))[\p{L}\p{M}\p{N}]+)*`,
    String.raw`[^\s]`,
  ].join('|'),
  'gu',
)

const SENTENCE_END = new Set(['.', '!', '?', ':', ';'])
// A full stop after these does not end a sentence ("no. 19124/02", "Mr. Smith", "para. 4").
const ABBREVIATIONS = new Set([
  'no',
  'nos',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'art',
  'arts',
  'para',
  'paras',
  'pp',
  'p',
  'v',
  'vs',
  'cf',
  'e.g',
  'i.e',
  'etc',
  'prof',
  'rev',
  'sgt',
  'det',
  'insp',
  'supt',
  'ch',
  'vol',
  'fig',
  'approx',
])

/**
 * Splits `text` into tokens with UTF-16 offsets and sentence-start flags.
 *
 * A single capital letter keeps its full stop ("K." and "H." in "K.H. Christoph") so initials stay
 * attached, while other full stops are tokens of their own.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  TOKEN_PATTERN.lastIndex = 0
  let previousEnd = 0
  let nextIsSentenceStart = true
  for (let match = TOKEN_PATTERN.exec(text); match !== null; match = TOKEN_PATTERN.exec(text)) {
    const value = match[0]
    const start = match.index
    // a line break in the gap since the previous token (scanned in place: no slice per token)
    let afterNewline = false
    for (let c = previousEnd; c < start; c++) {
      if (text.charCodeAt(c) === 10) {
        afterNewline = true
        break
      }
    }
    if (afterNewline && tokens.length > 0) nextIsSentenceStart = true
    tokens.push({ text: value, start, end: start + value.length, sentenceStart: nextIsSentenceStart, afterNewline })
    nextIsSentenceStart =
      SENTENCE_END.has(value) &&
      !(value === '.' && tokens.length > 1 && ABBREVIATIONS.has(tokens[tokens.length - 2].text.toLowerCase()))
    previousEnd = start + value.length
  }
  return tokens
}
