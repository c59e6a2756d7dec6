import { planChunks } from '../src/main/features/summarize/chunkPlan.ts'
import { summarizeDocument } from '../src/main/features/summarize/DocumentSummarizer.ts'
import { chunkBudget, DEFAULT_SUMMARY_NUM_CTX } from '../src/main/features/summarize/summaryBudget.ts'
import { OllamaClient } from '../src/main/ollama/OllamaClient.ts'
import { tokenizerFor, warmUp } from '../src/main/tokens/tokenCounter.ts'
import { createAppWorkerPool } from '../src/main/workers/appWorker.ts'
import { FakeOllama } from '../tests/support/fakeOllama.ts'
import { fakeSummaryModel } from '../tests/support/fakeSummaryModel.ts'
import { documentFromMarkdown, markedBook } from '../tests/support/markedDocument.ts'
import { median } from './stats.ts'
import { markdownTable } from './table.ts'

const MODEL = 'qwen2.5:7b-instruct'

export interface PlanRow {
  path: string
  ms: number
  mbPerS: number
  chunks: number
}

export interface CallsRow {
  tokens: number
  chunks: number
  /** ⌈document tokens ÷ chunk budget⌉: map calls no plan can go below. */
  minimumMap: number
  mapCalls: number
  reduceCalls: number
  calls: number
}

export interface SummarizeBenchResult {
  textBytes: number
  budget: number
  runs: number
  planning: PlanRow[]
  calls: CallsRow[]
}

/**
 * A book of `chapters` chapters of four sections, each of three paragraphs of sixteen sentences
 * (about 5,600 tokens a chapter): long paragraphs keep the fake's echo of their markers within a
 * part summary's room, as a real model keeps to its word limit.
 */
function bookOf(chapters: number) {
  const { markdown } = markedBook({ chapters, sectionsPerChapter: 4, paragraphsPerSection: 3, sentencesPerParagraph: 16 })
  return documentFromMarkdown('book.md', markdown, 3000)
}

/**
 * Chunk planning of a 2 MB book at the default window (in this thread, and through the worker pool
 * as the app runs it, structured clone included), then whole summaries against the fake model at
 * growing sizes: the map calls made against the minimum the document's tokens allow, and the
 * reduce calls on top. The fake answers instantly, so only the plan and the engine are measured.
 */
export async function summarizeBench(runs = 5): Promise<SummarizeBenchResult> {
  await warmUp()
  const counter = tokenizerFor(MODEL)
  const budget = chunkBudget(DEFAULT_SUMMARY_NUM_CTX, counter, { documentName: 'book.md', length: 'bullets' })
  const book = bookOf(180)
  const textBytes = Buffer.byteLength(book.text)
  const pool = createAppWorkerPool(1)
  const fake = await new FakeOllama({ tokenDelayMs: 0 }).start()
  fake.replyFor = fakeSummaryModel(fake)
  try {
    const time = async (fn: () => unknown): Promise<number> => {
      const samples: number[] = []
      for (let i = 0; i < runs; i++) {
        const started = performance.now()
        await fn()
        samples.push(performance.now() - started)
      }
      return median(samples)
    }
    const chunks = planChunks(book, budget, counter).chunks.length
    await pool.run('planSummaryChunks', { document: book, budget, model: MODEL }, { label: 'planning', timeoutMs: 120_000 })
    const row = (path: string, ms: number): PlanRow => ({
      path,
      ms: Math.round(ms),
      mbPerS: Math.round((textBytes / 1e6 / (ms / 1000)) * 10) / 10,
      chunks,
    })
    const planning = [
      row('`planChunks` in this thread', await time(() => planChunks(book, budget, counter))),
      row(
        'worker pool task',
        await time(() =>
          pool.run('planSummaryChunks', { document: book, budget, model: MODEL }, { label: 'planning', timeoutMs: 120_000 }),
        ),
      ),
    ]

    const ollama = new OllamaClient({ host: fake.host })
    const calls: CallsRow[] = []
    for (const chapters of [1, 5, 25, 100, 180]) {
      fake.requests.length = 0
      const result = await summarizeDocument(bookOf(chapters), { model: MODEL, length: 'bullets' }, { ollama, pool })
      const reduceCalls = fake.requests.filter((r) => r.path === '/api/chat' && JSON.stringify(r.body).includes('<summaries>')).length
      calls.push({
        tokens: result.documentTokens,
        chunks: result.chunks.length,
        minimumMap: Math.ceil(result.documentTokens / budget),
        mapCalls: result.calls - reduceCalls,
        reduceCalls,
        calls: result.calls,
      })
    }
    return { textBytes, budget, runs, planning, calls }
  } finally {
    await fake.stop()
    await pool.close()
  }
}

export function summarizeTable(result: SummarizeBenchResult): string {
  const planning = markdownTable(
    `Planning the chunks of a ${(result.textBytes / 1e6).toFixed(2)} MB book for a ${result.budget.toLocaleString('en')}-token budget (medians of ${result.runs})`,
    [
      { header: 'path', cell: (r: PlanRow) => r.path },
      { header: 'ms', cell: (r) => r.ms, numeric: true },
      { header: 'MB/s', cell: (r) => r.mbPerS, numeric: true },
      { header: 'chunks', cell: (r) => r.chunks, numeric: true },
    ],
    result.planning,
    [
      'Each paragraph is counted once with the Qwen2.5 tokenizer and each planned chunk once more, whole; the pool adds copying the document to the worker. ' +
        'The worker had planned once before, so its tokenizer was loaded.',
    ],
  )
  const calls = markdownTable(
    'Model calls for a whole summary (bullets, num_ctx 16,384) against the fake model',
    [
      { header: 'document tokens', cell: (r: CallsRow) => r.tokens.toLocaleString('en'), numeric: true },
      { header: 'minimum map calls', cell: (r) => r.minimumMap, numeric: true },
      { header: 'chunks', cell: (r) => r.chunks, numeric: true },
      { header: 'map calls', cell: (r) => r.mapCalls, numeric: true },
      { header: 'reduce calls', cell: (r) => r.reduceCalls, numeric: true },
      { header: 'total calls', cell: (r) => r.calls, numeric: true },
    ],
    result.calls,
    [
      'Map calls exceed the chunks only by retries (an answer or a prompt found cut). A document that fits one call is summarized by that call alone; ' +
        'longer ones need a reduce call, and more when the part summaries outgrow one window.',
    ],
  )
  return `${planning}\n\n${calls}`
}
