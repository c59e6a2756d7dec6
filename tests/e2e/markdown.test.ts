import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest'
import { launchBrowser, unnamedControls } from '../support/browser.ts'
import { openHarness, startHarnessSite, type HarnessSite } from './support/markdownPage.ts'
import { makeReply, toTokens } from './support/markdownReply.ts'

// MarkdownView in Chromium, on a page served with the renderer's CSP: what a streamed reply ends
// up as in the DOM, the Copy buttons, and what the CSP and accessibility tree make of it.
// Timing is the bench's job (`npm run bench -- markdown`), not asserted here.

let browser: Browser | undefined
let site: HarnessSite | undefined
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  site = await startHarnessSite()
  browser = await launchBrowser(inject('chromiumPath'))
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})
beforeEach(async () => {
  if (!browser || !site) throw new Error('Chromium or the harness did not start')
  page = await openHarness(browser, site)
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
})
afterEach(async () => {
  await page.close()
})

const reply = makeReply(40_000)

/**
 * Replaces the async clipboard: `record` keeps what is written; `deny` refuses, as a session that
 * denies the permission does, and the page's `copy` events are recorded instead; `fail` refuses and
 * breaks the execCommand fallback too.
 */
async function stubClipboard(mode: 'record' | 'deny' | 'fail'): Promise<void> {
  await page.evaluate((mode) => {
    const copied: string[] = []
    Object.assign(window, { copied })
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: (text: string) =>
          mode === 'record'
            ? (copied.push(text), Promise.resolve())
            : Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
      },
    })
    document.addEventListener('copy', (event) => {
      const target = event.target
      if (target instanceof HTMLTextAreaElement) copied.push(target.value.slice(target.selectionStart, target.selectionEnd))
    })
    if (mode === 'fail') document.execCommand = () => false
  }, mode)
}

const copiedText = (): Promise<string[]> => page.evaluate(() => (window as unknown as { copied: string[] }).copied)

describe('MarkdownView in Chromium', () => {
  test('a streamed reply ends as the right DOM: code blocks, tables, math, links, no inline styles, no CSP violations', async () => {
    const tokens = toTokens(reply.text)
    await page.evaluate((tokens) => window.markdownHarness.stream(tokens, { batchTokens: 200, intervalMs: 0, mode: 'markdown' }), tokens)

    const dom = await page.evaluate(() => {
      const md = document.querySelector('.md')
      const links = [...document.querySelectorAll('.md a')]
      return {
        codeBlocks: document.querySelectorAll('.md .md-code').length,
        copyButtons: document.querySelectorAll('.md button.md-copy').length,
        highlighted: document.querySelectorAll('.md .hljs-keyword').length,
        focusablePres: document.querySelectorAll('.md pre[tabindex="0"]').length,
        tables: document.querySelectorAll('.md table thead th').length > 0 && document.querySelectorAll('.md table tbody td').length > 0,
        maths: document.querySelectorAll('.md math').length,
        blockMaths: document.querySelectorAll('.md math[display="block"]').length,
        checkboxes: [...document.querySelectorAll<HTMLInputElement>('.md input[type="checkbox"]')].map((c) => c.disabled),
        styled: document.querySelectorAll('[style]').length,
        links: links.length,
        unsafeLinks: links.filter((a) => a.getAttribute('rel') !== 'noopener noreferrer' || a.getAttribute('target') !== '_blank').length,
        text: md?.textContent ?? '',
        violations: window.markdownHarness.violations(),
      }
    })
    expect(dom.codeBlocks).toBe(reply.codeBlocks)
    expect(dom.copyButtons).toBe(reply.codeBlocks)
    expect(dom.focusablePres).toBe(reply.codeBlocks)
    expect(dom.highlighted).toBeGreaterThan(0)
    expect(dom.tables).toBe(true)
    expect(dom.maths).toBeGreaterThan(0)
    expect(dom.blockMaths).toBeGreaterThan(0)
    expect(dom.checkboxes.length).toBeGreaterThan(0)
    expect(dom.checkboxes.every(Boolean)).toBe(true)
    expect(dom.styled).toBe(0)
    expect(dom.links).toBeGreaterThan(0)
    expect(dom.unsafeLinks).toBe(0)
    expect(dom.text).not.toContain('```')
    expect(dom.violations).toEqual([])
    expect(pageErrors).toEqual([])
    expect(await unnamedControls(page)).toEqual([])
  })

  test('while streaming, an unterminated fence is already a code block, shown plain until the block is done', async () => {
    const cut = reply.text.indexOf('```python\n') + '```python\nimport json\nfrom pathlib'.length
    const partial = reply.text.slice(0, cut)
    const last = await page.evaluate((partial) => {
      window.markdownHarness.render(partial, true)
      const blocks = document.querySelectorAll('.md-block')
      const block = blocks[blocks.length - 1]
      return { html: block?.innerHTML ?? '', text: block?.textContent ?? '' }
    }, partial)
    expect(last.html).toContain('<code class="language-python">import json\nfrom pathlib</code>')
    expect(last.text).not.toContain('```')
    expect(last.html).not.toContain('hljs-')

    const done = await page.evaluate((partial) => {
      window.markdownHarness.render(`${partial} import Path\n\`\`\`\n`, false)
      const blocks = document.querySelectorAll('.md-block')
      return blocks[blocks.length - 1]?.innerHTML ?? ''
    }, partial)
    expect(done).toContain('<span class="hljs-keyword">import</span>')
  })

  test('Copy copies the raw code of the right block, with mouse or keyboard, and says so', async () => {
    await page.evaluate((text) => window.markdownHarness.render(text, false), reply.text)
    await stubClipboard('record')
    const buttons = page.locator('.md button.md-copy')
    await buttons.nth(2).click()
    await expect.poll(copiedText).toEqual([reply.codes[2]])
    expect(await buttons.nth(2).textContent()).toBe('Copied')
    expect(await page.locator('.md-copy-status').textContent()).toBe('Code copied to the clipboard.')

    await buttons.nth(0).focus()
    await page.keyboard.press('Enter')
    await expect.poll(copiedText).toEqual([reply.codes[2], reply.codes[0]])
    const name = await buttons.nth(0).getAttribute('aria-label')
    expect(name).toMatch(/^Copy code( \(\w+\))?$/)
  })

  test('when the async clipboard is denied, the execCommand fallback copies, and focus stays on the button', async () => {
    await page.evaluate((text) => window.markdownHarness.render(text, false), reply.text)
    await stubClipboard('deny')
    const button = page.locator('.md button.md-copy').nth(3)
    await button.click()
    await expect.poll(copiedText).toEqual([reply.codes[3]])
    expect(await button.textContent()).toBe('Copied')
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await page.locator('.md-copy-buffer').count()).toBe(0)
  })

  test('when no way of copying works, a visible message says so and the code is selected instead', async () => {
    await page.evaluate((text) => window.markdownHarness.render(text, false), reply.text)
    await stubClipboard('fail')
    await page.locator('.md button.md-copy').nth(1).click()
    const status = page.locator('.md-copy-status')
    await expect.poll(() => status.textContent()).toMatch(/^Could not copy the code \(Write permission denied\.\)/)
    expect(await status.isVisible()).toBe(true)
    expect(await status.evaluate((el) => el.classList.contains('md-sr-only'))).toBe(false)
    expect(await page.locator('.md button.md-copy').nth(1).textContent()).toBe('Not copied')
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(reply.codes[1])
  })

  test('raw HTML and script links in a reply stay inert', async () => {
    const hostile = [
      '<img src=x onerror="window.pwned = 1"> <script>window.pwned = 2</script>',
      '',
      '[click](javascript:window.pwned=3) [data](data:text/html,<b>x</b>) ![img](https://example.com/x.png)',
      '',
      '$\\href{javascript:window.pwned=4}{x}$',
    ].join('\n')
    const result = await page.evaluate((hostile) => {
      window.markdownHarness.render(hostile, false)
      return {
        images: document.querySelectorAll('.md img').length,
        scripts: document.querySelectorAll('.md script').length,
        links: [...document.querySelectorAll('.md a')].map((a) => a.getAttribute('href')),
        pwned: (window as unknown as { pwned?: number }).pwned,
      }
    }, hostile)
    expect(result).toEqual({ images: 0, scripts: 0, links: ['https://example.com/x.png'], pwned: undefined })
  })

  test('syntax colours follow the light and dark themes', async () => {
    await page.evaluate(() => window.markdownHarness.render('```js\nconst a = "b"\n```\n', false))
    const keyword = page.locator('.md .hljs-keyword').first()
    const colour = (): Promise<string> => keyword.evaluate((el) => getComputedStyle(el).color)
    await page.emulateMedia({ colorScheme: 'light' })
    const light = await colour()
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await colour()
    expect(light).not.toBe(dark)
  })
})
