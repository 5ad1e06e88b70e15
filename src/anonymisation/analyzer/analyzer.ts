import type { CastMember, Place } from '../case-types.ts'
import { createCaseRecognizers, createGenericRecognizers } from '../recognizers/index.ts'
import { findRetainedSpans } from '../recognizers/case-place.recognizer.ts'
import type { Detection, Recognizer } from '../types.ts'
import { resolveConflicts } from './conflict-rule.ts'

/** Options of `createAnalyzer`. Everything is optional: with nothing it runs the generic recognizers only. */
export interface AnalyzerOptions {
  /** The review's people; enables the case-aware name and identifier recognizers. */
  cast?: readonly CastMember[]
  /** The review's places; enables the case-aware place recognizer and retained names. */
  places?: readonly Place[]
  /** Extra recognizers (for example the statistical tagger) run beside the built-in ones. */
  recognizers?: readonly Recognizer[]
  /** Leave out the generic recognizers (case-aware and extra ones only). Default false. */
  withoutGeneric?: boolean
  /** Detections scoring below this are discarded before conflicts are resolved. Default 0.4. */
  minScore?: number
}

/** The result of analysing one text. */
export interface Analysis {
  /** Resolved, non-overlapping detections sorted by start. */
  detections: Detection[]
  /** Spans published as written (retained places and people), `[start, end)`. */
  retained: Array<[number, number]>
}

/** Runs recognizers over a text and resolves their detections into one set of spans. */
export interface Analyzer {
  /** Resolved detections and retained spans. Never throws; a recognizer that throws is skipped. */
  analyze(text: string): Analysis
  /** Every detection of every recognizer before conflicts are resolved (for explanation screens and tests). */
  analyzeRaw(text: string): Detection[]
}

/**
 * Creates an analyzer combining the generic recognizers, the case-aware ones (when `cast` /
 * `places` are given) and any extra recognizers. Detections inside retained spans are dropped;
 * the rest are resolved by `resolveConflicts` (case-aware beats generic, longer beats shorter,
 * higher score beats lower; see docs/decisions/0002-anonymisation-conflict-rule.md); then an
 * address followed directly by its street, town or postcode parts is merged into one ADDRESS.
 * Contract: pure; never throws; offsets UTF-16; scores 0–1.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const cast = options.cast ?? []
  const places = options.places ?? []
  const recognizers: Recognizer[] = [
    ...(options.withoutGeneric ? [] : createGenericRecognizers()),
    ...(cast.length || places.length ? createCaseRecognizers(cast, places) : []),
    ...(options.recognizers ?? []),
  ]
  const minScore = options.minScore ?? 0.4
  const placeKinds = new Map(places.map((p) => [p.name, p.kind]))

  const analyzeRaw = (text: string): Detection[] => {
    const all: Detection[] = []
    for (const r of recognizers) {
      try {
        for (const d of r.analyze(text)) if (d.end > d.start && d.start >= 0 && d.end <= text.length) all.push(d)
      } catch {
        // a recognizer that throws must not stop the others; it simply contributes nothing
      }
    }
    return all
  }

  return {
    analyzeRaw,
    analyze(text: string): Analysis {
      const retained = findRetainedSpans(text, cast, places)
      const raw = analyzeRaw(text).filter(
        (d) => d.score >= minScore && !retained.some(([s, e]) => d.start >= s && d.end <= e),
      )
      const resolved = resolveConflicts(raw, text)
      return { detections: mergeAddressChains(resolved, text, placeKinds), retained }
    },
  }
}

/**
 * Joins an ADDRESS directly followed (through spaces and commas only) by street, town, postcode or
 * address detections into one ADDRESS span: "7 Larch Close, Mill Street, Eastwick EW4 9ZZ".
 * The merged span keeps the first `castId` and the first street's `placeName`.
 */
export function mergeAddressChains(
  detections: readonly Detection[],
  text: string,
  placeKinds: ReadonlyMap<string, string>,
): Detection[] {
  const out: Detection[] = []
  for (const d of detections) {
    const prev = out[out.length - 1]
    const joinable =
      d.entityType === 'ADDRESS' ||
      d.entityType === 'POSTCODE' ||
      (d.entityType === 'LOC' && (!d.placeName || placeKinds.get(d.placeName) !== 'county'))
    if (
      prev &&
      prev.entityType === 'ADDRESS' &&
      joinable &&
      /^[\s,]*$/.test(text.slice(prev.end, d.start)) &&
      !/\n/.test(text.slice(prev.end, d.start))
    ) {
      const streetPlace =
        prev.placeName && placeKinds.get(prev.placeName) === 'street'
          ? prev.placeName
          : d.placeName && placeKinds.get(d.placeName) === 'street'
            ? d.placeName
            : prev.placeName
      out[out.length - 1] = {
        ...prev,
        end: d.end,
        score: Math.max(prev.score, d.score),
        explanation: prev.explanation.includes('with its parts')
          ? prev.explanation
          : `${prev.explanation}, with its parts`,
        ...((prev.castId ?? d.castId) ? { castId: prev.castId ?? d.castId } : {}),
        ...(streetPlace ? { placeName: streetPlace } : {}),
      }
      continue
    }
    out.push(d)
  }
  return out
}
