import { buffer as collect } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { ZipFile } from 'yazl'
import { extractFromBytes } from '../../src/main/features/summarize/extract/extractFromBytes.ts'
import { expectWellFormed } from '../fixtures/documents/fixtures.ts'

/** A container as the formats require it: `mimetype` first and stored, the other parts deflated. */
async function container(mimetype: string, parts: Record<string, string>): Promise<Uint8Array> {
  const zip = new ZipFile()
  zip.addBuffer(Buffer.from(mimetype), 'mimetype', { compress: false })
  for (const [name, content] of Object.entries(parts)) zip.addBuffer(Buffer.from(content), name)
  zip.end()
  return new Uint8Array(await collect(zip.outputStream))
}

const CONTAINER_XML =
  '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">' +
  '<rootfiles><rootfile full-path="OPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'

const chapter = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>${body}</body></html>`

function epub(extra: Record<string, string> = {}): Promise<Uint8Array> {
  return container('application/epub+zip', {
    'META-INF/container.xml': CONTAINER_XML,
    'OPS/package.opf':
      '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><manifest>' +
      '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>' +
      '<item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>' +
      '<item id="c2" href="text/chapter%20two.xhtml" media-type="application/xhtml+xml"/>' +
      '<item id="c3" href="text/three.xhtml" media-type="application/xhtml+xml"/>' +
      '</manifest><spine><itemref idref="nav" linear="no"/><itemref idref="c2"/><itemref idref="c1"/><itemref idref="c3"/></spine></package>',
    'OPS/nav.xhtml':
      '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>' +
      '<nav epub:type="landmarks"><ol><li><a href="text/one.xhtml">Landmark, not a title</a></li></ol></nav>' +
      '<nav epub:type="toc"><ol><li><a href="text/one.xhtml">The Departure</a></li>' +
      '<li><a href="text/chapter%20two.xhtml#start">The Arrival</a><ol><li><a href="text/chapter%20two.xhtml#later">Later</a></li></ol></li></ol></nav>' +
      '</body></html>',
    'OPS/text/one.xhtml': chapter('<h1>1</h1><p>They left at dawn.</p><h2>On deck</h2><p>Gulls followed.</p><img src="gull.png"/>'),
    'OPS/text/chapter two.xhtml': chapter('<p>The harbour came into view.</p>'),
    'OPS/text/three.xhtml': chapter('<h1>Afterword</h1><p>Thanks to the crew.</p>'),
    ...extra,
  })
}

describe('EPUB', () => {
  it('follows the spine, titles chapters from the table of contents, else by their first heading, and skips the table itself', async () => {
    const document = await extractFromBytes(await epub(), 'voyage.epub')
    expectWellFormed(document)
    expect(document.sections.map((s) => [s.title, s.level])).toEqual([
      ['The Arrival', 1],
      ['The Departure', 1],
      ['On deck', 2],
      ['Afterword', 1],
    ])
    expect(document.text).toBe(
      'The harbour came into view.\n\n1\n\nThey left at dawn.\n\nOn deck\n\nGulls followed.\n\nAfterword\n\nThanks to the crew.',
    )
    expect(document.notes).toEqual(['1 image was left out; only text is summarized.'])
  })

  it('refuses a book whose chapters are locked by DRM, but not one whose fonts are merely obfuscated', async () => {
    const encryption = (algorithm: string, uri: string) =>
      '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">' +
      `<enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`
    const locked = await epub({
      'META-INF/encryption.xml': encryption('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'OPS/text/one.xhtml'),
    })
    await expect(extractFromBytes(locked, 'locked.epub')).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
      message: "locked.epub is protected by DRM, so its text can't be read.",
    })
    const fonts = await epub({ 'META-INF/encryption.xml': encryption('http://www.idpf.org/2008/embedding', 'OPS/fonts/serif.otf') })
    expect((await extractFromBytes(fonts, 'fonts.epub')).text).toContain('They left at dawn.')
  })

  it('calls a book without a package damaged', async () => {
    const broken = await container('application/epub+zip', { 'OPS/text/one.xhtml': chapter('<p>Alone.</p>') })
    await expect(extractFromBytes(broken, 'broken.epub')).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
      message: expect.stringContaining('broken.epub'),
    })
  })
})

const ODT_MIME = 'application/vnd.oasis.opendocument.text'
const odtContent = (body: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ' +
  `xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`

describe('OpenDocument text', () => {
  it('keeps footnotes after the text, and leaves out tracked deletions, comments and generated tables of contents', async () => {
    const body =
      '<text:tracked-changes><text:changed-region><text:deletion><text:p>DELETED TEXT</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
      '<text:table-of-content><text:index-body><text:p>Plan ....... 1</text:p></text:index-body></text:table-of-content>' +
      '<text:h text:outline-level="2">Plan</text:h>' +
      '<text:p>Sail<text:s text:c="2"/>north<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>' +
      '<text:note-body><text:p>Weather permitting.</text:p></text:note-body></text:note> at<text:tab/>noon.' +
      '<office:annotation><text:p>COMMENT TEXT</text:p></office:annotation></text:p>' +
      '<text:list><text:list-item><text:p>Charts</text:p></text:list-item></text:list>' +
      '<draw:frame><draw:image/></draw:frame>'
    const document = await extractFromBytes(await container(ODT_MIME, { 'content.xml': odtContent(body) }), 'plan.odt')
    expectWellFormed(document)
    expect(document.text).toBe('Plan\n\nSail north at noon.\n\n- Charts\n\n[1] Weather permitting.')
    expect(document.sections).toMatchObject([{ title: 'Plan', level: 2 }])
  })

  it('refuses a part that claims to unpack to gigabytes before inflating it', async () => {
    const bytes = await container(ODT_MIME, { 'content.xml': odtContent('<text:p>Small really.</text:p>') })
    claimUnpackedSize(bytes, 'content.xml', 4_000_000_000)
    await expect(extractFromBytes(bytes, 'bomb.odt')).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringContaining('bomb.odt unpacks to more than 250 MB'),
    })
  })

  it('refuses a password-protected document', async () => {
    const manifest =
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">' +
      '<manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>'
    const bytes = await container(ODT_MIME, { 'content.xml': 'encrypted bytes', 'META-INF/manifest.xml': manifest })
    await expect(extractFromBytes(bytes, 'secret.odt')).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
  })
})

/** Rewrites the uncompressed size a ZIP's central directory declares for one part, as a zip bomb's does. */
function claimUnpackedSize(zip: Uint8Array, name: string, size: number): void {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let at = view.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = view.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    const nameLength = view.readUInt16LE(at + 28)
    if (view.toString('utf8', at + 46, at + 46 + nameLength) === name) view.writeUInt32LE(size, at + 24)
  }
}
