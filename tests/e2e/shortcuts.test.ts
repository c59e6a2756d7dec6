import { describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1200, height: 800 })
const page = () => session.page
/** Keys pressed before the app has mounted would go nowhere: wait for it. */
const ready = () => page().getByRole('textbox', { name: 'Message' }).waitFor()
const focusedLabel = () => page().evaluate(() => document.activeElement?.getAttribute('id') ?? document.activeElement?.tagName)

describe('keyboard shortcuts', () => {
  it('lists every shortcut in a help panel opened with F1, closed with Esc', async () => {
    await ready()
    await page().keyboard.press('F1')
    const dialog = page().getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const text = await dialog.textContent()
    for (const what of ['Go to Chat', 'Go to Settings', 'New chat', 'Search all messages', 'Write a message', 'Stop the reply'])
      expect(text).toContain(what)
    expect(await unnamedControls(page())).toEqual([])
    await page().keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
  })

  it('reaches the chat from any screen: search with Ctrl+K, the message box with Ctrl+L, a new chat with Ctrl+N', async () => {
    await ready()
    await page().keyboard.press('Control+2')
    await expect.poll(() => page().getByRole('heading', { level: 1 }).first().textContent()).toBe('Models')
    await page().keyboard.press('Control+k')
    await expect.poll(focusedLabel).toBe('conversation-search')
    await page().keyboard.press('Control+l')
    await expect.poll(() => page().evaluate(() => document.activeElement?.closest('.composer') !== null)).toBe(true)
    await page().getByRole('textbox', { name: 'Message' }).fill('First chat')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('article', { name: 'You said' }).count(), { timeout: 5_000 }).toBe(1)
    await page().keyboard.press('Control+n')
    await expect.poll(() => page().getByRole('article', { name: 'You said' }).count(), { timeout: 5_000 }).toBe(0)
    await expect
      .poll(() =>
        page()
          .getByRole('navigation', { name: 'Conversations' })
          .getByRole('button', { name: /^New chat/ })
          .count(),
      )
      .toBeGreaterThan(0)
  })

  it('stops a streaming reply with Esc', async () => {
    session.h.fake.tokenDelayMs = 40
    await page().getByRole('textbox', { name: 'Message' }).fill('A long story')
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('button', { name: 'Stop' }).isVisible(), { timeout: 5_000 }).toBe(true)
    await page().keyboard.press('Escape')
    await expect
      .poll(() => page().getByRole('article', { name: 'Assistant said' }).getAttribute('data-state'), { timeout: 5_000 })
      .toBe('stopped')
  })
})
