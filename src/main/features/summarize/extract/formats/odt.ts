import { TextBuilder } from '../TextBuilder.ts'
import { encryptedFile } from '../fileErrors.ts'
import { imagesLeftOut, type ExtractedContent } from '../extractedContent.ts'
import { openZip } from '../zipArchive.ts'
import { ELEMENT_NODE, parseXmlDocument, TEXT_NODE, type DomElement, type DomNode } from './dom.ts'

/** Generated tables of contents and indexes repeat the headings; tracked changes hold deleted text; annotations are comments. */
const skipped = new Set([
  'text:tracked-changes',
  'office:annotation',
  'text:table-of-content',
  'text:alphabetical-index',
  'text:illustration-index',
  'text:table-index',
  'text:object-index',
  'text:user-index',
  'text:bibliography',
  'text:sequence-decls',
  'office:forms',
])

/**
 * An OpenDocument text from its content.xml: `text:h` are headings (with their outline level),
 * `text:p` paragraphs, list items get a bullet, table rows one line each. Footnotes are gathered
 * and follow the text, so they do not interrupt the sentence they are attached to.
 */
export async function extractOdt(bytes: Uint8Array, fileName: string): Promise<ExtractedContent> {
  const zip = await openZip(bytes, fileName)
  if (zip.has('META-INF/manifest.xml') && (await zip.readText('META-INF/manifest.xml')).includes('encryption-data')) {
    throw encryptedFile(fileName, 'protected with a password')
  }
  const document = parseXmlDocument(await zip.readText('content.xml'))
  const [body] = document.getElementsByTagName('office:text')
  const writer = new OdtWriter()
  writer.write(body ?? document)
  return writer.finish()
}

class OdtWriter {
  private readonly out = new TextBuilder()
  private readonly footnotes: string[] = []
  private images = 0
  private marker = ''

  write(root: DomElement): void {
    const stack: DomNode[] = [root]
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.nodeType !== ELEMENT_NODE) continue
      const element = node as DomElement
      const name = element.localName
      if (skipped.has(name)) continue
      if (name === 'text:h') this.out.heading(this.inline(element), Number(element.getAttribute('text:outline-level') ?? 1) || 1)
      else if (name === 'text:p') this.paragraph(this.inline(element))
      else if (name === 'table:table-row') this.paragraph(this.cells(element))
      else {
        if (name === 'text:list-item') this.marker = '- '
        pushChildren(stack, element)
      }
    }
  }

  finish(): ExtractedContent {
    for (const footnote of this.footnotes) this.out.paragraph(footnote)
    return { ...this.out.build(), notes: imagesLeftOut(this.images) }
  }

  private paragraph(text: string): void {
    if (!text.trim()) return
    this.out.paragraph(this.marker + text)
    this.marker = ''
  }

  private cells(row: DomElement): string {
    const cells = [...row.children].filter((cell) => cell.localName === 'table:table-cell')
    return cells.map((cell) => this.inline(cell).replace(/\s+/g, ' ').trim()).join(' | ')
  }

  /** The text of a paragraph-level element: spans and links read through, spacing elements become their characters. */
  private inline(root: DomElement): string {
    let text = ''
    const stack: DomNode[] = []
    pushChildren(stack, root)
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.nodeType === TEXT_NODE) {
        text += node.nodeValue ?? ''
        continue
      }
      const element = node as DomElement
      const name = element.localName
      if (name === 'text:s') text += ' '.repeat(Number(element.getAttribute('text:c') ?? 1) || 1)
      else if (name === 'text:tab') text += '\t'
      else if (name === 'text:line-break') text += '\n'
      else if (name === 'text:note') this.footnote(element)
      else if (name === 'draw:frame') this.images += first(element, 'draw:image') ? 1 : 0
      else if (!skipped.has(name)) pushChildren(stack, element)
    }
    return text
  }

  private footnote(note: DomElement): void {
    const citation = first(note, 'text:note-citation')?.textContent ?? ''
    const body = first(note, 'text:note-body')
    const paragraphs = body ? [...body.children].map((child) => this.inline(child).trim()) : []
    this.footnotes.push(`[${citation.trim()}] ${paragraphs.filter(Boolean).join(' ')}`)
  }
}

/** Last child first, so that popping the stack visits them in order. */
function pushChildren(stack: DomNode[], element: DomElement): void {
  for (let child = element.lastChild; child; child = child.previousSibling) stack.push(child)
}

function first(element: DomElement, name: string): DomElement | undefined {
  return [...element.getElementsByTagName(name)][0]
}
