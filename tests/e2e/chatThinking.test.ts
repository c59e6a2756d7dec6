import { describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { QWEN, QWEN3 } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.models = [QWEN, QWEN3]
})
const page = () => session.page
const replies = () => page().getByRole('article', { name: 'Assistant said' })
const sentThink = () => session.h.fake.requests.filter((r) => r.path === '/api/chat').map((r) => (r.body as { think?: boolean }).think)

/** Opens a new chat and saves its model and Thinking choice in the options panel. */
async function newChat(model: string, thinking: 'Model default' | 'On' | 'Off'): Promise<void> {
  await page().getByRole('button', { name: 'New chat', exact: true }).click()
  await page().getByRole('button', { name: 'Options', exact: true }).click()
  await page().getByLabel('Model', { exact: true }).selectOption(model)
  await page().getByLabel('Thinking', { exact: true }).selectOption({ label: thinking })
  await page().getByRole('button', { name: 'Save options' }).click()
  await expect.poll(() => page().getByText('Saved for this chat.').isVisible()).toBe(true)
  await page().getByRole('button', { name: 'Options', exact: true }).click()
}

async function type(text: string): Promise<void> {
  await page().getByRole('textbox', { name: 'Message' }).fill(text)
  await expect.poll(() => page().getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(true)
  await page().keyboard.press('Enter')
}

describe('thinking models', () => {
  it('shows the reasoning folded above the answer, kept after a reload', async () => {
    session.h.fake.thinking = 'They want a greeting. Keep it short and friendly.'
    session.h.fake.reply = 'Hello there!'
    // The model pauses while it reasons: the reply says it is thinking, and what it thought so far is there.
    session.h.fake.chatFault = { kind: 'pause-after', tokens: 3, ms: 1_500 }
    await newChat(QWEN3.name, 'Model default')
    await type('Greet me')
    await expect.poll(() => replies().last().getByText('Thinking…').isVisible(), { timeout: 5_000 }).toBe(true)
    await expect.poll(() => replies().last().getByRole('group').textContent()).toBe('Thinking…They want a ')
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 10_000 }).toBe('complete')
    const reasoning = replies().last().getByRole('group').filter({ hasText: 'Reasoning before the answer' })
    expect((await replies().last().locator('.turn-markdown').textContent())?.trim()).toBe('Hello there!')
    // Folded: the answer reads first; opening it shows what the model thought.
    expect(await reasoning.getByText('Keep it short and friendly.').isVisible()).toBe(false)
    await reasoning.getByText('Reasoning before the answer').click()
    expect(await reasoning.getByText('They want a greeting. Keep it short and friendly.').isVisible()).toBe(true)
    expect(sentThink()).toEqual([undefined])
    await page().reload()
    await expect.poll(() => replies().last().getByText('Reasoning before the answer').isVisible(), { timeout: 5_000 }).toBe(true)
    expect(await unnamedControls(page())).toEqual([])
  })

  it('sends Off to a thinking model, which then answers without reasoning', async () => {
    await newChat(QWEN3.name, 'Off')
    await type('Quick answer please')
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 10_000 }).toBe('complete')
    expect(sentThink()).toEqual([false])
    expect(await replies().last().getByText('Reasoning before the answer').count()).toBe(0)
  })

  it('compares a thinking model with another one: its reasoning is folded above its answer, the other has none', async () => {
    session.h.fake.thinking = 'Compare mode; answer plainly.'
    session.h.fake.reply = 'Plain answer.'
    await page().getByRole('button', { name: 'Compare', exact: true }).click()
    const compare = page().getByRole('region', { name: 'Compare two models' })
    await compare.getByLabel('Left model').selectOption(QWEN.name)
    await compare.getByLabel('Right model').selectOption(QWEN3.name)
    await compare.getByRole('textbox', { name: 'Prompt for both models' }).fill('Say something plain')
    await compare.getByRole('button', { name: 'Compare', exact: true }).click()
    const left = compare.getByRole('region', { name: `Reply from ${QWEN.name}` })
    const right = compare.getByRole('region', { name: `Reply from ${QWEN3.name}` })
    await expect.poll(() => right.textContent(), { timeout: 10_000 }).toContain('s in all')
    await expect.poll(() => left.textContent(), { timeout: 10_000 }).toContain('s in all')
    expect(await right.getByRole('group').textContent()).toBe('Reasoning before the answerCompare mode; answer plainly.')
    expect(await right.locator('.turn-text').textContent()).toBe('Plain answer.')
    expect(await left.getByRole('group').count()).toBe(0)
    expect(await left.locator('.turn-text').textContent()).toBe('Plain answer.')
  })

  it('says before sending that a model without thinking cannot think, and keeps the message', async () => {
    await newChat(QWEN.name, 'Model default')
    await type('Hello first')
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 10_000 }).toBe('complete')
    await page().getByRole('button', { name: 'Options', exact: true }).click()
    await page().getByLabel('Thinking', { exact: true }).selectOption({ label: 'On' })
    await page().getByRole('button', { name: 'Save options' }).click()
    await expect.poll(() => page().getByText('Saved for this chat.').isVisible()).toBe(true)
    const announced = page()
      .getByRole('status')
      .filter({ hasText: /^Reply finished/ })
    await expect.poll(() => announced.count()).toBe(1)
    await type('Think hard about this')
    await expect
      .poll(() => page().getByRole('alert').first().textContent(), { timeout: 5_000 })
      .toContain(`${QWEN.name} cannot think before answering`)
    await expect.poll(() => page().getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Think hard about this')
    // Drawn at once, the message leaves the thread again when main refuses it.
    await expect.poll(() => page().getByRole('article', { name: 'You said' }).filter({ hasText: 'Think hard' }).count()).toBe(0)
    expect(sentThink()).toEqual([undefined])
    // The earlier reply did not just end: nothing is read out as if it had.
    await expect.poll(() => announced.count()).toBe(0)
  })
})
