import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAX_DOCX_BYTES, readDocxUpload, RefusedDocumentError } from './docx-upload.ts'
import { makeDocx, makeZip, makeZipBomb } from '../../../test/fixtures/documents.fixture.ts'

const wordParts = (body: Buffer, extra: Partial<{ declaredSize: number; flags: number }> = {}) => [
  { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
  { name: 'word/document.xml', content: body, ...extra },
]

/** The message a file is refused with, or 'accepted'. */
async function outcome(data: Uint8Array): Promise<string> {
  try {
    await readDocxUpload(data)
    return 'accepted'
  } catch (error) {
    assert.ok(error instanceof RefusedDocumentError, String(error))
    return error.message
  }
}

test('a Word document is read: text and allow-listed HTML', async () => {
  const read = await readDocxUpload(await makeDocx(['Agency report', 'The <b>referral</b> was not shared.']))
  assert.equal(read.text, 'Agency report\n\nThe <b>referral</b> was not shared.')
  assert.match(read.html, /<p>The &lt;b&gt;referral&lt;\/b&gt; was not shared\.<\/p>/)
})

test('files that are not safe Word documents are refused in plain English', async () => {
  const cases: Array<[what: string, data: Uint8Array, message: RegExp]> = [
    ['empty', new Uint8Array(), /The selected file is empty/],
    ['too big', new Uint8Array(MAX_DOCX_BYTES + 1).fill(0x50), /must be smaller than 10 MB/],
    ['plain text', new TextEncoder().encode('hello'), /is not a Word document \(\.docx\)/],
    ['PDF', new TextEncoder().encode('%PDF-1.7'), /is not a Word document/],
    ['old .doc or password protected', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), /old Word 97-2003/],
    ['a spreadsheet', makeZip([{ name: 'xl/workbook.xml', content: Buffer.from('<x/>') }]), /is not a Word document/],
    ['zip bomb', makeZipBomb(), /unpacks to far more than its size/],
    [
      'a part bigger than it says',
      makeZip(wordParts(Buffer.alloc(100_000, 0x61), { declaredSize: 10 })),
      /a part is larger than it says/,
    ],
    ['encrypted part', makeZip(wordParts(Buffer.from('<w/>'), { flags: 1 })), /password protected/],
    [
      'macros',
      makeZip([...wordParts(Buffer.from('<w/>')), { name: 'word/vbaProject.bin', content: Buffer.from('x') }]),
      /contains macros/,
    ],
    [
      'a package mammoth cannot read',
      makeZip(wordParts(Buffer.from('not xml at all'))),
      /could not be read as a Word document/,
    ],
  ]
  for (const [what, data, message] of cases) assert.match(await outcome(data), message, what)
})
