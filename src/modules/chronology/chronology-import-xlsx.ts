/** Reading a chronology XLSX into a preview (exceljs streaming reader, after the package checks in `xlsx-package.ts`). */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { checkXlsxPackage } from './xlsx-package.ts'
import { isoDate, type IsoDate } from '../clocks/plain-date.ts'
import { readLimited, tooBigMessage } from './chronology-import-csv.ts'
import { PreviewBuilder, type RawCell, emptyPreview, isProtectiveMarkingRow } from './chronology-import-builder.ts'
import { type ColumnTarget, type ImportOptions, type ImportPreview } from './chronology-import-fields.ts'

/** Days between Excel's day 0 (30 December 1899, allowing for its 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569

function excelSerialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null
  const d = new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * 86_400_000))
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

function timeFromFraction(fraction: number): string {
  const minutes = Math.round((fraction - Math.floor(fraction)) * 24 * 60) % (24 * 60)
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Converts an exceljs cell value to a raw cell; `field` decides how numbers and dates are read. */
function xlsxCell(value: ExcelJS.CellValue, field: ColumnTarget | null, state: { hyperlinks: boolean }): RawCell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') {
    if (field === 'date') {
      const iso = excelSerialToIso(value)
      if (iso !== null) return { date: iso, time: value % 1 === 0 ? null : timeFromFraction(value) }
    }
    if (field === 'time' && value >= 0 && value < 1) return { date: '1899-12-30', time: timeFromFraction(value) }
    return String(value)
  }
  if (value instanceof Date) {
    // exceljs gives date cells as UTC instants of the spreadsheet's wall-clock value.
    const iso = isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate())
    const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0
    const time = hasTime
      ? `${String(value.getUTCHours()).padStart(2, '0')}:${String(value.getUTCMinutes()).padStart(2, '0')}`
      : null
    if (field === 'date' || field === 'time') return { date: iso, time: field === 'time' ? (time ?? '00:00') : time }
    return iso
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true }
    if ('error' in value) return { error: String(value.error) }
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('hyperlink' in value) {
      state.hyperlinks = true
      const text = (value as { text?: unknown }).text
      if (typeof text === 'string') return text
      if (text && typeof text === 'object' && 'richText' in text) {
        return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
      }
      return ''
    }
  }
  return String(value)
}

/**
 * Previews an XLSX chronology: the package is checked first (size, zip bombs, external links, macros —
 * see `xlsx-package.ts`), then the first worksheet is read with exceljs' streaming reader. Cells holding
 * formulas or errors are reported; date cells keep their date. Never throws (unless `options.sink` fails to write): every problem is in
 * the preview.
 */
export async function previewXlsxImport(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const builder = new PreviewBuilder('xlsx', options)
  const limits = builder.limits
  const buffer = await readLimited(source, limits.maxBytes)
  if (buffer === null) return emptyPreview('xlsx', tooBigMessage(limits.maxBytes))
  if (buffer.length === 0) return emptyPreview('xlsx', 'The selected file is empty')
  const check = checkXlsxPackage(buffer, limits.xlsx)
  if (!check.ok) {
    for (const problem of check.problems) builder.refuse(problem)
    return builder.finish()
  }
  builder.notices.push(...check.notices)
  const state = { hyperlinks: false }
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    })
    let sheets = 0
    for await (const worksheet of reader) {
      sheets++
      if (sheets > 1) {
        // Drain the remaining sheets: only the first is read.
        for await (const _row of worksheet) void _row
        continue
      }
      let headerSeen = false
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1)
        if (!headerSeen) {
          if (values.every((v) => v === null || v === undefined || v === '')) continue
          if (isProtectiveMarkingRow(values.map((v) => (typeof v === 'string' ? v : '')))) continue
          headerSeen = true
          builder.setHeader(values.map((v) => xlsxCell(v, null, state)))
          continue
        }
        const cells = values.map((v, i) => xlsxCell(v, builder.plan[i]?.target ?? null, state))
        builder.addRow(row.number, cells)
        if (builder.tooManyRows) break
        await builder.drain()
      }
      if (builder.tooManyRows) break
    }
    if (sheets > 1) builder.notices.push('Only the first worksheet has been read. Put every entry on one worksheet')
    if (sheets === 0 || builder.headers.length === 0) builder.refuse('The selected file is empty')
  } catch (error) {
    if (builder.sinkFailed) throw error
    builder.refuse(
      'The selected file could not be read as an Excel workbook. Save it as .xlsx or CSV and upload it again',
    )
  }
  return builder.done()
}
