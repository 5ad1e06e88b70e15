/**
 * Greedy left-to-right decoding of BIO tags with a linear model, shared by training (which decodes
 * with the current weights) and tagging (with the averaged weights). Pure.
 */
import { dynamicFeatures, type TokenFacts } from './features.ts'

/** The outside tag. Entity tags are `B-<TYPE>` and `I-<TYPE>`. */
export const OUTSIDE = 'O'

/** Looks a feature up: returns the offset of its weight row, or -1 when the model does not know it. */
export type FeatureLookup = (feature: string) => number

/**
 * Transition table: entry `(previous + 1) * size + next` is 1 when tag `next` may follow tag
 * `previous` (previous -1 is the start of the document). `I-X` may only follow `B-X` or `I-X`.
 */
export function allowedTransitions(tags: readonly string[]): Uint8Array {
  const size = tags.length
  const types = tags.map((t) => (t === OUTSIDE ? '' : t.slice(2)))
  const table = new Uint8Array((size + 1) * size)
  for (let previous = -1; previous < size; previous++) {
    for (let next = 0; next < size; next++) {
      const ok = !tags[next].startsWith('I-') || (previous >= 0 && types[previous] === types[next])
      table[(previous + 1) * size + next] = ok ? 1 : 0
    }
  }
  return table
}

/** One decoded token: its tag index and the score margin over the runner-up. */
export interface DecodedToken {
  tag: number
  margin: number
}

/**
 * Rows of the features that depend on the two previous tags (-1 for "before the document"), by
 * default looked up by name (see `dynamicFeatures`).
 */
export type DynamicRows = (index: number, previous: number, beforePrevious: number) => readonly number[]

/** The default {@link DynamicRows}: builds the feature names and looks them up. */
export function dynamicRowsByName(
  facts: readonly TokenFacts[],
  tags: readonly string[],
  lookup: FeatureLookup,
): DynamicRows {
  return (i, previous, beforePrevious) => {
    const rows: number[] = []
    for (const name of dynamicFeatures(
      facts,
      i,
      previous < 0 ? '<s>' : tags[previous],
      beforePrevious < 0 ? '<s>' : tags[beforePrevious],
    )) {
      const row = lookup(name)
      if (row >= 0) rows.push(row)
    }
    return rows
  }
}

/**
 * Decodes tags for `count` tokens greedily. `weights` holds one row of `tags.length` weights per
 * feature; `staticRows(i)` gives the rows of token `i`'s features that do not depend on earlier tags
 * (see `staticFeatures`) and `dynamicRows` those that do. `onToken`, when given, sees each token's
 * feature rows and predicted tag before the next token is decoded (training updates the weights
 * there) and returns the tag later tokens see as history. `outsidePenalty` is subtracted from the
 * score of the outside tag (index 0): a positive value trades precision for recall.
 */
export function decodeGreedy(
  count: number,
  tags: readonly string[],
  weights: Float64Array,
  staticRows: (index: number) => readonly number[],
  dynamicRows: DynamicRows,
  onToken?: (index: number, rows: readonly number[], predicted: number) => number,
  outsidePenalty = 0,
): DecodedToken[] {
  const size = tags.length
  const allowed = allowedTransitions(tags)
  const scores = new Float64Array(size)
  const decoded: DecodedToken[] = new Array(count)
  let previous = -1
  let beforePrevious = -1
  for (let i = 0; i < count; i++) {
    const fixed = staticRows(i)
    const moving = dynamicRows(i, previous, beforePrevious)
    scores.fill(0)
    for (let r = 0; r < fixed.length; r++) {
      const row = fixed[r]
      for (let t = 0; t < size; t++) scores[t] += weights[row + t]
    }
    for (let r = 0; r < moving.length; r++) {
      const row = moving[r]
      for (let t = 0; t < size; t++) scores[t] += weights[row + t]
    }
    scores[0] -= outsidePenalty
    const base = (previous + 1) * size
    let best = -1
    let second = -Infinity
    for (let t = 0; t < size; t++) {
      if (allowed[base + t] === 0) continue
      if (best < 0 || scores[t] > scores[best]) {
        if (best >= 0) second = Math.max(second, scores[best])
        best = t
      } else if (scores[t] > second) second = scores[t]
    }
    const chosen = onToken ? onToken(i, fixed.concat(moving), best) : best
    decoded[i] = { tag: chosen, margin: scores[best] - second }
    beforePrevious = previous
    previous = chosen
  }
  return decoded
}
