import { launchBrowser, requireChromium } from '../tests/support/browser.ts'
import { openHarness, startHarnessSite, type StreamStats } from '../tests/e2e/support/markdownPage.ts'
import { makeReply, toTokens } from '../tests/e2e/support/markdownReply.ts'
import { median } from './stats.ts'
import { markdownTable } from './table.ts'

export const STREAM_TOKENS = 20_000
/** 2,000 tokens/s in 16 ms batches, as the stream pump delivers them. */
const BATCH_TOKENS = 32
const INTERVAL_MS = 16

export interface MarkdownBenchRow {
  name: string
  runs: number
  /** Time the page spent applying all batches (render, commit, layout), median over runs. */
  renderMs: number
  batchP50Ms: number
  batchP95Ms: number
  /** The update that ends the stream. */
  finalMs: number
  /** Longest main-thread task (PerformanceObserver `longtask`) over all runs; 0 when none passed 50 ms. */
  maxLongTaskMs: number
  /** Tasks over 50 ms, median over runs. */
  longTasks: number
  /** Longest frame, rendering included (`long-animation-frame`), over all runs. */
  maxLongFrameMs: number
  /** renderMs relative to the textContent baseline. */
  ratio: number
}

export interface MarkdownBenchResult {
  tokens: number
  chars: number
  codeBlocks: number
  rows: MarkdownBenchRow[]
}

/**
 * A 20,000-token reply with code blocks, tables, lists and math streamed into MarkdownView in
 * headless Chromium at 2,000 tokens/s (32 tokens every 16 ms), following the end as the chat does,
 * against the same stream written as textContent into a pre-wrap element (how the chat showed
 * replies before Markdown). Runs alternate, so both see the same machine.
 */
export async function markdownBench(runs = 2): Promise<MarkdownBenchResult> {
  const reply = makeReply(STREAM_TOKENS * 5)
  const tokens = toTokens(reply.text).slice(0, STREAM_TOKENS)
  const text = tokens.join('')
  const site = await startHarnessSite()
  const browser = await launchBrowser(requireChromium('The markdown bench'))
  const stats: Record<'text' | 'markdown', StreamStats[]> = { text: [], markdown: [] }
  try {
    for (let run = 0; run < runs; run++) {
      for (const mode of ['text', 'markdown'] as const) {
        const page = await openHarness(browser, site)
        stats[mode].push(
          await page.evaluate(
            ({ tokens, mode, batchTokens, intervalMs }) => window.markdownHarness.stream(tokens, { batchTokens, intervalMs, mode }),
            { tokens, mode, batchTokens: BATCH_TOKENS, intervalMs: INTERVAL_MS },
          ),
        )
        await page.close()
      }
    }
  } finally {
    await browser.close()
    await site.close()
  }
  const row = (name: string, all: StreamStats[], baselineMs: number): MarkdownBenchRow => {
    const renderMs = median(all.map((s) => s.renderMs))
    const round = (v: number): number => Math.round(v * 10) / 10
    return {
      name,
      runs: all.length,
      renderMs: Math.round(renderMs),
      batchP50Ms: round(median(all.map((s) => s.batchP50Ms))),
      batchP95Ms: round(median(all.map((s) => s.batchP95Ms))),
      finalMs: round(median(all.map((s) => s.finalMs))),
      maxLongTaskMs: Math.round(Math.max(0, ...all.flatMap((s) => s.longTasks))),
      longTasks: median(all.map((s) => s.longTasks.length)),
      maxLongFrameMs: Math.round(Math.max(0, ...all.flatMap((s) => s.longFrames))),
      ratio: Math.round((renderMs / Math.max(1, baselineMs)) * 100) / 100,
    }
  }
  const baselineMs = median(stats.text.map((s) => s.renderMs))
  return {
    tokens: tokens.length,
    chars: text.length,
    // Fence lines open and close blocks in turn (the reply never nests them); a cut-off last block counts.
    codeBlocks: Math.ceil((text.match(/^```/gm) ?? []).length / 2),
    rows: [row('textContent in a pre-wrap element (baseline)', stats.text, baselineMs), row('MarkdownView', stats.markdown, baselineMs)],
  }
}

export function markdownBenchTable(result: MarkdownBenchResult): string {
  return markdownTable(
    `Streaming a ${result.tokens.toLocaleString('en')}-token reply into the page (2,000 tokens/s, 32 per 16 ms batch, Chromium)`,
    [
      { header: 'renderer', cell: (r) => r.name },
      { header: 'update time (ms)', cell: (r) => r.renderMs, numeric: true },
      { header: '÷ baseline', cell: (r) => `${r.ratio}×`, numeric: true },
      { header: 'batch p50 (ms)', cell: (r) => r.batchP50Ms, numeric: true },
      { header: 'batch p95 (ms)', cell: (r) => r.batchP95Ms, numeric: true },
      { header: 'longest task (ms)', cell: (r) => r.maxLongTaskMs, numeric: true },
      { header: 'tasks > 50 ms', cell: (r) => r.longTasks, numeric: true },
      { header: 'longest frame (ms)', cell: (r) => r.maxLongFrameMs, numeric: true },
    ],
    result.rows,
    [
      `${result.chars.toLocaleString('en')} characters with ${result.codeBlocks} fenced code blocks, tables, lists and math. Update time: render, commit and layout of every batch, following the end of the text as the chat does (median of the runs). Longest task and frame: PerformanceObserver \`longtask\` and \`long-animation-frame\`, worst over the runs (0: none over 50 ms).`,
    ],
  )
}
