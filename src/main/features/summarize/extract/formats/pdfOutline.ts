import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { DocumentPage } from '../../../../../shared/domain/documents.ts'
import type { SectionStart } from '../sections.ts'

/** Bookmarks nested deeper than this are detail, not structure worth a section. */
const MAX_LEVEL = 3

type OutlineItem = Awaited<ReturnType<PDFDocumentProxy['getOutline']>>[number]

/**
 * Section starts from the document's bookmarks: each begins where its title appears on the page it
 * points to, or at the top of that page when the title is not found there. Bookmarks that point
 * nowhere, or to a page without text, are left out.
 */
export async function outlineStarts(document: PDFDocumentProxy, pages: DocumentPage[], text: string): Promise<SectionStart[]> {
  const outline = await document.getOutline().catch(() => null)
  if (!outline) return []
  const byNumber = new Map(pages.map((page) => [page.number, page]))
  const starts: SectionStart[] = []
  const visit = async (items: OutlineItem[], level: number): Promise<void> => {
    for (const item of items) {
      const number = await pageNumber(document, item.dest)
      const page = number === undefined ? undefined : byNumber.get(number)
      if (page) {
        const title = item.title.replace(/\s+/g, ' ').trim()
        const found = title ? text.slice(page.start, page.end).indexOf(title) : -1
        const offset = page.start + Math.max(found, 0)
        starts.push({ offset, level, title: title || undefined, page: page.number })
      }
      if (level < MAX_LEVEL) await visit(item.items, level + 1)
    }
  }
  await visit(outline, 1)
  return starts
}

async function pageNumber(document: PDFDocumentProxy, dest: OutlineItem['dest']): Promise<number | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await document.getDestination(dest) : dest
    const target: unknown = explicit?.[0]
    if (typeof target === 'number') return target + 1
    if (target && typeof target === 'object')
      return (await document.getPageIndex(target as Parameters<PDFDocumentProxy['getPageIndex']>[0])) + 1
  } catch {
    return undefined
  }
  return undefined
}
