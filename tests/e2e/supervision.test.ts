import { readdir, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { AppOptions } from '../../src/main/app.ts'
import { findFreePort } from '../../src/main/ollama/portOwner.ts'
import { startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR, unnamedControls } from '../support/browser.ts'
import { fakeOllamaScript, writeFakeOllama } from '../support/fakeOllamaExecutable.ts'
import { FakeRelease } from '../support/fakeRelease.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
/** The fake release holds the Linux x64 archive, and its `ollama` is a script for a POSIX shell. */
const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64'
let browser: Browser
const cleanups: (() => Promise<unknown>)[] = []
beforeAll(async () => {
  browser = await launchBrowser(inject('chromiumPath'))
})
afterAll(() => browser.close())
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The app with supervision on, its address in the settings file (so the app may change it), and a page open on it. */
async function openApp(
  port: number,
  options: Partial<AppOptions> & { env: NodeJS.ProcessEnv },
): Promise<{ h: BridgeHarness; page: Page; dataDir: string }> {
  const dataDir = await tempDir()
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ ollamaHost: `127.0.0.1:${port}` }))
  const h = await startBridgeHarness(dataDir, RENDERER_DIR, {
    ollamaHost: undefined,
    superviseOllama: true,
    serverTimings: { restartDelaysMs: [50, 100], startTimeoutMs: 15_000 },
    ...options,
  })
  cleanups.push(() => h.close())
  h.app.ollama.start()
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
  cleanups.push(() => page.close())
  await page.goto(h.bridge.url)
  return { h, page, dataDir }
}

async function installedEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const dir = await tempDir()
  await writeFakeOllama(dir, { version: '0.12.7' })
  return { PATH: dir, HOME: await tempDir(), ...extra }
}

const statusText = (page: Page) => page.getByTestId('ollama-status').textContent()

describe('Ollama supervised, as the user sees it', { timeout: 60_000 }, () => {
  it('offers a free port when another program holds Ollama’s, and one click moves there', async () => {
    const port = await findFreePort()
    const squatter: Server = createServer((_req, res) => res.writeHead(404).end())
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => squatter.close(resolve)))
    const { page } = await openApp(port, { env: await installedEnv() })
    const banner = page.getByRole('region', { name: 'Ollama could not start' })
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain(`Port ${port} is taken`)
    expect(await statusText(page)).toBe('Ollama could not start')
    expect(await unnamedControls(page)).toEqual([])
    await banner.getByRole('button', { name: /^Use port \d+$/ }).click()
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('Ollama 0.12.7 running')
    await expect.poll(() => page.getByRole('region', { name: 'Ollama status' }).textContent()).toContain('started by Instruct Desk')
    expect(await banner.count()).toBe(0)
  })

  it('shows the last log lines when Ollama keeps crashing, and Retry starts it again', async () => {
    const env = await installedEnv({ FAKE_OLLAMA_CRASH_AFTER_MS: '300' })
    const { page } = await openApp(await findFreePort(), { env })
    const banner = page.getByRole('region', { name: 'Ollama could not start' })
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain('Ollama keeps stopping (exit code 2).')
    await banner.getByText('Last lines of Ollama’s log').click()
    expect(await banner.locator('pre').textContent()).toContain('panic:')
    delete env.FAKE_OLLAMA_CRASH_AFTER_MS
    await banner.getByRole('button', { name: 'Retry' }).click()
    await expect.poll(() => statusText(page), { timeout: 20_000 }).toBe('Ollama 0.12.7 running')
  })

  it.runIf(LINUX_X64)('cancels an install on request and leaves nothing behind', async () => {
    const release = new FakeRelease({
      assets: { 'ollama-linux-amd64.tar.zst': [{ path: 'bin/ollama', content: fakeOllamaScript(), mode: 0o755 }] },
    })
    await release.start()
    cleanups.push(() => release.stop())
    release.fault = { kind: 'slow', chunkBytes: 8, delayMs: 200 }
    const { page, dataDir } = await openApp(await findFreePort(), {
      env: { PATH: '', HOME: await tempDir() },
      releaseBaseUrl: release.latestUrl,
    })
    const banner = page.getByRole('region', { name: 'Ollama is not installed' })
    await banner.getByRole('button', { name: 'Download and install Ollama' }).click()
    await banner.getByRole('button', { name: 'Cancel install' }).click()
    await expect.poll(() => banner.textContent(), { timeout: 5_000 }).toContain('Install cancelled; nothing was left behind.')
    const left = await readdir(path.join(dataDir, 'ollama'), { recursive: true, withFileTypes: true }).catch(() => [])
    expect(left.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)).toEqual([])
    expect(await statusText(page)).toBe('Ollama is not installed')
  })

  it.runIf(LINUX_X64)('installs Ollama for a user who does not have it, with progress, and then runs it', async () => {
    const release = new FakeRelease({
      assets: { 'ollama-linux-amd64.tar.zst': [{ path: 'bin/ollama', content: fakeOllamaScript({ version: '0.12.8' }), mode: 0o755 }] },
    })
    await release.start()
    cleanups.push(() => release.stop())
    release.fault = { kind: 'slow', chunkBytes: 16, delayMs: 100 }
    const { page } = await openApp(await findFreePort(), { env: { PATH: '', HOME: await tempDir() }, releaseBaseUrl: release.latestUrl })
    const banner = page.getByRole('region', { name: 'Ollama is not installed' })
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('ollama.com')
    await banner.getByRole('button', { name: 'Download and install Ollama' }).click()
    await expect.poll(() => banner.getByRole('progressbar', { name: 'Installing Ollama' }).isVisible(), { timeout: 5_000 }).toBe(true)
    await expect.poll(() => statusText(page), { timeout: 30_000 }).toBe('Ollama 0.12.8 running')
    expect(await banner.count()).toBe(0)
  })
})
