/** Reading a chronology CSV into a preview (csv-parse, streamed, with the size limit enforced as bytes arrive). */
import { isUtf8 } from 'node:buffer'
import { parse as parseCsv, type CsvError } from 'csv-parse'
import { PreviewBuilder, emptyPreview, isProtectiveMarkingRow, looksLikeFormula } from './chronology-import-builder.ts'
import { CHRONOLOGY_FIELD_LABELS, type ImportOptions, type ImportPreview } from './chronology-import-fields.ts'

/**
 * Reads a byte stream into memory, stopping as soon as it passes `maxBytes`. Returns null when too big.
 */
export async function readLimited(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  maxBytes: number,
): Promise<Buffer | null> {
  if (source instanceof Uint8Array) {
    // A view of the same bytes, not a copy: a 15 MB upload is not held twice (or three times) while read.
    return source.length > maxBytes ? null : Buffer.from(source.buffer, source.byteOffset, source.length)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of source) {
    total += chunk.length
    if (total > maxBytes) return null
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

export function tooBigMessage(maxBytes: number): string {
  return `The selected file must be smaller than ${Math.round(maxBytes / (1024 * 1024))} MB`
}

/** Separators tried on the header line, in order of preference when counts tie. */
const DELIMITERS = [',', ';', '\t', '|'] as const
const DELIMITER_NAMES: Record<(typeof DELIMITERS)[number], string> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
  '|': 'vertical bars',
}

/** The separator used on a CSV's first line (outside quotes); commas when nothing else is more frequent. */
export function detectDelimiter(firstLine: string): (typeof DELIMITERS)[number] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let inQuotes = false
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best: (typeof DELIMITERS)[number] = ','
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d
  return best
}

type CsvSegmentResult = { error: CsvError | null; lastBytes: number }

/**
 * Parses `buffer` from `start` with csv-parse, handing each record to `onRecord` and awaiting `afterChunk`
 * after each 64 KB. Resolves on end or on a CSV error; rejects only when `afterChunk` fails.
 */
function parseCsvSegment(
  buffer: Buffer,
  start: number,
  delimiter: string,
  onRecord: (record: string[], index: number) => boolean,
  afterChunk: () => Promise<void>,
): Promise<CsvSegmentResult> {
  return new Promise((resolve, reject) => {
    let lastBytes = 0
    let stopped = false
    let failed = false
    const parser = parseCsv({
      delimiter,
      relax_column_count: true,
      // Strict quotes: a stray quote is reported, never silently merged into the following rows.
      relax_quotes: false,
      // Blank lines still count, so row numbers match what a spreadsheet shows; blank rows are skipped later.
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        if (stopped) return null
        lastBytes = context.bytes
        if (!onRecord(record, context.records)) {
          stopped = true
          parser.end()
        }
        return null
      },
    })
    parser.on('error', (error: CsvError) => {
      failed = true
      resolve({ error, lastBytes })
    })
    parser.on('end', () => resolve({ error: null, lastBytes }))
    parser.resume()
    // Feed in chunks so csv-parse streams rather than holding one huge string; csv-parse handles each
    // chunk's records synchronously, so between chunks the rows read so far can be written out.
    const CHUNK = 64 * 1024
    const feed = async () => {
      for (let i = start; i < buffer.length && !stopped && !failed; i += CHUNK) {
        parser.write(buffer.subarray(i, Math.min(buffer.length, i + CHUNK)))
        await afterChunk()
      }
      if (!stopped && !failed) parser.end()
    }
    // A sink that cannot write (the database) is not a problem with the file: it is thrown, not reported.
    feed().catch((error: unknown) => {
      failed = true
      parser.destroy()
      reject(error)
    })
  })
}

/** True when the bytes are only spaces, tabs and line ends (an empty file), without decoding them. */
/**
 * Why an uploaded file cannot be a chronology before it is read, or null: empty (or only spaces), or not a
 * spreadsheet at all. A workbook is recognised by its container (ZIP or the old OLE format, as
 * {@link previewChronologyImport} does); anything else must be text: a PDF, an image or a program renamed
 * `.csv` has NUL or other control bytes that no CSV (UTF-8 or Windows-1252) has. Only the first 64 KB are
 * checked. Never throws.
 */
export function uploadProblem(data: Uint8Array): string | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (isBlank(buffer)) return 'The selected file is empty'
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50
  const isOle = buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0
  if (isZip || isOle) return null
  return looksLikeText(buffer) ? null : 'The selected file must be a CSV or Excel file'
}

/** No C0 control bytes but tab, line feed, form feed and carriage return (and 0x1A, an old end-of-file mark). */
function looksLikeText(buffer: Buffer): boolean {
  const end = Math.min(buffer.length, 64 * 1024)
  for (let i = 0; i < end; i++) {
    const byte = buffer[i]
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1a) return false
  }
  return true
}

function isBlank(buffer: Buffer): boolean {
  for (const byte of buffer) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false
  }
  return true
}

function countLines(buffer: Buffer, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (buffer[i] === 0x0a) n++
  return n
}

/** A cell that holds a line break followed by what looks like the start of another row: a runaway quote. */
function swallowedRows(record: string[], delimiter: string, columns: number): boolean {
  if (columns < 3) return false
  return record.some((cell) =>
    cell.split('\n').some((line, i) => {
      if (i === 0) return false
      const separators = line.split(delimiter).length - 1
      return separators >= columns - 2 && /^\s*\S{1,30}\s*$/.test(line.split(delimiter)[0] ?? '')
    }),
  )
}

/**
 * Previews a CSV chronology. Accepts a byte stream (a Node Readable, a web stream's async iterator) or
 * bytes. Handles a UTF-8 byte-order mark, CRLF or LF line ends, separators other than commas (reported as a
 * notice), and files not saved as UTF-8 (read as Windows-1252, with a notice). A broken quote is reported
 * on the row where it opened; reading then resumes on the next line so later rows are still checked.
 * Never throws (unless `options.sink` fails to write): every problem is in the preview.
 */
export async function previewCsvImport(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const builder = new PreviewBuilder('csv', options)
  const limits = builder.limits
  let buffer = await readLimited(source, limits.maxBytes)
  if (buffer === null) return emptyPreview('csv', tooBigMessage(limits.maxBytes))
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    buffer = buffer.subarray(3)
  }
  if (isBlank(buffer)) return emptyPreview('csv', 'The selected file is empty')
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return emptyPreview('csv', 'The selected file is an Excel workbook, not a CSV file. Upload it as .xlsx')
  }
  if (!looksLikeText(buffer)) return emptyPreview('csv', 'The selected file must be a CSV or Excel file')
  // Checked on the bytes: decoding a 15 MB file just to check it would double the memory it takes.
  if (!isUtf8(buffer)) {
    // Excel's plain "CSV" (not "CSV UTF-8") is Windows-1252 on UK machines.
    buffer = Buffer.from(new TextDecoder('windows-1252').decode(buffer), 'utf8')
    builder.notices.push(
      'The file was not saved as UTF-8, so it has been read as Western European (Windows-1252). Check that characters such as £ and é look right',
    )
  }
  const newline = buffer.indexOf(0x0a)
  let firstLine = buffer.subarray(0, newline < 0 ? buffer.length : newline).toString('utf8')
  if (newline >= 0 && isProtectiveMarkingRow([firstLine.replace(/^\uFEFF/, '').replace(/[",;\t|\r]/g, ' ')])) {
    // A chronology exported from Case Review starts with its marking line: the header is the next line.
    const next = buffer.indexOf(0x0a, newline + 1)
    firstLine = buffer.subarray(newline + 1, next < 0 ? buffer.length : next).toString('utf8')
  }
  const delimiter = detectDelimiter(firstLine)
  builder.delimiter = delimiter
  if (delimiter !== ',') {
    builder.notices.push(
      `The file uses ${DELIMITER_NAMES[delimiter]} to separate columns, not commas. It has been read that way: check the columns below`,
    )
  }

  let start = 0
  let firstRow = 1
  let headerSeen = false
  for (;;) {
    const segmentStartRow = firstRow
    const result = await parseCsvSegment(
      buffer,
      start,
      delimiter,
      (record, index) => {
        const row = segmentStartRow + index - 1
        if (!headerSeen) {
          if (isProtectiveMarkingRow(record)) return true
          headerSeen = true
          builder.setHeader(record)
          return true
        }
        if (swallowedRows(record, delimiter, builder.headers.length)) {
          builder.addRowProblem(
            row,
            `Row ${row}: a quote opened in this row runs on into the rows after it. Check the quote marks in this row`,
          )
          return true
        }
        builder.addRow(row, record)
        return !builder.tooManyRows
      },
      () => builder.drain(),
    )
    if (result.error === null || builder.tooManyRows) break
    // The broken record starts just after the last good one.
    const brokenStart = start + result.lastBytes
    // csv-parse puts its counters on the error object; its type declares them `unknown`.
    const brokenRow = segmentStartRow + Number(result.error.records ?? 0)
    const errorLine = Number(result.error.lines ?? 0)
    const startLine = countLines(buffer, start, brokenStart) + 1
    const code = result.error.code
    let message: string
    if (code === 'CSV_QUOTE_NOT_CLOSED' || (code === 'CSV_INVALID_CLOSING_QUOTE' && errorLine > startLine)) {
      message = `Row ${brokenRow}: the quote opened here is never closed. Add the closing quote mark, or remove the opening one`
    } else if (code === 'INVALID_OPENING_QUOTE') {
      message = `Row ${brokenRow}: a quote mark is in the middle of a cell. Put the whole cell in quotes and double each quote mark inside it ("")`
    } else if (code === 'CSV_INVALID_CLOSING_QUOTE') {
      message = `Row ${brokenRow}: a quote mark in this row is not closed properly. Put the whole cell in quotes and double each quote mark inside it ("")`
    } else {
      message = `Row ${brokenRow}: this row could not be read. Check its quote marks and separators`
    }
    if (!headerSeen) {
      builder.refuse(`The header row could not be read. ${message.replace(/^Row \d+: /, '')}`)
      break
    }
    builder.addRowProblem(brokenRow, message)
    // The broken row cannot be split reliably, but a formula at the start of one of its cells is still worth
    // naming: it is the usual reason for a stray quote (=HYPERLINK("…")).
    const lineEnd = buffer.indexOf(0x0a, brokenStart)
    const rawLine = buffer.subarray(brokenStart, lineEnd < 0 ? buffer.length : lineEnd).toString('utf8')
    rawLine.split(delimiter).forEach((cell, i) => {
      const text = cell.trim()
      const column = builder.plan[i]
      if (column?.target && column.target !== 'ignore' && looksLikeFormula(text)) {
        builder.addProblemToRow(
          brokenRow,
          `Row ${brokenRow}: the ${CHRONOLOGY_FIELD_LABELS[column.target]} starts with "${text[0]}" and looks like a spreadsheet formula. Remove the formula, or enter the text without the "${text[0]}" at the start`,
        )
      }
    })
    // Resume on the line after the one where the broken row started.
    const nextLine = buffer.indexOf(0x0a, brokenStart)
    if (nextLine < 0) break
    start = nextLine + 1
    firstRow = brokenRow + 1
  }
  return builder.done()
}
