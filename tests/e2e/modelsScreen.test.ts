import { beforeEach, describe, expect, it } from 'vitest'
import { QWEN } from '../support/fakeOllama.ts'
import { unnamedControls } from '../support/browser.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1200, height: 900 }, (h) => {
  h.fake.models = [
    QWEN,
    {
      name: 'qwen2.5:7b-text',
      size: 4_683_073_184,
      family: 'qwen2',
      parameterSize: '7.6B',
      quantization: 'Q4_K_M',
      template: '{{ .Prompt }}',
    },
  ]
})
beforeEach(async () => {
  await session.page.getByRole('button', { name: 'Models' }).click()
})

const row = (name: string) => session.page.getByRole('row', { name: new RegExp(name.replaceAll('.', '\\.')) }).first()

describe('the Models screen', () => {
  it('tells instruct and base variants apart and shows each context window', async () => {
    await expect.poll(() => row('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 }).toContain('32,768')
    expect(await row('qwen2.5:7b-instruct').textContent()).toContain('qwen2instruct')
    expect(await row('qwen2.5:7b-text').textContent()).toContain('base')
  })

  it('opens the details from /api/show: capabilities, window and the template', async () => {
    await session.page.getByRole('button', { name: 'Details of qwen2.5:7b-instruct' }).click()
    const details = session.page.getByRole('region', { name: 'Details of qwen2.5:7b-instruct' })
    await expect.poll(() => details.textContent(), { timeout: 5_000 }).toContain('32,768 tokens')
    expect(await details.textContent()).toContain('completion, tools')
    expect(await details.textContent()).toContain('<|im_start|>')
    expect(await unnamedControls(session.page)).toEqual([])
  })

  it('deletes only after confirmation, and Keep it leaves the model alone', async () => {
    await session.page.getByRole('button', { name: 'Delete qwen2.5:7b-text' }).click()
    const dialog = session.page.getByRole('dialog', { name: 'Delete qwen2.5:7b-text?' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await session.page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(session.h.fake.models.map((m) => m.name)).toContain('qwen2.5:7b-text')
    await session.page.getByRole('button', { name: 'Delete qwen2.5:7b-text' }).click()
    await session.page.getByRole('button', { name: 'Keep it' }).click()
    expect(session.h.fake.models.map((m) => m.name)).toContain('qwen2.5:7b-text')
    await session.page.getByRole('button', { name: 'Delete qwen2.5:7b-text' }).click()
    await dialog.getByRole('button', { name: 'Delete qwen2.5:7b-text' }).click()
    await expect.poll(() => session.h.fake.models.map((m) => m.name)).toEqual(['qwen2.5:7b-instruct'])
    await expect.poll(() => session.page.getByRole('row', { name: /qwen2\.5:7b-text/ }).count()).toBe(0)
  })

  it('lists the models in memory with their window, after a chat loaded one', async () => {
    await session.page.getByRole('button', { name: 'Chat' }).click()
    await session.page.getByRole('textbox', { name: 'Message' }).fill('Hello')
    await session.page.keyboard.press('Enter')
    await expect.poll(() => session.page.getByText(/tokens in/).isVisible(), { timeout: 5_000 }).toBe(true)
    await session.page.getByRole('button', { name: 'Models' }).click()
    const loaded = session.page.getByRole('region', { name: 'In memory now' })
    await expect
      .poll(() => loaded.textContent(), { timeout: 5_000 })
      .toMatch(/qwen2\.5:7b-instruct.*CPU · window 8,192 tokens · unloads in [45] min/)
  })
})
