/**
 * The one guard every upload path calls before a service sees the file: the name cleaned of
 * control and bidirectional characters, the kind decided by content, and a ZIP package's
 * unpacked size checked with a maintained reader. Services then accept or refuse the kind for
 * their own purpose (a chronology takes CSV or XLSX, an agency report DOCX).
 */
import { cleanFileName } from './file-name.ts'
import { detectFileKind, isZipPackage, type FileKind } from './file-kind.ts'
import { checkZipPackage, DEFAULT_ZIP_LIMITS, zipRefusalMessage, type ZipLimits } from './zip-package.ts'

/** A file that passed the guard. */
export interface GuardedFile {
  /** Safe to show: see {@link cleanFileName}. */
  readonly fileName: string
  readonly kind: FileKind
  readonly data: Uint8Array
}

/** Thrown when an upload is refused; the message is plain English, for the person who uploaded it. */
export class RefusedUploadError extends Error {
  override name = 'RefusedUploadError'
}

/**
 * Guards an uploaded file.
 * @throws RefusedUploadError for an empty file, or a ZIP package that is damaged, encrypted, has
 * too many parts or unpacks past `zipLimits`. Never throws anything else.
 */
export async function guardUpload(
  file: { fileName: string; data: Uint8Array },
  zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<GuardedFile> {
  const fileName = cleanFileName(file.fileName)
  if (file.data.byteLength === 0) throw new RefusedUploadError('The selected file is empty')
  const kind = await detectFileKind(file.data)
  if (isZipPackage(kind)) {
    const check = await checkZipPackage(file.data, zipLimits)
    if (!check.ok) throw new RefusedUploadError(zipRefusalMessage(check.refusal, zipLimits))
  }
  return { fileName, kind, data: file.data }
}
