/**
 * The project's older, **lenient** variant of the Text Anonymization Benchmark's measures (Pilán et
 * al., 2022), kept for comparison: its token precision credits a masked token touching any annotated
 * mention, NO_MASK included, and counts a token masked when any character is. The benchmark's own
 * rules are `official-measures.ts`; report those.
 *
 * Pure: no I/O. Offsets are UTF-16 code units, `end` exclusive.
 */

/** A masked span `[start, end)`. */
export type Span = readonly [number, number]

/** How a mention is to be treated by an anonymiser (the TAB `identifier_type`). */
export type IdentifierType = 'DIRECT' | 'QUASI' | 'NO_MASK'

/** One annotated mention of an entity. */
export interface GoldMention {
  start: number
  end: number
  /** Mentions of the same entity share it (unique within a document). */
  entityId: string
  identifierType: IdentifierType
  /** TAB entity type (PERSON, CODE, LOC, ORG, DEM, DATETIME, QUANTITY, MISC) or a corpus's own label. */
  entityType: string
}

/** One annotated document. */
export interface GoldDocument {
  id: string
  text: string
  mentions: GoldMention[]
}

/** The four measures (0–1; `NaN` when the denominator is zero) and their counts. */
export interface BenchmarkScores {
  /** Entity-level recall on direct identifiers. */
  erDirect: number
  /** Entity-level recall on quasi identifiers. */
  erQuasi: number
  /** Share of tokens inside DIRECT or QUASI mentions that are masked. */
  tokenRecall: number
  /** Share of masked tokens that fall inside any annotated mention. */
  tokenPrecision: number
  directEntities: number
  directProtected: number
  quasiEntities: number
  quasiProtected: number
  goldTokens: number
  goldTokensMasked: number
  maskedTokens: number
  maskedTokensInMention: number
}

/**
 * A mention is masked when all its characters fall inside masked spans, ignoring whitespace,
 * punctuation and symbols (the TAB evaluation ignores Python's `string.punctuation`, which includes
 * symbols such as `$` and `+`).
 */
const IGNORED = /[\s\p{P}\p{S}]/u

/**
 * A token is a maximal run of letters, marks and digits: "K.H. Christoph" has three tokens and
 * "19124/02" two, so separators never count as masked or unmasked words.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu

/** Marks each character of a text of length `length` covered by one of `spans` (clipped to the text). */
export function maskArray(length: number, spans: readonly Span[]): Uint8Array {
  const mask = new Uint8Array(length)
  for (const [start, end] of spans) {
    const from = Math.max(0, Math.min(start, length))
    const to = Math.max(from, Math.min(end, length))
    mask.fill(1, from, to)
  }
  return mask
}

/** True when every non-ignored character of `text[start, end)` is marked in `mask`. */
export function isMasked(text: string, mask: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!mask[i] && !IGNORED.test(text[i])) return false
  }
  return true
}

/**
 * Scores masked spans against annotated documents.
 *
 * - ER_di: an entity is DIRECT when at least one of its mentions is DIRECT; it counts as protected
 *   only if every one of its DIRECT mentions is masked. ER_qi: the same for QUASI mentions (an entity
 *   with both kinds of mention counts once in each).
 * - Token recall: a token (see {@link TOKEN}) inside a DIRECT or QUASI mention counts as masked when
 *   all its characters inside that mention are masked; a token inside several such mentions counts once.
 * - Token precision: a token counts as masked when any of its characters is masked (a partly masked
 *   word is still a masking decision), and as correct when it overlaps any annotated mention of any
 *   identifier type (NO_MASK included).
 *
 * `masked` maps document ids to spans; a document without an entry masks nothing. Never throws on
 * spans outside the text (they are clipped).
 */
export function scoreDocuments(
  documents: readonly GoldDocument[],
  masked: Readonly<Record<string, readonly Span[]>>,
): BenchmarkScores {
  let directEntities = 0
  let directProtected = 0
  let quasiEntities = 0
  let quasiProtected = 0
  let goldTokens = 0
  let goldTokensMasked = 0
  let maskedTokens = 0
  let maskedTokensInMention = 0

  for (const document of documents) {
    const { text } = document
    const mask = maskArray(text.length, masked[document.id] ?? [])

    // Entity-level recall.
    const direct = new Map<string, boolean>()
    const quasi = new Map<string, boolean>()
    for (const mention of document.mentions) {
      const table = mention.identifierType === 'DIRECT' ? direct : mention.identifierType === 'QUASI' ? quasi : null
      if (table === null) continue
      const ok = isMasked(text, mask, mention.start, mention.end)
      table.set(mention.entityId, (table.get(mention.entityId) ?? true) && ok)
    }
    directEntities += direct.size
    quasiEntities += quasi.size
    for (const ok of direct.values()) if (ok) directProtected++
    for (const ok of quasi.values()) if (ok) quasiProtected++

    // Token-level measures: mark, per character, whether it is inside any mention and inside a
    // mention to be masked.
    const inAnyMention = new Uint8Array(text.length)
    const inMaskedMention = new Uint8Array(text.length)
    for (const mention of document.mentions) {
      inAnyMention.fill(1, mention.start, mention.end)
      if (mention.identifierType !== 'NO_MASK') inMaskedMention.fill(1, mention.start, mention.end)
    }
    TOKEN.lastIndex = 0
    for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
      const start = match.index
      const end = start + match[0].length
      let gold = false
      let allGoldMasked = true
      let anyMasked = false
      let overlapsMention = false
      for (let i = start; i < end; i++) {
        if (mask[i]) anyMasked = true
        if (inAnyMention[i]) overlapsMention = true
        if (inMaskedMention[i]) {
          gold = true
          if (!mask[i]) allGoldMasked = false
        }
      }
      if (gold) {
        goldTokens++
        if (allGoldMasked) goldTokensMasked++
      }
      if (anyMasked) {
        maskedTokens++
        if (overlapsMention) maskedTokensInMention++
      }
    }
  }

  return {
    erDirect: directProtected / directEntities,
    erQuasi: quasiProtected / quasiEntities,
    tokenRecall: goldTokensMasked / goldTokens,
    tokenPrecision: maskedTokensInMention / maskedTokens,
    directEntities,
    directProtected,
    quasiEntities,
    quasiProtected,
    goldTokens,
    goldTokensMasked,
    maskedTokens,
    maskedTokensInMention,
  }
}

/**
 * The expected identifier spans of one text that `masked` leaves (partly) visible: a span counts as
 * gone only when all its characters, ignoring whitespace, punctuation and symbols, are masked.
 */
export function unmaskedSpans<T extends { start: number; end: number }>(
  text: string,
  masked: readonly Span[],
  expected: readonly T[],
): T[] {
  const mask = maskArray(text.length, masked)
  return expected.filter((span) => !isMasked(text, mask, span.start, span.end))
}
