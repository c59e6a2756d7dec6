import { describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { QWEN } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1200, height: 800 }, (h) => h.app.ollama.start())

const status = () => session.page.getByTestId('ollama-status')

describe('app shell in Chromium through the web bridge', () => {
  it('shows Ollama live: running → not running → back, from main', async () => {
    await expect.poll(() => status().textContent()).toBe('Ollama 0.12.6 running')
    await session.h.fake.stop()
    await expect.poll(() => status().textContent(), { timeout: 5_000 }).toMatch(/Ollama is not (running|installed)/)
    await expect.poll(() => session.page.getByRole('button', { name: 'Check again' }).isVisible()).toBe(true)
    session.h.fake.version = '0.12.7'
    await session.h.fake.start()
    await expect.poll(() => status().textContent(), { timeout: 5_000 }).toBe('Ollama 0.12.7 running')
  })

  it('navigates every screen from the keyboard, and each control has an accessible name', async () => {
    await expect.poll(() => status().textContent()).toBe('Ollama 0.12.6 running')
    const headings: string[] = []
    for (const key of ['1', '2', '3', '4', '5']) {
      await session.page.keyboard.press(`Control+${key}`)
      headings.push((await session.page.getByRole('heading', { level: 1 }).textContent()) ?? '')
      expect(await unnamedControls(session.page)).toEqual([])
    }
    expect(headings).toEqual(['Chat', 'Models', 'Summarize', 'JSON', 'Settings'])

    await session.page.getByRole('button', { name: 'Chat' }).focus()
    await session.page.keyboard.press('Tab')
    await session.page.keyboard.press('Enter')
    expect(await session.page.getByRole('heading', { level: 1 }).textContent()).toBe('Models')
    expect(await session.page.getByRole('button', { name: 'Models' }).getAttribute('aria-current')).toBe('page')
    const focusRing = await session.page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(focusRing).toBe('solid')
  })

  it('lists installed models with their details', async () => {
    session.h.fake.models = [
      QWEN,
      { name: 'qwen2.5:0.5b', size: 397_821_319, family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M' },
    ]
    await session.page.getByRole('button', { name: 'Models' }).click()
    const row = session.page.getByRole('row', { name: /qwen2\.5:7b-instruct/ })
    await expect.poll(() => row.textContent()).toContain('7.6B')
    expect(await row.textContent()).toContain('4.7 GB')
    expect(await row.textContent()).toContain('default')
    expect(await session.page.getByRole('row').count()).toBe(3)
  })

  it('explains an empty model list and a server that is down', async () => {
    session.h.fake.models = []
    await session.page.getByRole('button', { name: 'Models' }).click()
    await expect.poll(() => session.page.getByText('No models are installed yet.').isVisible()).toBe(true)
    await session.h.fake.stop()
    await session.page.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => session.page.getByRole('alert').textContent()).toContain('Ollama is not running at')
  })

  it('streams a chat reply and shows its token count', async () => {
    const box = session.page.getByRole('textbox', { name: 'Message' })
    await box.fill('Say hello')
    await box.press('Enter')
    const reply = session.page.getByRole('article', { name: 'Assistant said' })
    await expect.poll(() => reply.textContent()).toContain(session.h.fake.reply)
    await expect.poll(() => reply.textContent()).toMatch(/\d+ tokens in 1\.5 s/)
    expect(await box.inputValue()).toBe('')
    expect(session.h.fake.requests.find((r) => r.path === '/api/chat')?.body).toMatchObject({
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
    await expect.poll(() => session.page.getByRole('article', { name: 'Assistant said' }).count()).toBe(2)
    const second = session.h.fake.requests.filter((r) => r.path === '/api/chat')[1]?.body as { messages: { role: string }[] }
    expect(second.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
  })

  it('Stop keeps what arrived and tells the server to stop', async () => {
    session.h.fake.tokenDelayMs = 60
    session.h.fake.reply = 'word '.repeat(200)
    await session.page.getByRole('textbox', { name: 'Message' }).fill('Write a lot')
    await session.page.getByRole('button', { name: 'Send' }).click()
    const reply = session.page.getByRole('article', { name: 'Assistant said' })
    await expect.poll(async () => (await reply.textContent())?.includes('word word')).toBe(true)
    await session.page.getByRole('button', { name: 'Stop' }).click()
    await expect.poll(() => reply.textContent()).toContain('Stopped — the text above is what arrived.')
    expect(await reply.textContent()).toContain('word')
    await expect.poll(() => session.h.fake.requests.find((r) => r.path === '/api/chat')?.aborted).toBe(true)
  })

  it('queues a message while Ollama is busy, says so, and sends it when there is room', async () => {
    session.h.fake.chatFault = { kind: 'busy' }
    await session.page.getByRole('textbox', { name: 'Message' }).fill('Are you there?')
    await session.page.keyboard.press('Enter')
    await expect
      .poll(() => session.page.getByText(/Ollama is busy with other requests; your message is queued/).isVisible(), { timeout: 5_000 })
      .toBe(true)
    expect(await session.page.getByRole('article', { name: 'You said' }).textContent()).toContain('Are you there?')
    session.h.fake.chatFault = { kind: 'none' }
    const reply = session.page.getByRole('article', { name: 'Assistant said' })
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: 10_000 }).toBe('complete')
    expect(await session.page.getByText(/your message is queued/).count()).toBe(0)
  })

  it('rejects an unusable Ollama address in Settings with a message that says why', async () => {
    await session.page.getByRole('button', { name: 'Settings' }).click()
    const field = session.page.getByRole('textbox', { name: 'Ollama address' })
    await field.fill('ftp://nowhere')
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => session.page.getByRole('alert').textContent()).toContain('see the marked fields')
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await session.page.getByText(/ftp: is not http or https/).isVisible()).toBe(true)
    await field.fill('127.0.0.1:11434')
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => session.page.getByText('Saved.').isVisible()).toBe(true)
  })

  it('marks each rejected setting beside its field and saves the ones Ollama accepts', async () => {
    await session.page.getByRole('button', { name: 'Settings' }).click()
    const keepAlive = session.page.getByRole('textbox', { name: 'Keep models loaded for' })
    const headers = session.page.getByRole('textbox', { name: 'Extra request headers' })
    await keepAlive.fill('five minutes')
    await headers.fill('X-Route gpu')
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => headers.getAttribute('aria-invalid')).toBe('true')
    expect(await session.page.getByText('Line 1 needs the form “Name: value”.').isVisible()).toBe(true)
    await headers.fill('X-Route: gpu')
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => keepAlive.getAttribute('aria-invalid')).toBe('true')
    expect(await session.page.getByText(/use a duration such as 5m/).isVisible()).toBe(true)
    await keepAlive.fill('30m')
    await session.page.getByRole('checkbox', { name: /Start Ollama when it is not running/ }).uncheck()
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => session.page.getByText('Saved.').isVisible()).toBe(true)
    expect(session.h.app.settings.get()).toMatchObject({ keepAlive: '30m', manageOllama: false, ollamaHeaders: { 'X-Route': 'gpu' } })
  })

  it('keeps the document and JSON defaults, refusing values out of range beside their fields', async () => {
    await session.page.getByRole('button', { name: 'Settings' }).click()
    const attempts = session.page.getByRole('textbox', { name: 'Local model attempts per JSON input' })
    await attempts.fill('9')
    await session.page.getByRole('textbox', { name: 'Largest document (MB)' }).fill('50')
    await session.page.getByRole('combobox', { name: 'Summary length for new jobs' }).selectOption('detailed')
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => attempts.getAttribute('aria-invalid')).toBe('true')
    await attempts.fill('3')
    await session.page.getByRole('textbox', { name: 'Time limit without a model (seconds)' }).fill('20')
    await session.page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => session.page.getByText('Saved.').isVisible()).toBe(true)
    expect(session.h.app.settings.get()).toMatchObject({
      maxDocumentMb: 50,
      summaryLength: 'detailed',
      jsonAttempts: 3,
      jsonTimeLimitSeconds: 20,
    })
  })

  it('copies diagnostics for a bug report', async () => {
    await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await session.page.getByRole('button', { name: 'Settings' }).click()
    await session.page.getByRole('button', { name: 'Copy diagnostics' }).click()
    await expect.poll(() => session.page.getByText('Diagnostics copied').isVisible()).toBe(true)
    const copied = await session.page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain('Instruct Desk')
    expect(copied).toMatch(/Ollama: running at http:\/\/127\.0\.0\.1:\d+, version 0\.12\.6/)
  })

  it('takes a bearer token without ever showing it again, and sends it to Ollama', async () => {
    await session.page.getByRole('button', { name: 'Settings' }).click()
    await session.page.getByRole('textbox', { name: 'Bearer token for the Ollama server' }).fill('sk-secret-123')
    await session.page.getByRole('button', { name: 'Save token' }).click()
    await expect.poll(() => session.page.getByText('Token saved.').isVisible()).toBe(true)
    expect(await session.page.getByText(/kept only until Instruct Desk closes/).isVisible()).toBe(true)
    // No keychain in a browser: the Anthropic key is not typed here at all.
    expect(await session.page.getByText(/ANTHROPIC_API_KEY environment variable/).isVisible()).toBe(true)
    expect(await session.page.getByRole('textbox', { name: 'Anthropic API key' }).count()).toBe(0)
    expect(await session.page.content()).not.toContain('sk-secret-123')
    await session.page.getByRole('button', { name: 'Models' }).click()
    await expect.poll(() => session.h.fake.requests.at(-1)?.headers.authorization, { timeout: 5_000 }).toBe('Bearer sk-secret-123')
    await session.page.getByRole('button', { name: 'Settings' }).click()
    await session.page.getByRole('button', { name: 'Remove token' }).click()
    await expect.poll(() => session.page.getByText('Token removed.').isVisible()).toBe(true)
  })

  it('follows the OS colour scheme', async () => {
    const background = () => session.page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await session.page.emulateMedia({ colorScheme: 'light' })
    const light = await background()
    await session.page.emulateMedia({ colorScheme: 'dark' })
    const dark = await background()
    expect(light).toBe('rgb(246, 247, 249)')
    expect(dark).toBe('rgb(20, 23, 28)')
  })
})
