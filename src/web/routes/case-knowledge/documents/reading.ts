/**
 * The anonymised document as the report reads: each paragraph's Markdown rendered with the reports'
 * renderer (raw HTML off), each replacement a highlighted, focusable mark linked to its explanation.
 * The explanation names the kind of detail and the rule that found it, never the original words.
 */
import MarkdownIt from 'markdown-it'
import type { DecidedDocument } from '../../../../modules/case-knowledge/anonymisation-decisions.ts'
import type { ReadingParagraph } from '../../../../modules/case-knowledge/document-reading.ts'
import { renderPlainMarkdownHtml } from '../../../../modules/reports/report-markdown.ts'

type DecidedReplacement = DecidedDocument['replacements'][number]
// markdown-it's own escaper, the one the rendered text went through
const { escapeHtml } = new MarkdownIt().utils

const KIND: Readonly<Record<string, string>> = {
  PERSON: 'a person’s name',
  DATE: 'an exact date',
  LOC: 'a place',
  ORG: 'a named organisation or place',
  ADDRESS: 'an address',
  DEMOGRAPHIC: 'a specific background',
  PHONE: 'a phone number',
  EMAIL: 'an email address',
  URL: 'a web address',
  NHS_NUMBER: 'an NHS number',
  NI_NUMBER: 'a National Insurance number',
  POSTCODE: 'a postcode',
  POLICE_REFERENCE: 'a police reference',
  CASE_REFERENCE: 'a case reference',
  VEHICLE_REGISTRATION: 'a vehicle registration',
  SOCIAL_HANDLE: 'a social media handle',
  CODE: 'a number',
  MISC: 'identifying words',
}

/** What a replacement stands for in plain words: "a person’s name (Mother)"; never the original. */
export function kindOf(r: DecidedReplacement): string {
  const kind = KIND[r.entityType] ?? 'identifying words'
  return r.label ? `${kind} (${r.label})` : kind
}

/** "Checked and kept", "Changed by a reviewer" or "Not checked yet". */
export function statusOf(r: DecidedReplacement): string {
  if (r.decided) return r.recognizer === 'reviewer' ? 'Masked by a reviewer' : 'Changed by a reviewer'
  return r.accepted ? 'Checked and kept' : 'Not checked yet'
}

/** The one-line explanation shown on focus and hover, and in the list below the text. */
export function explanationOf(r: DecidedReplacement): string {
  return `Replaces ${kindOf(r)}. Found by ${r.recognizer}: ${r.explanation}. Score ${r.score.toFixed(2)}. ${statusOf(r)}.`
}

const OPEN = '\uE000'
const MID = '\uE001'
const CLOSE = '\uE002'

/**
 * One paragraph as HTML. Replacements are marked with private-use characters before rendering, so
 * Markdown sees plain text and escapes it, then the marks become `<mark>` elements. Headings move
 * under the page's own: the section's first heading is an `h2`, any other an `h3`.
 */
export function renderParagraph(
  original: string,
  paragraph: ReadingParagraph,
  decided: DecidedDocument,
  /** `quote`: marks without links or explanations (a paragraph quoted on a decision page). */
  options: { firstInSection: boolean; highlight?: number; quote?: boolean },
): string {
  let markdown = ''
  let at = paragraph.start
  for (const k of paragraph.replacements) {
    const r = decided.replacements[k]
    markdown += original.slice(at, r.start) + OPEN + k + MID + r.replacement.replace(/[\uE000-\uE002]/g, '') + CLOSE
    at = r.end
  }
  markdown += original.slice(at, paragraph.end)
  const html = renderPlainMarkdownHtml(markdown)
    .replace(/<h[1-6]>([\s\S]*?)<\/h[1-6]>/g, (_, inner: string) =>
      options.firstInSection && paragraph.heading
        ? `<h2 class="govuk-heading-m">${inner}</h2>`
        : `<h3 class="govuk-heading-s">${inner}</h3>`,
    )
    .replace(/<p>/g, '<p class="govuk-body">')
    .replace(/<ul>/g, '<ul class="govuk-list govuk-list--bullet">')
    .replace(/<ol(\s|>)/g, '<ol class="govuk-list govuk-list--number"$1')
    .replace(/<table>/g, '<table class="govuk-table">')
    .replace(/<th(\s|>)/g, '<th class="govuk-table__header"$1')
    .replace(/<td(\s|>)/g, '<td class="govuk-table__cell"$1')
  return html.replace(new RegExp(`${OPEN}(\\d+)${MID}([\\s\\S]*?)${CLOSE}`, 'g'), (_, key: string, inner: string) => {
    const k = Number(key)
    const r = decided.replacements[k]
    const n = k + 1
    const state = r.decided ? 'changed' : r.accepted ? 'kept' : 'unchecked'
    const current = options.highlight === k ? ' app-replacement--current' : ''
    if (options.quote) return `<mark class="app-replacement app-replacement--${state}${current}">${inner}</mark>`
    return (
      `<mark class="app-replacement app-replacement--${state}${current}" id="m-${n}">` +
      `<a class="app-replacement__link" href="#r-${n}" aria-describedby="r-${n}-about">${inner}</a>` +
      `<span class="app-replacement__tip" aria-hidden="true">${escapeHtml(explanationOf(r))}</span></mark>`
    )
  })
}
