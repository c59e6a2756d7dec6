import type { TextBuilder } from '../TextBuilder.ts'
import { TEXT_NODE, type DomElement, type DomNode } from './dom.ts'

/** Never text a reader sees. */
const hidden = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'head',
  'button',
  'select',
  'input',
  'textarea',
])

/** Elements that end the paragraph before them and start a new one. */
const blocks = new Set(
  (
    'html body main article section nav header footer aside div p blockquote ul ol li dl dt dd figure figcaption address ' +
    'table thead tbody tfoot caption form fieldset details summary hr'
  ).split(' '),
)

export interface HtmlTextStats {
  images: number
}

/**
 * Writes the readable text under `root` into `out`: headings start sections, blocks become
 * paragraphs, table rows become one line each, preformatted text keeps its lines, and list items
 * keep their bullet or number. Walks without recursion so deeply nested markup cannot exhaust the stack.
 */
export function writeHtmlText(root: DomNode, out: TextBuilder): HtmlTextStats {
  const stats = { images: 0 }
  const listCounters = new Map<DomElement, number>()
  let inline = ''
  let marker = ''
  const flush = (): void => {
    if (!inline.trim()) return
    out.paragraph(marker + inline)
    inline = ''
    marker = ''
  }
  const stack: { node: DomNode; leaving: boolean }[] = [{ node: root, leaving: false }]
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!
    if (leaving) {
      flush()
      continue
    }
    if (node.nodeType === TEXT_NODE) {
      inline += (node.nodeValue ?? '').replace(/\s+/g, ' ')
      continue
    }
    const name = 'localName' in node ? String(node.localName).toLowerCase() : ''
    const element = node as DomElement
    if (hidden.has(name)) continue
    if (name === 'img') {
      stats.images++
      continue
    }
    if (name === 'br') {
      inline += '\n'
      continue
    }
    const heading = /^h([1-6])$/.exec(name)
    if (heading || name === 'pre' || name === 'tr') {
      flush()
      if (heading) out.heading(element.textContent ?? '', Number(heading[1]))
      else if (name === 'pre') out.preformatted(element.textContent ?? '')
      else out.paragraph(tableRow(element))
      continue
    }
    if (blocks.has(name)) {
      flush()
      if (name === 'li') marker = listMarker(element, listCounters)
      stack.push({ node, leaving: true })
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push({ node: child, leaving: false })
  }
  flush()
  return stats
}

function tableRow(row: DomElement): string {
  const cells = [...row.children].filter((cell) => /^t[dh]$/i.test(cell.localName))
  return cells.map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | ')
}

/** "- " in a bulleted list; the item's number in a numbered one, counted as the walk meets the items. */
function listMarker(item: DomElement, counters: Map<DomElement, number>): string {
  const list = item.parentElement
  if (!list || list.localName.toLowerCase() !== 'ol') return '- '
  const start = Number.parseInt(list.getAttribute('start') ?? '1', 10)
  const number = (counters.get(list) ?? (Number.isFinite(start) ? start : 1) - 1) + 1
  counters.set(list, number)
  return `${number}. `
}
