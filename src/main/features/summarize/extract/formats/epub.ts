import { TextBuilder } from '../TextBuilder.ts'
import { imagesLeftOut, type ExtractedContent } from '../extractedContent.ts'
import { openZip } from '../zipArchive.ts'
import { parseHtmlDocument } from './dom.ts'
import { readEpubPackage } from './epubPackage.ts'
import { writeHtmlText } from './htmlText.ts'

/**
 * An EPUB book chapter by chapter in reading order. Each chapter is a level-1 section titled from
 * the table of contents, else by its first heading; headings inside it become deeper sections.
 */
export async function extractEpub(bytes: Uint8Array, fileName: string): Promise<ExtractedContent> {
  const zip = await openZip(bytes, fileName)
  const chapters = await readEpubPackage(zip, fileName)
  const out = new TextBuilder()
  let images = 0
  for (const chapter of chapters) {
    const document = parseHtmlDocument(await zip.readText(chapter.path))
    out.startSection({ level: 1, title: chapter.title })
    images += writeHtmlText(document.body ?? document, out).images
  }
  return { ...out.build(), notes: imagesLeftOut(images) }
}
