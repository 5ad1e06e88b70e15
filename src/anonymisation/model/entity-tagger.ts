/**
 * The statistical entity tagger: finds names, places, organisations, dates, codes, quantities and
 * demographic details in text with no case knowledge. Pure: the model is passed in as parsed JSON.
 *
 * Offsets are UTF-16 code units, `end` exclusive; scores are 0–1.
 */
import { allowedTransitions, OUTSIDE } from './decoder.ts'
import {
  BOUNDARY_FACTS,
  documentFacts,
  type DocumentFacts,
  OFFSETS,
  tokenFacts,
  wordFeatures,
  type TokenFacts,
} from './features.ts'
import { tokenize, type Token } from './tokenizer.ts'

/** One entity found by the tagger. `entityType` is a TAB type (PERSON, CODE, LOC, ORG, DEM, DATETIME, QUANTITY, MISC). */
export interface TaggedSpan {
  start: number
  end: number
  entityType: string
  /** Confidence 0–1, from the margin of the tagger's decisions over the span's tokens. */
  score: number
}

/** Options of {@link EntityTagger.tag}. */
export interface TagOptions {
  /**
   * Outside-tag penalty for this call (default: the model's). 0 gives the tagger's most precise
   * reading, as wanted beside a cast; the shipped penalty favours recall for text with no cast.
   */
  outsidePenalty?: number
}

/**
 * The model file's content. `features` maps a feature name to pairs `[tagIndex, weight / quantum, ...]`;
 * features absent from the map weigh nothing.
 */
export interface EntityTaggerModel {
  format: 'case-review-entity-tagger'
  version: 1
  tags: string[]
  quantum: number
  features: Record<string, number[]>
  /**
   * Subtracted from the outside tag's score when tagging (0 when absent): chosen on training data to
   * favour recall, since a missed identifier costs more than a masked ordinary word.
   */
  outsidePenalty?: number
  /** Ordinary words seen in lower case in the training texts (absent in older model files). */
  lowerCaseWords?: string[]
}

function isModel(value: unknown): value is EntityTaggerModel {
  if (typeof value !== 'object' || value === null) return false
  const m = value as Partial<EntityTaggerModel>
  return (
    m.format === 'case-review-entity-tagger' &&
    m.version === 1 &&
    Array.isArray(m.tags) &&
    m.tags.every((t) => typeof t === 'string') &&
    typeof m.quantum === 'number' &&
    typeof m.features === 'object' &&
    m.features !== null
  )
}

// Entity types whose surface form is distinctive enough to be searched for again in the same
// document: when the tagger finds "Kirsten" once, every other "Kirsten" is the same person.
const PROPAGATED_TYPES = new Set(['PERSON', 'ORG', 'LOC', 'CODE', 'MISC', 'DEM'])

const ABBREVIATION_AFTER = /^\s*\(\s*[“"‘']?(\p{Lu}[\p{Lu}\p{N}]{1,7})[”"’']?\s*\)/u

type PairMap = ReadonlyMap<string, ReadonlyMap<string, number>>
// The same maps with each component replaced by its integer id (see `#ids`): integer keys hash
// faster, and each token's word and shape are looked up once instead of once per template.
type IdPairMap = ReadonlyMap<number, ReadonlyMap<number, number>>
const EMPTY: PairMap = new Map()
// The word cache's key of the positions before the first and after the last token: tokens never
// contain white space.
const BOUNDARY_KEY = ' '
/** A word's cached word-only feature weights and component ids (see `EntityTagger.#wordEntry`). */
interface WordEntry {
  scores: Float64Array
  wordId: number
  shapeId: number
}
const NONE = -1
type FixedRow = 'capStart' | 'cap' | 'lowStart' | 'low' | 'newline' | 'capitalisedElsewhere' | 'lowerElsewhere'

/** Adds weight row `row` to `scores` unless it is NONE. */
function addRowAt(scores: Float64Array, weights: Float64Array, row: number): void {
  if (row === NONE) return
  for (let t = 0; t < scores.length; t++) scores[t] += weights[row + t]
}

// Indices of the joined templates in a {@link PairTable}.
const SHAPE_PAIR = 0
const PREVIOUS_WORD = 1
const WORD = 2
const TWO_BEFORE = 3
const NEXT_WORD = 4
const PREVIOUS_SHAPE = 5
const SHAPE = 6
const AFTER_TAG = 7
const AFTER_TAG_SHAPE = 8

/**
 * The rows of every joined feature, keyed by (template index, first component id, second component
 * id) in one open-addressing hash table of typed arrays: one probe per look-up instead of two
 * `Map` look-ups, which made up most of the tagger's time.
 */
class PairTable {
  readonly #first: Int32Array
  readonly #second: Int32Array
  readonly #rows: Int32Array
  readonly #mask: number

  constructor(maps: readonly IdPairMap[]) {
    let count = 0
    for (const map of maps) for (const bySecond of map.values()) count += bySecond.size
    let capacity = 16
    while (capacity < count * 2) capacity *= 2
    this.#first = new Int32Array(capacity).fill(NONE)
    this.#second = new Int32Array(capacity)
    this.#rows = new Int32Array(capacity)
    this.#mask = capacity - 1
    maps.forEach((map, template) => {
      for (const [first, bySecond] of map) {
        for (const [second, row] of bySecond) {
          const key = first * 16 + template
          let h = PairTable.#hash(key, second) & this.#mask
          while (this.#first[h] !== NONE && !(this.#first[h] === key && this.#second[h] === second))
            h = (h + 1) & this.#mask
          this.#first[h] = key
          this.#second[h] = second
          this.#rows[h] = row
        }
      }
    })
  }

  static #hash(key: number, second: number): number {
    let h = Math.imul(key, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b)
    h ^= h >>> 15
    h = Math.imul(h, 0x2c1b3c6d)
    return h ^ (h >>> 12)
  }

  /** The row of the joined feature of `first` and `second` (ids) in `template`, NONE when absent. */
  get(template: number, first: number, second: number): number {
    if (first === NONE || second === NONE) return NONE
    const key = first * 16 + template
    const mask = this.#mask
    const firsts = this.#first
    for (let h = PairTable.#hash(key, second) & mask; ; h = (h + 1) & mask) {
      const k = firsts[h]
      if (k === NONE) return NONE
      if (k === key && this.#second[h] === second) return this.#rows[h]
    }
  }
}

// Feature templates joining two components with "|" (see `contextFeatures` and `dynamicFeatures`).
const JOINED_TEMPLATES = new Set([
  's-1s+1:',
  'w-1w:',
  'ww+1:',
  'w-2w-1:',
  'w+1w+2:',
  'ss-1ss:',
  'ssss+1:',
  't-1w:',
  't-1ss:',
])

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Converts the margin between the best and runner-up tag scores into a 0–1 confidence. */
function confidence(margin: number): number {
  return 1 / (1 + Math.exp(-margin / 2))
}

/**
 * Tags text with a trained model.
 *
 * Construct with {@link EntityTagger.fromJSON}; `tag` never throws and is safe to call concurrently
 * (no state changes after loading).
 */
export class EntityTagger {
  readonly tags: readonly string[]
  readonly #lowerCaseWords: ReadonlySet<string>
  readonly #weights: Float64Array
  readonly #rows: Map<string, number>
  // Rows of the word-only features of each distinct token text, per offset: most words recur, so
  // this saves most feature look-ups. Bounded so that a huge input cannot exhaust memory.
  // With each its ids of the word (lower case) and short shape in `#ids` (NONE when unknown).
  readonly #wordRows = new Map<string, WordEntry>()
  // Summed weights of the features of the two previous tags alone, by tag pair.
  readonly #tagPairRows: Float64Array[] = []
  readonly #allowed: Uint8Array
  // Joined features ("w-1w:" + "the|court") by template, then first and second component.
  readonly #pairMaps = new Map<string, Map<string, Map<string, number>>>()
  readonly #pairs: PairTable
  // Integer ids of every component of a joined feature (words, shapes, tags, "<s>").
  readonly #ids = new Map<string, number>()
  // Rows of the single-name context features, looked up once ("c:CS", "nl", ...), and the id of "<s>".
  readonly #fixedRows: Readonly<Record<FixedRow, number>> & { startId: number }
  /** See {@link EntityTaggerModel.outsidePenalty}. */
  outsidePenalty: number

  private constructor(
    tags: readonly string[],
    rows: Map<string, number>,
    weights: Float64Array,
    outsidePenalty: number,
    lowerCaseWords: ReadonlySet<string>,
  ) {
    this.#lowerCaseWords = lowerCaseWords
    this.tags = tags
    this.#rows = rows
    this.#weights = weights
    this.outsidePenalty = outsidePenalty
    this.#allowed = allowedTransitions(tags)
    for (const [name, row] of rows) {
      const colon = name.indexOf(':')
      const template = name.slice(0, colon + 1)
      if (!JOINED_TEMPLATES.has(template)) continue
      const rest = name.slice(colon + 1)
      let byFirst = this.#pairMaps.get(template)
      if (byFirst === undefined) this.#pairMaps.set(template, (byFirst = new Map()))
      // A component may itself contain "|" (the token "|"): record every possible split; the one
      // that matches the actual components is the only one looked up.
      for (let bar = rest.indexOf('|'); bar >= 0; bar = rest.indexOf('|', bar + 1)) {
        const first = rest.slice(0, bar)
        let bySecond = byFirst.get(first)
        if (bySecond === undefined) byFirst.set(first, (bySecond = new Map()))
        bySecond.set(rest.slice(bar + 1), row)
      }
    }
    // In the order of the template indices (SHAPE_PAIR ... AFTER_TAG_SHAPE).
    this.#pairs = new PairTable([
      this.#idPairsOf('s-1s+1:'),
      this.#idPairsOf('w-1w:'),
      this.#idPairsOf('ww+1:'),
      this.#idPairsOf('w-2w-1:'),
      this.#idPairsOf('w+1w+2:'),
      this.#idPairsOf('ss-1ss:'),
      this.#idPairsOf('ssss+1:'),
      this.#idPairsOf('t-1w:'),
      this.#idPairsOf('t-1ss:'),
    ])
    this.#pairMaps.clear()
    this.#fixedRows = {
      capStart: rows.get('c:CS') ?? NONE,
      cap: rows.get('c:C') ?? NONE,
      lowStart: rows.get('c:lS') ?? NONE,
      low: rows.get('c:l') ?? NONE,
      newline: rows.get('nl') ?? NONE,
      capitalisedElsewhere: rows.get('dC') ?? NONE,
      lowerElsewhere: rows.get('dL') ?? NONE,
      startId: this.#ids.get('<s>') ?? NONE,
    }
  }

  /**
   * Loads a model from its parsed JSON. Throws a `TypeError` when `model` is not an entity tagger
   * model of a supported version.
   */
  static fromJSON(model: unknown): EntityTagger {
    if (!isModel(model)) throw new TypeError('not an entity tagger model (format case-review-entity-tagger, version 1)')
    const size = model.tags.length
    const names = Object.keys(model.features)
    const weights = new Float64Array(names.length * size)
    const rows = new Map<string, number>()
    names.forEach((name, n) => {
      const row = n * size
      rows.set(name, row)
      const sparse = model.features[name]
      for (let k = 0; k + 1 < sparse.length; k += 2) {
        const tag = sparse[k]
        if (tag >= 0 && tag < size) weights[row + tag] = sparse[k + 1] * model.quantum
      }
    })
    const lowerCaseWords = new Set(Array.isArray(model.lowerCaseWords) ? model.lowerCaseWords : [])
    return new EntityTagger(model.tags, rows, weights, model.outsidePenalty ?? 0, lowerCaseWords)
  }

  /**
   * Whether `word` (compare in lower case) was written in lower case in the training texts, i.e. is
   * an ordinary word ("review", "nurse") rather than only ever a name. Never throws.
   */
  isOrdinaryWord(word: string): boolean {
    return this.#lowerCaseWords.has(word)
  }

  /**
   * Finds entities in `text`: the tagger's spans, plus every other whole-word occurrence in the same
   * text of a name, place, organisation or code it found (a person named once is named throughout).
   * Spans are sorted by start and do not overlap.
   */
  tag(text: string, options: TagOptions = {}): TaggedSpan[] {
    const tokens = tokenize(text)
    const spans = this.#decode(tokens, options.outsidePenalty ?? this.outsidePenalty)
    return propagate(text, spans)
  }

  /** The tagger's own spans, without propagation. */
  tagTokens(tokens: readonly Token[], options: TagOptions = {}): TaggedSpan[] {
    return this.#decode(tokens, options.outsidePenalty ?? this.outsidePenalty)
  }

  // Sums the weight rows of `names` into `target` at `offset`.
  #addRows(names: readonly string[], target: Float64Array, offset: number): void {
    const size = this.tags.length
    const weights = this.#weights
    for (const name of names) {
      const row = this.#rows.get(name)
      if (row === undefined) continue
      for (let t = 0; t < size; t++) target[offset + t] += weights[row + t]
    }
  }

  #pairsOf(template: string): PairMap {
    return this.#pairMaps.get(template) ?? EMPTY
  }

  #id(component: string): number {
    let id = this.#ids.get(component)
    if (id === undefined) this.#ids.set(component, (id = this.#ids.size))
    return id
  }

  #idPairsOf(template: string): IdPairMap {
    const result = new Map<number, Map<number, number>>()
    for (const [first, bySecond] of this.#pairsOf(template)) {
      const ids = new Map<number, number>()
      for (const [second, row] of bySecond) ids.set(this.#id(second), row)
      result.set(this.#id(first), ids)
    }
    return result
  }

  // Adds the weights of `contextFeatures(facts, document, i)`: the same features, but joined ones
  // are found through one hash table of their components' ids (`words` and `shapes` hold each
  // token's ids, NONE when the model has no feature with it), so no name is built or hashed per token.
  #addContext(
    facts: readonly TokenFacts[],
    document: DocumentFacts,
    i: number,
    words: Int32Array,
    shapes: Int32Array,
    scores: Float64Array,
  ): void {
    const f = facts[i]
    const n = facts.length
    const start = this.#fixedRows.startId
    const wP1 = i > 0 ? words[i - 1] : start
    const wP2 = i > 1 ? words[i - 2] : start
    const wN1 = i + 1 < n ? words[i + 1] : start
    const wN2 = i + 2 < n ? words[i + 2] : start
    const sP1 = i > 0 ? shapes[i - 1] : start
    const sN1 = i + 1 < n ? shapes[i + 1] : start
    const w = words[i]
    const s = shapes[i]
    const k = this.#pairs
    const weights = this.#weights
    const rows = this.#fixedRows
    addRowAt(
      scores,
      weights,
      f.capitalised ? (f.sentenceStart ? rows.capStart : rows.cap) : f.sentenceStart ? rows.lowStart : rows.low,
    )
    addRowAt(scores, weights, k.get(SHAPE_PAIR, sP1, sN1))
    addRowAt(scores, weights, k.get(PREVIOUS_WORD, wP1, w))
    addRowAt(scores, weights, k.get(WORD, w, wN1))
    addRowAt(scores, weights, k.get(TWO_BEFORE, wP2, wP1))
    addRowAt(scores, weights, k.get(NEXT_WORD, wN1, wN2))
    addRowAt(scores, weights, k.get(PREVIOUS_SHAPE, sP1, s))
    addRowAt(scores, weights, k.get(SHAPE, s, sN1))
    if (f.afterNewline) addRowAt(scores, weights, rows.newline)
    if (f.capitalised) {
      if (document.capitalisedMidSentence.has(f.lower)) addRowAt(scores, weights, rows.capitalisedElsewhere)
      if (document.lowerCase.has(f.lower)) addRowAt(scores, weights, rows.lowerElsewhere)
    }
  }

  // The summed weights of a word's word-only features, one block of `tags.length` per offset, with
  // the ids of its lower-case form and short shape.
  #wordEntry(text: string, facts: TokenFacts): WordEntry {
    // The boundary's facts differ from any real token's, so it gets a key no token can have.
    const key = facts === BOUNDARY_FACTS ? BOUNDARY_KEY : text
    let cached = this.#wordRows.get(key)
    if (cached === undefined) {
      const size = this.tags.length
      const scores = new Float64Array(OFFSETS.length * size)
      for (let k = 0; k < OFFSETS.length; k++) this.#addRows(wordFeatures(facts, OFFSETS[k]), scores, k * size)
      cached = { scores, wordId: this.#ids.get(facts.lower) ?? NONE, shapeId: this.#ids.get(facts.shortShape) ?? NONE }
      if (this.#wordRows.size > 200_000) this.#wordRows.clear()
      this.#wordRows.set(key, cached)
    }
    return cached
  }

  // The summed weights of the features of the two previous tags alone.
  #pairScores(previous: number, beforePrevious: number): Float64Array {
    const size = this.tags.length
    const key = (previous + 1) * (size + 1) + beforePrevious + 1
    let cached = this.#tagPairRows[key]
    if (cached === undefined) {
      const p = previous < 0 ? '<s>' : this.tags[previous]
      const pp = beforePrevious < 0 ? '<s>' : this.tags[beforePrevious]
      cached = new Float64Array(size)
      this.#addRows(['t-1:' + p, 't-2t-1:' + pp + '|' + p], cached, 0)
      this.#tagPairRows[key] = cached
    }
    return cached
  }

  /**
   * Greedy decoding, specialised for speed: the same features and the same arithmetic as
   * `decodeGreedy` (which training uses), but the weights of word-only features are summed once per
   * distinct word and those of tag pairs once per pair.
   */
  #decodeTags(tokens: readonly Token[], penalty: number): { tags: Int32Array; margins: Float64Array } {
    const facts = tokenFacts(tokens)
    const document = documentFacts(facts)
    const weights = this.#weights
    const tags = this.tags
    const size = tags.length
    const n = tokens.length
    const words: Float64Array[] = new Array<Float64Array>(n)
    const wordIds = new Int32Array(n)
    const shapeIds = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const entry = this.#wordEntry(tokens[i].text, facts[i])
      words[i] = entry.scores
      wordIds[i] = entry.wordId
      shapeIds[i] = entry.shapeId
    }
    const boundary = this.#wordEntry('', BOUNDARY_FACTS).scores
    const scores = new Float64Array(size)
    const bias = new Float64Array(size)
    this.#addRows(['b'], bias, 0)
    const pairs = this.#pairs
    const ids = this.#ids
    const tagIds = [...tags.map((t) => ids.get(t) ?? NONE), ids.get('<s>') ?? NONE]
    const allowed = this.#allowed
    const decodedTags = new Int32Array(n)
    const margins = new Float64Array(n)
    let previous = -1
    let beforePrevious = -1
    for (let i = 0; i < n; i++) {
      scores.set(bias)
      for (let k = 0; k < OFFSETS.length; k++) {
        const j = i + OFFSETS[k]
        const block = j >= 0 && j < n ? words[j] : boundary
        const base = k * size
        for (let t = 0; t < size; t++) scores[t] += block[base + t]
      }
      this.#addContext(facts, document, i, wordIds, shapeIds, scores)
      const pair = this.#pairScores(previous, beforePrevious)
      for (let t = 0; t < size; t++) scores[t] += pair[t]
      const p = tagIds[previous < 0 ? size : previous]
      addRowAt(scores, weights, pairs.get(AFTER_TAG_SHAPE, p, shapeIds[i]))
      addRowAt(scores, weights, pairs.get(AFTER_TAG, p, wordIds[i]))
      scores[0] -= penalty
      const allowedBase = (previous + 1) * size
      let best = -1
      let second = -Infinity
      for (let t = 0; t < size; t++) {
        if (allowed[allowedBase + t] === 0) continue
        if (best < 0 || scores[t] > scores[best]) {
          if (best >= 0) second = Math.max(second, scores[best])
          best = t
        } else if (scores[t] > second) second = scores[t]
      }
      decodedTags[i] = best
      margins[i] = scores[best] - second
      beforePrevious = previous
      previous = best
    }
    return { tags: decodedTags, margins }
  }

  #decode(tokens: readonly Token[], penalty: number): TaggedSpan[] {
    const decoded = this.#decodeTags(tokens, penalty)
    const spans: TaggedSpan[] = []
    let open: { start: number; end: number; entityType: string; total: number; count: number } | null = null
    const close = (): void => {
      if (open)
        spans.push({ start: open.start, end: open.end, entityType: open.entityType, score: open.total / open.count })
      open = null
    }
    for (let i = 0; i < tokens.length; i++) {
      const tag = this.tags[decoded.tags[i]]
      const score = confidence(decoded.margins[i])
      if (tag === OUTSIDE) {
        close()
      } else if (tag.startsWith('I-') && open !== null) {
        open.end = tokens[i].end
        open.total += score
        open.count++
      } else {
        close()
        open = { start: tokens[i].start, end: tokens[i].end, entityType: tag.slice(2), total: score, count: 1 }
      }
    }
    close()
    return spans
  }
}

/**
 * Whether a found surface form is distinctive enough to mask wherever it recurs: at least three
 * characters with a capital letter or a digit. Lower-case forms are not searched for again: a lone
 * "the" or "applicants" the tagger happened to include would be masked throughout the document, and
 * on TAB this cost 0.02 of precision for no recall.
 */
export function isPropagatable(surface: string): boolean {
  return surface.length >= 3 && /[\p{Lu}\p{N}]/u.test(surface) && !FUNCTION_WORDS.has(surface.toLowerCase())
}

// Capitalised at a sentence start, these are never worth masking throughout a document.
const FUNCTION_WORDS = new Set(
  `the and but for nor yet this that these those there then when where which while who whom whose what
  with within without from into onto upon about above after before below between during under over
  not all any each every some such other its his her their our your they she him them you was were
  has had have are can may will would should could must also however although because since until`.split(/\s+/),
)

/**
 * Adds every other whole-word occurrence of the found names, places, organisations and codes (and,
 * for a person, of each capitalised part of the name of three letters or more, so that "Gisela
 * Kirsten" also masks a later "Kirsten"). Returns sorted spans without overlaps; the original span
 * wins an overlap.
 */
export function propagate(text: string, spans: readonly TaggedSpan[]): TaggedSpan[] {
  const forms = new Map<string, TaggedSpan>()
  for (const span of spans) {
    if (!PROPAGATED_TYPES.has(span.entityType)) continue
    const surface = text.slice(span.start, span.end)
    if (isPropagatable(surface) && !forms.has(surface)) forms.set(surface, span)
    // An abbreviation defined right after the entity ("Employment Appeal Tribunal (“EAT”)") names
    // the same entity wherever it appears.
    const defined = ABBREVIATION_AFTER.exec(text.slice(span.end, span.end + 16))
    if (defined && !forms.has(defined[1])) forms.set(defined[1], span)
    if (span.entityType === 'PERSON') {
      for (const part of surface.match(/\p{Lu}[\p{L}\p{M}'’-]{2,}/gu) ?? []) {
        if (!forms.has(part)) forms.set(part, span)
      }
    }
  }
  if (forms.size === 0) return [...spans]
  const alternatives = [...forms.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
  const extra: TaggedSpan[] = []
  for (const match of text.matchAll(pattern)) {
    const source = forms.get(match[0])
    if (!source) continue
    extra.push({
      start: match.index,
      end: match.index + match[0].length,
      entityType: source.entityType,
      score: source.score * 0.9,
    })
  }
  return mergeTagged([...spans, ...extra])
}

/** Sorts spans and resolves overlaps: overlapping spans are joined, keeping the type of the longest. */
function mergeTagged(spans: readonly TaggedSpan[]): TaggedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const result: TaggedSpan[] = []
  for (const span of sorted) {
    const last = result[result.length - 1]
    if (last && span.start < last.end) {
      if (span.end > last.end) {
        if (span.end - span.start > last.end - last.start) last.entityType = span.entityType
        last.end = span.end
      }
      last.score = Math.max(last.score, span.score)
    } else {
      result.push({ ...span })
    }
  }
  return result
}
