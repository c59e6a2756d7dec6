import path from 'node:path'
import { corruptFile, encryptedFile } from '../fileErrors.ts'
import type { ZipArchive } from '../zipArchive.ts'
import { elementsNamed, parseHtmlDocument, parseXmlDocument } from './dom.ts'

/** The font obfuscation EPUBs may use; only other entries in encryption.xml mean the text is locked. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC'])

export interface EpubChapter {
  /** The part's path inside the container. */
  path: string
  /** From the table of contents, when it lists this part. */
  title: string | undefined
}

/**
 * The reading order of an EPUB: container.xml names the package (OPF), whose spine lists the
 * chapters in order; titles come from the EPUB 3 navigation document or the EPUB 2 NCX. The
 * navigation document itself is not a chapter. Parts locked by DRM make the whole book unreadable.
 */
export async function readEpubPackage(zip: ZipArchive, fileName: string): Promise<EpubChapter[]> {
  const container = parseXmlDocument(await zip.readText('META-INF/container.xml'))
  const packagePath = elementsNamed(container, 'rootfile')[0]?.getAttribute('full-path')
  if (!packagePath) throw corruptFile(fileName, 'it does not say where its package is')
  const opf = parseXmlDocument(await zip.readText(packagePath))
  const manifest = new Map<string, { path: string; type: string; properties: string }>()
  for (const item of elementsNamed(opf, 'item')) {
    const href = item.getAttribute('href')
    if (!href) continue
    manifest.set(item.getAttribute('id') ?? href, {
      path: resolve(path.posix.dirname(packagePath), href),
      type: item.getAttribute('media-type') ?? '',
      properties: item.getAttribute('properties') ?? '',
    })
  }
  const nav = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'))
  const spine = elementsNamed(opf, 'spine')[0]
  const ncx =
    manifest.get(spine?.getAttribute('toc') ?? '') ?? [...manifest.values()].find((item) => item.type === 'application/x-dtbncx+xml')
  const titles =
    nav && zip.has(nav.path)
      ? await navTitles(zip, nav.path)
      : ncx && zip.has(ncx.path)
        ? await ncxTitles(zip, ncx.path)
        : new Map<string, string>()

  const chapters: EpubChapter[] = []
  for (const ref of elementsNamed(opf, 'itemref')) {
    const item = manifest.get(ref.getAttribute('idref') ?? '')
    if (item && item.path !== nav?.path && /html|xml/.test(item.type)) chapters.push({ path: item.path, title: titles.get(item.path) })
  }
  if (chapters.length === 0) throw corruptFile(fileName, 'its list of chapters is empty')
  await refuseLocked(zip, fileName, new Set(chapters.map((chapter) => chapter.path)))
  return chapters
}

/** A link inside the book as a part's path: relative to the folder of the file it is in, percent-encoded, maybe with a #fragment. */
function resolve(directory: string, href: string): string {
  const target = href.split('#')[0] ?? ''
  return path.posix.normalize(path.posix.join(directory, safeDecode(target)))
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

async function navTitles(zip: ZipArchive, navPath: string): Promise<Map<string, string>> {
  const document = parseHtmlDocument(await zip.readText(navPath))
  const navs = [...document.getElementsByTagName('nav')]
  const toc = navs.find((nav) => (nav.getAttribute('epub:type') ?? '').split(/\s+/).includes('toc')) ?? navs[0]
  return firstTitles(navPath, toc ? [...toc.getElementsByTagName('a')].map((link) => [link.getAttribute('href'), link.textContent]) : [])
}

async function ncxTitles(zip: ZipArchive, ncxPath: string): Promise<Map<string, string>> {
  const ncx = parseXmlDocument(await zip.readText(ncxPath))
  return firstTitles(
    ncxPath,
    elementsNamed(ncx, 'navPoint').map((point) => [
      elementsNamed(point, 'content')[0]?.getAttribute('src') ?? null,
      elementsNamed(point, 'text')[0]?.textContent ?? null,
    ]),
  )
}

/** The first title listed for each part: later entries point into the middle of a chapter. */
function firstTitles(from: string, links: (string | null)[][]): Map<string, string> {
  const titles = new Map<string, string>()
  for (const [href, text] of links) {
    const title = (text ?? '').replace(/\s+/g, ' ').trim()
    if (!href || !title) continue
    const target = resolve(path.posix.dirname(from), href)
    if (!titles.has(target)) titles.set(target, title)
  }
  return titles
}

/** Paths in encryption.xml are relative to the container's root. */
async function refuseLocked(zip: ZipArchive, fileName: string, chapters: Set<string>): Promise<void> {
  if (!zip.has('META-INF/encryption.xml')) return
  const encryption = parseXmlDocument(await zip.readText('META-INF/encryption.xml'))
  for (const data of elementsNamed(encryption, 'EncryptedData')) {
    const method = elementsNamed(data, 'EncryptionMethod')[0]?.getAttribute('Algorithm') ?? ''
    const uri = elementsNamed(data, 'CipherReference')[0]?.getAttribute('URI') ?? ''
    if (!FONT_OBFUSCATION.has(method) && chapters.has(resolve('', uri))) throw encryptedFile(fileName, 'protected by DRM')
  }
}
