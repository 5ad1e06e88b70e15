/**
 * The view model of a document's anonymisation page: one section of the rendered text at a time,
 * the replacements in it with their explanations, the leak gate's findings grouped, and the
 * reviewer's decisions. Original words appear only with `reveal` (the caller audits the reveal).
 */
import type {
  AnonymisationDecision,
  DecidedDocument,
} from '../../../../modules/case-knowledge/anonymisation-decisions.ts'
import {
  groupFindings,
  layoutDocument,
  type ReadingSection,
} from '../../../../modules/case-knowledge/document-reading.ts'
import { explanationOf, kindOf, renderParagraph, statusOf } from './reading.ts'

/** What the document page needs from the stored document. */
export interface DocumentForReading {
  id: string
  reviewId: string
  body: string
  decisions: AnonymisationDecision[]
}

/** The section a paragraph is in (1 when there is none). */
export function sectionOfParagraph(sections: readonly ReadingSection[], paragraph: number): number {
  return sections.find((s) => s.paragraphs.some((p) => p.number === paragraph))?.number ?? 1
}

/** The view model; `section` is 1-based and clamped to the document's sections. */
export function documentReading(
  document: DocumentForReading,
  result: DecidedDocument,
  options: { section: number; reveal: boolean },
) {
  const base = `/reviews/${document.reviewId}/documents/${document.id}`
  const sections = layoutDocument(document.body, result)
  const number = Math.min(Math.max(1, Number.isInteger(options.section) ? options.section : 1), sections.length || 1)
  const section = sections[number - 1] ?? { number: 1, title: 'Opening', paragraphs: [] }
  const q = (n: number) => `${base}?section=${n}${options.reveal ? '&reveal=yes' : ''}`
  const findings = groupFindings(result.leaks, sections, result.text).map((g) => ({
    ...g,
    links: g.paragraphs.map((p) => ({ paragraph: p, href: `${q(sectionOfParagraph(sections, p))}#para-${p}` })),
  }))
  const leaksIn = (s: ReadingSection) =>
    result.leaks.filter((l) => s.paragraphs.some((p) => l.start >= p.outStart && l.start < p.outEnd)).length
  const replacementKeys = section.paragraphs.flatMap((p) => p.replacements)
  const checked = result.replacements.filter((r) => r.decided || r.accepted).length
  return {
    base,
    reveal: options.reveal,
    revealHref: `${base}?section=${number}&reveal=yes`,
    hideHref: `${base}?section=${number}`,
    section: {
      number,
      title: section.title,
      paragraphs: section.paragraphs.map((p, i) => ({
        number: p.number,
        heading: p.heading,
        html: renderParagraph(document.body, p, result, { firstInSection: i === 0 }),
      })),
      // paragraphs a reviewer can mask words in: not headings
      choosable: section.paragraphs.filter((p) => !p.heading).map((p) => p.number),
      paragraphItems: section.paragraphs
        .filter((p) => !p.heading)
        .map((p) => ({ value: String(p.number), text: `Paragraph ${p.number}` })),
      replacements: replacementKeys.map((k) => {
        const r = result.replacements[k]
        return {
          n: k + 1,
          replacement: r.replacement,
          kind: kindOf(r),
          explanation: explanationOf(r),
          status: statusOf(r),
          state: r.decided ? 'changed' : r.accepted ? 'kept' : 'unchecked',
          original: options.reveal ? r.original : undefined,
          href: `${base}/replacements/${k + 1}${options.reveal ? '?reveal=yes' : ''}`,
        }
      }),
    },
    contents: sections.map((s) => ({
      number: s.number,
      title: s.title,
      href: q(s.number),
      current: s.number === number,
      replacements: s.paragraphs.reduce((n, p) => n + p.replacements.length, 0),
      findings: leaksIn(s),
    })),
    pagination: {
      ...(number > 1 ? { previous: { href: q(number - 1), labelText: sections[number - 2].title } } : {}),
      ...(number < sections.length ? { next: { href: q(number + 1), labelText: sections[number].title } } : {}),
    },
    findings,
    totals: { replacements: result.replacements.length, checked },
    decisions: document.decisions.map((d, index) => ({ index, text: describeDecision(d, result, options.reveal) })),
  }
}

/**
 * A decision in words. Without `reveal` it names the words as published, never the original: a
 * kept or changed replacement by what it is published as; words left as written are in the text
 * already, so they can be quoted.
 */
function describeDecision(d: AnonymisationDecision, result: DecidedDocument, reveal: boolean): string {
  const published = result.replacements.find((r) => r.original === d.original)
  const kind = published ? kindOf(published) : 'words no longer in the text'
  switch (d.kind) {
    case 'reject':
      return `Leave “${d.original}” as written`
    case 'accept':
      return reveal
        ? `Keep the replacement of “${d.original}” with “${published?.replacement ?? ''}”`
        : `Keep the replacement “${published?.replacement ?? ''}” (${kind})`
    case 'add':
      return reveal
        ? `Mask missed words “${d.original}” as “${d.replacement}”`
        : `Mask missed words as “${d.replacement}”`
    case 'replace':
      return reveal ? `Publish “${d.original}” as “${d.replacement}”` : `Publish ${kind} as “${d.replacement}”`
  }
}
