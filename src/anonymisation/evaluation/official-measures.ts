/**
 * The Text Anonymization Benchmark's own measures, exactly as its official scorer computes them
 * (`evaluation.py` of Pilán et al., 2022, run through `../shared/data/tab/official/tab_eval.py`,
 * uniform token weighting, one annotator per document):
 *
 * - **ER_di / ER_qi**: an entity is DIRECT or QUASI by its *first* mention (as `evaluation.py` builds
 *   it); it needs masking when any of its mentions does. It is protected only when every mention that
 *   needs masking is masked.
 * - **Token recall**: every `\w+` token of every mention of an entity that needs masking (its NO_MASK
 *   mentions too, as the scorer does), each counted masked by the mention rule below.
 * - **Token precision**: every `\w+` token inside each masked span (a span is split on its own text, so
 *   a word masked in part is a token of its masked part); correct only when a DIRECT or QUASI mention
 *   covers it wholly. Overlapping system spans count their shared tokens twice, as the scorer does.
 * - **A mention is masked** when each of its characters is masked, or is one of the scorer's ignored
 *   characters (space and `,.-;:/&()[]–'"’“”`, not newlines), or belongs to a word the scorer forgives
 *   at mention edges: determiners, adpositions, particles, coordinating conjunctions (the closed-class
 *   lists of the benchmark's spaCy shim) and "mr", "mrs", "ms", "no", "nr", "about".
 *
 * Pure: no I/O. Offsets are UTF-16 code units, `end` exclusive (TAB texts have no characters outside
 * the Basic Multilingual Plane, so these equal the scorer's code-point offsets). Never throws; ratios
 * are `NaN` when their denominator is zero.
 */
import type { GoldDocument, Span } from './benchmark.ts'
import { maskArray } from './benchmark.ts'

/** The official measures (0–1) and the counts behind them. */
export interface OfficialScores {
  /** Entity-level recall on direct identifiers. */
  erDirect: number
  /** Entity-level recall on quasi identifiers. */
  erQuasi: number
  /** Share of tokens of mentions to mask that are masked. */
  tokenRecall: number
  /** Share of masked tokens wholly covered by a DIRECT or QUASI mention. */
  tokenPrecision: number
  directEntities: number
  directProtected: number
  quasiEntities: number
  quasiProtected: number
  goldTokens: number
  goldTokensMasked: number
  maskedTokens: number
  maskedTokensCorrect: number
}

// `evaluation.py`: CHARACTERS_TO_IGNORE, TOKENS_TO_IGNORE, and the spaCy shim's closed classes for
// POS_TO_IGNORE = ADP, PART, CCONJ, DET.
const IGNORED_CHARACTERS = new Set(' ,.-;:/&()[]–\'" ’“”')
const FORGIVEN_WORDS = new Set(
  [
    // TOKENS_TO_IGNORE
    'mr mrs ms no nr about',
    // DET
    'a an the this that these those my your his her its our their each every either neither some any no all',
    'both half another such what which whose whatever whichever',
    // ADP
    'of in on at by for with from to into onto upon under over between among amongst about against during',
    'before after since until till through throughout via within without per near outside inside across',
    'around along alongside towards toward behind beyond despite except beside besides below above beneath',
    'underneath amid amidst off out up down than like unlike concerning regarding including following',
    'pursuant versus vs notwithstanding atop',
    // PART
    "'s ’s ' ’ not n't",
    // CCONJ
    'and or but nor & yet plus',
  ]
    .join(' ')
    .split(' '),
)
// The shim's tokeniser (`’s|'s|\w+|[^\w\s]`) and Python's `\w` for `str` (letters, digits, underscore).
const SHIM_TOKEN = /’s|'s|[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu
const WORD = /[\p{L}\p{N}_]+/gu

/** Per character: 1 when the scorer would forgive it inside a partly masked mention. */
function forgivable(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) if (IGNORED_CHARACTERS.has(text[i])) out[i] = 1
  for (const match of text.matchAll(SHIM_TOKEN))
    if (FORGIVEN_WORDS.has(match[0].toLowerCase())) out.fill(1, match.index, match.index + match[0].length)
  return out
}

/** The `\w+` tokens of `text[start, end)` as `[start, end)` pairs in `text`. */
function words(text: string, start: number, end: number): Span[] {
  const out: Span[] = []
  for (const match of text.slice(start, end).matchAll(WORD))
    out.push([start + match.index, start + match.index + match[0].length])
  return out
}

interface Entity {
  direct: boolean
  needsMasking: boolean
  mentions: { start: number; end: number; toMask: boolean }[]
}

/**
 * Scores masked spans the way the benchmark's official scorer does (see the module comment).
 * `masked` maps document ids to spans as the system output them (not merged: the scorer does not
 * merge either); a document without an entry masks nothing.
 */
export function scoreOfficial(
  documents: readonly GoldDocument[],
  masked: Readonly<Record<string, readonly Span[]>>,
): OfficialScores {
  const s = {
    directEntities: 0,
    directProtected: 0,
    quasiEntities: 0,
    quasiProtected: 0,
    goldTokens: 0,
    goldTokensMasked: 0,
    maskedTokens: 0,
    maskedTokensCorrect: 0,
  }
  for (const document of documents) {
    const { text } = document
    const spans = masked[document.id] ?? []
    const mask = maskArray(text.length, spans)
    const forgiven = forgivable(text)
    const isMentionMasked = (start: number, end: number): boolean => {
      for (let i = start; i < end; i++) if (!mask[i] && !forgiven[i]) return false
      return true
    }

    const entities = new Map<string, Entity>()
    for (const m of document.mentions) {
      const toMask = m.identifierType !== 'NO_MASK'
      let entity = entities.get(m.entityId)
      if (entity === undefined) {
        entity = { direct: m.identifierType === 'DIRECT', needsMasking: toMask, mentions: [] }
        entities.set(m.entityId, entity)
      }
      // An entity masked in some mentions and not others needs masking (evaluation.py).
      if (toMask) entity.needsMasking = true
      entity.mentions.push({ start: m.start, end: m.end, toMask })
    }

    for (const entity of entities.values()) {
      if (!entity.needsMasking) continue
      const protectedEntity = entity.mentions.every((m) => !m.toMask || isMentionMasked(m.start, m.end))
      if (entity.direct) {
        s.directEntities++
        if (protectedEntity) s.directProtected++
      } else {
        s.quasiEntities++
        if (protectedEntity) s.quasiProtected++
      }
      for (const m of entity.mentions)
        for (const [ts, te] of words(text, m.start, m.end)) {
          s.goldTokens++
          if (isMentionMasked(ts, te)) s.goldTokensMasked++
        }
    }

    // A document nobody annotated has no annotators, so its masked tokens weigh nothing.
    if (entities.size === 0) continue
    const toMask = document.mentions.filter((m) => m.identifierType !== 'NO_MASK')
    for (const [start, end] of spans)
      for (const [ts, te] of words(text, start, end)) {
        s.maskedTokens++
        if (toMask.some((m) => m.start <= ts && m.end >= te)) s.maskedTokensCorrect++
      }
  }
  return {
    erDirect: s.directProtected / s.directEntities,
    erQuasi: s.quasiProtected / s.quasiEntities,
    tokenRecall: s.goldTokensMasked / s.goldTokens,
    tokenPrecision: s.maskedTokensCorrect / s.maskedTokens,
    ...s,
  }
}
