import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Ollama } from 'ollama'
import type { Page } from 'playwright-core'
import { HistoryStore } from '../src/main/storage/history/HistoryStore.ts'
import { DEFAULT_NUM_CTX, DEFAULT_SYSTEM_PROMPT } from '../src/shared/domain/chat.ts'
import { startBridgeHarness, type BridgeHarness } from '../tests/support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR, requireChromium } from '../tests/support/browser.ts'
import { QWEN } from '../tests/support/fakeOllama.ts'
import { makeReply, toTokens } from '../tests/e2e/support/markdownReply.ts'
import { Peer } from './peerProcess.ts'
import { median } from './stats.ts'
import { markdownTable } from './table.ts'

/** FakeOllama writes 4 characters per NDJSON line, a line per `tokenDelayMs`: one line stands for one token. */
const CHARS_PER_LINE = 4
/** 0.5 ms a line is 2,000 tokens/s; the fake writes two lines per 1 ms timer wait, and its real pace is measured and reported. */
const TOKEN_DELAY_MS = 0.5
const THROUGHPUT_TOKENS = 6_000
const THROUGHPUT_RUNS = 3
const FIRST_TOKEN_RUNS = 30
const LONGTASK_TOKENS = 20_000
/** Long replies streamed one after another (each in a new chat); long tasks are counted over all of them. */
const LONGTASK_RUNS = 3
const BIG_CONVERSATION = 10_000
const SMALL_CONVERSATION = 10
const OPEN_RUNS = 5

export interface ChatBenchResult {
  /** Lines (tokens) per second the fake actually delivered to the bare client. */
  fakeTokensPerS: number
  throughput: { baselineCharsPerS: number; appCharsPerS: number; ratio: number; chars: number; codeBlocks: number }
  firstToken: { runs: number; baselineP50Ms: number; appP50Ms: number; addedP50Ms: number }
  open: { smallMs: number; bigMs: number; ratio: number; bigMessages: number; renderedArticles: number }
  longTask: { tokens: number; chars: number; runs: number; maxLongTaskMs: number; longTasks: number }
}

/** A reply of `tokens` fake tokens (4 characters each) cut from the markdown bench's prose with code blocks. */
function replyOf(tokens: number): string {
  const text = toTokens(makeReply(tokens * CHARS_PER_LINE + 2_000).text).join('')
  return text.slice(0, tokens * CHARS_PER_LINE)
}

/** The bare `ollama` client on the same fake stream: time to the first part and to the last, characters received. */
async function bareClient(host: string, prompt: string): Promise<{ firstMs: number; totalMs: number; chars: number }> {
  const started = performance.now()
  let firstMs = NaN
  let lastMs = 0
  let chars = 0
  const stream = await new Ollama({ host }).chat({
    model: QWEN.name,
    messages: [
      { role: 'system', content: DEFAULT_SYSTEM_PROMPT },
      { role: 'user', content: prompt },
    ],
    options: { num_ctx: DEFAULT_NUM_CTX },
    stream: true,
  })
  for await (const part of stream) {
    if (!part.message.content) continue
    const now = performance.now() - started
    if (Number.isNaN(firstMs)) firstMs = now
    lastMs = now
    chars += part.message.content.length
  }
  return { firstMs, totalMs: lastMs, chars }
}

interface PageStream {
  /** From the Enter key to the first character of the reply in the DOM, and to its final text. */
  firstMs: number
  allMs: number
  longTasks: number[]
}

interface BenchWindow {
  chatBench?: { sentAt: number; firstAt: number; lastAt: number; lastLength: number; done: boolean; longTasks: number[] }
}

/**
 * Sends `prompt` from a new chat in the real app and watches the new reply's rendered text: a
 * MutationObserver notes when its length changes, with performance.now() in the page.
 */
async function appStream(page: Page, prompt: string): Promise<PageStream> {
  await page.getByRole('button', { name: 'New chat', exact: true }).click()
  // The new conversation is loaded (not merely nothing shown yet): an empty transcript and its export buttons.
  await page.waitForFunction(
    () =>
      document.querySelector('.transcript .empty-chat') !== null &&
      [...document.querySelectorAll('button')].some((b) => b.textContent === 'Export JSON'),
  )
  await page.getByRole('textbox', { name: 'Message' }).fill(prompt)
  await page.evaluate(() => {
    const w = window as BenchWindow
    const state = { sentAt: NaN, firstAt: NaN, lastAt: NaN, lastLength: 0, done: false, longTasks: [] as number[] }
    w.chatBench = state
    const longTasks = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push(entry.duration)
    })
    longTasks.observe({ type: 'longtask' })
    document.querySelector('textarea')?.addEventListener('keydown', () => (state.sentAt = performance.now()), { capture: true, once: true })
    const transcript = document.querySelector('.transcript')
    if (!transcript) throw new Error('no transcript')
    const observer = new MutationObserver(() => {
      const reply = [...document.querySelectorAll('article[aria-label="Assistant said"]')].at(-1)
      const length = reply?.querySelector('.turn-markdown')?.textContent?.length ?? 0
      const now = performance.now()
      if (length > 0 && Number.isNaN(state.firstAt)) state.firstAt = now
      if (length !== state.lastLength) {
        state.lastLength = length
        state.lastAt = now
      }
      if (reply?.getAttribute('data-state') === 'complete') {
        state.done = true
        observer.disconnect()
        longTasks.disconnect()
      }
    })
    observer.observe(transcript, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] })
  })
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => (window as BenchWindow).chatBench?.done === true, undefined, { timeout: 120_000, polling: 100 })
  return page.evaluate(() => {
    const s = (window as BenchWindow).chatBench
    if (!s) throw new Error('no measurements')
    return { firstMs: s.firstAt - s.sentAt, allMs: s.lastAt - s.sentAt, longTasks: s.longTasks }
  })
}

/** An export of alternating questions and answers (a few hundred characters each), as `importConversation` takes it. */
function conversationExport(size: number, title: string): unknown {
  const id = `bench-${size}`
  const messages = Array.from({ length: size }, (_, i) => {
    const role = i % 2 ? ('assistant' as const) : ('user' as const)
    const content =
      role === 'user'
        ? `Question ${i + 1}: how does part ${i} of the plan work?`
        : `Answer ${i + 1}.\n\n${'It works by keeping each step small and checking it. '.repeat(2 + (i % 6))}\n\n${i % 4 === 1 ? '```ts\nconst step = 1\n```' : '- first\n- second'}`
    return {
      id: `${id}-${i}`,
      conversationId: id,
      parentId: i ? `${id}-${i - 1}` : null,
      role,
      content,
      state: 'complete' as const,
      createdAt: i,
    }
  })
  return {
    format: 'instruct-desk-conversation',
    version: 1,
    conversation: {
      id,
      title,
      model: QWEN.name,
      pinned: false,
      createdAt: 0,
      updatedAt: size,
      messageCount: size,
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      options: {},
      messages,
      activeLeafId: `${id}-${size - 1}`,
    },
  }
}

/**
 * Clicks a conversation in the list and times, in the page, from the click to the frame after the
 * thread's last message is in the DOM (two animation frames: the one that renders it has painted).
 */
async function openConversation(page: Page, title: string, lastId: string): Promise<{ ms: number; articles: number }> {
  return page.evaluate(
    ({ title, lastId }) =>
      new Promise<{ ms: number; articles: number }>((resolve, reject) => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('button.conversation-open')].find((b) =>
          b.textContent?.includes(title),
        )
        if (!button) return reject(new Error(`no conversation ${title} in the list`))
        const started = performance.now()
        button.click()
        const check = (): void => {
          if (performance.now() - started > 30_000) return reject(new Error('the conversation did not open'))
          if (!document.querySelector(`[data-message-id="${CSS.escape(lastId)}"]`)) return void requestAnimationFrame(check)
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve({ ms: performance.now() - started, articles: document.querySelectorAll('article').length }),
            ),
          )
        }
        check()
      }),
    { title, lastId },
  )
}

/**
 * The chat as a user meets it, in headless Chromium through the web bridge against the fake Ollama:
 * reply throughput and first-token latency against a bare `ollama` client on the same fake stream,
 * opening a 10,000-message conversation against a 10-message one, and the longest main-thread task
 * while a 20,000-token reply streams in. Everything is compared inside one run.
 */
export async function chatBench(): Promise<ChatBenchResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-chat-bench-'))
  let h: BridgeHarness | undefined
  const browser = await launchBrowser(requireChromium('The chat bench'))
  const peer = new Peer()
  try {
    // The fake that streams the replies runs in a process of its own, as Ollama does: in the app's
    // process it would slow down whenever the app is busy, and the app would be measured against itself.
    const { host } = await peer.ask({ type: 'fake', options: { models: [QWEN], tokenDelayMs: TOKEN_DELAY_MS } }, 'fake')
    const replyWith = (text: string) => peer.ask({ type: 'reply', text }, 'replying')
    h = await startBridgeHarness(dataDir, RENDERER_DIR, { ollamaHost: host })

    // The big and the small conversation, written straight into the app's database file.
    const store = HistoryStore.open(path.join(dataDir, 'history.sqlite'))
    const big = store.importConversation(conversationExport(BIG_CONVERSATION, 'Bench: ten thousand messages'))
    const small = store.importConversation(conversationExport(SMALL_CONVERSATION, 'Bench: ten messages'))
    store.close()

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(h.bridge.url)
    await page.getByRole('textbox', { name: 'Message' }).waitFor()

    // 1. Throughput, alternating the bare client and the app on the same reply.
    const reply = replyOf(THROUGHPUT_TOKENS)
    await replyWith(reply)
    const baseRuns: { firstMs: number; totalMs: number; chars: number }[] = []
    const appRuns: PageStream[] = []
    for (let run = 0; run < THROUGHPUT_RUNS; run++) {
      baseRuns.push(await bareClient(host, `Explain run ${run}`))
      appRuns.push(await appStream(page, `Explain run ${run}`))
    }
    const baselineCharsPerS = median(baseRuns.map((r) => r.chars / (r.totalMs / 1000)))
    const appCharsPerS = median(appRuns.map((r) => reply.length / (r.allMs / 1000)))
    const fakeTokensPerS = median(baseRuns.map((r) => r.chars / CHARS_PER_LINE / (r.totalMs / 1000)))

    // 2. First visible token: a short reply, so each run is mostly the time to the first line.
    await replyWith('Lima is the capital of Peru. '.repeat(4))
    const baseFirst: number[] = []
    const appFirst: number[] = []
    for (let run = 0; run < FIRST_TOKEN_RUNS; run++) {
      baseFirst.push((await bareClient(host, `Where is Lima? (${run})`)).firstMs)
      appFirst.push((await appStream(page, `Where is Lima? (${run})`)).firstMs)
    }

    // 3. Opening conversations: the small one, then the big one, alternating (each open replaces the other).
    await page.reload()
    await page.getByRole('textbox', { name: 'Message' }).waitFor()
    const smallOpen: number[] = []
    const bigOpen: number[] = []
    let renderedArticles = 0
    for (let run = 0; run < OPEN_RUNS; run++) {
      smallOpen.push((await openConversation(page, small.title, small.activeLeafId ?? '')).ms)
      const opened = await openConversation(page, big.title, big.activeLeafId ?? '')
      bigOpen.push(opened.ms)
      renderedArticles = opened.articles
    }

    // 4. Long tasks in the real app while a 20,000-token reply with code blocks streams in.
    const longReply = replyOf(LONGTASK_TOKENS)
    await replyWith(longReply)
    const longTasks: number[] = []
    for (let run = 0; run < LONGTASK_RUNS; run++) longTasks.push(...(await appStream(page, `Write the long one (${run})`)).longTasks)
    await page.close()

    const round = (v: number): number => Math.round(v * 10) / 10
    const smallMs = median(smallOpen)
    const bigMs = median(bigOpen)
    return {
      fakeTokensPerS: Math.round(fakeTokensPerS),
      throughput: {
        baselineCharsPerS: Math.round(baselineCharsPerS),
        appCharsPerS: Math.round(appCharsPerS),
        ratio: Math.round((appCharsPerS / baselineCharsPerS) * 100) / 100,
        chars: reply.length,
        codeBlocks: Math.ceil((reply.match(/^```/gm) ?? []).length / 2),
      },
      firstToken: {
        runs: FIRST_TOKEN_RUNS,
        baselineP50Ms: round(median(baseFirst)),
        appP50Ms: round(median(appFirst)),
        addedP50Ms: round(median(appFirst) - median(baseFirst)),
      },
      open: {
        smallMs: round(smallMs),
        bigMs: round(bigMs),
        ratio: round(bigMs / smallMs),
        bigMessages: BIG_CONVERSATION,
        renderedArticles,
      },
      longTask: {
        tokens: LONGTASK_TOKENS,
        chars: longReply.length,
        runs: LONGTASK_RUNS,
        maxLongTaskMs: Math.round(Math.max(0, ...longTasks)),
        longTasks: longTasks.length,
      },
    }
  } finally {
    await browser.close()
    await h?.close()
    await peer.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

interface Row {
  measure: string
  baseline: string
  app: string
  ratio: string
  requirement: string
}

export function chatBenchTable(r: ChatBenchResult): string {
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met')
  const rows: Row[] = [
    {
      measure: `reply throughput to the DOM (${r.throughput.chars.toLocaleString('en')} chars)`,
      baseline: `${r.throughput.baselineCharsPerS.toLocaleString('en')} chars/s`,
      app: `${r.throughput.appCharsPerS.toLocaleString('en')} chars/s`,
      ratio: `${r.throughput.ratio}×`,
      requirement: `≥ 0.95×: ${verdict(r.throughput.ratio >= 0.95)}`,
    },
    {
      measure: `first visible token, p50 of ${r.firstToken.runs}`,
      baseline: `${r.firstToken.baselineP50Ms} ms`,
      app: `${r.firstToken.appP50Ms} ms`,
      ratio: `+${r.firstToken.addedP50Ms} ms`,
      requirement: `< 10 ms added: ${verdict(r.firstToken.addedP50Ms < 10)}`,
    },
    {
      measure: `open a conversation: ${r.open.bigMessages.toLocaleString('en')} messages (baseline: ${SMALL_CONVERSATION})`,
      baseline: `${r.open.smallMs} ms`,
      app: `${r.open.bigMs} ms (${r.open.renderedArticles} articles in the DOM)`,
      ratio: `${r.open.ratio}×`,
      requirement: `< 300 ms: ${verdict(r.open.bigMs < 300)}`,
    },
    {
      measure: `longest main-thread task, ${r.longTask.runs} replies of ${r.longTask.tokens.toLocaleString('en')} tokens`,
      baseline: '–',
      app: `${r.longTask.maxLongTaskMs} ms (${r.longTask.longTasks} over 50 ms)`,
      ratio: '–',
      requirement: `none over 50 ms: ${verdict(r.longTask.longTasks === 0)}`,
    },
  ]
  return markdownTable(
    'The chat in Chromium through the web bridge (fake Ollama)',
    [
      { header: 'measure', cell: (row) => row.measure },
      { header: 'baseline', cell: (row) => row.baseline, numeric: true },
      { header: 'app', cell: (row) => row.app, numeric: true },
      { header: 'app ÷ baseline', cell: (row) => row.ratio, numeric: true },
      { header: 'requirement', cell: (row) => row.requirement },
    ],
    rows,
    [
      `Baseline for the streams: a bare \`ollama\` client in Node on the same fake stream (4 characters a line at 2,000 lines/s, paced by the clock as a GPU would; it delivered ${r.fakeTokensPerS.toLocaleString('en')}/s), the fake in a process of its own as Ollama is, so neither side slows it down. App: Enter in a new chat until the reply's rendered text reaches its final length (MutationObserver, performance.now() in the page). Opening: click in the conversation list until two frames after the last message is in the DOM, median of ${OPEN_RUNS}; the baseline is a ${SMALL_CONVERSATION}-message conversation. Long tasks: PerformanceObserver \`longtask\` in the app while each reply streams, counted over all of them.`,
    ],
  )
}
