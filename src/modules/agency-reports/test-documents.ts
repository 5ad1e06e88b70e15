/**
 * Synthetic files for tests of agency-report uploads (not used by the app): a real DOCX made with the
 * `docx` package, and hand-made ZIP packages (a zip bomb, a ZIP that is not a Word document).
 */
import { deflateRawSync } from 'node:zlib'
import { Document, Packer, Paragraph } from 'docx'

/** A small Word document whose paragraphs are `paragraphs`. */
export async function makeDocx(paragraphs: string[]): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph({ text })) }] })
  return new Uint8Array(await Packer.toBuffer(document))
}

/**
 * A ZIP package with the given parts, deflated (method 8), built by hand so a test controls every byte:
 * `declaredSize` makes a part claim another unpacked size, `flags` sets its general-purpose flags (1: encrypted),
 * and `deflated` gives a part's compressed bytes ready made (then `content` is not deflated again).
 */
export function makeZip(
  parts: Array<{ name: string; content: Buffer; declaredSize?: number; flags?: number; deflated?: Buffer }>,
): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const data = part.deflated ?? deflateRawSync(part.content)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt16LE(part.flags ?? 0, 6)
    local.writeUInt32LE(part.declaredSize ?? part.content.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt16LE(part.flags ?? 0, 8)
    central.writeUInt32LE(part.declaredSize ?? part.content.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
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

/** A "Word document" whose body unpacks from a few kilobytes to 50 MB of zeros. */
export function makeZipBomb(): Uint8Array {
  return makeZip([
    { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
    { name: 'word/document.xml', content: Buffer.alloc(50 * 1024 * 1024) },
  ])
}
