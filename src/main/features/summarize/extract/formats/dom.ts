import { DOMParser, parseHTML } from 'linkedom'

/**
 * The part of the DOM the extractors use. Main is compiled without the browser's DOM types, and
 * linkedom provides these objects at run time, so they are described here once.
 */
export interface DomNode {
  readonly nodeType: number
  readonly nodeValue: string | null
  readonly textContent: string | null
  readonly lastChild: DomNode | null
  readonly previousSibling: DomNode | null
  readonly parentElement: DomElement | null
}

export interface DomElement extends DomNode {
  readonly localName: string
  readonly children: Iterable<DomElement>
  getAttribute(name: string): string | null
  querySelector(selectors: string): DomElement | null
  querySelectorAll(selectors: string): Iterable<DomElement>
  getElementsByTagName(name: string): Iterable<DomElement>
  remove(): void
}

export interface DomDocument extends DomElement {
  readonly documentElement: DomElement | null
  readonly body: DomElement | null
  readonly title: string
  cloneNode(deep: boolean): DomDocument
}

export const ELEMENT_NODE = 1
export const TEXT_NODE = 3

export function parseHtmlDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument
}

/** Namespaced names stay as written (`text:p`, `dc:title`), which is how ODT and EPUB parts are read. */
export function parseXmlDocument(xml: string): DomDocument {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as DomDocument
}

/** Elements by local name whatever prefix the file gave them (`item`, `opf:item`), in document order. */
export function elementsNamed(root: DomElement, name: string): DomElement[] {
  return [...root.querySelectorAll('*')].filter((element) => element.localName === name || element.localName.endsWith(`:${name}`))
}
