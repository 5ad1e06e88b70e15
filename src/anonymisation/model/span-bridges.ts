/**
 * Span post-processing for the no-cast pipeline: the short stretches of text that join detections
 * which belong together, so that the whole mention is masked rather than its pieces. Pure; never
 * throws.
 *
 * - Dates listed or ranged ("1 and 2 July 1996", "10 May, on 7 July and on 26 September 1994",
 *   "between 5 May 2006 and 24 October 2008"): the connectors between two dates, and a "between"
 *   before a range joined by "and".
 * - Two organisation or place names joined by "of (the)" or "for" ("Criminal Division" of "the
 *   Court of Cassation"): in TAB train such a phrase is one mention 356 times and two 6 times.
 * - An organisation or place followed by its name in another language or its expansion in brackets
 *   ("Supreme Court (Sąd Najwyższy)", "DHKP-C (Revolutionary People’s Liberation Party-Front)"), but
 *   not a defined short form in quotes ("(“the Government”)") or a cross-reference ("(see ...)").
 * - An amount followed by its currency code or its conversion in brackets ("1,579 New Turkish liras
 *   (YTL)", "PLN 200 [approx. EUR 50]").
 */

/** A typed span, `end` exclusive, UTF-16 offsets; `entityType` as in the analyzer (DATE, ORG, ...). */
export interface TypedSpan {
  start: number
  end: number
  entityType: string
}

// Between two dates: "and", "to", "until", "or", commas, dashes, each optionally followed by "on".
const DATE_CONNECTOR = /^(?:,?\s+(?:and|to|until|till|or)\s+(?:on\s+)?|,\s+(?:on\s+)?|\s*[–—-]\s*)$/i
// Between two parts of one organisation's or place's name.
const NAME_CONNECTOR = /^ (?:of|of the|for) $/
const BETWEEN_BEFORE = /\b[Bb]etween\s+$/
// A bracketed gloss after an organisation or place: words (any script), no quotes, digits or
// cross-references, at most 80 characters.
const NAME_GLOSS = /^ [([]([^()[\]“”"‘’'\d\n]{2,80})[)\]]/u
const NOT_A_GLOSS = /^(?:see|hereinafter|hereafter|the\b|a\b|an\b|dec\b|no\b|nos\b|cited|ibid)/i
// A bracketed currency code or converted amount after an amount: "(EUR)", "[approx. EUR 40]".
const AMOUNT_GLOSS = /^ [([]((?:approx(?:\.|imately)?|about|around|some|i\.e\.)?[^()[\]\n]{0,60}?)[)\]]/u
const AMOUNT_CONTENT = /^(?:\p{Lu}{3}|.*\d.*)$/u

/**
 * The bridging spans to add to `spans` (which need not be sorted): each covers text between or
 * after detections that belongs to the same mention. Masking them together with `spans` masks the
 * whole mention. Returns `[start, end]` pairs; never throws.
 */
export function bridgeSpans(text: string, spans: readonly TypedSpan[]): [number, number][] {
  const bridges: [number, number][] = []
  const dates = spans.filter((s) => s.entityType === 'DATE').sort((a, b) => a.start - b.start || b.end - a.end)
  let previous: TypedSpan | undefined
  let runStart = -1
  for (const date of dates) {
    if (previous && date.start > previous.end) {
      const gap = text.slice(previous.end, date.start)
      if (gap.length <= 12 && DATE_CONNECTOR.test(gap)) {
        bridges.push([previous.end, date.start])
        // a range "between X and Y": the "between" goes with it
        if (/\band\b/i.test(gap)) {
          const before = BETWEEN_BEFORE.exec(text.slice(Math.max(0, runStart - 10), runStart))
          if (before) bridges.push([runStart - before[0].length, runStart])
        }
      } else {
        runStart = date.start
      }
    } else if (!previous) {
      runStart = date.start
    }
    if (!previous || date.end > previous.end) previous = date
  }
  // "Fourteenth Chamber" + "of the" + "Istanbul Assize Court": one organisation
  const names = spans
    .filter((s) => s.entityType === 'ORG' || s.entityType === 'LOC')
    .sort((a, b) => a.start - b.start || b.end - a.end)
  for (let i = 1; i < names.length; i++) {
    const gap = text.slice(names[i - 1].end, names[i].start)
    if (gap.length <= 8 && NAME_CONNECTOR.test(gap)) bridges.push([names[i - 1].end, names[i].start])
  }
  for (const span of spans) {
    const after = text.slice(span.end, span.end + 90)
    if (span.entityType === 'ORG' || span.entityType === 'LOC') {
      const gloss = NAME_GLOSS.exec(after)
      if (gloss && !NOT_A_GLOSS.test(gloss[1].trim())) bridges.push([span.end, span.end + gloss[0].length])
    } else if (span.entityType === 'QUANTITY') {
      const gloss = AMOUNT_GLOSS.exec(after)
      if (gloss && AMOUNT_CONTENT.test(gloss[1].trim())) bridges.push([span.end, span.end + gloss[0].length])
    }
  }
  return bridges
}
