import { spawn, type ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeSummaryModel } from '../support/fakeSummaryModel.ts'
import { markedBook } from '../support/markedDocument.ts'
import { useTempDirs } from '../support/tempDir.ts'
import { useAppSession } from './appSession.ts'

// "Open with Instruct Desk": the OS hands main file paths (the Electron host's argv, second launch
// or open-file; here the same service the web bridge's command line feeds), and the window shows
// them on Summarize and summarizes them as if they had been dropped.
const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.replyFor = fakeSummaryModel(h.fake)
})
const tempDir = useTempDirs()
const root = path.resolve(import.meta.dirname, '../..')
const REPORT = path.join(root, 'tests/fixtures/documents/report.md')

const row = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Files in this batch' }).getByRole('listitem').filter({ hasText: name })
const rowStatus = (page: Page, name: string) => row(page, name).getByTestId('file-status').textContent()
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()

async function finished(page: Page, name: string): Promise<string | null> {
  await expect.poll(() => rowStatus(page, name), { timeout: 30_000 }).toMatch(/^(Done|Failed|Stopped)/)
  return rowStatus(page, name)
}

describe('files opened with the app', () => {
  it('land on Summarize from any screen and are summarized; a file that cannot be read says why', async () => {
    const page = session.page
    await expect.poll(() => heading(page)).toBe('Chat')
    const missing = path.join(await tempDir(), 'minutes.pdf')
    await session.h.app.openFiles([REPORT, missing])

    await expect.poll(() => heading(page)).toBe('Summarize')
    expect(await finished(page, 'report.md')).toMatch(/^Done · Markdown/)
    expect(await finished(page, 'minutes.pdf')).toBe('Failed')
    expect(await row(page, 'minutes.pdf').locator('.notice-title').textContent()).toBe(`${missing} does not exist.`)
    await expect.poll(() => page.getByRole('article').getByRole('heading', { name: 'report.md' }).isVisible()).toBe(true)
    // Taken by this window: nothing is left for another one.
    expect((await session.h.app.handlers.invoke['files:takeOpened']({}, new AbortController().signal)).files).toEqual([])
  })

  it('opened while a batch runs, they start when it is done', async () => {
    const page = session.page
    const ledger = path.join(await tempDir(), 'ledger.md')
    const book = markedBook({ chapters: 3, sectionsPerChapter: 3, paragraphsPerSection: 10, sentencesPerParagraph: 6 })
    await writeFile(ledger, book.markdown)
    // A slow model keeps the first batch running while the second file comes.
    session.h.fake.tokenDelayMs = 15
    await session.h.app.openFiles([ledger])
    await expect.poll(() => rowStatus(page, 'ledger.md'), { timeout: 30_000 }).toMatch(/^Summarizing/)
    await session.h.app.openFiles([REPORT])
    const waiting = page.getByRole('status').filter({ hasText: 'more file' })
    await expect.poll(() => waiting.textContent()).toBe('1 more file starts when this batch is done.')
    session.h.fake.tokenDelayMs = 0
    // The next batch takes the list's place once the first is done; both summaries are kept.
    expect(await finished(page, 'report.md')).toMatch(/^Done/)
    const stored = await session.h.app.handlers.invoke['summaries:list']({}, new AbortController().signal)
    expect(stored.map((s) => [s.fileName, s.complete])).toEqual([
      ['report.md', true],
      ['ledger.md', true],
    ])
  })
})

describe('the web bridge’s command line', () => {
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGTERM')
  })

  it('opens the files named after its options in the first page, which summarizes them', async () => {
    const bridge = spawn(process.execPath, [path.join(root, 'out/main/web.js'), '--ollama-host', session.h.fake.host, '--', REPORT], {
      env: { ...process.env, INSTRUCT_DESK_DATA_DIR: await tempDir() },
    })
    children.push(bridge)
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      bridge.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /Instruct Desk web preview: (\S+)/.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      bridge.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)))
    })
    const browser = session.page.context().browser()
    if (!browser) throw new Error('No browser')
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    try {
      await page.goto(url)
      await expect.poll(() => heading(page)).toBe('Summarize')
      expect(await finished(page, 'report.md')).toMatch(/^Done · Markdown/)
    } finally {
      await page.close()
    }
  })
})
