/**
 * Safety checks on a ZIP package (DOCX, XLSX, ZIP) before any library unpacks it, with the
 * maintained `yauzl` reader. Office libraries (mammoth, exceljs) unpack whole packages in memory
 * and cap nothing, so a 2 MB file that unpacks to 2 GiB must be refused here first.
 */
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'

/** Limits on a package. Sizes in bytes. */
export interface ZipLimits {
  /** Total unpacked size of all entries, declared and actual. */
  readonly maxUnpackedBytes: number
  /** Largest unpacked/packed ratio for an entry over 1 MB unpacked (text compresses ~10:1; bombs ~1000:1). */
  readonly maxCompressionRatio: number
  readonly maxEntries: number
}

/** 100 MB unpacked, ratio 200, 1,000 entries: far above any real report or workbook upload. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 1000,
})

/** Why a package was refused, as data; {@link zipRefusalMessage} says it in plain English. */
export type ZipRefusal = 'not_a_zip' | 'too_many_entries' | 'unpacks_too_big' | 'encrypted' | 'damaged'

/** The outcome of a check: the entry names of an accepted package, or the reason it was refused. */
export type ZipCheck = { ok: true; entryNames: string[] } | { ok: false; refusal: ZipRefusal }

const MB = 1024 * 1024

/**
 * Checks a ZIP package against `limits` without keeping its contents: every entry's declared
 * sizes are checked first, then every entry is inflated and counted with the bytes thrown away,
 * stopping the moment the running total passes the limit (so an entry that lies about its size
 * costs at most the limit, never more memory than a stream's buffer).
 *
 * Contract: never throws; resolves within the time it takes to inflate at most
 * `limits.maxUnpackedBytes`.
 */
export async function checkZipPackage(data: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipCheck> {
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
    })
  } catch {
    return { ok: false, refusal: 'not_a_zip' }
  }
  if (zip.entryCount > limits.maxEntries) return { ok: false, refusal: 'too_many_entries' }

  const entries: yauzl.Entry[] = []
  let declared = 0
  const listed = await new Promise<ZipRefusal | null>((resolve) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.isEncrypted()) return resolve('encrypted')
      declared += entry.uncompressedSize
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
      if (declared > limits.maxUnpackedBytes || (entry.uncompressedSize > MB && ratio > limits.maxCompressionRatio))
        return resolve('unpacks_too_big')
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(null))
    zip.on('error', () => resolve('damaged'))
    zip.readEntry()
  })
  if (listed) return { ok: false, refusal: listed }

  // Sizes can lie: inflate everything with a running budget.
  let budget = limits.maxUnpackedBytes
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue
    let stream: Readable
    try {
      stream = await zip.openReadStreamPromise(entry)
    } catch {
      return { ok: false, refusal: 'damaged' }
    }
    const outcome = await new Promise<ZipRefusal | null>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        budget -= chunk.byteLength
        if (budget < 0) {
          stream.destroy()
          resolve('unpacks_too_big')
        }
      })
      stream.on('end', () => resolve(null))
      // yauzl's validateEntrySizes reports an entry bigger or smaller than declared as an error.
      stream.on('error', () => resolve(budget < 0 ? 'unpacks_too_big' : 'damaged'))
    })
    if (outcome) return { ok: false, refusal: outcome }
  }
  return { ok: true, entryNames: entries.map((e) => e.fileName) }
}

/** The plain-English answer for a refused package (GOV.UK error style: what is wrong, what to do). */
export function zipRefusalMessage(refusal: ZipRefusal, limits: ZipLimits = DEFAULT_ZIP_LIMITS): string {
  switch (refusal) {
    case 'not_a_zip':
    case 'damaged':
      return 'The selected file is damaged and cannot be opened. Open it on your computer, save it again and upload it again'
    case 'too_many_entries':
      return `The selected file has too many parts to open safely (more than ${limits.maxEntries.toLocaleString('en-GB')}). Save it again as a single document and upload it again`
    case 'unpacks_too_big':
      return `The selected file unpacks to far more than its size, so it has not been opened. Files up to ${limits.maxUnpackedBytes / MB} MB unpacked are accepted`
    case 'encrypted':
      return 'The selected file is password protected. Remove the password and upload it again'
  }
}
