/**
 * Greedy left-to-right decoding of BIO tags with a linear model, shared by training (which decodes
 * with the current weights) and tagging (with the averaged weights). Pure.
 */
import { dynamicFeatures, staticFeatures, type DocumentFacts, type TokenFacts } from './features.ts'

/** The outside tag. Entity tags are `B-<TYPE>` and `I-<TYPE>`. */
export const OUTSIDE = 'O'

/** Looks a feature up: returns the offset of its weight row, or -1 when the model does not know it. */
export type FeatureLookup = (feature: string) => number

/**
 * For each tag index, the tag indexes allowed before it: `I-X` may only follow `B-X` or `I-X`
 * (index -1 stands for the start of the document).
 */
export function allowedTransitions(tags: readonly string[]): (previous: number, next: number) => boolean {
  const types = tags.map((t) => (t === OUTSIDE ? '' : t.slice(2)))
  const inside = tags.map((t) => t.startsWith('I-'))
  return (previous, next) => !inside[next] || (previous >= 0 && types[previous] === types[next])
}

/** One decoded token: its tag index, the score margin over the runner-up, and its feature rows. */
export interface DecodedToken {
  tag: number
  margin: number
}

/**
 * Decodes tags for a document greedily. `weights` holds one row of `tags.length` weights per
 * feature, at the offset `lookup` returns. `onToken`, when given, sees each token's feature rows and
 * predicted tag before the next token is decoded (training updates the weights there).
 */
export function decodeGreedy(
  facts: readonly TokenFacts[],
  document: DocumentFacts,
  tags: readonly string[],
  weights: ArrayLike<number>,
  lookup: FeatureLookup,
  onToken?: (index: number, rows: number[], predicted: number) => number,
): DecodedToken[] {
  const size = tags.length
  const allowed = allowedTransitions(tags)
  const scores = new Float64Array(size)
  const decoded: DecodedToken[] = []
  let previous = -1
  let beforePrevious = -1
  for (let i = 0; i < facts.length; i++) {
    const names = staticFeatures(facts, document, i)
    for (const name of dynamicFeatures(
      facts,
      i,
      previous < 0 ? '<s>' : tags[previous],
      beforePrevious < 0 ? '<s>' : tags[beforePrevious],
    ))
      names.push(name)
    const rows: number[] = []
    for (const name of names) {
      const row = lookup(name)
      if (row >= 0) rows.push(row)
    }
    scores.fill(0)
    for (const row of rows) for (let t = 0; t < size; t++) scores[t] += weights[row + t]
    let best = -1
    let second = -Infinity
    for (let t = 0; t < size; t++) {
      if (!allowed(previous, t)) continue
      if (best < 0 || scores[t] > scores[best]) {
        if (best >= 0) second = Math.max(second, scores[best])
        best = t
      } else if (scores[t] > second) second = scores[t]
    }
    // Training may replace the prediction with the gold tag so that later tokens see the truth.
    const chosen = onToken ? onToken(i, rows, best) : best
    decoded.push({ tag: chosen, margin: scores[best] - second })
    beforePrevious = previous
    previous = chosen
  }
  return decoded
}
