import { describe, expect, it } from 'vitest'
import { fixture } from '../fixtures/documents/fixtures.ts'
import { unnamedControls } from '../support/browser.ts'
import type { FakeChatRequest } from '../support/fakeOllama.ts'
import { fakeSummaryModel } from '../support/fakeSummaryModel.ts'
import { PNG_1PX } from '../support/images.ts'
import { markedBook } from '../support/markedDocument.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.replyFor = fakeSummaryModel(h.fake)
})
const page = () => session.page

interface Doc {
  name: string
  type: string
  bytes: Uint8Array
}

const REPORT: Doc = { name: 'report.md', type: 'text/markdown', bytes: fixture('report.md') }
/** About 26,000 tokens: more than one window, so it is summarized in parts and their summaries combined. */
const BOOK = markedBook({ chapters: 5, sectionsPerChapter: 3, paragraphsPerSection: 10, sentencesPerParagraph: 6 })
const LEDGER: Doc = { name: 'ledger.md', type: 'text/markdown', bytes: new TextEncoder().encode(BOOK.markdown) }

const files = () => page().getByRole('list', { name: 'Files in this batch' })
const row = (name: string) => files().getByRole('listitem').filter({ hasText: name })
const rowStatus = (name: string) => row(name).getByTestId('file-status').textContent()
const receipt = () => page().getByTestId('summary-receipt').textContent()
const result = () => page().getByRole('article')

async function openSummarize(): Promise<void> {
  await page().getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Summarize' }).click()
}

/** A drop as the browser makes it: the files in a DataTransfer, dispatched on the element `selector` names. */
async function drop(selector: string, docs: Doc[]): Promise<void> {
  const payload = docs.map((d) => ({ name: d.name, type: d.type, data: Buffer.from(d.bytes).toString('base64') }))
  await page().evaluate(
    ({ selector, payload }) => {
      const transfer = new DataTransfer()
      for (const d of payload)
        transfer.items.add(new File([Uint8Array.from(atob(d.data), (c) => c.charCodeAt(0))], d.name, { type: d.type }))
      const target = document.querySelector(selector)
      if (!target) throw new Error(`Nothing matches ${selector}`)
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    },
    { selector, payload },
  )
}

/** Picks files in the system's file chooser, opened by `opener` (a click, or a key on the focused drop zone). */
async function pick(docs: Doc[], opener: () => Promise<void>): Promise<void> {
  const chooser = page().waitForEvent('filechooser')
  await opener()
  await (await chooser).setFiles(docs.map((d) => ({ name: d.name, mimeType: d.type, buffer: Buffer.from(d.bytes) })))
}

async function finished(name: string): Promise<void> {
  await expect.poll(() => rowStatus(name), { timeout: 30_000 }).toMatch(/^(Done|Failed|Stopped)/)
}

describe('summarize', () => {
  it('summarizes a document dropped anywhere in the window and shows what it read, section by section', async () => {
    // Dropped on the Chat screen: the window hands it to Summarize.
    await drop('main.content', [REPORT])
    await expect.poll(() => page().getByRole('heading', { level: 1 }).textContent()).toBe('Summarize')
    await finished('report.md')
    expect(await rowStatus('report.md')).toMatch(/^Done · Markdown/)
    await expect.poll(() => result().getByRole('heading', { name: 'report.md' }).isVisible()).toBe(true)
    expect(await receipt()).toMatch(/^Read the whole document \(\d[\d,]* tokens\) in 1 model call\.$/)
    // The fake model found no [[pN]] markers to echo: its answer is the summary.
    expect(await result().locator('.summary-text').textContent()).toContain('Nothing readable.')
    // One part, labelled with the sections it spans, its own summary one click away.
    const part = result().locator('details', { hasText: 'C1' })
    expect(await part.locator('summary').textContent()).toContain('Findings – Appendix')
    await part.locator('summary').click()
    await expect.poll(() => part.getAttribute('open')).toBe('')
    expect(await unnamedControls(page())).toEqual([])
  })

  it('maps each point of a long document to its parts and names the parts the summary left out', async () => {
    // The combining call drops part C2 from its sources, as a model that skipped it would.
    const model = fakeSummaryModel(session.h.fake)
    session.h.fake.replyFor = (request: FakeChatRequest) => {
      const reply = model(request)
      const combining = request.messages.some((m) => m.content.includes('<summaries>'))
      return combining && typeof reply === 'string' ? reply.replace(/C2, /g, '').replace(/, C2\]/g, ']') : reply
    }
    await openSummarize()
    await drop('.drop-zone', [LEDGER])
    await finished('ledger.md')
    const text = await receipt()
    const parts = Number(/^Read all (\d+) parts \(\d[\d,]* tokens\) in \d+ model calls\.$/.exec(text ?? '')?.[1])
    expect(parts).toBeGreaterThan(1)
    expect(await result().locator('details').count()).toBe(parts)

    const left = result().getByRole('note').filter({ hasText: 'not drawn on by the summary' })
    expect(await left.locator('.notice-title').textContent()).toBe('One part is not drawn on by the summary.')
    expect(await left.getByRole('button').allTextContents()).toEqual([expect.stringMatching(/^C2/)])
    expect(
      await result()
        .getByRole('button', { name: /^Part C2, .*: not drawn on by the summary$/ })
        .count(),
    ).toBe(1)

    // A point's source opens that part's own summary, which echoes the markers of the paragraphs it read.
    const points = result().locator('.coverage-parts > li')
    expect(await points.count()).toBeGreaterThan(0)
    await points
      .first()
      .getByRole('button', { name: /^Part C1\b/ })
      .click()
    const c1 = result()
      .locator('details', { has: page().locator('summary', { hasText: 'C1' }) })
      .first()
    await expect.poll(() => c1.getAttribute('open')).toBe('')
    expect(await c1.locator('.chunk-body').textContent()).toContain(BOOK.markers[0])
    await expect.poll(() => page().evaluate(() => document.activeElement?.closest('details')?.open)).toBe(true)
    expect(await unnamedControls(page())).toEqual([])
  })

  it('shows each bad file’s own error while the good one in the batch is summarized', async () => {
    await openSummarize()
    const empty: Doc = { name: 'empty.txt', type: 'text/plain', bytes: new Uint8Array() }
    const picture: Doc = { name: 'scan.pdf', type: 'application/pdf', bytes: Buffer.from(PNG_1PX, 'base64') }
    // From the keyboard: the drop zone is also the button that opens the file chooser.
    await pick([empty, picture, REPORT], async () => {
      await page()
        .getByRole('button', { name: /^Drop documents or folders here/ })
        .focus()
      await page().keyboard.press('Enter')
    })
    for (const name of ['empty.txt', 'scan.pdf', 'report.md']) await finished(name)
    expect(await rowStatus('report.md')).toMatch(/^Done/)
    for (const name of ['empty.txt', 'scan.pdf']) {
      expect(await rowStatus(name)).toBe('Failed')
      // Each error names its own file and says what to do.
      expect(await row(name).locator('.notice-title').textContent()).toContain(name)
      expect(await row(name).locator('.notice-hint').textContent()).not.toBe('')
    }
    await expect.poll(() => result().getByRole('heading', { name: 'report.md' }).isVisible()).toBe(true)
    expect(await unnamedControls(page())).toEqual([])
  })

  it('keeps what was read when the batch is cancelled, marked incomplete', async () => {
    session.h.fake.tokenDelayMs = 15
    await openSummarize()
    await pick([LEDGER], () => page().getByRole('button', { name: 'Open…' }).click())
    await expect.poll(() => rowStatus('ledger.md'), { timeout: 30_000 }).toMatch(/^Summarizing part 2 of \d+/)
    await page().getByRole('button', { name: 'Cancel', exact: true }).click()
    await expect.poll(() => rowStatus('ledger.md'), { timeout: 10_000 }).toBe('Stopped · the parts read so far are kept')
    await expect
      .poll(() =>
        result()
          .getByRole('heading', { name: /ledger\.md/ })
          .textContent(),
      )
      .toContain('incomplete')
    expect(await receipt()).toMatch(
      /^Stopped before the end: read [12] of \d+ parts in \d+ model calls?; \d+ parts? not read, and no final summary was written\.$/,
    )
    expect(await result().locator('details', { hasText: 'not read' }).count()).toBeGreaterThan(0)
    // Without a final summary nothing is "left out" yet: the parts are read or not read.
    expect(await result().getByText('not drawn on by the summary').count()).toBe(0)
    const history = page().getByRole('navigation', { name: 'Earlier summaries' })
    await expect.poll(() => history.getByRole('button', { name: /ledger\.md/ }).textContent()).toContain('incomplete')
  })

  it('goes on while another screen is open, and is there to follow on return', async () => {
    session.h.fake.tokenDelayMs = 15
    await openSummarize()
    await pick([LEDGER], () => page().getByRole('button', { name: 'Open…' }).click())
    await expect.poll(() => rowStatus('ledger.md'), { timeout: 30_000 }).toMatch(/^Summarizing part 1 of \d+/)
    await page().getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click()
    await page().getByRole('textbox', { name: 'Message' }).waitFor()
    await openSummarize()
    expect(await rowStatus('ledger.md')).toMatch(/^Summarizing part \d+ of \d+/)
    await expect.poll(() => rowStatus('ledger.md'), { timeout: 60_000 }).toMatch(/^Done/)
    expect(await files().getByRole('listitem').count()).toBe(1)
    // The summary stored after the return opens, as it would have without leaving.
    await expect
      .poll(() =>
        result()
          .getByRole('heading', { name: /ledger\.md/ })
          .count(),
      )
      .toBe(1)
  })

  it('finds an earlier summary by its text and continues it in chat', async () => {
    await openSummarize()
    await drop('.drop-zone', [REPORT, LEDGER])
    await finished('ledger.md')
    await page().getByRole('searchbox', { name: 'Search summaries' }).fill('readable')
    const found = page().getByRole('list', { name: 'Search results' }).getByRole('button')
    await expect.poll(() => found.count(), { timeout: 5_000 }).toBe(1)
    expect(await found.locator('mark').textContent()).toBe('readable')
    expect(await found.textContent()).toContain('report.md')

    await page().getByRole('button', { name: 'Open the summary of ledger.md' }).click()
    await expect.poll(() => result().getByRole('heading', { name: 'ledger.md' }).isVisible()).toBe(true)
    await found.click()
    await expect.poll(() => result().getByRole('heading', { name: 'report.md' }).isVisible()).toBe(true)
    await result().getByRole('button', { name: 'Continue in chat' }).click()
    await expect.poll(() => page().getByRole('heading', { level: 1 }).textContent()).toMatch(/report\.md/)
    const conversations = page().getByRole('navigation', { name: 'Conversations' })
    expect(await conversations.locator('[aria-current="true"]').textContent()).toMatch(/report\.md/)
  })
})
