import { describe, expect, it } from 'vitest'
import { UploadStore } from '../../src/main/features/summarize/uploads/UploadStore.ts'
import type { SummaryOptions } from '../../src/shared/domain/summary.ts'
import { SummarizeEvent, SummarizeOutcome, type FileStatus } from '../../src/shared/domain/summaryJobs.ts'
import { fixture } from '../fixtures/documents/fixtures.ts'
import { fakeSummaryModel } from '../support/fakeSummaryModel.ts'
import { markedBook } from '../support/markedDocument.ts'
import { useSummaryRig } from '../support/summaryRig.ts'

const OPTIONS: SummaryOptions = { model: 'qwen2.5:7b-instruct', length: 'bullets' }
const rig = useSummaryRig()
const signal = new AbortController().signal

/** Sends a file the way a window does: declared, then in pieces of `piece` bytes. */
async function upload(name: string, bytes: Uint8Array, piece = 400): Promise<string> {
  const { id } = await rig.handlers.invoke['uploads:start']({ name, size: bytes.byteLength }, signal)
  for (let offset = 0; offset < bytes.byteLength; offset += piece) {
    const data = Buffer.from(bytes.subarray(offset, offset + piece)).toString('base64')
    const { received } = await rig.handlers.invoke['uploads:chunk']({ id, offset, data }, signal)
    expect(received).toBe(Math.min(bytes.byteLength, offset + piece))
  }
  return id
}

async function summarize(uploads: string[], options: Partial<SummaryOptions> = {}, run: { signal?: AbortSignal } = {}) {
  const events: FileStatus[] = []
  const outcome = await rig.handlers.stream['summarize:run'](
    { uploads, options: { ...OPTIONS, ...options } },
    { signal: run.signal ?? signal, emit: (event) => events.push(SummarizeEvent.parse(event).file) },
  )
  expect(SummarizeOutcome.parse(outcome)).toEqual(outcome)
  return { outcome, events }
}

/** A file's stages as its events showed them, repeats left out. */
function stagesOf(events: FileStatus[], index: number): string[] {
  return events
    .filter((e) => e.index === index)
    .map((e) => e.stage)
    .filter((stage, i, all) => stage !== all[i - 1])
}

// Extraction starts worker threads and parses real files: seconds on a busy machine.
describe('a summary batch', { timeout: 30_000 }, () => {
  it('gives each bad file its own error and summarizes and stores the good ones around them', async () => {
    const names = ['report.md', 'empty.txt', 'photo.pdf', 'encrypted.pdf', 'report.docx']
    const ids = await Promise.all(names.map((name) => upload(name, fixture(name))))
    const { outcome, events } = await summarize(ids)

    expect(outcome.files.map((f) => [f.name, f.stage, f.error?.code])).toEqual([
      ['report.md', 'done', undefined],
      ['empty.txt', 'failed', 'FILE_EMPTY'],
      ['photo.pdf', 'failed', 'FILE_UNSUPPORTED'],
      ['encrypted.pdf', 'failed', 'FILE_ENCRYPTED'],
      ['report.docx', 'done', undefined],
    ])
    for (const failed of outcome.files.filter((f) => f.stage === 'failed')) {
      expect(failed.error?.message).toContain(failed.name)
      expect(failed.error?.hint).toBeTruthy()
      expect(failed).not.toHaveProperty('summaryId')
    }
    const [markdown, , , , docx] = outcome.files
    expect(markdown).toMatchObject({ format: 'markdown', chars: expect.any(Number), progress: { stage: 'done' } })
    expect(docx).toMatchObject({ format: 'docx' })

    const stored = rig.history.summaries().list()
    expect(stored.map((s) => [s.id, s.fileName, s.complete])).toEqual([
      [docx?.summaryId, 'report.docx', true],
      [markdown?.summaryId, 'report.md', true],
    ])
    const report = rig.history.summaries().get(markdown?.summaryId ?? '')
    expect(report).toMatchObject({ format: 'markdown', options: OPTIONS, result: { complete: true, model: OPTIONS.model } })
    expect(report?.result.summary).not.toBe('')

    expect(stagesOf(events, 0)).toEqual(['waiting', 'reading', 'waiting', 'summarizing', 'done'])
    expect(stagesOf(events, 1)).toEqual(['waiting', 'reading', 'failed'])
    // The last event of every file is its final status.
    outcome.files.forEach((file) => expect(events.filter((e) => e.index === file.index).at(-1)).toEqual(file))
    // Taken by the batch: the uploads are gone.
    expect(await rig.handlers.invoke['uploads:discard']({ id: ids[0] ?? '' }, signal)).toBe(false)
  })

  it('fails a file whose upload is missing or unfinished, and goes on with the rest', async () => {
    const unfinished = (await rig.handlers.invoke['uploads:start']({ name: 'half.md', size: 100 }, signal)).id
    await rig.handlers.invoke['uploads:chunk']({ id: unfinished, offset: 0, data: Buffer.from('# Half').toString('base64') }, signal)
    const good = await upload('utf8.txt', fixture('utf8.txt'))
    const { outcome } = await summarize(['no-such-upload', unfinished, good])
    expect(outcome.files.map((f) => [f.name, f.stage, f.error?.code])).toEqual([
      ['File 1', 'failed', 'BAD_REQUEST'],
      ['half.md', 'failed', 'BAD_REQUEST'],
      ['utf8.txt', 'done', undefined],
    ])
    expect(outcome.files[1]?.error?.message).toBe('half.md has not finished uploading (6 B of 100 B).')
  })

  it('keeps the parts summarized so far when cancelled, and cancels the files still waiting', async () => {
    const { markdown } = markedBook({ chapters: 8, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const book = await upload('book.md', new TextEncoder().encode(markdown), 64_000)
    const next = await upload('report.md', fixture('report.md'))
    const controller = new AbortController()
    const model = fakeSummaryModel(rig.fake)
    let calls = 0
    // Cancelled while the third part is with the model: two parts are done.
    rig.fake.replyFor = (request) => {
      if (++calls === 3) controller.abort()
      return model(request)
    }
    const { outcome, events } = await summarize([book, next], { numCtx: 4096 }, { signal: controller.signal })

    const [cancelled, waiting] = outcome.files
    expect(cancelled).toMatchObject({ stage: 'cancelled', summaryId: expect.any(String) })
    expect(waiting).toMatchObject({ stage: 'cancelled' })
    expect(waiting).not.toHaveProperty('summaryId')
    expect(stagesOf(events, 1).at(-1)).toBe('cancelled')

    const stored = rig.history.summaries().get(cancelled?.summaryId ?? '')
    expect(stored?.result).toMatchObject({ complete: false, summary: '', calls: 3 })
    expect(stored?.result.chunks.map((c) => c.summary !== '')).toEqual(stored?.result.chunks.map((_, i) => i < 2))
    expect(
      rig.history
        .summaries()
        .list()
        .map((s) => [s.fileName, s.complete]),
    ).toEqual([['book.md', false]])
  })
})

describe('uploads', () => {
  it('refuses a file over the size setting before any of it is sent, naming the file and the limit', async () => {
    await rig.settings.update({ maxDocumentMb: 1 })
    const refused = rig.handlers.invoke['uploads:start']({ name: 'atlas.pdf', size: 1_500_000 }, signal)
    await expect(refused).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'atlas.pdf is 1.5 MB, more than the 1.0 MB a document may be.',
    })
    expect(await rig.handlers.invoke['uploads:start']({ name: 'atlas.pdf', size: 1_000_000 }, signal)).toMatchObject({
      id: expect.any(String),
    })
  })

  it('takes pieces only in order and never more than the declared size', async () => {
    const { id } = await rig.handlers.invoke['uploads:start']({ name: 'notes.txt', size: 6 }, signal)
    const piece = (text: string) => Buffer.from(text).toString('base64')
    await expect(rig.handlers.invoke['uploads:chunk']({ id, offset: 3, data: piece('def') }, signal)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The upload of notes.txt skipped or repeated a piece (expected byte 0, got 3).',
    })
    expect(await rig.handlers.invoke['uploads:chunk']({ id, offset: 0, data: piece('abc') }, signal)).toEqual({ received: 3 })
    await expect(rig.handlers.invoke['uploads:chunk']({ id, offset: 0, data: piece('abc') }, signal)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(rig.handlers.invoke['uploads:chunk']({ id, offset: 3, data: piece('defg') }, signal)).rejects.toMatchObject({
      message: 'More of notes.txt arrived than its declared size of 6 bytes.',
    })
    // An upload that overflowed is dropped.
    expect(await rig.handlers.invoke['uploads:discard']({ id }, signal)).toBe(false)
  })

  it('drops uploads left untouched too long and caps what all uploads together hold', () => {
    let now = 0
    const store = new UploadStore({ maxBytes: () => 100, maxHeldBytes: 150, expiryMs: 60_000, now: () => now })
    const first = store.start('a.txt', 100)
    expect(() => store.start('b.txt', 100)).toThrow('There is no room for b.txt now: 100 B of other files are waiting to be summarized')
    now = 59_000
    expect(store.chunk(first, 0, Buffer.from('hello').toString('base64'))).toBe(5)
    now = 100_000
    expect(() => store.start('b.txt', 100)).toThrow(/no room/)
    // A minute after its last piece the first upload is dropped, and its room is free again.
    now = 119_000
    const second = store.start('b.txt', 100)
    expect(() => store.chunk(first, 5, 'AAAA')).toThrow(/no longer waiting to be summarized/)
    expect(store.discard(second)).toBe(true)
  })

  it('keeps a file the OS opened however long it waits: it cannot be dropped again as a window’s file can', () => {
    let now = 0
    const store = new UploadStore({ maxBytes: () => 100, expiryMs: 60_000, now: () => now })
    const opened = store.hold('notes.txt', new TextEncoder().encode('notes'))
    const abandoned = store.start('draft.txt', 10)
    now = 3_600_000
    expect(() => store.chunk(abandoned, 0, 'AAAA')).toThrow(/no longer waiting to be summarized/)
    expect(new TextDecoder().decode(store.take(opened).bytes)).toBe('notes')
  })
})
