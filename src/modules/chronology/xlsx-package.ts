/**
 * Safety checks on an XLSX file (a ZIP package) before any spreadsheet library reads it.
 *
 * Refuses: zip bombs (declared or actual uncompressed size over the limit, extreme compression ratios, too
 * many entries, sizes that lie — each entry is inflated with a hard output cap), entries hidden from the
 * central directory (a streaming reader would otherwise see parts the checks did not), ZIP64 and encrypted
 * entries, links to other workbooks (`xl/externalLinks/`), data connections and query tables, macros,
 * embedded objects and ActiveX, and any external relationship other than a cell hyperlink.
 */
import { inflateRawSync } from 'node:zlib'

/** Limits on an XLSX package. Sizes in bytes. */
export type XlsxPackageLimits = {
  /** Total uncompressed size of all entries. */
  maxUncompressedBytes: number
  /** Largest allowed uncompressed/compressed ratio for an entry bigger than 1 MB uncompressed. */
  maxCompressionRatio: number
  maxEntries: number
}

/** Limits used unless the caller gives others: 200 MB uncompressed, ratio 200, 1,000 entries. */
export const DEFAULT_XLSX_PACKAGE_LIMITS: Readonly<XlsxPackageLimits> = Object.freeze({
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 1000,
})

/** One entry of a ZIP package, as read from its central directory. */
export type ZipEntry = {
  name: string
  method: number
  flags: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** The result of checking a package: refused with plain-English reasons, or accepted with notices. */
export type XlsxPackageCheck = { ok: true; notices: string[] } | { ok: false; problems: string[] }

const NOT_XLSX = 'The selected file is not an Excel workbook (.xlsx). Save it as .xlsx or CSV and upload it again'
const MB = 1024 * 1024

class PackageError extends Error {}

/**
 * Reads the central directory of a ZIP file. Throws PackageError (message in plain English) when the file
 * is not a ZIP this service accepts (no end record, ZIP64, too many entries).
 */
export function readZipDirectory(zip: Uint8Array, maxEntries = DEFAULT_XLSX_PACKAGE_LIMITS.maxEntries): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new PackageError(NOT_XLSX)
  const count = view.getUint16(eocd + 10, true)
  const cdSize = view.getUint32(eocd + 12, true)
  const cdOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new PackageError('The selected file is too large or uses a format this service cannot check (ZIP64)')
  }
  if (count > maxEntries) throw new PackageError(`The selected file has too many parts (more than ${maxEntries})`)
  if (cdOffset + cdSize > eocd) throw new PackageError(NOT_XLSX)
  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) throw new PackageError(NOT_XLSX)
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    entries.push({
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLength)),
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Where an entry's compressed data starts and the whole entry (with any data descriptor) ends. */
function entryExtent(zip: Uint8Array, entry: ZipEntry): { dataStart: number; end: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const p = entry.localHeaderOffset
  if (p + 30 > zip.length || view.getUint32(p, true) !== 0x04034b50) throw new PackageError(NOT_XLSX)
  const dataStart = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true)
  let end = dataStart + entry.compressedSize
  if (entry.flags & 0x08) {
    // Data descriptor: optional signature, CRC, compressed and uncompressed sizes (4 bytes each).
    end += end + 4 <= zip.length && view.getUint32(end, true) === 0x08074b50 ? 16 : 12
  }
  if (end > zip.length) throw new PackageError(NOT_XLSX)
  return { dataStart, end }
}

/**
 * Inflates one entry, never producing more than its declared size. Throws PackageError when the data is
 * bigger than declared (a lying header) or cannot be read.
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry): Buffer {
  const { dataStart } = entryExtent(zip, entry)
  const data = zip.subarray(dataStart, dataStart + entry.compressedSize)
  let out: Buffer
  if (entry.method === 0) out = Buffer.from(data)
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) })
    } catch {
      throw new PackageError(`The selected file is damaged or unsafe: a part ("${entry.name}") is larger than it says`)
    }
  } else throw new PackageError(NOT_XLSX)
  if (out.length !== entry.uncompressedSize) {
    throw new PackageError(`The selected file is damaged or unsafe: a part ("${entry.name}") is larger than it says`)
  }
  return out
}

const REFUSED_PARTS: [RegExp, string][] = [
  [
    /^xl\/externalLinks\//i,
    'The selected file links to other workbooks (external references). Remove the links (Data > Edit Links > Break Link), save it and upload it again',
  ],
  [
    /^xl\/(connections\.xml|queryTables\/)/i,
    'The selected file contains data connections to other sources. Remove them, save it and upload it again',
  ],
  [/vbaProject\.bin$/i, 'The selected file contains macros. Save it as an Excel Workbook (.xlsx) and upload it again'],
  [
    /^xl\/(embeddings|activeX)\//i,
    'The selected file contains embedded objects. Remove them, save it and upload it again',
  ],
]

/**
 * Checks an XLSX package against the limits and refuses anything unsafe. Inflates every entry (capped at its
 * declared size) so the sizes checked are the sizes a reader will see. Never throws.
 */
export function checkXlsxPackage(
  zip: Uint8Array,
  limits: XlsxPackageLimits = DEFAULT_XLSX_PACKAGE_LIMITS,
): XlsxPackageCheck {
  try {
    if (zip.length >= 8 && zip[0] === 0xd0 && zip[1] === 0xcf && zip[2] === 0x11 && zip[3] === 0xe0) {
      return {
        ok: false,
        problems: [
          'The selected file is password protected or in the old Excel 97-2003 (.xls) format. Remove the password, save it as .xlsx or CSV and upload it again',
        ],
      }
    }
    const entries = readZipDirectory(zip, limits.maxEntries)
    const problems: string[] = []
    const notices: string[] = []
    const names = new Set<string>()
    let total = 0
    for (const entry of entries) {
      if (names.has(entry.name)) throw new PackageError(NOT_XLSX)
      names.add(entry.name)
      if (entry.flags & 0x01) {
        throw new PackageError('The selected file is password protected. Remove the password and upload it again')
      }
      total += entry.uncompressedSize
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
      if (entry.uncompressedSize > MB && ratio > limits.maxCompressionRatio) {
        throw new PackageError(
          `The selected file expands to far more than its size (a part is ${Math.round(ratio)} times bigger unpacked), so it has not been opened`,
        )
      }
    }
    if (total > limits.maxUncompressedBytes) {
      throw new PackageError(
        `The selected file is too big when unpacked (${Math.ceil(total / MB)} MB; the limit is ${Math.floor(limits.maxUncompressedBytes / MB)} MB). Split it into smaller files`,
      )
    }
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw new PackageError(NOT_XLSX)
    // Every byte before the central directory must belong to a listed entry, so that a streaming reader
    // (which walks local headers, not the directory) sees exactly the entries checked here.
    const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
    const cdOffset = new DataView(zip.buffer, zip.byteOffset, zip.byteLength).getUint32(findEocd(zip) + 16, true)
    let expected = 0
    for (const entry of sorted) {
      if (entry.localHeaderOffset !== expected) throw new PackageError(NOT_XLSX)
      expected = entryExtent(zip, entry).end
    }
    if (expected !== cdOffset) throw new PackageError(NOT_XLSX)

    for (const entry of entries) {
      for (const [pattern, message] of REFUSED_PARTS) {
        if (pattern.test(entry.name) && !problems.includes(message)) problems.push(message)
      }
      const content = readZipEntry(zip, entry)
      if (entry.name.endsWith('.rels')) {
        const check = checkRelationships(content.toString('utf8'))
        for (const p of check.problems) if (!problems.includes(p)) problems.push(p)
        if (check.hyperlinks && notices.length === 0) {
          notices.push('Links in cells have not been imported: only their text has')
        }
      }
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, notices }
  } catch (error) {
    if (error instanceof PackageError) return { ok: false, problems: [error.message] }
    return { ok: false, problems: [NOT_XLSX] }
  }
}

function findEocd(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let i = zip.length - 22; i >= 0; i--) if (view.getUint32(i, true) === 0x06054b50) return i
  throw new PackageError(NOT_XLSX)
}

function checkRelationships(xml: string): { problems: string[]; hyperlinks: boolean } {
  const problems: string[] = []
  let hyperlinks = false
  for (const match of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0]
    if (!/TargetMode\s*=\s*["']External["']/i.test(tag)) continue
    if (/Type\s*=\s*["'][^"']*\/hyperlink["']/i.test(tag)) {
      hyperlinks = true
      continue
    }
    problems.push(
      'The selected file refers to other files or web addresses (external references). Remove them, save it and upload it again',
    )
  }
  return { problems: [...new Set(problems)], hyperlinks }
}
