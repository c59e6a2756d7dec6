import { afterAll, beforeAll, beforeEach, expect, inject } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR } from '../support/browser.ts'
import { useTempDirs } from '../support/tempDir.ts'

export interface AppSession {
  h: BridgeHarness
  page: Page
}

/** Every origin a request went to: the page's (HTTP and WebSocket) and main's (fetch in this process). */
const destinations: string[] = []

function noteDestination(url: string): void {
  const parsed = new URL(url)
  if (parsed.protocol !== 'data:' && parsed.protocol !== 'blob:') destinations.push(parsed.origin)
}

/**
 * Privacy, checked on every test: the page talks only to the app (the bridge), and main only to
 * the configured Ollama host. No telemetry, fonts, update checks or anything else slips out.
 */
function expectOnlyTheApp(h: BridgeHarness): void {
  const allowed = new Set([new URL(h.bridge.url).origin, `ws://127.0.0.1:${h.bridge.port}`, new URL(h.fake.host).origin])
  expect(destinations.splice(0).filter((origin) => !allowed.has(origin))).toEqual([])
}

/**
 * One Chromium per test file; per test a fresh web bridge with a fake Ollama and a page open on
 * the app. `prepare` runs before the page loads, so a test file can shape what the fake serves first.
 */
export function useAppSession(viewport: { width: number; height: number }, prepare: (h: BridgeHarness) => void = () => {}): AppSession {
  const tempDir = useTempDirs()
  const session = {} as AppSession
  let browser: Browser | undefined
  const realFetch = globalThis.fetch
  beforeAll(async () => {
    browser = await launchBrowser(inject('chromiumPath'))
    globalThis.fetch = (input, init) => {
      noteDestination(input instanceof Request ? input.url : String(input))
      return realFetch(input, init)
    }
  })
  afterAll(async () => {
    globalThis.fetch = realFetch
    await browser?.close()
  })
  beforeEach(async () => {
    if (!browser) throw new Error('Chromium did not start')
    session.h = await startBridgeHarness(await tempDir(), RENDERER_DIR)
    prepare(session.h)
    destinations.splice(0)
    session.page = await browser.newPage({ viewport })
    session.page.on('request', (request) => noteDestination(request.url()))
    session.page.on('websocket', (socket) => noteDestination(socket.url()))
    await session.page.goto(session.h.bridge.url)
    return async () => {
      await session.page.close()
      await session.h.close()
      expectOnlyTheApp(session.h)
    }
  })
  return session
}
