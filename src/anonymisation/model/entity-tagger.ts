/**
 * The statistical entity tagger: finds names, places, organisations, dates, codes, quantities and
 * demographic details in text with no case knowledge. Pure: the model is passed in as parsed JSON.
 *
 * Offsets are UTF-16 code units, `end` exclusive; scores are 0–1.
 */
import { decodeGreedy, OUTSIDE } from './decoder.ts'
import {
  BOUNDARY_FACTS,
  contextFeatures,
  documentFacts,
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
  readonly #weights: Float64Array
  readonly #rows: Map<string, number>
  // Rows of the word-only features of each distinct token text, per offset: most words recur, so
  // this saves most feature look-ups. Bounded so that a huge input cannot exhaust memory.
  readonly #wordRows = new Map<string, number[][]>()
  // Rows of the features of the two previous tags alone, by tag pair.
  readonly #tagPairRows: number[][] = []
  /** See {@link EntityTaggerModel.outsidePenalty}. */
  outsidePenalty: number

  private constructor(
    tags: readonly string[],
    rows: Map<string, number>,
    weights: Float64Array,
    outsidePenalty: number,
  ) {
    this.tags = tags
    this.#rows = rows
    this.#weights = weights
    this.outsidePenalty = outsidePenalty
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
    return new EntityTagger(model.tags, rows, weights, model.outsidePenalty ?? 0)
  }

  /**
   * Finds entities in `text`: the tagger's spans, plus every other whole-word occurrence in the same
   * text of a name, place, organisation or code it found (a person named once is named throughout).
   * Spans are sorted by start and do not overlap.
   */
  tag(text: string): TaggedSpan[] {
    const tokens = tokenize(text)
    const spans = this.#decode(tokens)
    return propagate(text, spans)
  }

  /** The tagger's own spans, without propagation. */
  tagTokens(tokens: readonly Token[]): TaggedSpan[] {
    return this.#decode(tokens)
  }

  #rowsOfWord(text: string, facts: TokenFacts): number[][] {
    // The boundary's facts differ from any real token's, so it gets a key no token can have.
    const key = facts === BOUNDARY_FACTS ? '\u0000' : text
    let cached = this.#wordRows.get(key)
    if (cached === undefined) {
      cached = OFFSETS.map((offset) => wordFeatures(facts, offset).flatMap((name) => this.#rows.get(name) ?? []))
      if (this.#wordRows.size > 200_000) this.#wordRows.clear()
      this.#wordRows.set(key, cached)
    }
    return cached
  }

  #decode(tokens: readonly Token[]): TaggedSpan[] {
    const facts = tokenFacts(tokens)
    const document = documentFacts(facts)
    const rows = this.#rows
    const words = facts.map((f, i) => this.#rowsOfWord(tokens[i].text, f))
    const boundary = this.#rowsOfWord('', BOUNDARY_FACTS)
    const staticRows = (i: number): number[] => {
      const result: number[] = []
      for (const name of contextFeatures(facts, document, i)) {
        const row = rows.get(name)
        if (row !== undefined) result.push(row)
      }
      for (let k = 0; k < OFFSETS.length; k++) {
        const j = i + OFFSETS[k]
        for (const row of (j >= 0 && j < words.length ? words[j] : boundary)[k]) result.push(row)
      }
      return result
    }
    const size = this.tags.length
    const tags = this.tags
    const dynamicRows = (i: number, previous: number, beforePrevious: number): number[] => {
      const key = (previous + 1) * (size + 1) + beforePrevious + 1
      let pair = this.#tagPairRows[key]
      if (pair === undefined) {
        const p = previous < 0 ? '<s>' : tags[previous]
        const pp = beforePrevious < 0 ? '<s>' : tags[beforePrevious]
        pair = ['t-1:' + p, 't-2t-1:' + pp + '|' + p].flatMap((name) => rows.get(name) ?? [])
        this.#tagPairRows[key] = pair
      }
      const f = facts[i]
      const result = pair.slice()
      const a = rows.get('t-1ss:' + (previous < 0 ? '<s>' : tags[previous]) + '|' + f.shortShape)
      if (a !== undefined) result.push(a)
      const b = rows.get('t-1w:' + (previous < 0 ? '<s>' : tags[previous]) + '|' + f.lower)
      if (b !== undefined) result.push(b)
      return result
    }
    const decoded = decodeGreedy(
      tokens.length,
      tags,
      this.#weights,
      staticRows,
      dynamicRows,
      undefined,
      this.outsidePenalty,
    )
    const spans: TaggedSpan[] = []
    let open: { start: number; end: number; entityType: string; total: number; count: number } | null = null
    const close = (): void => {
      if (open)
        spans.push({ start: open.start, end: open.end, entityType: open.entityType, score: open.total / open.count })
      open = null
    }
    for (let i = 0; i < tokens.length; i++) {
      const tag = this.tags[decoded[i].tag]
      const score = confidence(decoded[i].margin)
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
    if (surface.length >= 3 && !forms.has(surface)) forms.set(surface, span)
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
