/**
 * The no-cast detection pipeline behind `case-review detect-spans`: the union of what every
 * recognizer (the statistical tagger and the generic rule recognizers) finds, as sorted, merged
 * character spans. Pure.
 */
import type { Recognizer } from '../types.ts'
import { isGenericBodyName, isNationality, isStateName, publicPhraseSpans, refineDetection } from './no-mask.ts'
import { createPersonDescriptorRecognizer } from './person-descriptors.ts'
import { bridgeSpans, type TypedSpan } from './span-bridges.ts'
import { createTimeExpressionRecognizer } from './time-expressions.ts'

// Occupations and health conditions said of a person: part of every no-cast run.
const DESCRIPTORS = createPersonDescriptorRecognizer()
// Years and clock times the tagger misses ("in 1987", "at 12.45 p.m.").
const TIMES = createTimeExpressionRecognizer()

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
  const described: Span[] = []
  const phrases = publicPhraseSpans(text)
  for (const recognizer of [...recognizers, DESCRIPTORS, TIMES]) {
    try {
      for (const d of recognizer.analyze(text)) {
        // What needs no mask (a court, a ministry, an Act, a stray "The") is decided per detection.
        const refined = refineDetection(text, d, phrases)
        if (refined) typed.push({ start: refined[0], end: refined[1], entityType: d.entityType })
        if (refined && recognizer === DESCRIPTORS) described.push([refined[0], refined[1]])
      }
    } catch {
      // A broken recognizer must not stop the others: the rest still protect the text.
    }
  }
  const spans: [number, number][] = typed.map((d) => [d.start, d.end])
  for (const bridge of bridgeSpans(text, typed)) spans.push(bridge)
  // A name masked once is masked wherever it recurs (ER_qi on CV: +0.003, token recall +0.004).
  const merged = mergeSpans(
    mergeSpans(spans, text).map((span) => extendEdges(text, span)),
    text,
  )
  return mergeSpans([...merged, ...repeatOccurrences(text, merged), ...repeatDescriptions(text, described)], text)
}

// The head noun or legal form that completes a masked name ("Muret Prison", "Robert Bosch GmbH",
// "Eastwick General Hospital", "Kadıköy district"), and a currency code before a masked amount
// ("PLN 11,305.5"): left visible, they would say what was masked and leave the mention half shown.
const HEAD_AFTER =
  /^[ \t]+(?:Hospital|District|district|Prison|School|Academy|College|University|Association|Party|AG|GmbH|Ltd\.?|Limited|plc|Inc\.?|S\.A\.?|Street|Road|Lane|Avenue|Estate|Ward|Practice|Surgery|Clinic|Centre|Municipality|municipality|County|county|Province|province|Village|village|Region|region|Quarter|quarter|Office|Bar|Fund|Foundation|Institute|Company|Bank|Society|Union|Church|Mosque|Cemetery|cemetery|prison|Prosecutor’s Office|Prosecutor's Office|prosecutor|Prosecutor|of First[ -][Ii]nstance|hospital|school|clinic|office|mosque|church)(?![\p{L}\p{N}])/u
const CURRENCY_BEFORE = /(?<![\p{L}\p{N}])(?:[A-Z]{3}|£|€|\$)[ \t]*$/u

/**
 * Every other whole occurrence of a masked span's text (four characters or more, with a capital or a
 * digit): an entity is protected only when all its mentions are. Never throws.
 */
export function repeatOccurrences(text: string, spans: readonly Span[]): Span[] {
  const forms = new Set<string>()
  for (const [s, e] of spans) {
    const surface = text.slice(s, e)
    // "Court" masked once inside "Istanbul State Security Court" must not mask every "the Court".
    if (
      surface.length >= 4 &&
      surface.length <= 60 &&
      /[\p{Lu}\p{N}]/u.test(surface) &&
      !isGenericBodyName(surface) &&
      !isNationality(surface) &&
      !isStateName(surface)
    )
      forms.add(surface)
  }
  if (forms.size === 0) return []
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...forms]
      .sort((a, b) => b.length - a.length)
      .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  )
  return [...text.matchAll(pattern)].map((m): Span => [m.index, m.index + m[0].length])
}

/**
 * Every other whole occurrence of an occupation or condition said of a person ("worked as a ballet
 * dancer" ... "the former ballet dancer"): lower-case, so `repeatOccurrences` leaves it. Never throws.
 */
export function repeatDescriptions(text: string, spans: readonly Span[]): Span[] {
  const forms = new Set(spans.map(([s, e]) => text.slice(s, e)).filter((f) => f.length >= 4))
  if (forms.size === 0) return []
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...forms]
      .sort((a, b) => b.length - a.length)
      .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  )
  return [...text.matchAll(pattern)].map((m): Span => [m.index, m.index + m[0].length])
}

// After a masked number: its unit or currency, written out or as a code, and a bracketed code or
// conversion ("100,000 euros (EUR)", "1,579 New Turkish liras (YTL)", "18.5%", "26 km/h",
// "PLN 159.50 [approx. EUR 40]"). Left visible they would leave the mention half shown.
const UNIT_AFTER =
  /^(?:\s*%|\s+per\s?cent\b|\s*(?:km\/h|km²|m²|sq\.?\s?m|km|mm|cm|kg|ha)(?![\p{L}\p{N}])|\s+(?:hectares?|square\s+met(?:re|er)s|met(?:re|er)s|kilomet(?:re|er)s)\b|\s+(?:(?:New\s+)?(?:Turkish|Polish|Swedish|Norwegian|Danish|Czech|Hungarian|Swiss|Cypriot|Slovak|Romanian|Bulgarian|Russian|Ukrainian|German|French|Austrian|Belgian|Finnish|Greek|Italian|Portuguese|Spanish|US|Australian|Canadian)\s+)?(?:euros?|Euros?|liras?|Liras?|lira|zlotys?|kronor|kroner|krona|korunas?|francs?|schillings?|marks?|pounds(?:\s+sterling)?|dollars?|roubles?|rubles?|hryvnias?|lei|leva|forints?|drachmas?|escudos?|pesetas?)\b)/u
// A duration's or a time's unit after its masked number ("1 year’s", "24 hours", "twenty-four years'").
const TIME_UNIT_AFTER =
  /^[ -](?:years?|months?|weeks?|days?|hours?|minutes?|noon|a\.m\.|p\.m\.)(?:['’]s?)?(?:\s+(?:old|of\s+age))?(?![\p{L}\p{N}])/u
const NUMBER_END =
  /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))$/iu
// Before a masked date, the part of it that says when in the period ("the end of October 1997",
// "the summer and autumn of 1994").
const PERIOD_BEFORE =
  /(?<![\p{L}])(?:beginning|end|middle|start|summer|autumn|winter|spring|first half|second half)(?:\s+and\s+(?:summer|autumn|winter|spring))?\s+of\s+$/u
const AMOUNT_BRACKET_AFTER =
  /^\s[([](?:[A-Z]{3}|(?:approx(?:\.|imately)?|about|around)\s[^()[\]\n]{0,40}?\d[^()[\]\n]{0,20}?)[)\]]/u

/** Extends a merged span over a following head noun or unit and a preceding currency code. Never throws. */
export function extendEdges(text: string, [start, end]: Span): Span {
  const head = HEAD_AFTER.exec(text.slice(end, end + 24))
  if (head) end += head[0].length
  else if (NUMBER_END.test(text.slice(Math.max(start, end - 12), end))) {
    const unit = UNIT_AFTER.exec(text.slice(end, end + 40)) ?? TIME_UNIT_AFTER.exec(text.slice(end, end + 16))
    if (unit) {
      end += unit[0].length
      const bracket = AMOUNT_BRACKET_AFTER.exec(text.slice(end, end + 70))
      if (bracket) end += bracket[0].length
    }
  }
  const period = PERIOD_BEFORE.exec(text.slice(Math.max(0, start - 40), start))
  if (
    period &&
    /^(?:\d|January|February|March|April|May|June|July|August|September|October|November|December)/u.test(
      text.slice(start, start + 9),
    )
  )
    start -= period[0].length
  else if (/^\d/.test(text.slice(start, start + 1))) {
    const currency = CURRENCY_BEFORE.exec(text.slice(Math.max(0, start - 6), start))
    if (currency) start -= currency[0].length
  }
  return [start, end]
}
