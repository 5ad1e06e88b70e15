/**
 * A small HTML tokenizer for ingesting published reports saved as web pages: no HTML parser is
 * installed, and reports need only text and a few structural tags. Two uses: plain text for the
 * index, and allow-listed HTML (known tags, no attributes, text escaped) to show on the review page.
 * Unknown, dangerous or malformed markup can only lose formatting, never add script.
 */

/** Elements whose content is never text. */
const SKIPPED = new Set(['script', 'style', 'head', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'title'])
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
/** Elements kept in safe HTML (without attributes). */
const ALLOWED = new Set([
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
  'dl',
  'dt',
  'dd',
  'hr',
  'sup',
  'sub',
])
const VOID = new Set([
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'track',
  'wbr',
])

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  pound: '£',
  euro: '€',
  copy: '©',
  bull: '•',
  middot: '·',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  ouml: 'ö',
  uuml: 'ü',
  auml: 'ä',
  shy: '',
}

/** Decode character references (named common ones, decimal, hex). Unknown ones stay as written. Never throws. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD'
    }
    return NAMED[ref.toLowerCase()] ?? whole
  })
}

/** Escape text for HTML element content and attribute values. Never throws. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

type Token = { kind: 'text'; text: string } | { kind: 'open' | 'close'; name: string }

/** Tokenize HTML into text and tags (comments, doctypes and processing instructions dropped). Never throws. */
export function tokenizeHtml(html: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let skipping: string | null = null
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    const textEnd = lt === -1 ? html.length : lt
    if (textEnd > i && !skipping) tokens.push({ kind: 'text', text: decodeEntities(html.slice(i, textEnd)) })
    if (lt === -1) break
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      i = end === -1 ? html.length : end + 3
      continue
    }
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(html.slice(lt, lt + 4096))
    if (!tag) {
      if (/^<[!?]/.test(html.slice(lt, lt + 2))) {
        const end = html.indexOf('>', lt)
        i = end === -1 ? html.length : end + 1
        continue
      }
      // A lone "<" is text.
      if (!skipping) tokens.push({ kind: 'text', text: '<' })
      i = lt + 1
      continue
    }
    const name = tag[2].toLowerCase()
    const closing = tag[1] === '/'
    i = lt + tag[0].length
    if (skipping) {
      if (closing && name === skipping) skipping = null
      continue
    }
    if (!closing && SKIPPED.has(name) && !tag[3].trim().endsWith('/')) {
      skipping = name
      continue
    }
    tokens.push({ kind: closing ? 'close' : 'open', name })
  }
  return tokens
}

/** Plain text of an HTML document: block elements break lines, whitespace collapsed. Never throws. */
export function htmlToText(html: string): string {
  let out = ''
  for (const token of tokenizeHtml(html)) {
    if (token.kind === 'text') out += token.text
    else if (BLOCK.has(token.name)) out += token.name === 'li' && token.kind === 'open' ? '\n- ' : '\n'
    else if (token.name === 'td' || token.name === 'th') out += ' '
  }
  return out
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .replace(/^- $/gm, '')
    .trim()
}

/**
 * Allow-listed HTML: only the tags in ALLOWED, with no attributes, balanced (unclosed tags are
 * closed at the end, stray closes dropped); all text escaped. Never throws.
 */
export function sanitiseHtml(html: string): string {
  let out = ''
  const open: string[] = []
  for (const token of tokenizeHtml(html)) {
    if (token.kind === 'text') out += escapeHtml(token.text)
    else if (!ALLOWED.has(token.name)) {
      if (BLOCK.has(token.name) && token.kind === 'open') out += '\n'
    } else if (token.kind === 'open') {
      out += `<${token.name}>`
      if (!VOID.has(token.name)) open.push(token.name)
    } else if (open.includes(token.name)) {
      while (open.length > 0) {
        const name = open.pop() as string
        out += `</${name}>`
        if (name === token.name) break
      }
    }
  }
  while (open.length > 0) out += `</${open.pop()}>`
  return out.trim()
}
