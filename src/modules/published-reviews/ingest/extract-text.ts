import mammoth from 'mammoth'
import { extractText as extractPdfText } from 'unpdf'
import { htmlToText, sanitiseHtml } from './html-text.ts'

/** A file a curator uploaded. */
export interface UploadedFile {
  readonly fileName: string
  /** As sent by the browser; the file name's extension and the bytes decide, not this. */
  readonly contentType?: string | null
  readonly data: Uint8Array
}

export type DocumentFormat = 'html' | 'pdf' | 'docx'

/** Text taken out of a file. */
export interface ExtractedDocument {
  readonly format: DocumentFormat
  readonly contentType: string
  /** Plain text, paragraphs separated by line breaks. */
  readonly text: string
  /** Allow-listed HTML to show (HTML and DOCX), or null (PDF is offered as a download). */
  readonly html: string | null
}

/** Thrown for files that are not PDF, DOCX or HTML, or cannot be read. The message is for the curator. */
export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError'
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** Which format a file is, from its first bytes (then its name). Null when none of the three. Never throws. */
export function detectFormat(file: UploadedFile): DocumentFormat | null {
  const head = file.data.subarray(0, 8)
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf' // %PDF
  if (head[0] === 0x50 && head[1] === 0x4b && /\.docx$/i.test(file.fileName)) return 'docx' // zip container
  if (/\.html?$/i.test(file.fileName) || /html/i.test(file.contentType ?? '')) return 'html'
  const start = new TextDecoder().decode(file.data.subarray(0, 512)).trimStart().toLowerCase()
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html'
  return null
}

/**
 * Extract the text of a PDF (unpdf), DOCX (mammoth) or HTML (our tokenizer) file.
 * @throws UnreadableDocumentError when the format is unknown or the file cannot be parsed.
 */
export async function extractDocument(file: UploadedFile): Promise<ExtractedDocument> {
  const format = detectFormat(file)
  if (!format) throw new UnreadableDocumentError(`${file.fileName} must be a PDF, Word (.docx) or HTML file`)
  try {
    if (format === 'pdf') {
      // unpdf may take ownership of the buffer it is given, so give it a copy.
      const { text } = await extractPdfText(new Uint8Array(file.data), { mergePages: true })
      return { format, contentType: CONTENT_TYPES.pdf, text: normaliseText(text), html: null }
    }
    if (format === 'docx') {
      const buffer = Buffer.from(file.data)
      const [raw, html] = await Promise.all([mammoth.extractRawText({ buffer }), mammoth.convertToHtml({ buffer })])
      return { format, contentType: CONTENT_TYPES.docx, text: normaliseText(raw.value), html: sanitiseHtml(html.value) }
    }
    const source = new TextDecoder('utf-8').decode(file.data)
    return { format, contentType: CONTENT_TYPES.html, text: htmlToText(source), html: sanitiseHtml(source) }
  } catch (error) {
    throw new UnreadableDocumentError(`${file.fileName} could not be read as ${format.toUpperCase()}`, { cause: error })
  }
}

/** Collapse runs of spaces and blank lines; keep paragraph breaks. Never throws. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
