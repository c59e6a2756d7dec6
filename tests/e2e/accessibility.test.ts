import { describe, expect, it } from 'vitest'
import { QWEN } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'
import { seriousViolations } from './support/axe.ts'

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.models = [QWEN]
})
const page = () => session.page

async function open(screen: string): Promise<void> {
  await page().getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click()
  await expect.poll(() => page().getByRole('heading', { level: 1 }).first().textContent()).toBeTruthy()
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds nothing serious or critical on any screen, ${scheme}`, async () => {
      await page().emulateMedia({ colorScheme: scheme })
      await page().getByRole('textbox', { name: 'Message' }).fill('What is a heron?')
      // Enter sends once the settings have named the model (Send is enabled then); sooner, the text just waits.
      await expect.poll(() => page().getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(true)
      await page().keyboard.press('Enter')
      await expect
        .poll(() => page().getByRole('article', { name: 'Assistant said' }).getAttribute('data-state'), { timeout: 10_000 })
        .toBe('complete')
      const found: Record<string, unknown> = { Chat: await seriousViolations(page()) }
      for (const screen of ['Models', 'Summarize', 'JSON', 'Settings']) {
        await open(screen)
        found[screen] = await seriousViolations(page())
      }
      expect(found).toEqual({ Chat: [], Models: [], Summarize: [], JSON: [], Settings: [] })
    })
  }
})
