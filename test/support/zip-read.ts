/** Reading parts of a ZIP package (DOCX, XLSX) back in tests, with the same reader the upload guard uses. */
import yauzl from 'yauzl'

/** The text of every part whose name matches `pattern`, in package order. */
export async function zipPartsText(data: Uint8Array, pattern: RegExp): Promise<string[]> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(data), { lazyEntries: true })
  const texts: string[] = []
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', async (entry: yauzl.Entry) => {
      try {
        if (pattern.test(entry.fileName)) {
          const stream = await zip.openReadStreamPromise(entry)
          const chunks: Buffer[] = []
          for await (const chunk of stream) chunks.push(chunk as Buffer)
          texts.push(Buffer.concat(chunks).toString('utf8'))
        }
        zip.readEntry()
      } catch (error) {
        reject(error)
      }
    })
    zip.on('end', () => resolve())
    zip.on('error', reject)
    zip.readEntry()
  })
  return texts
}
