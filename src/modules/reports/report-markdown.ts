/**
 * Section text is Markdown. This file renders it on the server, safely: raw HTML is off (typed
 * `<script>` comes back as text), only `http(s)`, `mailto` and relative links are kept (markdown-it's
 * own link check), and references to chronology entries and key practice episodes, written as
 * `[[entry:<id>]]` / `[[episode:<id>]]`, become links with the entry's date and agency or the episode's name.
 *
 * Paragraphs are numbered automatically by section: the second top-level paragraph of section 3 is
 * 3.2. Headings, lists and tables inside a section are not numbered (they belong to the paragraph
 * before them, as in the demo draft).
 */
import MarkdownIt, { type RendererRule, type StateInline, type Token } from 'markdown-it'

/** What a reference token points to. */
export type ReferenceKind = 'entry' | 'episode'

/** A reference as written in section text. */
export interface ReferenceToken {
  kind: ReferenceKind
  id: string
}

/** What a reference shows: its words and where it links (null: it no longer exists). */
export interface ResolvedReference {
  label: string
  href: string | null
}

/** Key of a reference in a {@link ReferenceLabels} map. */
export const referenceKey = (kind: ReferenceKind, id: string) => `${kind}:${id}`

/** Labels of the references a text may contain, by {@link referenceKey}. */
export type ReferenceLabels = ReadonlyMap<string, ResolvedReference>

/** `[[entry:<id>]]` or `[[episode:<id>]]`; ids are UUIDs or similar (letters, digits, `-`, `_`). */
const REFERENCE = /\[\[(entry|episode):([A-Za-z0-9_-]{1,100})\]\]/g
const REFERENCE_AT_START = /^\[\[(entry|episode):([A-Za-z0-9_-]{1,100})\]\]/

/** The token to write for a reference. */
export function referenceTokenText(kind: ReferenceKind, id: string): string {
  return `[[${kind}:${id}]]`
}

/** Every reference in a text, in order, without repeats. */
export function referencesIn(markdown: string): ReferenceToken[] {
  const seen = new Set<string>()
  const out: ReferenceToken[] = []
  for (const match of markdown.matchAll(REFERENCE)) {
    const key = referenceKey(match[1] as ReferenceKind, match[2])
    if (!seen.has(key)) out.push({ kind: match[1] as ReferenceKind, id: match[2] })
    seen.add(key)
  }
  return out
}

/** The words shown for a reference that no longer exists (an entry removed from the chronology). */
export function missingReferenceLabel(kind: ReferenceKind): string {
  return kind === 'entry'
    ? 'a chronology entry that is no longer available'
    : 'a key practice episode that is no longer available'
}

interface RenderEnv {
  /** Not `references`: markdown-it keeps link reference definitions under that name. */
  reportReferences: ReferenceLabels
  /** Section number for paragraph numbers; null: do not number. */
  section: number | null
  paragraph: number
  /** Section text sits below the section's heading (h2): its headings move down a level. */
  shiftHeadings: boolean
}

function referenceRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false
  const match = REFERENCE_AT_START.exec(state.src.slice(state.pos, state.pos + 120))
  if (!match) return false
  if (!silent) {
    const token = state.push('report_reference', '', 0)
    token.meta = { kind: match[1], id: match[2] }
  }
  state.pos += match[0].length
  return true
}

function createRenderer() {
  // html: false — raw HTML in section text is shown as text, never run.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  md.inline.ruler.before('link', 'report_reference', referenceRule)
  const escape = md.utils.escapeHtml
  md.renderer.rules.report_reference = (tokens, idx, _options, env) => {
    const { kind, id } = tokens[idx].meta as unknown as ReferenceToken
    const resolved = (env as unknown as RenderEnv).reportReferences.get(referenceKey(kind, id))
    if (!resolved?.href)
      return `<span class="app-report-reference">${escape(resolved?.label ?? missingReferenceLabel(kind))}</span>`
    return `<a class="govuk-link app-report-reference" href="${escape(resolved.href)}">${escape(resolved.label)}</a>`
  }
  const withClass =
    (className: string): RendererRule =>
    (tokens, idx, options, _env, self) => {
      tokens[idx].attrJoin('class', className)
      return self.renderToken(tokens, idx, options)
    }
  md.renderer.rules.bullet_list_open = withClass('govuk-list govuk-list--bullet')
  md.renderer.rules.ordered_list_open = withClass('govuk-list govuk-list--number')
  md.renderer.rules.table_open = withClass('govuk-table')
  md.renderer.rules.thead_open = withClass('govuk-table__head')
  md.renderer.rules.tbody_open = withClass('govuk-table__body')
  md.renderer.rules.tr_open = withClass('govuk-table__row')
  md.renderer.rules.th_open = withClass('govuk-table__header')
  md.renderer.rules.td_open = withClass('govuk-table__cell')
  md.renderer.rules.link_open = withClass('govuk-link')
  md.renderer.rules.blockquote_open = withClass('govuk-inset-text')
  md.renderer.rules.paragraph_open = (tokens, idx, options, renderEnv, self) => {
    const env = renderEnv as unknown as RenderEnv
    const token = tokens[idx]
    if (token.level === 0 && env.section !== null) {
      env.paragraph += 1
      const number = `${env.section}.${env.paragraph}`
      return `<p class="govuk-body app-numbered-paragraph" id="paragraph-${env.section}-${env.paragraph}"><span class="app-paragraph-number">${number}</span> `
    }
    if (token.level === 0) token.attrJoin('class', 'govuk-body')
    return self.renderToken(tokens, idx, options)
  }
  // Headings inside a section sit below the section's own heading (h2 on the page).
  md.core.ruler.push('report_heading_levels', (state) => {
    if (!(state.env as unknown as RenderEnv).shiftHeadings) return
    for (const token of state.tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') {
        const level = Math.min(6, Math.max(3, Number(token.tag.slice(1))))
        token.tag = `h${level}`
        if (token.type === 'heading_open')
          token.attrJoin('class', level === 3 ? 'govuk-heading-s' : 'govuk-body govuk-!-font-weight-bold')
      }
    }
  })
  return md
}

const renderer = createRenderer()

/**
 * A section's Markdown as HTML, safe to put in a page: no raw HTML, references as links, top-level
 * paragraphs numbered `section.paragraph` (when `section` is not null).
 */
export function renderSectionHtml(markdown: string, section: number | null, references: ReferenceLabels): string {
  const env: RenderEnv = { reportReferences: references, section, paragraph: 0, shiftHeadings: true }
  return renderer.render(markdown, env as unknown as Record<string, unknown>)
}

/** Markdown (already numbered, references already words) as HTML, for publication pages and HTML exports. */
export function renderPlainMarkdownHtml(markdown: string): string {
  return renderer.render(markdown, {
    reportReferences: new Map(),
    section: null,
    paragraph: 0,
    shiftHeadings: false,
  } satisfies RenderEnv as unknown as Record<string, unknown>)
}

/**
 * A section's Markdown with its paragraph numbers written in ("3.2 The period…") and references as
 * words ("(chronology: 7 December 2023, Marlshire Police)"): the text sent for anonymisation and used
 * by exports, so the numbers in every copy are the ones the writers saw.
 */
export function numberedSectionMarkdown(markdown: string, section: number, references: ReferenceLabels): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const tokens = parseMarkdown(markdown)
  let paragraph = 0
  for (const token of tokens) {
    // A `#` or `##` heading typed in a section would read as a new section in exports: make it a sub-heading.
    if (token.type === 'heading_open' && token.map && token.markup.startsWith('#') && token.markup.length < 3) {
      const line = token.map[0]
      lines[line] = lines[line].replace(/^(\s*)#{1,2}(?=\s|$)/, '$1###')
      continue
    }
    // The same for a heading underlined with === or --- (one line of text, then the underline).
    if (token.type === 'heading_open' && token.map && (token.markup === '=' || token.markup === '-')) {
      const [first, end] = token.map
      if (end - first === 2) {
        lines[first] = `### ${lines[first].trim()}`
        lines[end - 1] = ''
      }
      continue
    }
    if (token.type !== 'paragraph_open' || token.level !== 0 || !token.map) continue
    paragraph += 1
    const line = token.map[0]
    lines[line] = lines[line].replace(/^(\s*)/, `$1${section}.${paragraph} `)
  }
  return lines.join('\n').replace(REFERENCE, (_all, kind: ReferenceKind, id: string) => {
    const label = references.get(referenceKey(kind, id))?.label ?? missingReferenceLabel(kind)
    return `(${kind === 'entry' ? 'chronology' : 'key practice episode'}: ${escapeMarkdown(label)})`
  })
}

/** Characters that would change the meaning of words put into Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1')
}

/** Paragraph numbers written at the start of imported paragraphs ("2.1 The period…"), removed: the app numbers them. */
export function stripParagraphNumbers(markdown: string): string {
  return markdown.replace(/^(\s{0,3})\d{1,3}(\.\d{1,3})+\s+(?=\S)/gm, '$1')
}

/** Top-level block tokens of Markdown, for exports (DOCX, PDF). */
export function parseMarkdown(markdown: string): Token[] {
  return renderer.parse(markdown, {
    reportReferences: new Map(),
    section: null,
    paragraph: 0,
    shiftHeadings: false,
  } satisfies RenderEnv as unknown as Record<string, unknown>)
}
