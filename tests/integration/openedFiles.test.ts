import { mkdir, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { OpenedFiles } from '../../src/main/features/summarize/openedFiles.ts'
import { UploadStore } from '../../src/main/features/summarize/uploads/UploadStore.ts'
import { OpenedFiles as OpenedFilesPayload, type OpenedFile } from '../../src/shared/domain/openedFiles.ts'
import { fixture } from '../fixtures/documents/fixtures.ts'
import { useSummaryRig } from '../support/summaryRig.ts'
import { useTempDirs } from '../support/tempDir.ts'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/documents')
const tempDir = useTempDirs()
const signal = new AbortController().signal

/** The code of each file's error, or 'held' for a file waiting as an upload. */
const outcomes = (files: OpenedFile[]) => files.map((f) => [f.name, 'error' in f ? f.error.code : 'held'])

describe('files the OS opens with the app', () => {
  let dir: string
  let published: OpenedFile[][]
  let uploads: UploadStore
  let opened: OpenedFiles
  beforeEach(async () => {
    dir = await tempDir()
    published = []
    uploads = new UploadStore({ maxBytes: () => 1_000_000 })
    opened = new OpenedFiles({ uploads, maxBytes: () => 1_000_000, publish: (files) => published.push(files) })
  })

  it('reads several files into uploads, in order, announces them once and hands them to one taker', async () => {
    const files = await opened.open([path.join(FIXTURES, 'report.md'), path.join(FIXTURES, 'report.docx')])
    expect(files).toEqual([
      { name: 'report.md', size: fixture('report.md').byteLength, uploadId: expect.any(String) },
      { name: 'report.docx', size: fixture('report.docx').byteLength, uploadId: expect.any(String) },
    ])
    expect(published).toEqual([files])
    const [markdown] = files
    expect(uploads.take(markdown && 'uploadId' in markdown ? markdown.uploadId : '')).toEqual({
      name: 'report.md',
      bytes: fixture('report.md'),
    })
    expect(opened.take()).toEqual(files)
    expect(opened.take()).toEqual([])
  })

  it('gives each file that cannot be opened its own error and opens the rest', async () => {
    const big = path.join(dir, 'big.txt')
    await writeFile(big, '')
    await truncate(big, 1_500_000)
    const folder = path.join(dir, 'notes')
    await mkdir(folder)
    const missing = path.join(dir, 'gone.pdf')
    const throughAFile = path.join(FIXTURES, 'report.md', 'inside.txt')
    const files = await opened.open([big, path.join(FIXTURES, 'utf8.txt'), missing, folder, throughAFile])

    expect(outcomes(files)).toEqual([
      ['big.txt', 'FILE_TOO_LARGE'],
      ['utf8.txt', 'held'],
      ['gone.pdf', 'BAD_REQUEST'],
      ['notes', 'FILE_UNSUPPORTED'],
      ['inside.txt', 'BAD_REQUEST'],
    ])
    const errors = files.flatMap((f) => ('error' in f ? [f.error] : []))
    expect(errors.map((e) => e.message)).toEqual([
      'big.txt is 1.5 MB, more than the 1.0 MB a document may be.',
      `${missing} does not exist.`,
      `${folder} is not a file.`,
      expect.stringMatching(new RegExp(`^${escape(throughAFile)} cannot be read: ENOTDIR`)),
    ])
    expect(errors.every((e) => e.hint)).toBe(true)
    expect(published).toEqual([files])
  })

  it('holds no more than the uploads may: a file past the room left gets its own error', async () => {
    const small = new OpenedFiles({
      uploads: new UploadStore({ maxBytes: () => 1_000_000, maxHeldBytes: 1_000_000 }),
      maxBytes: () => 1_000_000,
      publish: () => {},
    })
    const book = path.join(dir, 'book.txt')
    await writeFile(book, 'x'.repeat(600_000))
    const files = await small.open([book, book])
    expect(outcomes(files)).toEqual([
      ['book.txt', 'held'],
      ['book.txt', 'FILE_TOO_LARGE'],
    ])
    expect('error' in files[1]! && files[1].error.message).toMatch(/^There is no room for book\.txt now/)
  })

  it('announces nothing when nothing was opened', async () => {
    expect(await opened.open([])).toEqual([])
    expect(published).toEqual([])
  })
})

// Extraction runs in worker threads: seconds on a busy machine.
describe('opened files in the Summarize workflow', { timeout: 30_000 }, () => {
  const rig = useSummaryRig()

  it('announces them to the windows, waits for one to take them, and summarizes them as dropped files', async () => {
    const files = await rig.handlers.openFiles([path.join(FIXTURES, 'report.md'), path.join(FIXTURES, 'gone.md')])
    expect(rig.events).toEqual([{ channel: 'files:opened', payload: { files } }])
    const taken = OpenedFilesPayload.parse(await rig.handlers.invoke['files:takeOpened']({}, signal))
    expect(taken.files).toEqual(files)
    expect((await rig.handlers.invoke['files:takeOpened']({}, signal)).files).toEqual([])

    const ids = taken.files.flatMap((f) => ('uploadId' in f ? [f.uploadId] : []))
    const outcome = await rig.handlers.stream['summarize:run'](
      { uploads: ids, options: { model: 'qwen2.5:7b-instruct', length: 'bullets' } },
      { signal, emit: () => {} },
    )
    expect(outcome.files.map((f) => [f.name, f.stage])).toEqual([['report.md', 'done']])
    expect(
      rig.history
        .summaries()
        .list()
        .map((s) => s.fileName),
    ).toEqual(['report.md'])
  })

  it('measures each file against the document size setting as it is when the file is opened', async () => {
    const dir = await tempDir()
    const report = path.join(dir, 'report.txt')
    await writeFile(report, 'x'.repeat(1_500_000))
    expect(outcomes(await rig.handlers.openFiles([report]))).toEqual([['report.txt', 'held']])
    await rig.settings.update({ maxDocumentMb: 1 })
    expect(outcomes(await rig.handlers.openFiles([report]))).toEqual([['report.txt', 'FILE_TOO_LARGE']])
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
