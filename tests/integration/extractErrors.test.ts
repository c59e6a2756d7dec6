import { describe, expect, it } from 'vitest'
import { extractFromBytes } from '../../src/main/features/summarize/extract/extractFromBytes.ts'
import { formatBytes } from '../../src/shared/format.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { fixture } from '../fixtures/documents/fixtures.ts'

async function failure(name: string, bytes = fixture(name), maxBytes?: number): Promise<AppError> {
  const error = await extractFromBytes(bytes, name, { maxBytes }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('bad files end in a specific error that names the file', () => {
  it.each([
    ['empty.txt', 'FILE_EMPTY', 'empty.txt has no text in it.'],
    ['blank.txt', 'FILE_EMPTY', 'blank.txt has no text in it.'],
    ['encrypted.pdf', 'FILE_ENCRYPTED', 'encrypted.pdf is protected with a password'],
    ['scanned.pdf', 'FILE_NO_TEXT', 'scanned.pdf contains only images of pages, no text.'],
    ['truncated.pdf', 'FILE_CORRUPT', 'truncated.pdf is damaged or incomplete'],
    ['truncated.docx', 'FILE_CORRUPT', 'truncated.docx is damaged or incomplete'],
    ['truncated.epub', 'FILE_CORRUPT', 'truncated.epub is damaged or incomplete'],
    ['photo.pdf', 'FILE_UNSUPPORTED', 'photo.pdf is a PNG image, not a PDF.'],
    ['archive.docx', 'FILE_UNSUPPORTED', 'archive.docx is a ZIP archive, not a Word document.'],
  ])('%s → %s', async (name, code, message) => {
    const error = await failure(name)
    expect(error.code).toBe(code)
    expect(error.message).toContain(message)
    expect(error.hint).toBeTruthy()
    expect(error.message).not.toMatch(/\bat .+:\d+/)
  })

  it('suggests text recognition for a scanned PDF', async () => {
    expect((await failure('scanned.pdf')).hint).toContain('OCR')
  })

  it('refuses a file over the limit before looking inside it, whatever it is', async () => {
    const size = fixture('report.pdf').byteLength
    expect(await failure('report.pdf', fixture('report.pdf'), 10_000)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: `report.pdf is ${formatBytes(size)}, more than the ${formatBytes(10_000)} a document may be.`,
    })
    expect(await failure('photo.pdf', fixture('photo.pdf'), 100)).toMatchObject({ code: 'FILE_TOO_LARGE' })
  })

  it('names a binary file of no known kind for what it is', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) % 256)
    expect(await failure('notes.txt', bytes)).toMatchObject({
      code: 'FILE_UNSUPPORTED',
      message: 'notes.txt is binary data of a kind Instruct Desk does not know, not a text file.',
    })
  })

  it('tells a password-protected Office file from an old Word document, both in the same container format', async () => {
    const container = (extra: string) => {
      const bytes = new Uint8Array(2048)
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
      bytes.set(Buffer.from(extra, 'utf16le'), 1024)
      return bytes
    }
    expect(await failure('locked.docx', container('EncryptedPackage'))).toMatchObject({
      code: 'FILE_ENCRYPTED',
      message: expect.stringContaining('locked.docx is a password-protected Office document'),
    })
    expect(await failure('old.docx', container('WordDocument'))).toMatchObject({
      code: 'FILE_UNSUPPORTED',
      message: 'old.docx is an older Office document (Word 97–2003 or similar), not a Word document.',
    })
  })
})
