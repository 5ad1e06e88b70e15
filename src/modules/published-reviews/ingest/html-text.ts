/**
 * HTML from outside (published reports saved as web pages, Word documents converted by mammoth)
 * made safe, with maintained parsers: `htmlparser2` (a spec-following tokenizer) for the plain
 * text of the index, and `sanitize-html` for the allow-listed HTML shown on review pages. Unknown,
 * dangerous or malformed markup can only lose formatting, never add script.
 */
import { Parser } from 'htmlparser2'
import sanitizeHtml from 'sanitize-html'

/** Elements whose content is never text. */
const SKIPPED = [
  'script',
  'style',
  'head',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'title',
  'textarea',
]
/** Elements that break lines in the text. */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'article',
  'blockquote',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'hr',
  'dd',
  'dt',
  'dl',
  'pre',
  'figure',
  'figcaption',
])
/** Elements kept in safe HTML, all without attributes. */
const ALLOWED = [
  'p',
  'br',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'pre',
  'sub',
  'sup',
]

/** Plain text of an HTML document: block elements break lines, list items start "- ", whitespace collapsed. Never throws. */
export function htmlToText(html: string): string {
  let out = ''
  let skipping = 0
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.includes(name)) skipping++
        else if (skipping === 0 && BLOCK.has(name)) out += name === 'li' ? '\n- ' : '\n'
        else if (skipping === 0 && (name === 'td' || name === 'th')) out += ' '
      },
      onclosetag(name) {
        if (SKIPPED.includes(name)) skipping = Math.max(0, skipping - 1)
        else if (skipping === 0 && BLOCK.has(name) && name !== 'li') out += '\n'
      },
      ontext(text) {
        if (skipping === 0) out += text
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  )
  parser.write(html)
  parser.end()
  return out
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .replace(/^- $/gm, '')
    .trim()
}

/**
 * Allow-listed HTML: only the tags in ALLOWED, with no attributes at all, balanced, text escaped;
 * the content of script, style and other non-text elements dropped. Never throws.
 */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED,
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: SKIPPED,
    allowedSchemes: [],
  }).trim()
}
