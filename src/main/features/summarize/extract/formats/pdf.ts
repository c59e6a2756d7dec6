import { createRequire } from 'node:module'
import path from 'node:path'
import { getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { DocumentPage } from '../../../../../shared/domain/documents.ts'
import { TextBuilder } from '../TextBuilder.ts'
import { corruptFile, encryptedFile, noTextLayer } from '../fileErrors.ts'
import { toSections, type SectionStart } from '../sections.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import { outlineStarts } from './pdfOutline.ts'
import { pageParagraphs, type TextRun } from './pdfParagraphs.ts'

/** PDF.js's own files: character maps for CJK fonts without a Unicode table, and the standard 14 fonts' data. */
const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))

/**
 * The text layer of every page, paragraphs rebuilt from positioned runs. Pages become `pages`; the
 * document's bookmarks (outline) become the sections when it has them, else each page is one.
 * PDF.js takes `bytes` over: the array is empty afterwards.
 */
export async function extractPdf(bytes: Uint8Array, fileName: string): Promise<ExtractedContent> {
  const task = getDocument({
    data: bytes,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  })
  try {
    const document = await openPdf(task, fileName)
    const out = new TextBuilder()
    const pages: DocumentPage[] = []
    const blank: number[] = []
    const unreadable: number[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const paragraphs = await pageText(document, number).catch(() => undefined)
      if (!paragraphs) unreadable.push(number)
      else if (paragraphs.length === 0) blank.push(number)
      else {
        const start = out.offset
        out.startSection({ level: 0, title: `Page ${number}`, page: number })
        for (const paragraph of paragraphs) out.paragraph(paragraph)
        pages.push({ number, start, end: start })
      }
    }
    if (pages.length === 0 && unreadable.length > 0) throw corruptFile(fileName, 'none of its pages could be read')
    if (pages.length === 0) throw noTextLayer(fileName)
    const { text, sections: pageSections } = out.build()
    for (const [i, page] of pages.entries()) page.end = pages[i + 1]?.start ?? text.length

    const outline = await outlineStarts(document, pages, text)
    const first: SectionStart = { offset: 0, level: 0, page: pages[0]?.number }
    const sections = outline.length > 0 ? toSections(text.length, [first, ...outline]) : pageSections
    return { text, sections, pages, notes: missingPagesNotes(blank, unreadable) }
  } finally {
    await task.destroy()
  }
}

async function openPdf(task: PDFDocumentLoadingTask, fileName: string): Promise<PDFDocumentProxy> {
  try {
    return await task.promise
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') throw encryptedFile(fileName, 'protected with a password')
    throw corruptFile(fileName, 'its PDF structure is broken or cut off')
  }
}

async function pageText(document: PDFDocumentProxy, number: number): Promise<string[]> {
  const page = await document.getPage(number)
  const content = await page.getTextContent()
  page.cleanup()
  const runs: TextRun[] = []
  for (const item of content.items) {
    if (!('str' in item)) continue
    runs.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, hasEOL: item.hasEOL })
  }
  return pageParagraphs(runs)
}

function missingPagesNotes(blank: number[], unreadable: number[]): string[] {
  const notes: string[] = []
  if (blank.length > 0)
    notes.push(`${pageList(blank)} ${blank.length > 1 ? 'have' : 'has'} no text (blank or scanned), so nothing there is summarized.`)
  if (unreadable.length > 0)
    notes.push(`${pageList(unreadable)} could not be read and ${unreadable.length > 1 ? 'are' : 'is'} missing from the text.`)
  return notes
}

/** "Page 4", "Pages 3–5 and 9": consecutive pages as ranges. */
function pageList(numbers: number[]): string {
  const ranges: string[] = []
  for (let i = 0; i < numbers.length;) {
    let j = i
    while (numbers[j + 1] === (numbers[j] ?? 0) + 1) j++
    ranges.push(i === j ? `${numbers[i]}` : `${numbers[i]}–${numbers[j]}`)
    i = j + 1
  }
  const list = ranges.length > 1 ? `${ranges.slice(0, -1).join(', ')} and ${ranges.at(-1)}` : ranges[0]
  return numbers.length === 1 ? `Page ${list}` : `Pages ${list}`
}
