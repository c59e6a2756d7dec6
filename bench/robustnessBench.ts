import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { HistoryStore } from '../src/main/storage/history/HistoryStore.ts'
import { createAppWorkerPool } from '../src/main/workers/appWorker.ts'
import type { ErrorInfo } from '../src/shared/ipc/errors.ts'
import { BridgeClient } from '../tests/support/bridgeClient.ts'
import { startBridgeHarness } from '../tests/support/bridgeHarness.ts'
import { FakeOllama } from '../tests/support/fakeOllama.ts'
import { fakeSummaryModel } from '../tests/support/fakeSummaryModel.ts'
import { PULL_BYTES, pullThroughOutage, replyThroughOutage, summaryThroughOutage } from '../tests/support/ollamaOutage.ts'
import { concurrentReplies, killMidReply, type Arrival, type KillOutcome } from '../tests/support/robustnessScenarios.ts'
import { median } from './stats.ts'
import { markdownTable } from './table.ts'

const MB = 1_000_000
/** The fake's pace while a reply streams: 4 characters a line, 50 lines a second. */
const TOKEN_DELAY_MS = 20

export interface KillRow {
  scenario: string
  runs: number
  /** Medians and worsts over the runs: characters the window had at the kill, and those it had that the file did not. */
  receivedChars: number
  lostTokensMax: number
  lostCharsMax: number
  /** How long before the kill the oldest received-but-unsaved token arrived (0: nothing was lost). */
  lagMsMedian: number
  lagMsMax: number
  /** Every run kept all the window had received a second before the kill, in a file that passed integrity_check. */
  keptSecondBefore: boolean
  integrityOk: boolean
  reopenedAs: string
}

export interface OutageRow {
  workflow: string
  error: string
  kept: string
  after: string
}

export interface ConcurrencyRow {
  queue: string
  replySeconds: number
  rounds: number
  requests: number
  completed: number
  /** Completed after being told Ollama's queue was full. */
  completedAfterWait: number
  /** Ended with OLLAMA_BUSY and its message once the waits ran out. */
  busy: number
  other: number
  wallS: number
  heapBeforeMb: number
  heapAfterMb: number[]
  rssBeforeMb: number
  rssAfterMb: number[]
  peakRssMb: number
}

export interface RobustnessResult {
  kill: KillRow[]
  outage: OutageRow[]
  concurrency: ConcurrencyRow[]
}

async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-bench-'))
  try {
    return await run(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Kills mid-stream at spread-out moments (1.5 to 3 s into the reply), then while the model had paused for over a second. */
async function killFigures(): Promise<KillRow[]> {
  const fake = await new FakeOllama({
    tokenDelayMs: TOKEN_DELAY_MS,
    reply: 'Once upon a time, a lighthouse keeper counted the waves. '.repeat(200),
  }).start()
  const runs = async (count: number, killWhen: (i: number) => (arrivals: Arrival[], now: number) => boolean): Promise<KillOutcome[]> => {
    const outcomes: KillOutcome[] = []
    for (let i = 0; i < count; i++) outcomes.push(await withTempDir((dataDir) => killMidReply({ fake, dataDir, killWhen: killWhen(i) })))
    return outcomes
  }
  try {
    const streaming = await runs(7, (i) => (arrivals, now) => arrivals.length > 0 && now - (arrivals[0]?.at ?? now) >= 1_500 + 250 * i)
    fake.chatFault = { kind: 'pause-after', tokens: 60, ms: 5_000 }
    const paused = await runs(3, () => (arrivals, now) => arrivals.length > 0 && now - (arrivals.at(-1)?.at ?? now) >= 1_200)
    return [killRow(`streaming (${1000 / TOKEN_DELAY_MS} tokens/s)`, streaming), killRow('the model had paused for 1.2 s', paused)]
  } finally {
    await fake.stop()
  }
}

function killRow(scenario: string, outcomes: KillOutcome[]): KillRow {
  const states = [...new Set(outcomes.map((o) => o.reopened.state))]
  return {
    scenario,
    runs: outcomes.length,
    receivedChars: median(outcomes.map((o) => o.received.length)),
    lostTokensMax: Math.max(...outcomes.map((o) => o.lostTokens)),
    lostCharsMax: Math.max(...outcomes.map((o) => o.lostChars)),
    lagMsMedian: Math.round(median(outcomes.map((o) => o.lagMs))),
    lagMsMax: Math.round(Math.max(...outcomes.map((o) => o.lagMs))),
    keptSecondBefore: outcomes.every((o) => o.signal === 'SIGKILL' && o.reopened.content.startsWith(o.receivedSecondBefore)),
    integrityOk: outcomes.every((o) => o.integrity === 'ok'),
    reopenedAs: states.join(', '),
  }
}

/** Messages name the fake's port, which changes every run; the table shows the wording. */
const portless = (text: string | undefined): string => (text ?? '').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
const said = (error: ErrorInfo | undefined): string => (error ? `${error.code}: “${portless(error.message)}”` : 'none')
const gb = (bytes: number): string => (bytes === 0 ? 'nothing' : `${(bytes / 1e9).toFixed(2)} GB`)

/** Ollama (the fake) killed in the middle of each workflow, and what the user is left with. */
async function outageFigures(): Promise<OutageRow[]> {
  const rows: OutageRow[] = []
  await withTempDir(async (dataDir) => {
    const h = await startBridgeHarness(dataDir)
    const client = await BridgeClient.connect(h.bridge)
    try {
      h.fake.tokenDelayMs = TOKEN_DELAY_MS
      h.fake.reply = 'The tide tables for the harbour list two highs a day. '.repeat(40)
      const chat = await replyThroughOutage(client, h.fake, 200)
      const killed = chat.killed.end.ok ? undefined : chat.killed.end.error
      const early = chat.early.end.ok ? undefined : chat.early.end.error
      rows.push({
        workflow: 'chat reply',
        error: said(killed),
        kept: `${chat.killed.stored?.content.length} of ${chat.received.length} characters received, marked ${chat.killed.stored?.state}; Continue while down: ${early?.code}, text unchanged`,
        after: `Continue: ${chat.resumed.stored?.state}, ${chat.resumed.stored?.content === chat.received + chat.rest ? 'the kept text + the rest' : 'text differs'}`,
      })
    } finally {
      client.close()
      await h.close()
    }
  })

  for (const back of ['while-retrying', 'after-failing'] as const) {
    const fake = await new FakeOllama({ models: [], noPrune: true, pullLineDelayMs: 10 }).start()
    try {
      const pull = await pullThroughOutage(fake, { retryDelaysMs: back === 'while-retrying' ? [50, 100, 200, 400, 800] : [20, 40], back })
      const retries = pull.published.filter((p) => p.state === 'retrying')
      const atKill = retries[0]?.progress.completedBytes ?? 0
      const end = pull.again ?? pull.settled
      rows.push({
        workflow: back === 'while-retrying' ? 'model pull, Ollama back within the retries' : 'model pull, Ollama back after the retries',
        error:
          back === 'while-retrying'
            ? `retrying: “${portless(retries[0]?.retryReason)}”, then “${portless(retries.at(-1)?.retryReason)}”`
            : said(pull.settled.error),
        kept: `${gb(atKill)} of ${gb(PULL_BYTES)} at the kill`,
        after: `${back === 'while-retrying' ? 'resumed by itself' : 'pulled again'}: ${end.state}, ${gb(pull.pulledBytes - PULL_BYTES)} downloaded twice`,
      })
    } finally {
      await fake.stop()
    }
  }

  await withTempDir(async (dir) => {
    const fake = await new FakeOllama({ tokenDelayMs: 0 }).start()
    fake.replyFor = fakeSummaryModel(fake)
    const pool = createAppWorkerPool()
    const history = HistoryStore.open(path.join(dir, 'history.sqlite'))
    try {
      const summary = await summaryThroughOutage(fake, { pool, history })
      const [book, ...rest] = summary.first.files
      const parts = summary.kept?.chunks ?? []
      rows.push({
        workflow: `summary batch of ${summary.first.files.length} files`,
        error: `${book?.name}: ${said(book?.error)}; the other ${rest.length}: “${rest[0]?.error?.message}” (never sent)`,
        kept: `${parts.filter((c) => c.summary !== '').length} of ${parts.length} parts of ${book?.name}, in the history`,
        after: `the batch again: ${summary.again.files.filter((f) => f.stage === 'done').length} of ${summary.again.files.length} done`,
      })
    } finally {
      history.close()
      await pool.close()
      await fake.stop()
    }
  })
  return rows
}

interface QueueConfig {
  parallel: number
  maxQueue: number
  /** Lines of 4 characters per reply, at 25 ms a line. */
  lines: number
  rounds: number
}

/** Ollama's own default queue, one tighter than the burst, and one so tight that waits run out. */
const QUEUES: QueueConfig[] = [
  { parallel: 4, maxQueue: 512, lines: 20, rounds: 1 },
  { parallel: 8, maxQueue: 32, lines: 20, rounds: 3 },
  { parallel: 2, maxQueue: 8, lines: 40, rounds: 1 },
]

async function concurrencyFigures(): Promise<ConcurrencyRow[]> {
  const rows: ConcurrencyRow[] = []
  for (const config of QUEUES) {
    const fake = await new FakeOllama({ tokenDelayMs: 25, reply: 'abcd'.repeat(config.lines) }).start()
    fake.parallel = config.parallel
    fake.maxQueue = config.maxQueue
    try {
      const outcome = await withTempDir((dataDir) =>
        concurrentReplies({ fake, dataDir, requests: 100, sockets: 10, rounds: config.rounds }),
      )
      if (!outcome.alive) throw new Error('The web host stopped answering after the burst.')
      const replies = outcome.rounds.flatMap((r) => r.replies)
      const completed = replies.filter((r) => r.ok && r.state === 'complete' && r.content === fake.reply)
      const busy = replies.filter((r) => !r.ok && r.error?.code === 'OLLAMA_BUSY' && r.state === 'failed')
      rows.push({
        queue: `${config.parallel} at a time, ${config.maxQueue} waiting`,
        replySeconds: (config.lines * 25) / 1000,
        rounds: config.rounds,
        requests: replies.length,
        completed: completed.length,
        completedAfterWait: completed.filter((r) => r.notes.length > 0).length,
        busy: busy.length,
        other: replies.length - completed.length - busy.length,
        wallS: Math.round(median(outcome.rounds.map((r) => r.wallMs)) / 100) / 10,
        heapBeforeMb: Math.round(outcome.before.heapUsed / MB),
        heapAfterMb: outcome.rounds.map((r) => Math.round(r.memory.heapUsed / MB)),
        rssBeforeMb: Math.round(outcome.before.rss / MB),
        rssAfterMb: outcome.rounds.map((r) => Math.round(r.memory.rss / MB)),
        peakRssMb: Math.round(Math.max(...outcome.rounds.map((r) => r.memory.peakRss)) / MB),
      })
    } finally {
      await fake.stop()
    }
  }
  return rows
}

export async function robustnessBench(): Promise<RobustnessResult> {
  return { kill: await killFigures(), outage: await outageFigures(), concurrency: await concurrencyFigures() }
}

export function robustnessTable(result: RobustnessResult): string {
  const yes = (ok: boolean): string => (ok ? 'yes' : 'NO')
  const kill = markdownTable(
    'kill -9 of the web host while a reply streams',
    [
      { header: 'when', cell: (r: KillRow) => r.scenario },
      { header: 'runs', cell: (r) => r.runs, numeric: true },
      { header: 'received at the kill (chars, median)', cell: (r) => r.receivedChars, numeric: true },
      { header: 'received, not stored: tokens (max)', cell: (r) => r.lostTokensMax, numeric: true },
      { header: 'chars (max)', cell: (r) => r.lostCharsMax, numeric: true },
      { header: 'oldest of them, ms before the kill (median / max)', cell: (r) => `${r.lagMsMedian} / ${r.lagMsMax}`, numeric: true },
      { header: 'all received ≥ 1 s before the kill stored', cell: (r) => yes(r.keptSecondBefore) },
      { header: 'integrity_check', cell: (r) => (r.integrityOk ? 'ok' : 'FAILED') },
      { header: 'reopened as', cell: (r) => r.reopenedAs },
    ],
    result.kill,
    [
      'The web host runs from source as a process of its own (`src/main/web/main.ts`, its own data folder) against the fake Ollama in the bench process; ' +
        'a WebSocket client times each token as it arrives, then the host gets SIGKILL. The database is checked with `PRAGMA integrity_check` before anything reopens it, ' +
        'then opened by the history store as the next launch would. A token waits at most 500 ms to be written, whether or not another follows, ' +
        'so what a crash loses is what arrived in the last half second (plus a late timer).',
    ],
  )
  const outage = markdownTable(
    'Ollama killed mid-work (the fake’s server closed, cutting its connections; then started again on the same port)',
    [
      { header: 'workflow', cell: (r: OutageRow) => r.workflow },
      { header: 'what the user is told', cell: (r) => r.error },
      { header: 'work kept', cell: (r) => r.kept },
      { header: 'once Ollama is back', cell: (r) => r.after },
    ],
    result.outage,
    [
      'Pulls retry by themselves with growing waits (here shortened); the fake keeps partial downloads across the restart, as `ollama serve` does with the ' +
        '`OLLAMA_NOPRUNE=1` the app starts it with. A summary batch stops at the first failure every later file would share (Ollama gone, the model missing).',
    ],
  )
  const mb = (values: number[]): string => values.join(' → ')
  const concurrency = markdownTable(
    '100 chat replies at once through the web bridge (10 sockets, a conversation each)',
    [
      { header: 'fake Ollama queue', cell: (r: ConcurrencyRow) => r.queue },
      { header: 'reply (s)', cell: (r) => r.replySeconds, numeric: true },
      { header: 'rounds', cell: (r) => r.rounds, numeric: true },
      { header: 'completed', cell: (r) => r.completed, numeric: true },
      { header: 'of them after “queued”', cell: (r) => r.completedAfterWait, numeric: true },
      { header: 'OLLAMA_BUSY', cell: (r) => r.busy, numeric: true },
      { header: 'other', cell: (r) => r.other, numeric: true },
      { header: 'round (s, median)', cell: (r) => r.wallS, numeric: true },
      { header: 'heap after GC, MB: before → each round', cell: (r) => mb([r.heapBeforeMb, ...r.heapAfterMb]), numeric: true },
      { header: 'RSS, MB: before → each round', cell: (r) => mb([r.rssBeforeMb, ...r.rssAfterMb]), numeric: true },
      { header: 'peak RSS, MB', cell: (r) => r.peakRssMb, numeric: true },
    ],
    result.concurrency,
    [
      'The fake answers `parallel` chats at once and holds `maxQueue` more without an answer, like `OLLAMA_NUM_PARALLEL` and `OLLAMA_MAX_QUEUE` (512 by default); ' +
        'beyond that it answers 503 busy. The app then tells the window the message is queued and sends it again after 1, 2, 4 and 8 s; after that it fails with ' +
        '`OLLAMA_BUSY` (“Ollama is busy: server busy, please try again.  maximum pending requests exceeded”). “Other” counts any other ending: none is allowed. ' +
        'Memory is the host process’s own after a forced full GC (`--expose-gc`, read on a signal), after one warm-up reply and after each round of 100; ' +
        'the first burst grows the heap V8 keeps, later rounds level off.',
    ],
  )
  return `### Robustness\n\n${kill}\n\n${outage}\n\n${concurrency}`
}
