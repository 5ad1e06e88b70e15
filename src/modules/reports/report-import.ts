/**
 * Import a whole draft written elsewhere (Markdown, or Word through mammoth) and split it into the
 * template's sections by its headings, so a reviewer who wrote in Word can start here.
 *
 * Nothing typed is lost: text before the first recognised heading goes to the start of the first
 * section, and a heading the template does not know stays (as a sub-heading) in the section before it.
 */
import mammoth from 'mammoth'
import { matchHeading, templateOf, type ReportKind } from './report-template.ts'
import { stripParagraphNumbers } from './report-markdown.ts'

/** Where each heading of the draft went. */
export interface ImportedHeading {
  heading: string
  /** The template section it starts, or null when it stays inside the section before it. */
  sectionKey: string | null
}

/** A draft split into sections: section key → Markdown (every template section present, maybe empty). */
export interface SplitDraft {
  sections: Record<string, string>
  headings: ImportedHeading[]
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/

/**
 * Split a Markdown draft into the sections of `kind`'s template by its headings.
 *
 * The heading level that names the most template sections is taken as the section level (the demo
 * overview report uses `##`, its executive summary `###`). Deeper headings become sub-headings
 * (`###`, `####`) of their section. Paragraph numbers written in the draft ("2.1 …") are removed:
 * the app numbers paragraphs itself. Never throws.
 */
export function splitDraft(kind: ReportKind, markdown: string): SplitDraft {
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
  const sectionLevel = bestSectionLevel(kind, lines)
  const template = templateOf(kind)
  const buckets = new Map<string, string[]>(template.sections.map((s) => [s.key, []]))
  const preamble: string[] = []
  const headings: ImportedHeading[] = []
  let current: string[] = preamble
  let inFence = false
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence
    const heading = inFence ? null : HEADING.exec(line)
    if (!heading) {
      current.push(line)
      continue
    }
    const level = heading[1].length
    const text = heading[2]
    const section = level === sectionLevel ? matchHeading(kind, text) : undefined
    if (section) {
      headings.push({ heading: text, sectionKey: section.key })
      current = buckets.get(section.key)!
      // Two headings for one section (a draft with "Findings" twice): keep both parts.
      if (current.some((l) => l.trim())) current.push('')
      continue
    }
    headings.push({ heading: text, sectionKey: null })
    // Keep the heading, below the section's own: the draft's title becomes a sub-heading too.
    const depth = Math.min(6, Math.max(3, level - sectionLevel + 2))
    current.push(`${'#'.repeat(depth)} ${text}`)
  }
  const first = template.sections[0].key
  if (preamble.some((l) => l.trim())) buckets.set(first, [...preamble, '', ...buckets.get(first)!])
  const sections: Record<string, string> = {}
  for (const [key, body] of buckets) sections[key] = tidy(stripParagraphNumbers(body.join('\n')))
  return { sections, headings }
}

/** The heading level (1–6) at which most headings name a template section (2 when none do). */
function bestSectionLevel(kind: ReportKind, lines: readonly string[]): number {
  const counts = new Map<number, Set<string>>()
  for (const line of lines) {
    const heading = HEADING.exec(line)
    if (!heading) continue
    const section = matchHeading(kind, heading[2])
    if (!section) continue
    const level = heading[1].length
    counts.set(level, (counts.get(level) ?? new Set()).add(section.key))
  }
  let best = 2
  let bestCount = 0
  for (const [level, keys] of counts) {
    if (keys.size > bestCount || (keys.size === bestCount && level < best)) {
      best = level
      bestCount = keys.size
    }
  }
  return best
}

/** Trim blank lines at the ends and runs of more than one blank line. */
function tidy(text: string): string {
  return text
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '')
    .trimEnd()
}

/**
 * A Word document (DOCX) as Markdown: mammoth's HTML (headings, paragraphs, lists, tables, bold and
 * italic) written back as Markdown. Throws when the bytes are not a Word document.
 */
export async function docxToMarkdown(data: Uint8Array): Promise<string> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(data) })
  return htmlToMarkdown(html)
}

/** mammoth's simple HTML as Markdown. Only the elements mammoth writes are handled. */
export function htmlToMarkdown(html: string): string {
  const blocks: string[] = []
  const blockPattern = /<(h[1-6]|p|ul|ol|table)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g
  for (const match of html.matchAll(blockPattern)) {
    const tag = match[1]
    const inner = match[2]
    if (tag.startsWith('h')) blocks.push(`${'#'.repeat(Number(tag[1]))} ${inline(inner)}`)
    else if (tag === 'p') blocks.push(inline(inner))
    else if (tag === 'ul' || tag === 'ol') {
      const items = [...inner.matchAll(/<li(?:\s[^>]*)?>([\s\S]*?)<\/li>/g)].map((m, i) =>
        tag === 'ul' ? `- ${inline(m[1])}` : `${i + 1}. ${inline(m[1])}`,
      )
      blocks.push(items.join('\n'))
    } else {
      const rows = [...inner.matchAll(/<tr(?:\s[^>]*)?>([\s\S]*?)<\/tr>/g)].map((row) =>
        [...row[1].matchAll(/<t[dh](?:\s[^>]*)?>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
          inline(cell[1]).replace(/\|/g, '\\|').replace(/\n+/g, ' '),
        ),
      )
      if (rows.length) {
        const width = Math.max(...rows.map((r) => r.length))
        const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`
        blocks.push([line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n'))
      }
    }
  }
  return blocks.filter((b) => b.trim()).join('\n\n')
}

function inline(html: string): string {
  return decodeEntities(
    html
      .replace(/<\/p>\s*<p(?:\s[^>]*)?>/g, ' ')
      .replace(/<br\s*\/?>/g, ' ')
      .replace(/<(strong|b)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g, '**$2**')
      .replace(/<(em|i)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g, '_$2_')
      .replace(/<[^>]+>/g, ''),
  ).trim()
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
}
