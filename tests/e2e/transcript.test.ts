import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1280, height: 900 })
const page = () => session.page

const SIZE = 2_000
const MIDDLE = 1_001
const TITLE = 'A very long conversation'

/** An export of alternating questions and answers of varied height; message MIDDLE holds a word found nowhere else. */
function longConversation(size: number): string {
  const id = 'long'
  const messages = Array.from({ length: size }, (_, i) => {
    const role = i % 2 ? 'assistant' : 'user'
    const body =
      role === 'user'
        ? `Question ${i + 1}: what about item ${i}?`
        : `Answer ${i + 1}.\n\n${'A paragraph of the answer. '.repeat(1 + (i % 7))}\n\n${i % 5 === 1 ? '```js\nconsole.log(1)\n```' : '- one\n- two'}`
    return {
      id: `m${i}`,
      conversationId: id,
      parentId: i ? `m${i - 1}` : null,
      role,
      content: i === MIDDLE ? `${body} zebracorn` : body,
      state: 'complete',
      createdAt: 1_700_000_000_000 + i * 1000,
    }
  })
  const conversation = {
    id,
    title: TITLE,
    model: 'qwen2.5:7b-instruct',
    pinned: false,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000 + size * 1000,
    messageCount: size,
    systemPrompt: '',
    options: {},
    messages,
    activeLeafId: `m${size - 1}`,
  }
  return JSON.stringify({ format: 'instruct-desk-conversation', version: 1, conversation })
}

/** Whether an element's box overlaps the transcript's visible area. */
function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const view = el.closest('.transcript')?.getBoundingClientRect()
    return !!view && box.bottom > view.top && box.top < view.bottom
  })
}

describe('a long transcript', () => {
  it('opens at its end with a bounded DOM, scrolls to its start, and brings a search hit into view', async () => {
    await session.h.app.handlers.invoke['conversations:import']({ text: longConversation(SIZE) }, new AbortController().signal)
    await page().reload()
    await page().getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: TITLE }).click()
    const log = page().getByRole('region', { name: 'Conversation' })
    await expect.poll(() => log.getByRole('article').last().textContent(), { timeout: 10_000 }).toContain(`Answer ${SIZE}.`)
    expect(await inView(log.getByRole('article').last())).toBe(true)

    // Virtualized: a screenful plus overscan, not 2,000 articles.
    const rendered = await log.getByRole('article').count()
    expect(rendered).toBeGreaterThan(1)
    expect(rendered).toBeLessThan(60)

    // Scrolling to the top renders the first message (rows are measured on the way, so nudge until it settles).
    await expect
      .poll(
        async () => {
          await log.evaluate((el) => el.scrollTo({ top: 0 }))
          return log.getByRole('article').first().textContent()
        },
        { timeout: 10_000 },
      )
      .toContain('Question 1:')
    expect(await log.getByRole('article').count()).toBeLessThan(60)

    // A search hit in the middle: its row was not rendered, and it is scrolled into view.
    await page().getByRole('searchbox', { name: 'Search all messages' }).fill('zebracorn')
    const hit = page().getByRole('list', { name: 'Search results' }).getByRole('button').first()
    await expect.poll(() => hit.locator('mark').textContent(), { timeout: 5_000 }).toBe('zebracorn')
    await hit.click()
    const target = log.getByRole('article').filter({ hasText: 'zebracorn' })
    await expect.poll(() => target.count(), { timeout: 5_000 }).toBe(1)
    expect(await target.textContent()).toContain(`Answer ${MIDDLE + 1}.`)
    await expect.poll(() => inView(target)).toBe(true)

    // Rows mounted by scrolling are not read out: the transcript is no live region.
    expect(await log.getAttribute('aria-live')).toBeNull()

    // Sending from the middle of the thread brings the view back to the end, where the message is
    // kept: two thousand messages are more than the model's window, so the app says so instead of sending.
    await page().getByRole('textbox', { name: 'Message' }).fill('And one more question')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('alert').first().textContent(), { timeout: 10_000 }).toContain('more than the model')
    await expect.poll(() => inView(log.getByRole('article', { name: 'You said' }).filter({ hasText: 'And one more question' }))).toBe(true)
  })
})
