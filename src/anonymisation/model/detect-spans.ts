/**
 * The no-cast detection pipeline behind `case-review detect-spans`: the union of what every
 * recognizer (the statistical tagger and the generic rule recognizers) finds, as sorted, merged
 * character spans. Pure.
 */
import type { Recognizer } from '../types.ts'
import { refineDetection } from './no-mask.ts'
import { bridgeSpans, type TypedSpan } from './span-bridges.ts'

/** A span `[start, end)` in UTF-16 code units. */
export type Span = [number, number]

/**
 * Sorts spans and merges those that overlap or touch, or are separated only by spaces or tabs
 * within `text` (so "14 June" + "2023" become one span, and an entity masked in two pieces reads as
 * one). Empty and inverted spans are dropped. Never throws.
 */
export function mergeSpans(spans: readonly (readonly [number, number])[], text?: string): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Span[] = []
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1]
    if (last && (start <= last[1] || (text !== undefined && /^[ \t]*$/.test(text.slice(last[1], start))))) {
      last[1] = Math.max(last[1], end)
    } else {
      merged.push([start, end])
    }
  }
  return merged
}

/**
 * Runs every recognizer over `text` and returns the sorted, merged spans to mask, with the text that
 * joins detections of one mention (connectors between listed dates, a bracketed gloss after an
 * organisation or an amount; see `bridgeSpans`). Each detection is first refined by
 * `refineDetection` (`no-mask.ts`): grammar words trimmed from its edges, and dropped when it needs
 * no mask (public bodies, legislation, states, fragments). A recognizer that throws (breaking its contract)
 * is skipped rather than losing the whole document. Never throws.
 */
export function detectSpans(text: string, recognizers: readonly Recognizer[]): Span[] {
  const typed: TypedSpan[] = []
  for (const recognizer of recognizers) {
    try {
      for (const d of recognizer.analyze(text)) {
        // What needs no mask (a court, a ministry, an Act, a stray "The") is decided per detection.
        const refined = refineDetection(text, d)
        if (refined) typed.push({ start: refined[0], end: refined[1], entityType: d.entityType })
      }
    } catch {
      // A broken recognizer must not stop the others: the rest still protect the text.
    }
  }
  const spans: [number, number][] = typed.map((d) => [d.start, d.end])
  for (const bridge of bridgeSpans(text, typed)) spans.push(bridge)
  return mergeSpans(spans, text)
}
