/**
 * Generated zip bombs for upload tests: Word-shaped packages whose body unpacks from about 2 MB
 * to gigabytes, made in a fraction of a second without ever holding the unpacked bytes.
 */
import { constants, deflateRawSync } from 'node:zlib'
import { makeZip } from '../fixtures/documents.fixture.ts'

const CHUNK = 8 * 1024 * 1024

/**
 * Deflate data for `bytes` zeros (rounded up to 8 MiB): one 8 MiB chunk deflated with a sync
 * flush (non-final blocks ending on a byte boundary) repeated, then a final empty block, which
 * is one valid deflate stream.
 */
function deflatedZeros(bytes: number): Buffer {
  const chunk = deflateRawSync(Buffer.alloc(CHUNK), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 })
  const copies = Math.ceil(bytes / CHUNK)
  return Buffer.concat([...Array.from({ length: copies }, () => chunk), deflateRawSync(Buffer.alloc(0))])
}

/**
 * A ".docx" whose `word/document.xml` unpacks to `unpackedBytes` of zeros (default 2 GiB).
 * `declaredBytes` is what the package says the part unpacks to (default: the truth; pass a small
 * number for a package that lies about its size).
 */
export function makeWordZipBomb(options: { unpackedBytes?: number; declaredBytes?: number } = {}): Uint8Array {
  const unpacked = options.unpackedBytes ?? 2 * 1024 * 1024 * 1024
  return makeZip([
    { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
    {
      name: 'word/document.xml',
      content: Buffer.alloc(0),
      deflated: deflatedZeros(unpacked),
      declaredSize: Math.min(options.declaredBytes ?? unpacked, 0xffffffff),
    },
  ])
}
