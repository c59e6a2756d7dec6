import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR, unnamedControls } from '../support/browser.ts'
import { QWEN } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let browser: Browser
let h: BridgeHarness
let page: Page

beforeAll(async () => {
  browser = await launchBrowser(inject('chromiumPath'))
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  h = await startBridgeHarness(await tempDir(), RENDERER_DIR)
  h.app.monitor.start()
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
  await page.goto(h.bridge.url)
  return async () => {
    await page.close()
    await h.close()
  }
})

const status = () => page.getByTestId('ollama-status')

describe('app shell in Chromium through the web bridge', () => {
  it('shows Ollama live: running → not running → back, from main', async () => {
    await expect.poll(() => status().textContent()).toBe('Ollama 0.12.6 running')
    await h.fake.stop()
    await expect.poll(() => status().textContent(), { timeout: 5_000 }).toMatch(/Ollama is not (running|installed)/)
    await expect.poll(() => page.getByRole('button', { name: 'Check again' }).isVisible()).toBe(true)
    h.fake.version = '0.12.7'
    await h.fake.start()
    await expect.poll(() => status().textContent(), { timeout: 5_000 }).toBe('Ollama 0.12.7 running')
  })

  it('navigates every screen from the keyboard, and each control has an accessible name', async () => {
    await expect.poll(() => status().textContent()).toBe('Ollama 0.12.6 running')
    const headings: string[] = []
    for (const key of ['1', '2', '3', '4', '5']) {
      await page.keyboard.press(`Control+${key}`)
      headings.push((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')
      expect(await unnamedControls(page)).toEqual([])
    }
    expect(headings).toEqual(['Chat', 'Models', 'Summarize', 'JSON', 'Settings'])

    await page.getByRole('button', { name: 'Chat' }).focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Models')
    expect(await page.getByRole('button', { name: 'Models' }).getAttribute('aria-current')).toBe('page')
    const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(focusRing).toBe('solid')
  })

  it('lists installed models with their details', async () => {
    h.fake.models = [QWEN, { name: 'qwen2.5:0.5b', size: 397_821_319, family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M' }]
    await page.getByRole('button', { name: 'Models' }).click()
    const row = page.getByRole('row', { name: /qwen2\.5:7b-instruct/ })
    await expect.poll(() => row.textContent()).toContain('7.6B')
    expect(await row.textContent()).toContain('4.4 GB')
    expect(await row.textContent()).toContain('default')
    expect(await page.getByRole('row').count()).toBe(3)
  })

  it('explains an empty model list and a server that is down', async () => {
    h.fake.models = []
    await page.getByRole('button', { name: 'Models' }).click()
    await expect.poll(() => page.getByText('No models are installed yet.').isVisible()).toBe(true)
    await h.fake.stop()
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Ollama is not running at')
  })

  it('streams a chat reply and shows its token count', async () => {
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Say hello')
    await box.press('Enter')
    const reply = page.getByRole('article', { name: 'Assistant said' })
    await expect.poll(() => reply.textContent()).toContain(h.fake.reply)
    await expect.poll(() => reply.textContent()).toMatch(/\d+ tokens in 1\.5 s/)
    expect(await box.inputValue()).toBe('')
    expect(h.fake.requests.find((r) => r.path === '/api/chat')?.body).toMatchObject({
      model: 'qwen2.5:7b-instruct',
      stream: true,
      options: { num_ctx: 8192 },
      messages: [
        { role: 'system', content: 'You are a helpful and concise assistant.' },
        { role: 'user', content: 'Say hello' },
      ],
    })
    await box.fill('And again')
    await box.press('Enter')
    await expect.poll(() => page.getByRole('article', { name: 'Assistant said' }).count()).toBe(2)
    const second = h.fake.requests.filter((r) => r.path === '/api/chat')[1]?.body as { messages: { role: string }[] }
    expect(second.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
  })

  it('Stop keeps what arrived and tells the server to stop', async () => {
    h.fake.tokenDelayMs = 60
    h.fake.reply = 'word '.repeat(200)
    await page.getByRole('textbox', { name: 'Message' }).fill('Write a lot')
    await page.getByRole('button', { name: 'Send' }).click()
    const reply = page.getByRole('article', { name: 'Assistant said' })
    await expect.poll(async () => (await reply.textContent())?.includes('word word')).toBe(true)
    await page.getByRole('button', { name: 'Stop' }).click()
    await expect.poll(() => reply.textContent()).toContain('Stopped — the text above is what arrived.')
    expect(await reply.textContent()).toContain('word')
    await expect.poll(() => h.fake.requests.find((r) => r.path === '/api/chat')?.aborted).toBe(true)
  })

  it('shows a specific error on the reply and keeps the conversation when Ollama is busy', async () => {
    h.fake.chatFault = { kind: 'busy' }
    await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?')
    await page.keyboard.press('Enter')
    const alert = page.getByRole('article', { name: 'Assistant said' }).getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('Ollama is busy')
    expect(await page.getByRole('article', { name: 'You said' }).textContent()).toContain('Are you there?')
  })

  it('rejects an unusable Ollama address in Settings with a message that says why', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    const field = page.getByRole('textbox', { name: 'Ollama address' })
    await field.fill('ftp://nowhere')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ftp: is not http or https')
    await field.fill('127.0.0.1:11434')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByText('Saved.').isVisible()).toBe(true)
  })

  it('follows the OS colour scheme', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'light' })
    const light = await background()
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await background()
    expect(light).toBe('rgb(246, 247, 249)')
    expect(dark).toBe('rgb(20, 23, 28)')
  })
})
