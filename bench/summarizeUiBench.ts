import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startBridgeHarness, type BridgeHarness } from '../tests/support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR, requireChromium } from '../tests/support/browser.ts'
import { QWEN } from '../tests/support/fakeOllama.ts'
import { fakeSummaryModel } from '../tests/support/fakeSummaryModel.ts'
import { markdownTable } from './table.ts'

const BOOK = path.resolve(import.meta.dirname, '../tests/fixtures/documents/book.pdf')

export interface SummarizeUiBenchResult {
  file: string
  bytes: number
  pages: number
  /** From choosing the file to the finished summary on screen. */
  totalMs: number
  maxLongTaskMs: number
  longTasksOver50: number
  longTasks: number
}

interface BenchWindow {
  summarizeBench?: number[]
}

/**
 * The renderer while a 201-page PDF is uploaded, read, split and summarized (against the fake
 * Ollama, which answers at once): every main-thread task longer than 50 ms in the page
 * (PerformanceObserver `longtask`), from choosing the file until the summary is on screen.
 */
export async function summarizeUiBench(): Promise<SummarizeUiBenchResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-summarize-bench-'))
  const browser = await launchBrowser(requireChromium('The Summarize screen bench'))
  let h: BridgeHarness | undefined
  try {
    h = await startBridgeHarness(dataDir, RENDERER_DIR)
    h.fake.models = [QWEN]
    h.fake.tokenDelayMs = 0.05
    h.fake.replyFor = fakeSummaryModel(h.fake)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(h.bridge.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Summarize' }).click()
    await page.getByRole('button', { name: 'Open…' }).waitFor()
    await page.evaluate(() => {
      const tasks: number[] = []
      ;(window as BenchWindow).summarizeBench = tasks
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration)
      }).observe({ type: 'longtask' })
    })
    const bytes = await readFile(BOOK)
    const started = performance.now()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Open…' }).click()
    // By path, as a file dialog hands it over: a buffer would be decoded by Playwright's own script in the page, a long task that is not the app's.
    await (await chooser).setFiles(BOOK)
    await page.getByText(/Read all \d+ parts/).waitFor({ timeout: 600_000 })
    const totalMs = performance.now() - started
    const tasks = await page.evaluate(() => (window as BenchWindow).summarizeBench ?? [])
    await page.close()
    return {
      file: 'tests/fixtures/documents/book.pdf',
      bytes: bytes.length,
      pages: 201,
      totalMs: Math.round(totalMs),
      maxLongTaskMs: Math.round(Math.max(0, ...tasks)),
      longTasksOver50: tasks.filter((t) => t > 50).length,
      longTasks: tasks.length,
    }
  } finally {
    await browser.close()
    await h?.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

export function summarizeUiTable(r: SummarizeUiBenchResult): string {
  return markdownTable(
    'The Summarize screen while a 201-page PDF is processed (Chromium, fake Ollama)',
    [
      { header: 'document', cell: (row: SummarizeUiBenchResult) => `${row.pages}-page PDF, ${(row.bytes / 1e6).toFixed(2)} MB` },
      { header: 'time to the summary on screen', cell: (row) => `${(row.totalMs / 1000).toFixed(1)} s`, numeric: true },
      { header: 'longest main-thread task', cell: (row) => `${row.maxLongTaskMs} ms`, numeric: true },
      { header: 'tasks over 50 ms', cell: (row) => row.longTasksOver50, numeric: true },
      { header: 'requirement', cell: (row) => `none over 50 ms: ${row.longTasksOver50 === 0 ? 'met' : 'NOT met'}` },
    ],
    [r],
    [
      'Upload (4 MB pieces), extraction and chunk planning run in main and its workers; the page only shows progress. Long tasks: PerformanceObserver `longtask` in the page from choosing the file until the summary is shown.',
    ],
  )
}
