import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { makeWordZipBomb } from '../../../test/support/zip-bomb.ts'
import { makeDocx, makeZip } from '../../../test/fixtures/documents.fixture.ts'
import { cleanFileName } from './file-name.ts'
import { detectFileKind } from './file-kind.ts'
import { guardUpload, RefusedUploadError } from './upload-guard.ts'
import { checkZipPackage } from './zip-package.ts'

describe('cleanFileName', () => {
  const cases: Array<[string, string, string]> = [
    ['a plain name is kept', 'Police chronology.xlsx', 'Police chronology.xlsx'],
    ['a right-to-left override is removed', 'report\u202Excod.exe', 'reportxcod.exe'],
    ['bidirectional isolates and marks are removed', '\u2066a\u2069\u200Fb.pdf', 'ab.pdf'],
    ['control characters and new lines are removed', 'a\u0000b\r\nc.csv', 'abc.csv'],
    ['a Windows path keeps the last component', 'C:\\Users\\me\\chronology.csv', 'chronology.csv'],
    ['a Unix path keeps the last component', '../../etc/passwd', 'passwd'],
    ['leading dots are removed (no hidden files)', '...csv', 'csv'],
    ['nothing left becomes "file"', '\u202E', 'file'],
    ['whitespace collapses', '  my    report .docx ', 'my report .docx'],
  ]
  for (const [name, input, expected] of cases) test(name, () => assert.equal(cleanFileName(input), expected))
  test('a very long name keeps its end, where the extension is', () => {
    const cleaned = cleanFileName(`${'x'.repeat(500)}.docx`)
    assert.equal(cleaned.length, 200)
    assert.ok(cleaned.endsWith('.docx'))
  })
})

describe('detectFileKind (by content, never by name)', () => {
  test('text, PDF, programs, Word, Excel and the old Office format', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Chronology').addRow(['Date', 'Event'])
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer())
    const cases: Array<[string, Uint8Array, string]> = [
      ['CSV', new TextEncoder().encode('Date,Event\n03/04/2024,Home visit\n'), 'text'],
      ['UTF-8 with a byte-order mark', new TextEncoder().encode('\uFEFFDate,Événement\n'), 'text'],
      ['PDF renamed .csv', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'pdf'],
      [
        'Windows program renamed .csv',
        Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]),
        'other',
      ],
      ['binary with NUL bytes', Uint8Array.from([1, 2, 0, 3, 4]), 'other'],
      ['Latin-1 bytes that are not UTF-8', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'other'],
      ['Word document', await makeDocx(['Hello']), 'docx'],
      ['Excel workbook', xlsx, 'xlsx'],
      [
        'Word 97-2003 / password-protected Office',
        Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
        'ole',
      ],
    ]
    for (const [name, bytes, kind] of cases) assert.equal(await detectFileKind(bytes), kind, name)
  })
})

describe('checkZipPackage (yauzl)', () => {
  test('a real Word document is accepted with its parts listed', async () => {
    const check = await checkZipPackage(await makeDocx(['A paragraph']))
    assert.equal(check.ok, true)
    assert.ok(check.ok && check.entryNames.includes('word/document.xml'))
  })

  test('a 2 MB file that says it unpacks to 2 GiB is refused at once', async () => {
    const bomb = makeWordZipBomb()
    assert.ok(bomb.byteLength < 3 * 1024 * 1024)
    const started = performance.now()
    assert.deepEqual(await checkZipPackage(bomb), { ok: false, refusal: 'unpacks_too_big' })
    assert.ok(performance.now() - started < 1000)
  })

  test('a bomb that lies about its size is refused while inflating, keeping no more than a stream buffer', async () => {
    const liar = makeWordZipBomb({ declaredBytes: 1000 })
    const before = process.memoryUsage().rss
    const check = await checkZipPackage(liar)
    assert.equal(check.ok, false)
    assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024)
  })

  test('a part unpacking past the total budget is refused even when every size is honest and small ratios', async () => {
    const parts = Array.from({ length: 3 }, (_, i) => ({
      name: `part${i}.xml`,
      content: Buffer.alloc(2 * 1024 * 1024, 'x'),
    }))
    const check = await checkZipPackage(makeZip(parts), {
      maxUnpackedBytes: 5 * 1024 * 1024,
      maxCompressionRatio: 10_000,
      maxEntries: 10,
    })
    assert.deepEqual(check, { ok: false, refusal: 'unpacks_too_big' })
  })

  test('encrypted parts, too many parts and damaged packages are refused', async () => {
    const encrypted = makeZip([{ name: 'word/document.xml', content: Buffer.from('<w/>'), flags: 1 }])
    assert.deepEqual(await checkZipPackage(encrypted), { ok: false, refusal: 'encrypted' })
    const many = makeZip(Array.from({ length: 12 }, (_, i) => ({ name: `p${i}`, content: Buffer.from('x') })))
    assert.deepEqual(await checkZipPackage(many, { maxUnpackedBytes: 1e6, maxCompressionRatio: 200, maxEntries: 10 }), {
      ok: false,
      refusal: 'too_many_entries',
    })
    const truncated = (await makeDocx(['x'])).slice(0, 200)
    assert.deepEqual(await checkZipPackage(truncated), { ok: false, refusal: 'not_a_zip' })
  })
})

describe('guardUpload', () => {
  test('refuses an empty file and a zip bomb in plain English, and cleans the name of what it accepts', async () => {
    await assert.rejects(guardUpload({ fileName: 'a.csv', data: new Uint8Array() }), {
      name: 'RefusedUploadError',
      message: 'The selected file is empty',
    })
    await assert.rejects(
      guardUpload({ fileName: 'report.docx', data: makeWordZipBomb() }),
      (error: unknown) =>
        error instanceof RefusedUploadError && /unpacks to far more than its size/.test(error.message),
    )
    const guarded = await guardUpload({ fileName: 'x\u202Efdp.csv', data: new TextEncoder().encode('a,b\n') })
    assert.deepEqual({ fileName: guarded.fileName, kind: guarded.kind }, { fileName: 'xfdp.csv', kind: 'text' })
  })
})
