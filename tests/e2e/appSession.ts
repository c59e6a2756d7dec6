import { afterAll, beforeAll, beforeEach, inject } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR } from '../support/browser.ts'
import { useTempDirs } from '../support/tempDir.ts'

export interface AppSession {
  h: BridgeHarness
  page: Page
}

/**
 * One Chromium per test file; per test a fresh web bridge with a fake Ollama and a page open on
 * the app. `prepare` runs before the page loads, so a test file can shape what the fake serves first.
 */
export function useAppSession(viewport: { width: number; height: number }, prepare: (h: BridgeHarness) => void = () => {}): AppSession {
  const tempDir = useTempDirs()
  const session = {} as AppSession
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser(inject('chromiumPath'))
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    if (!browser) throw new Error('Chromium did not start')
    session.h = await startBridgeHarness(await tempDir(), RENDERER_DIR)
    prepare(session.h)
    session.page = await browser.newPage({ viewport })
    await session.page.goto(session.h.bridge.url)
    return async () => {
      await session.page.close()
      await session.h.close()
    }
  })
  return session
}
