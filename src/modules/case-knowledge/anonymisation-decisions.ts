import {
  anonymise,
  checkForLeaks,
  createAnalyzer,
  findJigsawRisks,
  type CastMember,
  type Detection,
  type JigsawWarning,
  type Leak,
  type Place,
  type PseudonymRegister,
  type Recognizer,
  type Replacement,
} from '../../anonymisation/index.ts'

/**
 * A reviewer's decision about a document's anonymisation. Decisions are keyed by the original
 * words, not by offsets, so they still apply when the document's text changes.
 * - `reject`: leave these words as written wherever they are detected;
 * - `replace`: publish these words as `replacement` instead of the engine's choice;
 * - `add`: the engine missed these words; replace every occurrence with `replacement`;
 * - `accept`: a reviewer checked the engine's replacement of these words and keeps it (nothing changes
 *   in the text; the page shows it as checked).
 */
export type AnonymisationDecision =
  | { kind: 'accept'; original: string }
  | { kind: 'reject'; original: string }
  | { kind: 'replace'; original: string; replacement: string }
  | { kind: 'add'; original: string; replacement: string }

/** The result of anonymising a document with the engine and the reviewer's decisions. */
export interface DecidedDocument {
  text: string
  /** `decided`: a reviewer chose the words; `accepted`: a reviewer checked and kept the engine's words. */
  replacements: Array<Replacement & { decided: boolean; accepted: boolean }>
  leaks: Leak[]
  jigsaw: JigsawWarning[]
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Anonymise `text` with the review's people, places and register, then apply the reviewer's
 * decisions, then run the leak gate and the jigsaw check on the result.
 *
 * Contract: pure apart from adding labels to `register`; never throws. A rejected detection that
 * the leak gate still considers identifying is reported as a leak (a reviewer can overrule the
 * engine's choice of words, not the gate).
 */
export function anonymiseWithDecisions(
  text: string,
  options: {
    cast: readonly CastMember[]
    places: readonly Place[]
    register: PseudonymRegister
    recognizers?: readonly Recognizer[]
  },
  decisions: readonly AnonymisationDecision[],
): DecidedDocument {
  const analyzer = createAnalyzer({ cast: options.cast, places: options.places, recognizers: options.recognizers })
  const rejected = new Set(decisions.filter((d) => d.kind === 'reject').map((d) => d.original))
  const accepted = new Set(decisions.filter((d) => d.kind === 'accept').map((d) => d.original))
  const overrides = new Map(
    decisions
      .filter((d) => d.kind === 'replace' || d.kind === 'add')
      .map((d) => [d.original, (d as { replacement: string }).replacement]),
  )
  const detections: Detection[] = analyzer
    .analyze(text)
    .detections.filter((d) => !rejected.has(text.slice(d.start, d.end)))

  // Missed words marked by a reviewer: every whole-word occurrence not already covered.
  for (const decision of decisions) {
    if (decision.kind !== 'add' || !decision.original.trim()) continue
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(decision.original)}(?![\\p{L}\\p{N}])`, 'gu')
    for (const match of text.matchAll(pattern)) {
      const start = match.index
      const end = start + match[0].length
      if (detections.some((d) => d.start < end && start < d.end)) continue
      detections.push({
        entityType: 'MISC',
        start,
        end,
        score: 1,
        recognizer: 'reviewer',
        explanation: 'marked by a reviewer as identifying',
      })
    }
  }

  const result = anonymise(text, detections, { register: options.register, cast: options.cast, places: options.places })
  // Rebuild from the original with each replacement, the reviewer's words where they decided.
  const replacements = result.replacements.map((r) => {
    let override = overrides.get(r.original)
    if (override === undefined) return { ...r, decided: false, accepted: accepted.has(r.original) }
    // As the engine does: "the Riverside Bakery" → "the shop", not "the a shop".
    if (/\b(?:the|a|an)\s+$/i.test(text.slice(Math.max(0, r.start - 6), r.start))) {
      override = override.replace(/^(?:the|a|an)\s+/i, '')
    }
    return { ...r, replacement: override, decided: true, accepted: false }
  })
  let out = ''
  let at = 0
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.replacement
    at = r.end
  }
  out += text.slice(at)
  return {
    text: out,
    replacements,
    leaks: checkForLeaks(out, options.cast, options.places, { recognizers: options.recognizers }),
    jigsaw: findJigsawRisks(out, { places: options.places }),
  }
}
