import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractDocument } from '../../src/main/features/summarize/extract/extractDocument.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { expectWellFormed, fixture } from '../fixtures/documents/fixtures.ts'

let pool: AppWorkerPool

beforeAll(() => {
  pool = createAppWorkerPool(2)
})

afterAll(async () => {
  await pool.close()
})

describe('extractDocument in the worker pool', () => {
  it('extracts in a worker, moving the bytes there instead of copying them', async () => {
    const bytes = fixture('report.docx')
    const document = await extractDocument(bytes, 'report.docx', {}, pool)
    expect(bytes.byteLength).toBe(0)
    expectWellFormed(document)
    expect(document).toMatchObject({ name: 'report.docx', format: 'docx' })
    expect(document.text).toContain('forty-two moorings')
  })

  it('copies a view into a larger buffer instead of taking the whole buffer from the caller', async () => {
    const text = fixture('utf8.txt')
    const backing = new Uint8Array(text.byteLength + 100)
    const view = backing.subarray(50, 50 + text.byteLength)
    view.set(text)
    const document = await extractDocument(view, 'utf8.txt', {}, pool)
    expect(backing.byteLength).toBe(text.byteLength + 100)
    expect(document.text).toBe(new TextDecoder().decode(text))
  })

  it('extracts the good files of a batch and fails each bad one with its own error', async () => {
    const names = [
      'report.pdf',
      'photo.pdf',
      'book.epub',
      'encrypted.pdf',
      'utf16le.txt',
      'empty.txt',
      'truncated.docx',
      'page.html',
      'scanned.pdf',
    ]
    const results = await Promise.allSettled(names.map((name) => extractDocument(fixture(name), name, {}, pool)))
    const outcome = results.map((result, i) =>
      result.status === 'fulfilled' ? [names[i], result.value.format] : [names[i], (result.reason as AppError).code],
    )
    expect(outcome).toEqual([
      ['report.pdf', 'pdf'],
      ['photo.pdf', 'FILE_UNSUPPORTED'],
      ['book.epub', 'epub'],
      ['encrypted.pdf', 'FILE_ENCRYPTED'],
      ['utf16le.txt', 'text'],
      ['empty.txt', 'FILE_EMPTY'],
      ['truncated.docx', 'FILE_CORRUPT'],
      ['page.html', 'html'],
      ['scanned.pdf', 'FILE_NO_TEXT'],
    ])
    const encrypted = results[3]
    expect(encrypted?.status === 'rejected' && encrypted.reason).toBeInstanceOf(AppError)
    expect(encrypted?.status === 'rejected' && encrypted.reason).toMatchObject({
      message: expect.stringContaining('encrypted.pdf'),
      hint: expect.stringContaining('password'),
    })
  })

  it('stops a long extraction when cancelled, and the pool goes on working', async () => {
    const controller = new AbortController()
    const running = extractDocument(fixture('book.pdf'), 'book.pdf', { signal: controller.signal }, pool)
    await new Promise((resolve) => setImmediate(resolve))
    controller.abort()
    await expect(running).rejects.toMatchObject({ name: 'AbortError' })
    expect((await extractDocument(fixture('report.md'), 'report.md', {}, pool)).format).toBe('markdown')
  })

  it('gives up with TIME_LIMIT naming the file when extraction overruns its limit', async () => {
    const error = await extractDocument(fixture('book.pdf'), 'book.pdf', { timeoutMs: 1 }, pool).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TIME_LIMIT', message: expect.stringContaining('reading book.pdf') })
    expect((await extractDocument(fixture('inventory.json'), 'inventory.json', {}, pool)).format).toBe('json')
  })

  it('refuses a file over the limit before it reaches a worker', async () => {
    const bytes = fixture('book.pdf')
    await expect(extractDocument(bytes, 'book.pdf', { maxBytes: 1000 }, pool)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' })
    expect(bytes.byteLength).toBeGreaterThan(1000)
  })
})
