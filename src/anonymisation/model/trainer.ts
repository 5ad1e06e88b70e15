/**
 * Trains the entity tagger: an averaged perceptron over BIO tags with greedy decoding (Collins 2002;
 * the "averaged perceptron tagger" of Honnibal, 2013). Pure and deterministic: the same documents,
 * options and seed give the same model, byte for byte.
 */
import { decodeGreedy, dynamicRowsByName, OUTSIDE } from './decoder.ts'
import { documentFacts, dynamicFeatures, staticFeatures, tokenFacts } from './features.ts'
import { tokenize, type Token } from './tokenizer.ts'
import type { EntityTaggerModel } from './entity-tagger.ts'

/** One training document: a text and the spans to learn, with their entity types. */
export interface TrainingDocument {
  text: string
  entities: readonly { start: number; end: number; entityType: string }[]
}

/** Training settings. */
export interface TrainingOptions {
  /** Passes over the data (default 8). */
  epochs?: number
  /** Seed of the shuffling between passes (default 1). */
  seed?: number
  /** Features seen fewer times than this in the gold data are dropped (default 2). */
  minFeatureCount?: number
  /** Averaged weights whose absolute value is below this are dropped from the model (default 0.05). */
  pruneBelow?: number
  /** Weights are stored as integer multiples of this (default 0.02). */
  quantum?: number
  /** Progress messages (default: none). */
  log?: (message: string) => void
}

/** Deterministic pseudo-random numbers (mulberry32), so shuffles are reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Words of three letters or more written in lower case at least twice in the training texts, sorted:
 * ordinary words, so a capitalised "Review" or "Nurse" is not taken for a name by itself.
 */
export function lowerCaseWords(documents: readonly TrainingDocument[]): string[] {
  const counts = new Map<string, number>()
  for (const document of documents)
    for (const match of document.text.matchAll(
      /(?<![\p{L}\p{M}\p{N}'’-])\p{Ll}[\p{Ll}\p{M}]{2,}(?![\p{L}\p{M}\p{N}'’-])/gu,
    ))
      counts.set(match[0], (counts.get(match[0]) ?? 0) + 1)
  return [...counts]
    .filter(([, n]) => n >= 2)
    .map(([word]) => word)
    .sort()
}

/** BIO tags for the tokens: a token takes the type of the first entity it overlaps. */
export function goldTags(tokens: readonly Token[], entities: TrainingDocument['entities']): string[] {
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end)
  const tags: string[] = new Array(tokens.length).fill(OUTSIDE)
  let e = 0
  let previousEntity = -1
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    while (e < sorted.length && sorted[e].end <= token.start) e++
    if (e < sorted.length && sorted[e].start < token.end) {
      tags[i] = (previousEntity === e ? 'I-' : 'B-') + sorted[e].entityType
      previousEntity = e
    } else {
      previousEntity = -1
    }
  }
  return tags
}

/**
 * Trains a model on `documents`. Returns the JSON-serialisable model that
 * {@link EntityTagger.fromJSON} loads. Throws a `RangeError` when there is nothing to learn.
 */
export function trainEntityTagger(
  documents: readonly TrainingDocument[],
  options: TrainingOptions = {},
): EntityTaggerModel {
  const epochs = options.epochs ?? 8
  const minFeatureCount = options.minFeatureCount ?? 2
  const pruneBelow = options.pruneBelow ?? 0.05
  const quantum = options.quantum ?? 0.02
  const log = options.log ?? (() => {})
  const next = random(options.seed ?? 1)

  const prepared = documents.map((document) => {
    const tokens = tokenize(document.text)
    const facts = tokenFacts(tokens)
    // Static feature rows, computed on the first pass once the feature index exists.
    const rows = undefined as number[][] | undefined
    return { facts, document: documentFacts(facts), gold: goldTags(tokens, document.entities), rows }
  })
  const types = [...new Set(prepared.flatMap((p) => p.gold.filter((t) => t !== OUTSIDE).map((t) => t.slice(2))))].sort()
  if (types.length === 0) throw new RangeError('no entities to learn from')
  const tags = [OUTSIDE, ...types.flatMap((type) => ['B-' + type, 'I-' + type])]
  const tagIndex = new Map(tags.map((t, i) => [t, i]))
  const size = tags.length

  // Index the features seen often enough with the gold history (features of wrong histories that
  // never occur in the gold data cannot be learnt reliably anyway).
  const counts = new Map<string, number>()
  for (const p of prepared) {
    for (let i = 0; i < p.facts.length; i++) {
      const names = staticFeatures(p.facts, p.document, i).concat(
        dynamicFeatures(p.facts, i, i > 0 ? p.gold[i - 1] : '<s>', i > 1 ? p.gold[i - 2] : '<s>'),
      )
      for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1)
    }
  }
  const index = new Map<string, number>()
  for (const [name, count] of counts) if (count >= minFeatureCount) index.set(name, index.size * size)
  counts.clear()
  log(`${prepared.length} documents, ${tags.length} tags, ${index.size} features`)

  const weights = new Float64Array(index.size * size)
  const totals = new Float64Array(index.size * size)
  const stamps = new Float64Array(index.size * size)
  let clock = 0
  const lookup = (name: string): number => index.get(name) ?? -1
  const update = (row: number, tag: number, delta: number): void => {
    const at = row + tag
    totals[at] += (clock - stamps[at]) * weights[at]
    stamps[at] = clock
    weights[at] += delta
  }

  const order = prepared.map((_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[order[i], order[j]] = [order[j], order[i]]
    }
    let errors = 0
    let seen = 0
    for (const n of order) {
      const p = prepared[n]
      p.rows ??= p.facts.map((_, i) => staticFeatures(p.facts, p.document, i).flatMap((name) => index.get(name) ?? []))
      const rowsOf = p.rows
      decodeGreedy(
        p.facts.length,
        tags,
        weights,
        (i) => rowsOf[i],
        dynamicRowsByName(p.facts, tags, lookup),
        (i, rows, predicted) => {
          clock++
          seen++
          const truth = tagIndex.get(p.gold[i]) ?? 0
          if (predicted !== truth) {
            errors++
            for (const row of rows) {
              update(row, truth, 1)
              update(row, predicted, -1)
            }
          }
          return predicted
        },
      )
    }
    log(`epoch ${epoch + 1}: ${(100 * (1 - errors / seen)).toFixed(2)}% tokens right`)
  }

  // Average, prune and quantise.
  const features: Record<string, number[]> = {}
  let kept = 0
  for (const [name, row] of index) {
    const sparse: number[] = []
    for (let t = 0; t < size; t++) {
      const at = row + t
      const average = (totals[at] + (clock - stamps[at]) * weights[at]) / clock
      if (Math.abs(average) < pruneBelow) continue
      const q = Math.round(average / quantum)
      if (q !== 0) sparse.push(t, q)
    }
    if (sparse.length > 0) {
      features[name] = sparse
      kept++
    }
  }
  log(`kept ${kept} of ${index.size} features after pruning`)
  return {
    format: 'case-review-entity-tagger',
    version: 1,
    tags,
    quantum,
    features,
    lowerCaseWords: lowerCaseWords(documents),
  }
}
