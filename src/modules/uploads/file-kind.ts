/**
 * What an uploaded file really is, decided by its bytes (the maintained `file-type` library),
 * never by its name or the type the browser sent.
 */
import { fileTypeFromBuffer } from 'file-type'

/** The kinds of file this service accepts anywhere, plus the kinds it names when refusing. */
export type FileKind =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'zip'
  | 'png'
  | 'jpeg'
  | 'text'
  /** The OLE compound format: Word/Excel 97-2003, or any Office file with a password. */
  | 'ole'
  | 'other'

const BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  zip: 'zip',
  png: 'png',
  jpg: 'jpeg',
  cfb: 'ole',
  doc: 'ole',
  xls: 'ole',
  msi: 'ole',
}

/**
 * The kind of `data`, from its content. Text (CSV, Markdown, plain text, HTML) has no magic
 * bytes: it is `text` when it is valid UTF-8 (a byte-order mark allowed) without NUL bytes, so a
 * PDF or a program renamed `.csv` is `pdf` or `other`, never `text`. Never throws.
 */
export async function detectFileKind(data: Uint8Array): Promise<FileKind> {
  if (data.byteLength === 0) return 'other'
  let detected: Awaited<ReturnType<typeof fileTypeFromBuffer>>
  try {
    detected = await fileTypeFromBuffer(data)
  } catch {
    detected = undefined
  }
  if (detected) return BY_EXTENSION[detected.ext] ?? 'other'
  return isUtf8Text(data) ? 'text' : 'other'
}

/** True for valid UTF-8 with no NUL byte (what every text format this service reads is). */
export function isUtf8Text(data: Uint8Array): boolean {
  if (data.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data)
    return true
  } catch {
    return false
  }
}

/** True for the kinds that are ZIP packages (whose unpacked size must be checked before use). */
export function isZipPackage(kind: FileKind): boolean {
  return kind === 'zip' || kind === 'docx' || kind === 'xlsx'
}
