import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Download } from 'playwright-core'
import { unnamedControls } from '../support/browser.ts'
import type { FakeChatRequest } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1280, height: 1000 })
const page = () => session.page
const modelCalls = () => session.h.fake.requests.filter((r) => r.path === '/api/chat').length
const result = () => page().getByRole('region', { name: /^(Valid JSON|No valid JSON)$/ })
const input = () => page().getByRole('textbox', { name: 'Text to repair' })

const BROKEN_LINE = '{"tasks": [{"title": "Write the report", "priority": "high",}, {"title": "Call Bob", "priority": "low"},]}'
const FENCED_ANSWER = ['Sure! Here are your tasks:', '```json', BROKEN_LINE, '```', 'Let me know if you need anything else.'].join('\n')

/** Prose with no JSON in it: only the model can turn it into tasks. */
const PROSE = 'Tomorrow: write the report (urgent), then call Bob about the invoice.'
const MODEL_TASKS = {
  tasks: [
    { title: 'Write the report', priority: 'high' },
    { title: 'Call Bob', priority: 'medium' },
  ],
}

/** The model answers with tasks only when it was shown the prose; anything else gets an answer that is not JSON. */
function modelReply(request: FakeChatRequest): string {
  return request.messages.some((m) => m.content.includes('call Bob')) ? JSON.stringify(MODEL_TASKS) : 'I cannot help with that.'
}

async function openJsonScreen(): Promise<void> {
  await page().getByRole('button', { name: 'JSON', exact: true }).click()
  // The first built-in example is loaded and checked.
  await expect.poll(() => page().getByLabel('Saved schemas').inputValue(), { timeout: 5_000 }).toBe('builtin:task-list')
  await expect.poll(() => page().getByText('Valid JSON Schema 2020-12').isVisible(), { timeout: 5_000 }).toBe(true)
}

async function repair(text: string): Promise<void> {
  await input().fill(text)
  await page().getByRole('button', { name: 'Repair', exact: true }).click()
  await expect.poll(() => result().count(), { timeout: 15_000 }).toBe(1)
}

async function downloaded(download: Download): Promise<string> {
  const file = await download.path()
  return readFile(file, 'utf8')
}

describe('the JSON screen', () => {
  it('repairs a fenced answer with trailing commas without a model, and shows the step and the changes', async () => {
    await openJsonScreen()
    await repair(FENCED_ANSWER)
    const view = result()
    expect(await view.getByRole('heading', { level: 2 }).textContent()).toContain('Valid JSON')
    expect(await view.locator('.json-step').textContent()).toContain('Step: Syntax repaired · 2 changes')
    const changes = view.getByRole('list', { name: 'Changes' }).getByRole('listitem')
    expect(await changes.allTextContents()).toEqual([
      `Removed “,” at line 3, column ${BROKEN_LINE.indexOf(',}') + 1}`,
      `Removed “,” at line 3, column ${BROKEN_LINE.lastIndexOf(',]') + 1}`,
    ])
    expect(await view.getByText('no model calls').count()).toBe(1)
    const shown = await view.getByLabel('The valid JSON', { exact: true }).textContent()
    const expected = {
      tasks: [
        { title: 'Write the report', priority: 'high' },
        { title: 'Call Bob', priority: 'low' },
      ],
    }
    expect(JSON.parse(shown ?? '')).toEqual(expected)
    expect(modelCalls()).toBe(0)

    const download = page().waitForEvent('download')
    await view.getByRole('button', { name: 'Save the valid JSON as a .json file' }).click()
    const saved = await download
    expect(saved.suggestedFilename()).toBe('result.json')
    expect(JSON.parse(await downloaded(saved))).toEqual(expected)

    await view.getByText('What happened').click()
    expect(await view.getByRole('list', { name: 'What happened' }).getByRole('listitem').count()).toBeGreaterThan(0)
    expect(await unnamedControls(page())).toEqual([])
  })

  it('asks the local model when nothing else can, and says so', async () => {
    session.h.fake.replyFor = modelReply
    await openJsonScreen()
    await repair(PROSE)
    const view = result()
    expect(await view.locator('.json-step').textContent()).toContain('Step: Rewritten by the local model')
    expect(await view.getByText('1 model call').count()).toBe(1)
    expect(JSON.parse((await view.getByLabel('The valid JSON', { exact: true }).textContent()) ?? '')).toEqual(MODEL_TASKS)
    expect(modelCalls()).toBe(1)
  })

  it('explains in plain words, with paths, why a text cannot be made valid', async () => {
    await openJsonScreen()
    await page()
      .getByRole('checkbox', { name: /Use the local model when needed/ })
      .uncheck()
    await repair('{"tasks": [{"priority": "urgent"}]}')
    const view = result()
    expect(await view.getByRole('heading', { level: 2 }).textContent()).toContain('No valid JSON')
    const errors = await view.getByRole('list', { name: 'Why it does not fit' }).getByRole('listitem').allTextContents()
    expect(errors.some((e) => e.startsWith('/tasks/0') && /title/.test(e))).toBe(true)
    expect(errors.some((e) => e.startsWith('/tasks/0/priority') && /low, medium, high/.test(e))).toBe(true)
    expect(JSON.parse((await view.getByLabel('The closest candidate', { exact: true }).textContent()) ?? '')).toEqual({
      tasks: [{ priority: 'urgent' }],
    })
    expect(modelCalls()).toBe(0)
  })

  it('shows why a schema is invalid beside the editor, and will not run against it', async () => {
    await openJsonScreen()
    const editor = page().getByRole('textbox', { name: 'JSON Schema' })
    await editor.fill('{"type": "object", "properties": {"name": {"type": "strnig"}}}')
    await expect.poll(() => editor.getAttribute('aria-invalid'), { timeout: 5_000 }).toBe('true')
    const verdict = page().locator('.json-verdict')
    expect(await verdict.textContent()).toContain('The schema is not valid:')
    await editor.fill('{"type": "object",')
    await expect.poll(() => verdict.textContent()).toContain('The schema is not valid JSON')
    await input().fill('{"name": "Ada"}')
    const run = page().getByRole('button', { name: 'Repair', exact: true })
    expect(await run.getAttribute('aria-disabled')).toBe('true')
    expect(await page().getByText('Fix the schema first').isVisible()).toBe(true)
  })

  it('says why Claude cannot be used without a key, in the options and in Generate', async () => {
    await openJsonScreen()
    const claudeLast = page().getByRole('checkbox', { name: 'Let Claude try last' })
    expect(await claudeLast.isDisabled()).toBe(true)
    expect(await page().getByText('Claude needs an Anthropic API key: add one in Settings.').count()).toBe(1)
    await page().getByRole('tab', { name: 'Repair text' }).press('ArrowRight')
    expect(await page().getByRole('tab', { name: 'Generate with Claude' }).getAttribute('aria-selected')).toBe('true')
    await page().getByRole('textbox', { name: 'Prompt for Claude' }).fill('Three tasks for a product launch.')
    const generate = page().getByRole('button', { name: 'Generate', exact: true })
    expect(await generate.getAttribute('aria-disabled')).toBe('true')
    expect(await page().getByText('Claude needs an Anthropic API key: add one in Settings.').count()).toBe(1)
    expect(await unnamedControls(page())).toEqual([])
    await page().getByRole('button', { name: 'Open Settings' }).click()
    await expect.poll(() => page().getByRole('heading', { name: 'Settings', level: 1 }).isVisible()).toBe(true)
  })

  it('takes a chat message’s text with "Extract as JSON…"', async () => {
    session.h.fake.reply = 'Here you go: {"names": ["Ada", "Grace"]}'
    await page().getByRole('textbox', { name: 'Message' }).fill('Who wrote the first programs?')
    await page().keyboard.press('Enter')
    const reply = page().getByRole('article', { name: 'Assistant said' })
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: 10_000 }).toBe('complete')
    await reply.getByRole('button', { name: 'Extract as JSON…' }).click()
    await expect.poll(() => page().getByRole('heading', { name: 'JSON', level: 1 }).isVisible()).toBe(true)
    expect(await input().inputValue()).toBe('Here you go: {"names": ["Ada", "Grace"]}')
    expect(await page().getByRole('tab', { name: 'Repair text' }).getAttribute('aria-selected')).toBe('true')
  })

  it('repairs a JSONL file line by line with progress, and offers the results as JSONL', async () => {
    session.h.fake.replyFor = modelReply
    // The model's answer waits a moment, so the progress between two lines can be seen.
    session.h.fake.answerDelayMs = 1_500
    await openJsonScreen()
    await page().getByRole('tab', { name: 'Batch' }).click()
    await page().getByRole('spinbutton', { name: 'Attempts' }).fill('1')
    const lines = ['{"tasks": [{"title": "Plan", "priority": "high",}]}', PROSE, '{"tasks": "none"}']
    await page()
      .locator('input[type=file]')
      .setInputFiles({ name: 'answers.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) })
    await expect.poll(() => page().getByText('answers.jsonl').isVisible()).toBe(true)
    await page().getByRole('button', { name: 'Run batch' }).click()

    const bar = page().getByRole('progressbar', { name: 'Inputs done' })
    await expect.poll(() => bar.getAttribute('max'), { timeout: 5_000 }).toBe('3')
    await expect.poll(() => bar.getAttribute('value'), { timeout: 5_000 }).toBe('1')
    expect(await page().getByRole('button', { name: 'Stop' }).isVisible()).toBe(true)

    const outcome = page().getByRole('region', { name: 'Batch result' })
    await expect.poll(() => outcome.getByRole('status').textContent(), { timeout: 15_000 }).toContain('2 of 3 inputs valid')
    const download = page().waitForEvent('download')
    await outcome.getByRole('button', { name: 'Download answers.results.jsonl' }).click()
    const text = await downloaded(await download)
    const results = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; ok: boolean; step?: string })
    expect(results.map((r) => [r.line, r.ok, r.step])).toEqual([
      [1, true, 'syntax'],
      [2, true, 'model'],
      [3, false, undefined],
    ])
    expect(await unnamedControls(page())).toEqual([])
  })

  it('keeps the lines done before Stop, and offers them for download', async () => {
    session.h.fake.replyFor = modelReply
    session.h.fake.answerDelayMs = 3_000
    await openJsonScreen()
    await page().getByRole('tab', { name: 'Batch' }).click()
    await page().getByRole('spinbutton', { name: 'Attempts' }).fill('1')
    const lines = ['{"tasks": [{"title": "Plan", "priority": "high",}]}', PROSE, PROSE]
    await page()
      .locator('input[type=file]')
      .setInputFiles({ name: 'answers.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) })
    await page().getByRole('button', { name: 'Run batch' }).click()
    const bar = page().getByRole('progressbar', { name: 'Inputs done' })
    await expect.poll(() => bar.getAttribute('value'), { timeout: 5_000 }).toBe('1')
    await page().getByRole('button', { name: 'Stop' }).click()

    const outcome = page().getByRole('region', { name: 'Batch result' })
    await expect.poll(() => outcome.getByRole('status').textContent(), { timeout: 5_000 }).toContain('stopped with 2 not done')
    const download = page().waitForEvent('download')
    await outcome.getByRole('button', { name: 'Download answers.results.jsonl' }).click()
    const results = (await downloaded(await download)).trim().split('\n')
    expect(results.map((line) => (JSON.parse(line) as { line: number; ok: boolean }).line)).toEqual([1])
  })
})
