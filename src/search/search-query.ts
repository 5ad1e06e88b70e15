/**
 * The user's search box text, parsed into a small safe structure that each engine renders into its
 * own syntax. Nothing the user typed ever reaches FTS5's query language or `websearch_to_tsquery`
 * except words made only of letters and digits, so no input can make a query fail.
 *
 * Supported, the same on both engines: words (all must match), "phrases in quotes", `OR` between
 * two items, and `-word` to exclude. Everything else (operators, brackets, `*`, `NEAR(`, SQL) is
 * reduced to its words or dropped.
 */

/** One thing to match: a single word, or a phrase of several words in order. */
export interface QueryItem {
  /** Lower-case words, each only letters and digits. At least one. */
  readonly words: readonly string[]
  readonly negated: boolean
}

/** Items joined by AND; each group is an OR of its items (`a OR b c` → [[a, b], [c]]). */
export interface ParsedQuery {
  readonly groups: readonly (readonly QueryItem[])[]
  /** Words the user meant positively (for highlighting and "recommended" checks). */
  readonly positiveWords: readonly string[]
}

/** Characters of a query looked at; the rest is ignored (a 10,000-character query is cut here). */
export const MAX_QUERY_CHARACTERS = 500
/** Items kept; more are ignored so a pasted paragraph still answers quickly. */
export const MAX_QUERY_ITEMS = 16
/** Words kept in one phrase. */
export const MAX_PHRASE_WORDS = 8

/**
 * PostgreSQL's English stop words (`english.stop`). Removed from single words on both engines so
 * that both answer the same: PostgreSQL ignores them, FTS5 would require them. Kept inside phrases,
 * where both engines respect their positions.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
    'it its itself they them their theirs themselves what which who whom this that these those am is are was were be ' +
    'been being have has had having do does did doing a an the and but if or because as until while of at by for with ' +
    'about against between into through during before after above below to from up down in out on off over under again ' +
    'further then once here there when where why how all any both each few more most other some such no nor not only own ' +
    'same so than too very s t can will just don should now'
  ).split(' '),
)

const WORD = /[\p{L}\p{N}]+/gu

function wordsOf(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).map((w) => w.slice(0, 64))
}

/**
 * Parse a search box text. Contract: never throws; any string (or non-string, treated as empty)
 * gives a structure with only letter/digit words; an empty `groups` means "no text query".
 */
export function parseQuery(input: unknown): ParsedQuery {
  const text = typeof input === 'string' ? input.slice(0, MAX_QUERY_CHARACTERS) : ''
  // Split into quoted phrases and the rest. An unbalanced last quote is treated as plain words.
  const raw: { text: string; phrase: boolean; negated: boolean; or: boolean }[] = []
  const pattern = /(-?)"([^"]*)"|(\S+)/g
  let match: RegExpExecArray | null
  const quoteCount = (text.match(/"/g) ?? []).length
  const lastQuote = text.lastIndexOf('"')
  const source = quoteCount % 2 === 1 ? `${text.slice(0, lastQuote)} ${text.slice(lastQuote + 1)}` : text
  while ((match = pattern.exec(source)) !== null) {
    if (match[2] !== undefined) {
      raw.push({ text: match[2], phrase: true, negated: match[1] === '-', or: false })
    } else {
      const token = match[3]
      if (token === 'OR') {
        raw.push({ text: '', phrase: false, negated: false, or: true })
        continue
      }
      raw.push({ text: token, phrase: false, negated: token.startsWith('-'), or: false })
    }
  }

  const groups: QueryItem[][] = []
  let pendingOr = false
  let items = 0
  for (const token of raw) {
    if (token.or) {
      pendingOr = groups.length > 0
      continue
    }
    let words = wordsOf(token.text)
    if (!token.phrase) {
      // A bare token like `child's` or `NEAR(` becomes its words, each its own item.
      words = words.filter((w) => !STOP_WORDS.has(w))
    }
    const newItems: QueryItem[] = token.phrase
      ? words.some((w) => !STOP_WORDS.has(w))
        ? [{ words: words.slice(0, MAX_PHRASE_WORDS), negated: token.negated }]
        : []
      : words.map((w) => ({ words: [w], negated: token.negated }))
    for (const item of newItems) {
      if (items >= MAX_QUERY_ITEMS) break
      items++
      // OR joins only two positive items; `a OR -b` is read as `a -b`.
      if (pendingOr && !item.negated && !groups[groups.length - 1].some((i) => i.negated)) {
        groups[groups.length - 1].push(item)
      } else {
        groups.push([item])
      }
      pendingOr = false
    }
    pendingOr = false
  }
  // Exclusions alone cannot be answered the same on both engines; without a positive item the
  // query is treated as empty (browse by filters).
  const positive = groups.filter((g) => !g[0].negated)
  if (positive.length === 0) return { groups: [], positiveWords: [] }
  return {
    groups,
    positiveWords: [...new Set(positive.flatMap((g) => g.flatMap((i) => i.words)))],
  }
}

/**
 * Render for SQLite FTS5 MATCH. Every word is a double-quoted string (FTS5 treats it as a literal
 * token, never an operator); exclusions use FTS5's binary NOT after the positive part.
 * Contract: returns null for an empty query; never throws.
 */
export function toFts5Query(query: ParsedQuery): string | null {
  const render = (item: QueryItem) => `"${item.words.join(' ')}"`
  const positive = query.groups.filter((g) => !g[0].negated)
  if (positive.length === 0) return null
  const negative = query.groups.filter((g) => g[0].negated).flatMap((g) => g)
  const and = positive.map((g) => (g.length === 1 ? render(g[0]) : `(${g.map(render).join(' OR ')})`)).join(' AND ')
  if (negative.length === 0) return and
  return `(${and}) NOT (${negative.map(render).join(' OR ')})`
}

/**
 * Render as `websearch_to_tsquery` input: words, "phrases", `or`, `-word`. Only letters, digits,
 * spaces, quotes and minus signs appear. Contract: returns null for an empty query; never throws.
 */
export function toWebsearchQuery(query: ParsedQuery): string | null {
  const render = (item: QueryItem) =>
    `${item.negated ? '-' : ''}${item.words.length > 1 ? `"${item.words.join(' ')}"` : item.words[0]}`
  if (!query.groups.some((g) => !g[0].negated)) return null
  return query.groups.map((g) => g.map(render).join(' or ')).join(' ')
}
