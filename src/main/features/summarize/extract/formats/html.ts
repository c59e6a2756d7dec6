import { Readability } from '@mozilla/readability'
import { TextBuilder, tidyLines } from '../TextBuilder.ts'
import { imagesLeftOut, type ExtractedContent } from '../extractedContent.ts'
import type { DecodedText } from '../textDecoding.ts'
import { ELEMENT_NODE, parseHtmlDocument, type DomDocument, type DomElement, type DomNode } from './dom.ts'
import { writeHtmlText } from './htmlText.ts'

/** Page furniture that is never the content a reader came for. */
const BOILERPLATE =
  'script, style, noscript, template, nav, header, footer, aside, form, [hidden], [aria-hidden="true"], ' +
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]'
/** What may still sit inside an article that Readability kept: its own header (title, byline) stays. */
const ARTICLE_BOILERPLATE = 'nav, aside, footer, form, [role="navigation"], [role="complementary"], [role="contentinfo"]'

/** Below this share of the page's text the article finder probably missed content (a list or table page), so the whole page is used. */
const MIN_ARTICLE_SHARE = 0.3
/** Readability recurses and slows steeply with nesting depth; real pages stay far below this, hostile ones skip it. */
const MAX_ARTICLE_DEPTH = 200

/**
 * A web page's main content: the article Readability finds (what a browser's reader view shows),
 * or, when that misses most of the page, the page without its navigation, header, footer and sidebars.
 */
export function extractHtml(decoded: DecodedText): ExtractedContent {
  const document = parseHtmlDocument(decoded.text)
  const article = deeperThan(document, MAX_ARTICLE_DEPTH) ? undefined : findArticle(document)
  for (const element of [...document.querySelectorAll(BOILERPLATE)]) element.remove()
  const pageText = tidyLines(document.body?.textContent ?? '')
  if (!pageText) return { text: '', sections: [], notes: [] }

  if (article) {
    const built = write(article.content, article.title || document.title)
    if (built.text.length >= pageText.length * MIN_ARTICLE_SHARE) {
      return { ...built, notes: ['Only the main article was kept: menus, sidebars, footers and scripts were left out.', ...built.notes] }
    }
  }
  const built = write(document.body ?? document, document.title)
  return { ...built, notes: ['Menus, headers, footers and scripts were left out.', ...built.notes] }
}

function findArticle(document: DomDocument): { content: DomElement; title: string } | undefined {
  const serializer = (node: unknown) => node as DomElement
  const article = new Readability<DomElement>(document.cloneNode(true) as never, { serializer }).parse()
  if (!article?.content) return undefined
  for (const element of [...article.content.querySelectorAll(ARTICLE_BOILERPLATE)]) element.remove()
  return { content: article.content, title: article.title ?? '' }
}

function write(root: DomElement | DomDocument, title: string): ExtractedContent {
  const out = new TextBuilder()
  const firstHeading = tidyLines(root.querySelector('h1, h2, h3')?.textContent ?? '')
  if (title.trim() && firstHeading !== tidyLines(title)) out.heading(title, 1)
  const { images } = writeHtmlText(root, out)
  return { ...out.build(), notes: imagesLeftOut(images) }
}

function deeperThan(root: DomNode, limit: number): boolean {
  const stack: [DomNode, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > limit) return true
    for (let child = node.lastChild; child; child = child.previousSibling)
      if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1])
  }
  return false
}
