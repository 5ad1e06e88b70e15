/**
 * TF-IDF cosine similarity over lightly stemmed words, for "recommended before" and for grouping
 * repeated recommendations. Computed in TypeScript: recommendations are short (tens of words) and
 * number in the tens of thousands, so a sparse in-memory model builds in well under a second.
 */

const STOP = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or should that the their this to was were ' +
    'will with all any ensure ensures must within which who whom they them those these been being can could would ' +
    'review partnership board lscp lscb safeguarding children child recommendation recommends recommended'
  ).split(' '),
)

/**
 * A light English stemmer (plural, -ing, -ed, -ation, -ment, -ly, ...) good enough to make
 * "assessments", "assessing" and "assessed" one term. Never throws.
 */
export function stem(word: string): string {
  let w = word.toLowerCase()
  if (w.length <= 3) return w
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    [/([^s])s$/, '$1'],
  ]
  for (const [re, to] of rules)
    if (re.test(w)) {
      w = w.replace(re, to)
      break
    }
  const suffixes = [
    'ational',
    'ation',
    'ations',
    'ments',
    'ment',
    'ingly',
    'ing',
    'edly',
    'ed',
    'ly',
    'ness',
    'ful',
    'ive',
    'ity',
    'er',
  ]
  for (const suffix of suffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length)
      break
    }
  }
  // "sharing"/"share" → "shar"; "referral"/"referred" stay apart, which is acceptable here.
  return w.replace(/e$/, '')
}

/** Stemmed content words of a text (stop words removed). Never throws. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !STOP.has(w)).map(stem)
}

/** A sparse unit vector: term → weight. */
export type Vector = ReadonlyMap<string, number>

/** A TF-IDF model over a set of texts. */
export class TfIdfModel {
  readonly #idf = new Map<string, number>()
  readonly #documents: number

  /** Build from every text the vectors will be compared within. Never throws. */
  constructor(texts: Iterable<string>) {
    const df = new Map<string, number>()
    let n = 0
    for (const text of texts) {
      n++
      for (const t of new Set(terms(text))) df.set(t, (df.get(t) ?? 0) + 1)
    }
    this.#documents = n
    for (const [t, count] of df) this.#idf.set(t, Math.log((1 + n) / (1 + count)) + 1)
  }

  /** Unit-length TF-IDF vector of a text; unknown terms get the highest idf. Never throws. */
  vector(text: string): Vector {
    const tf = new Map<string, number>()
    for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1)
    const unknown = Math.log(1 + this.#documents) + 1
    const v = new Map<string, number>()
    let norm = 0
    for (const [t, count] of tf) {
      const w = (1 + Math.log(count)) * (this.#idf.get(t) ?? unknown)
      v.set(t, w)
      norm += w * w
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm)
    return v
  }
}

/** Cosine similarity of two unit vectors, 0–1. Never throws. */
export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let sum = 0
  for (const [t, w] of small) {
    const other = large.get(t)
    if (other !== undefined) sum += w * other
  }
  return Math.min(1, Math.max(0, sum))
}

/**
 * Greedy single-pass grouping: each item joins the first group whose first member is at least
 * `threshold` similar, else starts a group. Returns groups of indexes, largest first. Never throws.
 */
export function groupSimilar(vectors: readonly Vector[], threshold: number): number[][] {
  const groups: number[][] = []
  // Group leaders by term, so each item is compared only with leaders sharing a word with it.
  const leadersByTerm = new Map<string, number[]>()
  for (let i = 0; i < vectors.length; i++) {
    const candidates = new Set<number>()
    for (const t of vectors[i].keys()) for (const g of leadersByTerm.get(t) ?? []) candidates.add(g)
    let home = -1
    for (const g of [...candidates].sort((a, b) => a - b)) {
      if (cosine(vectors[groups[g][0]], vectors[i]) >= threshold) {
        home = g
        break
      }
    }
    if (home >= 0) groups[home].push(i)
    else {
      groups.push([i])
      for (const t of vectors[i].keys()) {
        const list = leadersByTerm.get(t)
        if (list) list.push(groups.length - 1)
        else leadersByTerm.set(t, [groups.length - 1])
      }
    }
  }
  return groups.sort((a, b) => b.length - a.length || a[0] - b[0])
}
