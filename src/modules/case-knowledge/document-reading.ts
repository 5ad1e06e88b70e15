/**
 * A decided document laid out for reading: paragraphs (Markdown blocks) numbered through the whole
 * document, grouped into sections by heading, each with the replacements that fall in it, the words a
 * reviewer can choose to mask, and the leak gate's findings grouped by what they say. Pure: no I/O.
 * Offsets are UTF-16 code units; `start`/`end` of replacements and words are into the ORIGINAL text.
 */
import type { Leak } from '../../anonymisation/index.ts'
import type { DecidedDocument } from './anonymisation-decisions.ts'

/** A word of the original text a reviewer can choose (outside every replacement). */
export interface ChoosableWord {
  /** 0-based within its paragraph. */
  index: number
  text: string
  start: number
  end: number
}

/** One paragraph (Markdown block) of the document. */
export interface ReadingParagraph {
  /** 1-based through the whole document. */
  number: number
  /** 1-based section number. */
  section: number
  heading: boolean
  /** Original text of the block. */
  start: number
  end: number
  /** Where the block is in the decided (anonymised) text. */
  outStart: number
  outEnd: number
  /** Indexes into `DecidedDocument.replacements`. */
  replacements: number[]
}

/** Paragraphs from one heading to the next heading of the same or a higher level. */
export interface ReadingSection {
  number: number
  /** The heading's words in the anonymised text ("Introduction"); "Opening" before the first heading. */
  title: string
  paragraphs: ReadingParagraph[]
}

/** Identical leak-gate findings said once, with where they are. */
export interface FindingGroup {
  reason: string
  entityType: string
  count: number
  /** Paragraph numbers, ascending, without repeats. */
  paragraphs: number[]
  /** Section of the first paragraph, for the link. */
  section: number
  /** The anonymised words around the first finding. */
  quote: { before: string; text: string; after: string }
}

const HEADING = /^ {0,3}(#{1,6})\s/
/** Most paragraphs on one page of a section without a heading. */
export const SECTION_PARAGRAPHS = 30

/**
 * Splits the original text into blocks at blank lines (a replacement never straddles two), then into
 * sections at the shallowest heading level used more than once (so a report with one title and many
 * `##` sections is split at `##`). Never throws.
 */
export function layoutDocument(original: string, decided: DecidedDocument): ReadingSection[] {
  const reps = decided.replacements
  const blocks: Array<{ start: number; end: number }> = []
  let at = 0
  for (const m of original.matchAll(/\n[ \t]*\n\s*/g)) {
    if (m.index > at) blocks.push({ start: at, end: m.index })
    at = m.index + m[0].length
  }
  if (at < original.length) blocks.push({ start: at, end: original.length })
  // a replacement that runs over a blank line joins the blocks it touches
  for (let i = 0; i < blocks.length - 1; i++) {
    if (reps.some((r) => r.start < blocks[i].end && r.end > blocks[i].end)) {
      blocks[i].end = blocks[i + 1].end
      blocks.splice(i + 1, 1)
      i--
    }
  }

  const levels = blocks.map((b) => HEADING.exec(original.slice(b.start, b.end))?.[1].length ?? 0)
  const counts = new Map<number, number>()
  for (const l of levels) if (l) counts.set(l, (counts.get(l) ?? 0) + 1)
  const splitAt = [...counts].filter(([, c]) => c > 1).sort((a, b) => a[0] - b[0])[0]?.[0] ?? 7

  // offsets in the decided text: each replacement shifts what follows by its change in length
  let shift = 0
  let ri = 0
  const outOf = (pos: number) => {
    while (ri < reps.length && reps[ri].end <= pos) {
      shift += reps[ri].replacement.length - (reps[ri].end - reps[ri].start)
      ri++
    }
    return pos + shift
  }

  const sections: ReadingSection[] = []
  let current: ReadingSection | null = null
  blocks.forEach((b, i) => {
    const level = levels[i]
    if (!current || (level && level <= splitAt)) {
      current = { number: sections.length + 1, title: 'Opening', paragraphs: [] }
      sections.push(current)
    } else if (current.paragraphs.length >= SECTION_PARAGRAPHS) {
      // a long stretch without headings is paged too, so no page is the whole document
      const title = current.title.replace(/ \(continued\)$/, '')
      current = { number: sections.length + 1, title: `${title} (continued)`, paragraphs: [] }
      sections.push(current)
    }
    const replacements = reps.flatMap((r, k) => (r.start >= b.start && r.start < b.end ? [k] : []))
    const outStart = outOf(b.start)
    const outEnd = outOf(b.end)
    if (level && current.paragraphs.length === 0 && !current.title.endsWith('(continued)')) {
      current.title = decided.text.slice(outStart, outEnd).replace(HEADING, '').replace(/[*_`]/g, '').trim()
    }
    current.paragraphs.push({
      number: i + 1,
      section: current.number,
      heading: level > 0,
      start: b.start,
      end: b.end,
      outStart,
      outEnd,
      replacements,
    })
  })
  return splitLongSections(sections, decided.text)
}

/** Sections longer than this are split again at their own sub-headings. */
const LONG_SECTION = 15

// A long section with sub-headings ("6. Analysis" with a "Key practice episode" each) becomes one
// section per sub-heading, so a page holds one episode rather than all seven.
function splitLongSections(sections: ReadingSection[], text: string): ReadingSection[] {
  const out: ReadingSection[] = []
  for (const section of sections) {
    const subHeadings = section.paragraphs.filter((p, i) => i > 0 && p.heading).length
    if (section.paragraphs.length <= LONG_SECTION || subHeadings === 0) {
      out.push(section)
      continue
    }
    let current: ReadingSection | null = null
    section.paragraphs.forEach((p, i) => {
      if (!current || (i > 0 && p.heading)) {
        const title = i === 0 ? section.title : headingText(text.slice(p.outStart, p.outEnd))
        current = { number: 0, title, paragraphs: [] }
        out.push(current)
      }
      current.paragraphs.push(p)
    })
  }
  out.forEach((s, i) => {
    s.number = i + 1
    for (const p of s.paragraphs) p.section = s.number
  })
  return out
}

function headingText(block: string): string {
  return block.replace(HEADING, '').replace(/[*_`]/g, '').trim()
}

/** The words of a paragraph a reviewer can choose: letters and digits outside every replacement. */
export function choosableWords(
  original: string,
  paragraph: ReadingParagraph,
  decided: DecidedDocument,
): ChoosableWord[] {
  const taken = paragraph.replacements.map((k) => decided.replacements[k])
  const words: ChoosableWord[] = []
  const text = original.slice(paragraph.start, paragraph.end)
  for (const m of text.matchAll(/[\p{L}\p{N}](?:[\p{L}\p{N}'’-]*[\p{L}\p{N}])?/gu)) {
    const start = paragraph.start + m.index
    const end = start + m[0].length
    if (taken.some((r) => r.start < end && start < r.end)) continue
    words.push({ index: words.length, text: m[0], start, end })
  }
  return words
}

/**
 * The leak gate's findings grouped by entity type and reason (26 identical lines become one with a
 * count), each with its paragraph numbers and a quote of the anonymised words around the first one.
 */
export function groupFindings(
  leaks: readonly Leak[],
  sections: readonly ReadingSection[],
  text: string,
): FindingGroup[] {
  const paragraphs = sections.flatMap((s) => s.paragraphs)
  const where = (pos: number) =>
    paragraphs.find((p) => pos >= p.outStart && pos < Math.max(p.outEnd, p.outStart + 1)) ??
    paragraphs.findLast((p) => p.outStart <= pos) ??
    paragraphs[0]
  const groups = new Map<string, FindingGroup>()
  for (const leak of [...leaks].sort((a, b) => a.start - b.start)) {
    const key = `${leak.entityType}\u0000${leak.reason}`
    const p = where(leak.start)
    const group = groups.get(key)
    if (group) {
      group.count++
      if (p && !group.paragraphs.includes(p.number)) group.paragraphs.push(p.number)
      continue
    }
    const from = Math.max(p?.outStart ?? 0, leak.start - 60)
    const to = Math.min(p?.outEnd ?? text.length, leak.end + 60)
    groups.set(key, {
      reason: leak.reason,
      entityType: leak.entityType,
      count: 1,
      paragraphs: p ? [p.number] : [],
      section: p?.section ?? 1,
      quote: {
        before: (from > (p?.outStart ?? 0) ? '…' : '') + text.slice(from, leak.start).replace(/^#+\s*/, ''),
        text: text.slice(leak.start, leak.end),
        after: text.slice(leak.end, to) + (to < (p?.outEnd ?? text.length) ? '…' : ''),
      },
    })
  }
  return [...groups.values()]
}
