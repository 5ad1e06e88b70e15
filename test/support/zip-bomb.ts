/**
 * Generated zip bombs for upload tests: Word-shaped packages whose body unpacks from about 2 MB
 * to gigabytes, made in a fraction of a second without ever holding the unpacked bytes.
 */
import { constants, deflateRawSync } from 'node:zlib'

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
  const declared = Math.min(options.declaredBytes ?? unpacked, 0xffffffff)
  const parts = [
    { name: '[Content_Types].xml', data: deflateRawSync(Buffer.from('<Types/>')), size: 8 },
    { name: 'word/document.xml', data: deflatedZeros(unpacked), size: declared },
  ]
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(part.data.length, 18)
    local.writeUInt32LE(part.size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(part.data.length, 20)
    central.writeUInt32LE(part.size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, part.data)
    centrals.push(central, name)
    offset += local.length + name.length + part.data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}
