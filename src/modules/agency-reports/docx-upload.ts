/**
 * Reading an agency report uploaded as a Word document (.docx), safely.
 *
 * A DOCX is a ZIP package. Before mammoth (which unpacks the whole package in memory) sees it, the package
 * is checked here: the bytes must be a ZIP (a file's name or browser type decide nothing), the parts it
 * declares must fit the limits, and every part is inflated with a hard cap at its declared size, so a zip
 * bomb or a part that lies about its size is refused before any library reads it. Macros, encrypted parts
 * and the old binary .doc format are refused with a message that says what to do.
 */
import mammoth from 'mammoth'
import { readZipDirectory, readZipEntry } from '../chronology/xlsx-package.ts'
import { normaliseText } from '../published-reviews/ingest/extract-text.ts'
import { sanitiseHtml } from '../published-reviews/ingest/html-text.ts'

/** Largest upload accepted (bytes). */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024
/** Largest total size of the package's parts once unpacked (bytes). */
export const MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024
/** Largest unpacked/packed ratio for a part over 1 MB unpacked (text compresses well; bombs much more). */
const MAX_COMPRESSION_RATIO = 200
const MAX_PARTS = 1000
/** Longest text kept from a document (characters): about a 400-page report. */
export const MAX_DOCX_TEXT_CHARS = 1_000_000

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const NOT_DOCX =
  'The selected file is not a Word document (.docx). Save it as a Word Document (.docx) and upload it again'
const MB = 1024 * 1024

/** Thrown for a file that is refused; the message is plain English, for the person who uploaded it. */
export class RefusedDocumentError extends Error {
  override name = 'RefusedDocumentError'
}

/** What was read from an accepted document. */
export interface ReadDocument {
  /** Plain text, paragraphs separated by line breaks. */
  text: string
  /** Allow-listed HTML for showing the document in a page. */
  html: string
}

/**
 * Checks a DOCX upload and extracts its text and HTML.
 * @throws RefusedDocumentError (plain-English message) when the file is empty, too big, not a DOCX, unsafe
 * (zip bomb, encrypted, macros) or cannot be read. Never throws anything else for bad input.
 */
export async function readDocxUpload(data: Uint8Array): Promise<ReadDocument> {
  if (data.byteLength === 0) throw new RefusedDocumentError('The selected file is empty')
  if (data.byteLength > MAX_DOCX_BYTES)
    throw new RefusedDocumentError(`The selected file must be smaller than ${MAX_DOCX_BYTES / MB} MB`)
  if (data.byteLength >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    // The OLE compound format: Word 97-2003 (.doc), or any Office file with a password.
    throw new RefusedDocumentError(
      'The selected file is password protected or in the old Word 97-2003 (.doc) format. Remove the password, save it as a Word Document (.docx) and upload it again',
    )
  }
  // A ZIP package starts with a local file header: "PK\x03\x04".
  if (!(data.byteLength >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04)) {
    throw new RefusedDocumentError(NOT_DOCX)
  }
  checkPackage(data)
  try {
    const buffer = Buffer.from(data)
    const [raw, html] = await Promise.all([mammoth.extractRawText({ buffer }), mammoth.convertToHtml({ buffer })])
    const text = normaliseText(raw.value)
    if (text.length > MAX_DOCX_TEXT_CHARS) {
      throw new RefusedDocumentError(
        `The document is too long (more than ${MAX_DOCX_TEXT_CHARS.toLocaleString('en-GB')} characters). Split it, or send the appendices separately`,
      )
    }
    return { text, html: sanitiseHtml(html.value) }
  } catch (error) {
    if (error instanceof RefusedDocumentError) throw error
    throw new RefusedDocumentError(
      'The selected file could not be read as a Word document. Open it in Word, save it again as .docx and upload it again',
    )
  }
}

/** Refuses a package that is not a DOCX, is unsafe to unpack, or contains macros or encrypted parts. */
function checkPackage(data: Uint8Array): void {
  let entries
  try {
    entries = readZipDirectory(data, MAX_PARTS)
  } catch {
    // The directory reader's own messages name Excel; say what is true here.
    throw new RefusedDocumentError(NOT_DOCX)
  }
  const names = new Set(entries.map((e) => e.name))
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) throw new RefusedDocumentError(NOT_DOCX)
  let declared = 0
  for (const entry of entries) {
    if (entry.flags & 0x01)
      throw new RefusedDocumentError('The selected file is password protected. Remove the password and upload it again')
    if (/vbaProject\.bin$/i.test(entry.name))
      throw new RefusedDocumentError(
        'The selected file contains macros. Save it as a Word Document (.docx) and upload it again',
      )
    declared += entry.uncompressedSize
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
    if (entry.uncompressedSize > MB && ratio > MAX_COMPRESSION_RATIO) throw unpacksTooBig()
  }
  if (declared > MAX_DOCX_UNPACKED_BYTES) throw unpacksTooBig()
  // Inflate every part with a cap at its declared size: a part that is bigger than it says is refused
  // here, before mammoth's unpacker (which trusts nothing but also caps nothing) reads it.
  for (const entry of entries) {
    try {
      readZipEntry(data, entry)
    } catch {
      throw new RefusedDocumentError(
        'The selected file is damaged or unsafe to open (a part is larger than it says). Save it again as .docx and upload it again',
      )
    }
  }
}

function unpacksTooBig(): RefusedDocumentError {
  return new RefusedDocumentError(
    `The selected file unpacks to far more than its size, so it has not been opened. Word documents up to ${MAX_DOCX_UNPACKED_BYTES / MB} MB unpacked are accepted`,
  )
}
