import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ExtractedDocument } from '../../src/shared/domain/documents.ts'
import type { SummaryLength, SummaryProgress, SummaryResult } from '../../src/shared/domain/summary.ts'
import { summarizeDocument, type SummarizeOptions } from '../../src/main/features/summarize/DocumentSummarizer.ts'
import { answerRoom, chunkBudget } from '../../src/main/features/summarize/summaryBudget.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { FakeOllama, type FakeChatRequest } from '../support/fakeOllama.ts'
import { fakeSummaryModel, inflatedTokens, visiblePrompt } from '../support/fakeSummaryModel.ts'
import { documentFromMarkdown, markedBook, type BookShape } from '../support/markedDocument.ts'

const MODEL = 'qwen2.5:7b-instruct'
const counter = tokenizerFor(MODEL)
let pool: AppWorkerPool
let fake: FakeOllama

beforeAll(() => {
  pool = createAppWorkerPool(1)
})
afterAll(() => pool.close())

beforeEach(async () => {
  fake = await new FakeOllama({ tokenDelayMs: 0 }).start()
  fake.replyFor = fakeSummaryModel(fake)
})
afterEach(() => fake.stop())

function book(shape: BookShape): { document: ExtractedDocument; markers: string[] } {
  const { markdown, markers } = markedBook(shape)
  return { document: documentFromMarkdown('book.md', markdown, 3000), markers }
}

function summarize(document: ExtractedDocument, options: Partial<SummarizeOptions> = {}): Promise<SummaryResult> {
  return summarizeDocument(
    document,
    { model: MODEL, length: 'bullets', numCtx: 4096, ...options },
    { ollama: new OllamaClient({ host: fake.host }), pool },
  )
}

const chats = () => fake.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as FakeChatRequest)
const userText = (request: FakeChatRequest) => request.messages.at(-1)?.content ?? ''

/** Tokens one call can carry for these options, as the engine computes them. */
function budgetFor(length: SummaryLength, numCtx: number): number {
  return chunkBudget(numCtx, counter, { documentName: 'book.md', length })
}

/** Every marker is in the summary of the chunk whose text holds it, and in no other. */
function expectMarkersInTheirChunks(document: ExtractedDocument, markers: string[], result: SummaryResult): void {
  for (const marker of markers) {
    const at = document.text.indexOf(marker)
    const holders = result.chunks.filter((c) => c.summary.includes(marker))
    expect(
      holders.map((c) => c.id),
      marker,
    ).toEqual(result.chunks.filter((c) => c.range.start <= at && at < c.range.end).map((c) => c.id))
  }
}

function expectFullCoverage(result: SummaryResult): void {
  const cited = new Set(result.coverage.parts.flatMap((p) => p.chunkIds))
  expect([...cited].sort()).toEqual(result.chunks.map((c) => c.id).sort())
  expect(result.coverage.unreferenced).toEqual([])
}

describe('summarizeDocument against the fake model', () => {
  it('summarizes a document that fits in one call, with the window and answer room set explicitly', async () => {
    const { document, markers } = book({ chapters: 2, sectionsPerChapter: 2, paragraphsPerSection: 2, sentencesPerParagraph: 2 })
    const result = await summarize(document, { numCtx: undefined })
    expect(result).toMatchObject({ complete: true, calls: 1, truncated: false, numCtx: 16_384, warnings: [] })
    expect(result.chunks).toHaveLength(1)
    expect(result.documentTokens).toBe(counter.count(document.text))
    for (const marker of markers) expect(result.summary).toContain(marker)
    expect(result.coverage.parts.length).toBeGreaterThan(0)
    expect(result.coverage.parts.every((p) => p.chunkIds.join() === 'C1' && !p.inferred)).toBe(true)
    const [request] = chats()
    expect(request?.options).toMatchObject({ num_ctx: 16_384, num_predict: answerRoom('bullets', 'whole') })
    expect(request?.options?.temperature).toBeLessThanOrEqual(0.3)
    expect(request?.messages[0]?.role).toBe('system')
    expect(userText(request!)).toMatch(/Summarize the document above in between 5 and 8 bullet points/)
  })

  it('never asks for more than the model was trained for', async () => {
    const { document } = book({ chapters: 1, sectionsPerChapter: 1, paragraphsPerSection: 2, sentencesPerParagraph: 2 })
    const result = await summarize(document, { numCtx: 65_536 })
    expect(result.numCtx).toBe(32_768)
    expect(chats()[0]?.options?.num_ctx).toBe(32_768)
  })

  it('maps each chunk and reduces once, with every marker in its chunk and every chunk in the coverage map', async () => {
    const { document, markers } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const result = await summarize(document)
    const n = result.chunks.length
    expect(n).toBeGreaterThan(3)
    expect(n).toBeLessThanOrEqual(Math.ceil(result.documentTokens / budgetFor('bullets', 4096)) + 1)
    expect(result).toMatchObject({ complete: true, calls: n + 1, truncated: false })
    expectMarkersInTheirChunks(document, markers, result)
    expectFullCoverage(result)
    expect(result.coverage.parts.every((p) => !p.inferred)).toBe(true)
    expect(result.summary).not.toMatch(/\[C\d+/)

    const requests = chats()
    for (const request of requests) {
      const prompt = counter.countChat(request.messages.map((m) => ({ role: m.role, content: m.content })))
      expect(prompt + (request.options?.num_predict ?? 0)).toBeLessThanOrEqual(request.options?.num_ctx ?? 0)
    }
    const second = result.chunks[1]!
    expect(userText(requests[1]!)).toContain(
      `part 2 of ${n} (pages ${second.pages?.first}–${second.pages?.last}; sections: ${second.sections[0]}`,
    )
    const reduce = userText(requests.at(-1)!)
    for (const chunk of result.chunks) expect(reduce).toContain(`[${chunk.id}] part ${chunk.id.slice(1)} of ${n}`)
  })

  it('combines in groups when the chunk summaries do not fit one call', async () => {
    const { document, markers } = book({ chapters: 40, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const result = await summarize(document)
    const n = result.chunks.length
    expect(n).toBeGreaterThan(12)
    expect(n).toBeLessThanOrEqual(Math.ceil(result.documentTokens / budgetFor('bullets', 4096)) + 1)
    const merges = chats().filter((r) => /Combine these summaries into bullet points/.test(userText(r)))
    expect(merges.length).toBeGreaterThan(1)
    expect(result.calls).toBe(n + merges.length + 1)
    expect(userText(chats().at(-1)!)).toMatch(/Summary of \d+ consecutive parts:\n- .* \[C1, C2, C3\]/)
    expectMarkersInTheirChunks(document, markers, result)
    expectFullCoverage(result)
  })

  it('attributes uncited parts to every chunk their call read, and lists the chunks nothing draws on', async () => {
    const { document } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const model = fakeSummaryModel(fake)
    const finalAnswer = (answer: string) => (request: FakeChatRequest) =>
      userText(request).includes('<summaries>') ? answer : model(request)

    fake.replyFor = finalAnswer('- An overview with no sources.\n- A point from the start [C1].')
    const uncited = await summarize(document)
    const ids = uncited.chunks.map((c) => c.id)
    expect(uncited.coverage).toEqual({
      parts: [
        { text: '- An overview with no sources.', chunkIds: ids, inferred: true },
        { text: '- A point from the start.', chunkIds: ['C1'], inferred: false },
      ],
      unreferenced: [],
    })

    fake.replyFor = finalAnswer('- Only the start [C1]\n- And the end [C' + ids.length + ']')
    const partial = await summarize(document)
    expect(partial.coverage.unreferenced).toEqual(ids.slice(1, -1))
    expect(partial.summary).toBe('- Only the start\n- And the end')
  })

  it('notices Ollama cut a prompt it counted more tokens for, and summarizes that chunk again in smaller parts', async () => {
    const { document, markers } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const plain = await summarize(document)
    fake.requests.length = 0
    fake.countTokens = inflatedTokens('[[p40]]', 2)
    const result = await summarize(document)

    const first = chats().find((r) => userText(r).includes('[[p40]]'))!
    const seen = visiblePrompt(first, fake.countTokens)
    expect(markers.filter((m) => userText(first).includes(m) && !seen.includes(m)).length).toBeGreaterThan(0)

    expect(result.truncated).toBe(false)
    expect(result.chunks.length).toBeGreaterThan(plain.chunks.length)
    expect(result.calls).toBeGreaterThan(result.chunks.length + 1)
    expectMarkersInTheirChunks(document, markers, result)
    expectFullCoverage(result)
  })

  it('falls back to map and reduce when Ollama cut the one-call prompt', async () => {
    const { document, markers } = book({ chapters: 2, sectionsPerChapter: 3, paragraphsPerSection: 4, sentencesPerParagraph: 3 })
    fake.countTokens = inflatedTokens('[[p3]]', 3)
    const result = await summarize(document)
    expect(chats()[0]?.messages.at(-1)?.content).toMatch(/^Document: "book.md"\n\n<document>/)
    expect(result.chunks.length).toBeGreaterThan(1)
    expect(result).toMatchObject({ complete: true, truncated: false })
    expect(userText(chats().at(-1)!)).toContain('<summaries>')
    expectMarkersInTheirChunks(document, markers, result)
    expectFullCoverage(result)
  })

  it('reports truncation it cannot avoid by splitting, and still finishes', async () => {
    const { document } = book({ chapters: 4, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    fake.countTokens = inflatedTokens('[[p5]]', 1000)
    const result = await summarize(document)
    expect(result).toMatchObject({ complete: true, truncated: true })
    expect(result.warnings.some((w) => /could not read all of part \d+/.test(w))).toBe(true)
    expect(result.calls).toBeLessThan(result.chunks.length + 20)
  })

  it('retries an answer cut by num_predict with more room', async () => {
    const { document, markers } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const model = fakeSummaryModel(fake)
    const room = answerRoom('bullets', 'part')
    fake.replyFor = (request) =>
      request.options?.num_predict === room ? { content: '- The text covers', doneReason: 'length' } : model(request)
    const result = await summarize(document)
    const n = result.chunks.length
    expect(result.calls).toBe(2 * n + 1)
    const requests = chats()
    const retries = requests.filter((r, i) => requests[i - 1]?.options?.num_predict === room && userText(r) === userText(requests[i - 1]!))
    expect(retries).toHaveLength(n)
    for (const retry of retries) expect(retry.options?.num_predict).toBeGreaterThan(room)
    expect(result.chunks.every((c) => !c.cut)).toBe(true)
    expect(result.warnings).toEqual([])
    expectMarkersInTheirChunks(document, markers, result)
  })

  it('keeps and reports an answer that stays cut', async () => {
    const { document } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const model = fakeSummaryModel(fake)
    fake.replyFor = (request) =>
      userText(request).startsWith('Document: "book.md", part 2 of')
        ? { content: '- The text covers', doneReason: 'length' }
        : model(request)
    const result = await summarize(document)
    expect(result.complete).toBe(true)
    expect(result.chunks[1]).toMatchObject({ cut: true, summary: '- The text covers' })
    expect(result.chunks.filter((c) => c.cut)).toHaveLength(1)
    expect(result.warnings).toEqual([expect.stringMatching(/^The notes on part 2 \(pages \d+–\d+\) were cut short/)])
  })

  it('stops mid-map when cancelled and keeps the chunks already summarized', async () => {
    const { document, markers } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const controller = new AbortController()
    const onProgress = (p: SummaryProgress) => {
      if (p.stage === 'map' && p.call === 3) controller.abort()
    }
    const result = await summarize(document, { signal: controller.signal, onProgress })
    expect(result).toMatchObject({ complete: false, summary: '', calls: 2 })
    expect(result.chunks.length).toBeGreaterThan(3)
    expect(result.chunks.map((c) => c.summary !== '')).toEqual(result.chunks.map((_, i) => i < 2))
    expect(result.coverage.unreferenced).toEqual(result.chunks.map((c) => c.id))
    const done = result.chunks.slice(0, 2)
    for (const marker of markers.filter((m) => document.text.indexOf(m) < (done[1]?.range.end ?? 0))) {
      expect(done.some((c) => c.summary.includes(marker))).toBe(true)
    }
    expect(chats()).toHaveLength(2)
  })

  it('reports progress through the stages with a growing count and an ETA once a call has finished', async () => {
    const { document } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const events: SummaryProgress[] = []
    const result = await summarize(document, { onProgress: (p) => events.push(p) })
    const stages = events.map((e) => e.stage).filter((s, i, all) => s !== all[i - 1])
    expect(stages).toEqual(['planning', 'map', 'reduce', 'done'])
    const maps = events.filter((e) => e.stage === 'map')
    expect(Math.max(...maps.map((e) => e.call))).toBe(result.chunks.length)
    expect(maps.every((e) => e.calls === result.chunks.length)).toBe(true)
    events.slice(1).forEach((e, i) => expect(e.tokensDone).toBeGreaterThanOrEqual(events[i]?.tokensDone ?? 0))
    expect(maps.find((e) => e.tokensDone > 0)?.etaMs).toBeGreaterThanOrEqual(0)
    expect(maps[0]?.etaMs).toBeUndefined()
    const last = events.at(-1)
    expect(last).toMatchObject({ stage: 'done', etaMs: 0 })
    expect(last?.tokensDone).toBe(last?.tokensTotal)
    expect(last?.tokensDone).toBeGreaterThan(result.documentTokens)
  })

  it('asks for the focus and the language in every prompt', async () => {
    const { document } = book({ chapters: 10, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    await summarize(document, { focus: 'the budget', language: 'French' })
    const requests = chats()
    expect(requests.length).toBeGreaterThan(2)
    expect(userText(requests[0]!)).toContain('Summarize only what this part says about the budget.')
    expect(userText(requests.at(-1)!)).toContain('Summarize only what the summaries say about the budget.')
    for (const request of requests) expect(userText(request)).toMatch(/Write in French\.\nAfter|Write in French\.\nReply/)
  })

  it('fails with the model’s error when it is not installed, and on a document without text', async () => {
    const { document } = book({ chapters: 1, sectionsPerChapter: 1, paragraphsPerSection: 1, sentencesPerParagraph: 1 })
    await expect(summarize(document, { model: 'llama3.2:1b' })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
    await expect(summarize({ ...document, text: ' \n ' })).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })
})
