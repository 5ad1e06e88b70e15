/**
 * Exports of a document: DOCX (the `docx` package, for editing), PDF (pdfkit: tagged for screen
 * readers as far as pdfkit allows, a contents list with page numbers, page numbers on every page)
 * and a standalone HTML page.
 *
 * Every export is made from one Markdown text whose paragraph numbers are already written in and
 * whose references are already words (see `numberedSectionMarkdown`): the draft text for drafts, the
 * anonymised text for publication. So an export can only ever contain the text it is given.
 *
 * Every export carries its protective marking (see `modules/export/protective-marking.ts`) at the
 * top and bottom of every page, and opens with a cover page (partnership, title, version, date), so a
 * draft's first page can never be mistaken for the publication's.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  PageBreak,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { CoverPage, ProtectiveMarking } from '../export/protective-marking.ts'
import { parseMarkdown, renderPlainMarkdownHtml } from './report-markdown.ts'

/** The marking and cover page an export carries (required: no export of a document goes without). */
export interface ExportMarking {
  marking: ProtectiveMarking
  cover: CoverPage
}

/** A piece of text with its emphasis. */
export interface Run {
  text: string
  bold: boolean
  italic: boolean
}

/** The blocks of a document, as exports draw them. */
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; items: Run[][] }
  | { type: 'table'; rows: Run[][][] }

/** A file to download. */
export interface ExportedFile {
  fileName: string
  contentType: string
  data: Uint8Array
}

export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
} as const
export type ExportFormat = keyof typeof CONTENT_TYPES

/** Markdown as export blocks: headings, paragraphs, lists (one level) and tables. Never throws. */
export function markdownToBlocks(markdown: string): Block[] {
  const tokens = parseMarkdown(markdown)
  const blocks: Block[] = []
  let list: { ordered: boolean; items: Run[][] } | null = null
  let table: Run[][][] | null = null
  let row: Run[][] | null = null
  let listDepth = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    switch (token.type) {
      case 'heading_open':
        blocks.push({ type: 'heading', level: Number(token.tag.slice(1)), text: runsText(runsOf(tokens[i + 1])) })
        break
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth += 1
        if (listDepth === 1) list = { ordered: token.type === 'ordered_list_open', items: [] }
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth -= 1
        if (listDepth === 0 && list) {
          blocks.push({ type: 'list', ...list })
          list = null
        }
        break
      case 'table_open':
        table = []
        break
      case 'table_close':
        if (table) blocks.push({ type: 'table', rows: table })
        table = null
        break
      case 'tr_open':
        row = []
        break
      case 'tr_close':
        if (table && row) table.push(row)
        row = null
        break
      case 'inline': {
        const runs = runsOf(token)
        const previous = tokens[i - 1]?.type
        if (row && (previous === 'th_open' || previous === 'td_open')) row.push(runs)
        else if (list && previous === 'paragraph_open') {
          // A list item's paragraphs join into one item (nested lists are flattened into it).
          const isNewItem = tokens[i - 2]?.type === 'list_item_open'
          if (isNewItem) list.items.push(runs)
          else list.items[list.items.length - 1]?.push({ text: ' ', bold: false, italic: false }, ...runs)
        } else if (previous === 'paragraph_open') blocks.push({ type: 'paragraph', runs })
        break
      }
    }
  }
  return blocks
}

function runsOf(token: ReturnType<typeof parseMarkdown>[number] | undefined): Run[] {
  const runs: Run[] = []
  let bold = 0
  let italic = 0
  for (const child of token?.children ?? []) {
    if (child.type === 'strong_open') bold += 1
    else if (child.type === 'strong_close') bold -= 1
    else if (child.type === 'em_open') italic += 1
    else if (child.type === 'em_close') italic -= 1
    else if (child.type === 'text' || child.type === 'code_inline')
      runs.push({ text: child.content, bold: bold > 0, italic: italic > 0 })
    else if (child.type === 'softbreak' || child.type === 'hardbreak')
      runs.push({ text: ' ', bold: false, italic: false })
    else if (child.type === 'image') runs.push({ text: child.content, bold: false, italic: false })
  }
  return runs
}

/** The words of runs, without emphasis. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('')
}

/** A safe file name from a title: letters, digits and hyphens. */
export function fileNameFor(title: string, format: ExportFormat): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
  return `${base || 'report'}.${format}`
}

// DOCX ------------------------------------------------------------------------------------------------

const DOCX_HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const

const textRuns = (runs: readonly Run[]) =>
  runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic }))

/**
 * A Word document: the title and section headings as Word headings (so Word's navigation pane and
 * contents field work), a contents field Word fills in when the file is opened, numbered paragraphs,
 * lists, tables, and "Page n of m" in the footer.
 */
export async function toDocx(title: string, markdown: string, marked: ExportMarking): Promise<Uint8Array> {
  const { marking, cover } = marked
  const children: Array<Paragraph | Table | TableOfContents> = [
    new Paragraph({ children: [new TextRun({ text: cover.partnership, size: 28 })], spacing: { after: 400 } }),
    new Paragraph({ children: [new TextRun({ text: cover.title, bold: true, size: 44 })], spacing: { after: 400 } }),
    new Paragraph({ children: [new TextRun({ text: cover.versionLine, bold: true, size: 28 })] }),
    new Paragraph({ children: [new TextRun({ text: cover.dateLine, size: 28 })] }),
    new Paragraph({ children: [new PageBreak()] }),
  ]
  let contentsAdded = false
  for (const block of markdownToBlocks(markdown)) {
    if (block.type === 'heading') {
      // The contents go after the title, before the first section.
      if (block.level > 1 && !contentsAdded) {
        // Not a heading itself, so the contents do not list themselves.
        children.push(new Paragraph({ children: [new TextRun({ text: 'Contents', bold: true, size: 28 })] }))
        children.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '2-2' }))
        contentsAdded = true
      }
      children.push(new Paragraph({ text: block.text, heading: DOCX_HEADINGS[block.level - 1] }))
    } else if (block.type === 'paragraph') {
      children.push(new Paragraph({ children: textRuns(block.runs), spacing: { after: 160 } }))
    } else if (block.type === 'list') {
      block.items.forEach((item, index) => {
        children.push(
          block.ordered
            ? new Paragraph({ children: textRuns([{ text: `${index + 1}. `, bold: false, italic: false }, ...item]) })
            : new Paragraph({ children: textRuns(item), bullet: { level: 0 } }),
        )
      })
    } else {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.rows.map(
            (cells, rowIndex) =>
              new TableRow({
                tableHeader: rowIndex === 0,
                children: cells.map(
                  (cell) =>
                    new TableCell({
                      children: [
                        new Paragraph({
                          children: textRuns(cell.map((r) => ({ ...r, bold: r.bold || rowIndex === 0 }))),
                        }),
                      ],
                    }),
                ),
              }),
          ),
        }),
      )
    }
  }
  const document = new Document({
    title,
    creator: 'Case Review',
    features: { updateFields: true },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: marking.header, bold: true })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: marking.footer, bold: true })],
              }),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

// PDF -------------------------------------------------------------------------------------------------

const FONT = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
}
const HEADING_SIZES = [22, 16, 13, 12, 11, 11]

function fontFor(run: Run): string {
  if (run.bold && run.italic) return FONT.boldItalic
  if (run.bold) return FONT.bold
  if (run.italic) return FONT.italic
  return FONT.regular
}

/**
 * A PDF: tagged (structure elements Document, H1–H6, P, L/LI, Table/TR/TH/TD) with the title shown
 * and the language set (en-GB), a contents list of the section headings with their page numbers and
 * bookmarks, numbered paragraphs, and "Page n of m" on every page (marked as an artifact, so screen
 * readers skip it).
 *
 * pdfkit cannot know a heading's page before drawing it, so the document is drawn twice: the first
 * time to learn the pages, the second with them in the contents.
 */
export async function toPdf(title: string, markdown: string, marked: ExportMarking): Promise<Uint8Array> {
  // Loaded when a PDF is first asked for: pdfkit and its fonts cost every process ~14 MB otherwise.
  const { default: PDFDocument } = await import('pdfkit')
  const blocks = markdownToBlocks(markdown)
  const first = drawPdf(PDFDocument, title, blocks, null, marked)
  const pages = first.sectionPages
  await first.done
  const second = drawPdf(PDFDocument, title, blocks, pages, marked)
  return second.done
}

function drawPdf(
  PDFDocument: typeof import('pdfkit'),
  title: string,
  blocks: readonly Block[],
  knownPages: readonly number[] | null,
  { marking, cover }: ExportMarking,
): { done: Promise<Uint8Array>; sectionPages: number[] } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: 60, right: 60 },
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    lang: 'en-GB',
    info: { Title: title, Creator: 'Case Review' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on('error', reject)
  })
  const root = doc.struct('Document')
  doc.addStructure(root)
  const currentPage = () => {
    const range = doc.bufferedPageRange()
    return range.start + range.count
  }
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const sectionHeadings = blocks.filter((b) => b.type === 'heading' && b.level === 2)
  const sectionPages: number[] = []

  const heading = (text: string, level: number) => {
    doc.moveDown(level <= 2 ? 0.8 : 0.5)
    doc.font(FONT.bold).fontSize(HEADING_SIZES[level - 1])
    root.add(doc.struct(`H${level}`, {}, () => doc.text(text, { width })))
    doc.moveDown(0.3)
  }
  const runs = (items: readonly Run[], options: { prefix?: string } = {}) => {
    const all = options.prefix ? [{ text: options.prefix, bold: false, italic: false }, ...items] : [...items]
    if (all.length === 0) return
    doc.fontSize(11)
    all.forEach((run, index) => {
      doc.font(fontFor(run)).text(run.text, { width, continued: index < all.length - 1, lineGap: 2 })
    })
  }

  // The cover page: partnership, title, version (or publication date) and date.
  doc.moveDown(4)
  root.add(doc.struct('P', {}, () => doc.font(FONT.regular).fontSize(14).text(cover.partnership, { width })))
  doc.moveDown(2)
  root.add(doc.struct('P', {}, () => doc.font(FONT.bold).fontSize(26).text(cover.title, { width })))
  doc.moveDown(2)
  root.add(doc.struct('P', {}, () => doc.font(FONT.bold).fontSize(14).text(cover.versionLine, { width })))
  root.add(doc.struct('P', {}, () => doc.font(FONT.regular).fontSize(14).text(cover.dateLine, { width })))
  doc.addPage()

  // The next page: the title and the contents.
  const titleBlock = blocks.find((b) => b.type === 'heading' && b.level === 1)
  doc.font(FONT.bold).fontSize(HEADING_SIZES[0])
  root.add(doc.struct('H1', {}, () => doc.text(titleBlock?.type === 'heading' ? titleBlock.text : title, { width })))
  doc.moveDown(1)
  doc.font(FONT.bold).fontSize(HEADING_SIZES[1])
  root.add(doc.struct('H2', {}, () => doc.text('Contents', { width })))
  doc.moveDown(0.5)
  const contents = doc.struct('TOC')
  root.add(contents)
  sectionHeadings.forEach((block, index) => {
    if (block.type !== 'heading') return
    const page = knownPages?.[index]
    doc.font(FONT.regular).fontSize(11)
    contents.add(
      doc.struct('TOCI', {}, () =>
        doc.text(`${block.text}${page ? ` — page ${page}` : ' — page 00'}`, { width, lineGap: 4 }),
      ),
    )
  })
  contents.end()

  // The document, from the first section on a new page.
  doc.addPage()
  let seenTitle = false
  for (const block of blocks) {
    if (block.type === 'heading') {
      if (block.level === 1 && !seenTitle) {
        seenTitle = true
        continue
      }
      if (block.level === 2) {
        // Start a section on a new page only when little room is left on this one.
        if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage()
        sectionPages.push(currentPage())
        doc.outline.addItem(block.text)
      }
      heading(block.text, block.level)
    } else if (block.type === 'paragraph') {
      root.add(doc.struct('P', {}, () => runs(block.runs)))
      doc.moveDown(0.6)
    } else if (block.type === 'list') {
      const list = doc.struct('L')
      root.add(list)
      block.items.forEach((item, index) => {
        list.add(doc.struct('LI', {}, () => runs(item, { prefix: block.ordered ? `${index + 1}. ` : '•  ' })))
        doc.moveDown(0.2)
      })
      list.end()
      doc.moveDown(0.5)
    } else {
      drawTable(doc, root, block.rows, width)
    }
  }

  // The marking at the top and bottom and "Page n of m" on every page, outside the structure (an
  // artifact, so screen readers skip the repeats; the cover page and every page carry it).
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.markContent('Artifact', { type: 'Pagination' })
    doc.font(FONT.bold).fontSize(9).text(marking.header, doc.page.margins.left, 24, {
      width,
      align: 'center',
      lineBreak: false,
    })
    doc
      .font(FONT.bold)
      .fontSize(9)
      .text(marking.footer, doc.page.margins.left, doc.page.height - 52, {
        width,
        align: 'center',
        lineBreak: false,
      })
    doc
      .font(FONT.regular)
      .fontSize(9)
      .text(`Page ${i + 1} of ${range.count}`, doc.page.margins.left, doc.page.height - 38, {
        width,
        align: 'center',
        lineBreak: false,
      })
    doc.endMarkedContent()
    doc.page.margins.bottom = bottom
  }
  root.end()
  doc.end()
  return { done, sectionPages }
}

/** A table as rows of text (each row kept together where it fits), tagged Table / TR / TH / TD. */
function drawTable(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, rows: Run[][][], width: number): void {
  const columns = Math.max(1, ...rows.map((r) => r.length))
  const columnWidth = width / columns
  const table = doc.struct('Table')
  root.add(table)
  doc.fontSize(9)
  rows.forEach((cells, rowIndex) => {
    const texts = Array.from({ length: columns }, (_, i) => runsText(cells[i] ?? []))
    const font = rowIndex === 0 ? FONT.bold : FONT.regular
    doc.font(font)
    const height = Math.max(...texts.map((t) => doc.heightOfString(t || ' ', { width: columnWidth - 6 }))) + 6
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    const row = doc.struct('TR')
    table.add(row)
    texts.forEach((text, i) => {
      row.add(
        doc.struct(rowIndex === 0 ? 'TH' : 'TD', {}, () => {
          doc.font(font).text(text || ' ', doc.page.margins.left + i * columnWidth + 3, top + 3, {
            width: columnWidth - 6,
          })
        }),
      )
    })
    row.end()
    doc.x = doc.page.margins.left
    doc.y = top + height
  })
  table.end()
  doc.fontSize(11)
  doc.moveDown(0.6)
}

// HTML ------------------------------------------------------------------------------------------------

/** A standalone HTML page (lang en-GB, a contents list linking to the sections, no script). */
export function toHtml(title: string, markdown: string, { marking, cover }: ExportMarking): Uint8Array {
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  const sections = markdownToBlocks(markdown).filter((b) => b.type === 'heading' && b.level === 2)
  let index = 0
  // Section headings get ids so the contents can link to them.
  const body = renderPlainMarkdownHtml(markdown).replace(/<h2>/g, () => `<h2 id="section-${++index}">`)
  const contents = sections
    .map((b, i) => `<li><a href="#section-${i + 1}">${escape(b.type === 'heading' ? b.text : '')}</a></li>`)
    .join('')
  const nav = `<nav aria-labelledby="contents-heading"><h2 id="contents-heading">Contents</h2><ul>${contents}</ul></nav>`
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font-family: Arial, sans-serif; line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; }
table { border-collapse: collapse; } th, td { border: 1px solid #b1b4b6; padding: 0.3rem; text-align: left; vertical-align: top; }
header, footer { text-align: center; font-weight: bold; }
.cover { border-bottom: 1px solid #b1b4b6; margin-bottom: 2rem; padding-bottom: 1rem; }
</style>
</head>
<body>
<header><p>${escape(marking.header)}</p></header>
<main>
<div class="cover"><p>${escape(cover.partnership)}</p><p><strong>${escape(cover.title)}</strong></p><p><strong>${escape(cover.versionLine)}</strong></p><p>${escape(cover.dateLine)}</p></div>
${body.includes('</h1>') ? body.replace('</h1>', `</h1>\n${nav}`) : `${nav}\n${body}`}
</main>
<footer><p>${escape(marking.footer)}</p></footer>
</body>
</html>
`
  return new TextEncoder().encode(html)
}
