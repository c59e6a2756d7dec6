import { describe, expect, it } from 'vitest'
import type { BatchFile } from '../../src/main/features/summarize/SummaryBatch.ts'
import { fixture } from '../fixtures/documents/fixtures.ts'
import { summarize, summaryFiles, summaryThroughOutage } from '../support/ollamaOutage.ts'
import { useSummaryRig } from '../support/summaryRig.ts'

const rig = useSummaryRig()

const notStarted = (stoppedAt: string) => ({
  stage: 'cancelled',
  error: {
    code: 'CANCELLED',
    message: `Not summarized: the batch stopped when ${stoppedAt} failed.`,
    hint: expect.stringContaining('Nothing of this file was sent'),
  },
})

// Extraction starts worker threads and parses real files: seconds on a busy machine.
describe('a summary batch when Ollama goes away', { timeout: 30_000 }, () => {
  it('keeps the parts done, says once why it stopped, sends none of the rest, and summarizes them all when asked again', async () => {
    const { first, kept, again } = await summaryThroughOutage(rig.fake, rig)

    const [book, report, notes] = first.files
    expect(book).toMatchObject({
      stage: 'failed',
      error: { code: 'OLLAMA_NOT_RUNNING', message: expect.stringContaining(rig.fake.host), retryable: true },
      summaryId: expect.any(String),
    })
    expect(report).toMatchObject(notStarted('book.md'))
    expect(notes).toMatchObject(notStarted('book.md'))
    for (const index of [1, 2]) expect(first.events.filter((e) => e.index === index).map((e) => e.stage)).not.toContain('summarizing')
    expect(first.files.filter((f) => f.error?.code === 'OLLAMA_NOT_RUNNING')).toHaveLength(1)

    // Ollama died while the third part was with the model: the two before it are kept.
    expect(kept).toMatchObject({ complete: false, summary: '' })
    expect(kept?.chunks.map((c) => c.summary !== '')).toEqual(kept?.chunks.map((_, i) => i < 2))

    expect(again.files.map((f) => [f.name, f.stage])).toEqual([
      ['book.md', 'done'],
      ['report.md', 'done'],
      ['utf8.txt', 'done'],
    ])
  })

  it('stops at the first file when Ollama is down from the start, with one error for the batch', async () => {
    await rig.fake.stop()
    const { files } = await summarize(rig.fake, rig, summaryFiles())
    expect(files[0]).toMatchObject({
      stage: 'failed',
      error: { code: 'OLLAMA_NOT_RUNNING', message: `Ollama is not running at ${rig.fake.host}.`, hint: 'Start Ollama, then try again.' },
    })
    expect(files[0]).not.toHaveProperty('summaryId')
    expect(files.slice(1)).toMatchObject([notStarted('book.md'), notStarted('book.md')])
    expect(rig.history.summaries().list()).toEqual([])
  })

  it('stops the same way when the model is gone, and a file that failed on its own keeps its own error', async () => {
    const [book, report, notes] = summaryFiles() as [BatchFile, BatchFile, BatchFile]
    const empty: BatchFile = { name: 'empty.txt', read: async () => fixture('empty.txt') }
    const { files } = await summarize(rig.fake, rig, [empty, report, notes, book], { model: 'llama3.2:3b' })
    expect(files.map((f) => [f.name, f.stage, f.error?.code])).toEqual([
      ['empty.txt', 'failed', 'FILE_EMPTY'],
      ['report.md', 'failed', 'MODEL_NOT_FOUND'],
      ['utf8.txt', 'cancelled', 'CANCELLED'],
      ['book.md', 'cancelled', 'CANCELLED'],
    ])
    expect(files[2]).toMatchObject(notStarted('report.md'))
    expect(rig.fake.requests.filter((r) => r.path === '/api/show')).toHaveLength(1)
  })
})
