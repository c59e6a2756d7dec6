import { describe, expect, it } from 'vitest'
import { QWEN } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'
import { seriousViolations } from './support/axe.ts'

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.models = [QWEN]
  h.fake.reply = 'Lima.'
})
const page = () => session.page
const dialog = () => page().getByRole('dialog', { name: 'Copy as code' })

/**
 * No async clipboard (refused, as a session that denies permissions does): what the fallback copies
 * is recorded from the `copy` event. `broken` makes the fallback fail too.
 */
async function refuseClipboard(broken: boolean): Promise<void> {
  await page().evaluate((broken) => {
    const copied: string[] = []
    Object.assign(window, { copied })
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    })
    document.addEventListener('copy', (event) => {
      const target = event.target
      if (target instanceof HTMLTextAreaElement) copied.push(target.value)
    })
    if (broken) document.execCommand = () => false
  }, broken)
}

async function openDialog(): Promise<void> {
  await page().getByRole('textbox', { name: 'Message' }).fill('Where is the capital of Peru?')
  await page().keyboard.press('Enter')
  await expect.poll(() => page().getByRole('article', { name: 'Assistant said' }).getAttribute('data-state')).toBe('complete')
  await page().getByRole('button', { name: 'Copy as code' }).click()
  await dialog().waitFor()
}

describe('Copy as code', () => {
  it('shows the chat as a script in either language, from the keyboard, and copies it where the clipboard is refused', async () => {
    await openDialog()
    const javascript = dialog().getByRole('tab', { name: 'JavaScript' })
    expect(await javascript.evaluate((tab) => tab === document.activeElement)).toBe(true)
    expect(await dialog().getByRole('tabpanel').textContent()).toContain('from "ollama"')
    expect(await dialog().getByRole('tabpanel').textContent()).toContain('Where is the capital of Peru?')
    await page().keyboard.press('ArrowRight')
    expect(await dialog().getByRole('tab', { name: 'Python' }).getAttribute('aria-selected')).toBe('true')
    const python = (await dialog().getByRole('tabpanel').textContent()) ?? ''
    expect(python).toContain('from ollama import')
    expect(await seriousViolations(page())).toEqual([])

    // The page behind the modal dialog is inert: the fallback must copy from inside the dialog.
    await refuseClipboard(false)
    await dialog().getByRole('button', { name: 'Copy Python' }).click()
    await expect.poll(() => dialog().getByRole('status').textContent()).toBe('Copied the Python code.')
    expect(await page().evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([python])

    await page().keyboard.press('Escape')
    await expect.poll(() => dialog().count()).toBe(0)
  })

  it('says why it could not copy and selects the code for Ctrl+C', async () => {
    await openDialog()
    await refuseClipboard(true)
    await dialog().getByRole('button', { name: 'Copy JavaScript' }).click()
    await expect
      .poll(() => dialog().getByRole('status').textContent())
      .toBe('Could not copy (Write permission denied.). The code is selected: press Ctrl+C (⌘C on a Mac).')
    const selected = await page().evaluate(() => window.getSelection()?.toString() ?? '')
    expect(selected.trim()).toBe((await dialog().getByRole('tabpanel').textContent())?.trim())
  })
})
