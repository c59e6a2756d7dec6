import mammoth from 'mammoth'
import { TextBuilder } from '../TextBuilder.ts'
import { corruptFile } from '../fileErrors.ts'
import { imagesLeftOut, type ExtractedContent } from '../extractedContent.ts'
import { openZip } from '../zipArchive.ts'
import { parseHtmlDocument } from './dom.ts'
import { writeHtmlText } from './htmlText.ts'

/** Word's Heading 1–6 are mapped by default; a document's Title and Subtitle are headings to a reader too. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"]

/**
 * A Word document through mammoth, which reads the styles the way Word means them (heading styles
 * by name or outline level, lists, tables, footnotes) and writes simple HTML; that HTML gives the
 * text and the heading sections. The container is checked first so a damaged or oversized file
 * fails before mammoth inflates anything.
 */
export async function extractDocx(bytes: Uint8Array, fileName: string): Promise<ExtractedContent> {
  const zip = await openZip(bytes, fileName)
  zip.check('word/document.xml')
  let html: string
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const result = await mammoth.convertToHtml(
      { buffer },
      { styleMap: STYLE_MAP, externalFileAccess: false, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    )
    html = result.value
  } catch {
    throw corruptFile(fileName, 'its Word document structure is broken')
  }
  const out = new TextBuilder()
  const { images } = writeHtmlText(parseHtmlDocument(html), out)
  return { ...out.build(), notes: imagesLeftOut(images) }
}
