import { runSummaryBatch, type BatchFile } from '../../src/main/features/summarize/SummaryBatch.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { PullManager } from '../../src/main/ollama/PullManager.ts'
import type { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import type { AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import type { ChatReplyEvent } from '../../src/shared/domain/chatReply.ts'
import type { Conversation, StoredMessage } from '../../src/shared/domain/conversation.ts'
import type { PullJob } from '../../src/shared/domain/pull.ts'
import type { SummaryOptions, SummaryResult } from '../../src/shared/domain/summary.ts'
import type { FileStatus } from '../../src/shared/domain/summaryJobs.ts'
import type { Envelope } from '../../src/shared/ipc/errors.ts'
import type { BridgeClient } from './bridgeClient.ts'
import { fixture } from '../fixtures/documents/fixtures.ts'
import { QWEN, type FakeOllama } from './fakeOllama.ts'
import { fakeSummaryModel } from './fakeSummaryModel.ts'
import { markedBook } from './markedDocument.ts'

// Ollama dying mid-work, for each workflow. Killing the fake closes its server, which cuts the open
// connections as a dying `ollama serve` would; starting it again on the same port is Ollama coming
// back (restarted by hand or by the app).

/** A step of the chat: the stream's end and the reply as stored afterwards. */
export interface ReplyStep {
  end: Envelope<unknown>
  stored: StoredMessage | undefined
}

export interface ReplyOutage {
  /** What the window had received when Ollama died. */
  received: string
  killed: ReplyStep
  /** Continue while Ollama is still down, then once it is back (its reply then being `rest`). */
  early: ReplyStep
  resumed: ReplyStep
  rest: string
}

/** A reply through the bridge during which Ollama dies after `killAfterChars`; then Continue, before and after it is back. */
export async function replyThroughOutage(client: BridgeClient, fake: FakeOllama, killAfterChars: number): Promise<ReplyOutage> {
  const { id } = await client.data<Conversation>('conversations:create', { model: QWEN.name })
  const step = async (action: object, onToken: (text: string) => void = () => {}): Promise<ReplyStep> => {
    const end = await client.stream('chat:reply', { conversationId: id, ...action }, (events) => {
      for (const event of events as ChatReplyEvent[]) if (event.type === 'token') onToken(event.text)
    })
    const stored = (await client.data<Conversation>('conversations:get', { id })).messages.find((m) => m.role === 'assistant')
    return { end, stored }
  }
  let received = ''
  const killed = await step({ kind: 'send', text: 'When is high water?' }, (text) => {
    received += text
    if (received.length >= killAfterChars) void fake.stop()
  })
  const messageId = killed.stored?.id
  const early = await step({ kind: 'continue', messageId })
  await fake.start()
  const rest = ' The end.'
  fake.reply = rest
  const resumed = await step({ kind: 'continue', messageId })
  return { received, killed, early, resumed, rest }
}

export const PULL_MODEL = 'qwen2.5:7b-instruct'
/** Its five layers, as the fake serves them. */
export const PULL_BYTES = 4_683_087_332

export interface PullOutage {
  /** Every update the windows got, in order. */
  published: PullJob[]
  /** The job as it ended without help: done when Ollama came back during the retries, else failed. */
  settled: PullJob
  /** After failing, the pull asked for again once Ollama is back. */
  again?: PullJob
  /** Layer bytes the fake sent over every request: the model's size when nothing came twice. */
  pulledBytes: number
}

/**
 * A pull during which Ollama dies once 1 GB has arrived. `back: 'while-retrying'` starts it again
 * once a retry has met the closed port; `'after-failing'` once the retries ran out, then pulls again.
 * The fake keeps partial downloads, as with the OLLAMA_NOPRUNE=1 the app starts `ollama serve` with.
 */
export async function pullThroughOutage(
  fake: FakeOllama,
  options: { retryDelaysMs: number[]; back: 'while-retrying' | 'after-failing' },
): Promise<PullOutage> {
  const published: PullJob[] = []
  const client = new OllamaClient({ host: fake.host })
  const notRunning = `Ollama is not running at ${fake.host}.`
  let killed = false
  let back = false
  const manager = new PullManager({
    client: () => client,
    retryDelaysMs: options.retryDelaysMs,
    publish: (job) => {
      published.push(job)
      if (!killed && job.progress.completedBytes >= 1e9) {
        killed = true
        void fake.stop()
      }
      if (options.back === 'while-retrying' && job.retryReason === notRunning && !back) {
        back = true
        void fake.start()
      }
    },
  })
  /** The pull once it has ended, as the windows last saw it. */
  const ended = () =>
    new Promise<PullJob>((resolve) => {
      const timer = setInterval(() => {
        const last = published.at(-1)
        if (last && (last.state === 'done' || last.state === 'failed') && manager.list()[0]?.state === last.state) {
          clearInterval(timer)
          resolve(last)
        }
      }, 10)
    })
  try {
    manager.start(PULL_MODEL)
    const settled = await ended()
    if (options.back === 'while-retrying') return { published, settled, pulledBytes: fake.pulledBytes }
    await fake.start()
    manager.start(PULL_MODEL)
    return { published, settled, again: await ended(), pulledBytes: fake.pulledBytes }
  } finally {
    manager.dispose()
  }
}

export const SUMMARY_OPTIONS: SummaryOptions = { model: QWEN.name, length: 'bullets', numCtx: 4096 }

/** A book long enough for several parts, then two small files. */
export function summaryFiles(): BatchFile[] {
  const { markdown } = markedBook({ chapters: 8, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
  const named = (name: string, bytes: Uint8Array): BatchFile => ({ name, read: async () => bytes })
  return [
    named('book.md', new TextEncoder().encode(markdown)),
    named('report.md', fixture('report.md')),
    named('utf8.txt', fixture('utf8.txt')),
  ]
}

export interface SummaryDeps {
  pool: AppWorkerPool
  history: HistoryStore
}

/** A batch's final statuses and every status it sent. */
export async function summarize(
  fake: FakeOllama,
  deps: SummaryDeps,
  files: BatchFile[],
  options: Partial<SummaryOptions> = {},
): Promise<{ files: FileStatus[]; events: FileStatus[] }> {
  const events: FileStatus[] = []
  const outcome = await runSummaryBatch(
    files,
    { ...SUMMARY_OPTIONS, ...options },
    { pool: deps.pool, ollama: new OllamaClient({ host: fake.host }), summaries: deps.history.summaries(), maxBytes: 10_000_000 },
    { signal: new AbortController().signal, onStatus: (status) => events.push(status) },
  )
  return { files: outcome.files, events }
}

export interface SummaryOutage {
  first: { files: FileStatus[]; events: FileStatus[] }
  /** What the history kept of the file Ollama died on. */
  kept: SummaryResult | undefined
  /** The same files summarized again once Ollama is back. */
  again: { files: FileStatus[] }
}

/** A batch of `summaryFiles()` during which Ollama dies while the book's third part is with the model; then the batch again. */
export async function summaryThroughOutage(fake: FakeOllama, deps: SummaryDeps): Promise<SummaryOutage> {
  const model = fakeSummaryModel(fake)
  let calls = 0
  fake.replyFor = (request) => {
    if (++calls === 3) void fake.stop()
    return model(request)
  }
  const first = await summarize(fake, deps, summaryFiles())
  const kept = deps.history.summaries().get(first.files[0]?.summaryId ?? '')?.result
  await fake.start()
  fake.replyFor = model
  return { first, kept, again: await summarize(fake, deps, summaryFiles()) }
}
