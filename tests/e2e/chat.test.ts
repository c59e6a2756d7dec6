import { describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { countPrompt } from '../../src/main/chat/promptCounter.ts'
import { DEFAULT_SYSTEM_PROMPT } from '../../src/shared/domain/chat.ts'
import { QWEN } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.models = [QWEN, { name: 'tiny:2k', size: 100_000_000, family: 'llama', contextLength: 512 }]
})

const page = () => session.page
const replies = () => page().getByRole('article', { name: 'Assistant said' })
const yours = () => page().getByRole('article', { name: 'You said' })

async function send(text: string): Promise<void> {
  await page().getByRole('textbox', { name: 'Message' }).fill(text)
  // Enter sends once the settings have named the model (Send is enabled then); sooner, the text just waits.
  await expect.poll(() => page().getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(true)
  await page().keyboard.press('Enter')
  await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 10_000 }).not.toBe('streaming')
}

async function setOption(label: string, value: string): Promise<void> {
  await page().getByRole('button', { name: 'Options', exact: true }).click()
  await page().getByRole('spinbutton', { name: label }).fill(value)
  await page().getByRole('button', { name: 'Save options' }).click()
  await expect.poll(() => page().getByText('Saved for this chat.').isVisible()).toBe(true)
  await page().getByRole('button', { name: 'Options', exact: true }).click()
}

describe('chat history', () => {
  it('keeps conversations across reloads, and search finds a message and opens it', async () => {
    await send('Where is the capital of Peru?')
    await page().reload()
    const list = page().getByRole('navigation', { name: 'Conversations' })
    await expect.poll(() => list.getByText('Where is the capital of Peru?').first().isVisible(), { timeout: 5_000 }).toBe(true)
    await page().getByRole('button', { name: 'New chat', exact: true }).click()
    await expect.poll(() => yours().count()).toBe(0)
    await page().getByRole('searchbox', { name: 'Search all messages' }).fill('capit')
    const hit = page().getByRole('list', { name: 'Search results' }).getByRole('button').first()
    await expect.poll(() => hit.locator('mark').textContent(), { timeout: 5_000 }).toBe('capital')
    await hit.click()
    await expect.poll(() => yours().first().textContent()).toContain('Where is the capital of Peru?')
    expect(await unnamedControls(page())).toEqual([])
  })

  it('keeps showing the chat you switched to while another chat’s reply finishes', async () => {
    await send('The first chat')
    await page().getByRole('button', { name: 'New chat', exact: true }).click()
    session.h.fake.tokenDelayMs = 60
    await page().getByRole('textbox', { name: 'Message' }).fill('The second chat')
    await page().keyboard.press('Enter')
    await expect.poll(() => replies().count(), { timeout: 5_000 }).toBe(1)
    await page()
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: /^The first chat/ })
      .click()
    await expect.poll(() => yours().first().textContent()).toContain('The first chat')
    // The other reply ends (about half a second): the chat on screen stays the one chosen.
    await expect.poll(() => session.h.fake.requests.filter((r) => r.path === '/api/chat' && r.aborted === false).length).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(await yours().first().textContent()).toContain('The first chat')
    expect(await replies().count()).toBe(1)
  })

  it('gives each chat its own Stop: another chat can send while one streams, and stopping it leaves the first alone', async () => {
    session.h.fake.tokenDelayMs = 40
    await page().getByRole('textbox', { name: 'Message' }).fill('A long story, please')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('button', { name: 'Stop' }).isVisible(), { timeout: 5_000 }).toBe(true)
    await page().getByRole('button', { name: 'New chat', exact: true }).click()
    await expect.poll(() => page().getByRole('button', { name: 'Stop' }).count()).toBe(0)
    await page().getByRole('textbox', { name: 'Message' }).fill('Meanwhile, a quick one')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('button', { name: 'Stop' }).isVisible(), { timeout: 5_000 }).toBe(true)
    await page().getByRole('button', { name: 'Stop' }).click()
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 5_000 }).toBe('stopped')
    const chats = session.h.fake.requests.filter((r) => r.path === '/api/chat')
    expect(chats.map((r) => r.aborted)).toEqual([false, true])
    await page()
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: /^A long story, please/ })
      .click()
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 10_000 }).toBe('complete')
  })

  it('deletes a conversation with an undo', async () => {
    await send('Remember the milk')
    await page().getByRole('button', { name: 'Delete Remember the milk' }).click()
    await expect.poll(() => page().getByRole('button', { name: 'Delete Remember the milk' }).count()).toBe(0)
    await page().getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => yours().first().textContent()).toContain('Remember the milk')
  })

  it('deletes a message with the replies below it, and Undo puts them all back', async () => {
    session.h.fake.reply = 'Milk, eggs.'
    await send('What do I need?')
    await send('And for the cake?')
    await yours().first().getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => page().getByRole('article').count()).toBe(0)
    const notice = page().getByRole('status').filter({ hasText: 'Deleted the message' })
    await expect.poll(() => notice.textContent()).toContain('Deleted the message and the 3 messages after it.')
    await notice.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page().getByRole('article').count()).toBe(4)
    await expect.poll(() => notice.count()).toBe(0)
    await page().reload()
    await expect.poll(() => yours().last().textContent(), { timeout: 5_000 }).toContain('And for the cake?')
    expect(await replies().count()).toBe(2)

    await replies().last().getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => notice.textContent()).toContain('Deleted the message.')
    expect(await replies().count()).toBe(1)
  })

  it('tells a screen reader when a reply ends: a short one read out whole, a long one by its length', async () => {
    const announced = page()
      .getByRole('status')
      .filter({ hasText: /^Reply finished/ })
    session.h.fake.reply = 'Teal.'
    await send('Name a colour')
    await expect.poll(() => announced.textContent()).toBe('Reply finished: Teal.')
    session.h.fake.reply = 'word '.repeat(300)
    await send('Now three hundred words')
    await expect.poll(() => announced.textContent()).toBe('Reply finished, 300 words.')
    // Opening another chat is not a reply ending.
    await page().getByRole('button', { name: 'New chat', exact: true }).click()
    await expect.poll(() => announced.count()).toBe(0)
    expect(await page().getByRole('region', { name: 'Conversation' }).getAttribute('aria-live')).toBeNull()
  })

  it('regenerates into a second version and switches back to the first', async () => {
    session.h.fake.reply = 'First answer.'
    await send('Name a colour')
    session.h.fake.reply = 'Second answer.'
    await replies().last().getByRole('button', { name: 'Regenerate' }).click()
    await expect.poll(() => replies().last().textContent(), { timeout: 5_000 }).toContain('Second answer.')
    expect(await replies().last().getByRole('group', { name: 'Versions' }).textContent()).toContain('2 / 2')
    await replies().last().getByRole('button', { name: 'Previous version' }).click()
    await expect.poll(() => replies().last().textContent()).toContain('First answer.')
  })

  it('edits a message into a new branch, keeping the earlier exchange reachable', async () => {
    await send('Translate "cat" to French')
    await yours().last().getByRole('button', { name: 'Edit' }).click()
    await yours().last().getByRole('textbox', { name: 'Edit your message' }).fill('Translate "dog" to French')
    await yours().last().getByRole('button', { name: 'Send as a new version' }).click()
    await expect.poll(() => yours().last().textContent(), { timeout: 5_000 }).toContain('"dog"')
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 5_000 }).toBe('complete')
    await yours().last().getByRole('button', { name: 'Previous version' }).click()
    await expect.poll(() => yours().last().textContent()).toContain('"cat"')
    expect(await replies().count()).toBe(1)
  })
})

describe('replies that go wrong', () => {
  it('keeps a reply cut off by a dropped connection, marks it interrupted, and Continue finishes it', async () => {
    session.h.fake.chatFault = { kind: 'drop-after', tokens: 4 }
    await send('Tell me a story')
    expect(await replies().last().getAttribute('data-state')).toBe('interrupted')
    const partial = ((await replies().last().locator('.turn-markdown').textContent()) ?? '').trim()
    expect(partial.length).toBeGreaterThan(0)
    await page().reload()
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 5_000 }).toBe('interrupted')
    session.h.fake.chatFault = { kind: 'none' }
    await replies().last().getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 5_000 }).toBe('complete')
    expect(await replies().last().locator('.turn-markdown').textContent()).toMatch(
      new RegExp(`^${partial.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    )
  })

  it('says before sending that a prompt does not fit, keeps the message, and raising the window sends it', async () => {
    await send('Hello')
    await setOption('Context window (tokens)', '256')
    await page().getByRole('textbox', { name: 'Message' }).fill('word '.repeat(220))
    await expect.poll(() => page().getByTestId('context-meter').textContent(), { timeout: 5_000 }).toContain('too long')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('alert').first().textContent(), { timeout: 5_000 }).toContain('more than the model')
    await expect.poll(() => yours().last().textContent()).toContain('word word')
    await page().getByRole('button', { name: 'Raise the window to 512 tokens and send' }).click()
    await expect.poll(() => replies().count(), { timeout: 5_000 }).toBe(2)
    await expect.poll(() => replies().last().getAttribute('data-state'), { timeout: 5_000 }).toBe('complete')
  })

  it('refuses before sending when the prompt exceeds the model’s own window, though num_ctx is larger', async () => {
    await page().getByRole('button', { name: 'New chat', exact: true }).click()
    await send('An opening message. '.repeat(120))
    await setOption('Context window (tokens)', '4096')
    await page().getByRole('button', { name: 'Options', exact: true }).click()
    await page().getByRole('combobox', { name: 'Model' }).selectOption('tiny:2k')
    await page().getByRole('button', { name: 'Save options' }).click()
    await page().getByRole('button', { name: 'Options', exact: true }).click()
    await page().getByRole('textbox', { name: 'Message' }).fill('And now a question.')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('alert').first().textContent(), { timeout: 5_000 }).toContain('window of 512')
    expect(await page().getByRole('alert').first().textContent()).toContain('the most this model can take')
  })

  it('marks a reply when Ollama silently dropped earlier tokens the estimate did not foresee', async () => {
    await page().getByRole('button', { name: 'New chat', exact: true }).click()
    const opening = 'An opening message. '.repeat(60)
    const question = 'And now a question. '.repeat(20)
    await send(opening)
    // tiny:2k is counted by estimate; its real tokenizer (the fake's) needs twice as many tokens.
    session.h.fake.countTokens = (text) => Math.ceil(text.length / 2)
    const estimate = countPrompt('tiny:2k', [
      { role: 'system', content: DEFAULT_SYSTEM_PROMPT },
      { role: 'user', content: opening },
      { role: 'assistant', content: session.h.fake.reply },
      { role: 'user', content: question },
    ])
    expect(estimate.exact).toBe(false)
    await page().getByRole('button', { name: 'Options', exact: true }).click()
    await page().getByRole('combobox', { name: 'Model' }).selectOption('tiny:2k')
    await page()
      .getByRole('spinbutton', { name: 'Context window (tokens)' })
      .fill(String(Math.ceil(estimate.tokens / 0.92)))
    await page().getByRole('button', { name: 'Save options' }).click()
    await expect.poll(() => page().getByText('Saved for this chat.').isVisible()).toBe(true)
    await page().getByRole('button', { name: 'Options', exact: true }).click()
    await send(question)
    await expect
      .poll(() => replies().last().getByRole('note').textContent(), { timeout: 5_000 })
      .toMatch(/The model did not see [\d,]+ earlier tokens/)
  })
})
