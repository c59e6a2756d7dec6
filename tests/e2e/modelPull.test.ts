import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { launchBrowser, RENDERER_DIR, unnamedControls } from '../support/browser.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let browser: Browser
let h: BridgeHarness
let page: Page

beforeAll(async () => {
  browser = await launchBrowser(inject('chromiumPath'))
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  h = await startBridgeHarness(await tempDir(), RENDERER_DIR)
  h.fake.models = []
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  await page.goto(h.bridge.url)
  await page.getByRole('button', { name: 'Models' }).click()
  return async () => {
    await page.close()
    await h.close()
  }
})

const pullStatus = (model: string) => page.getByTestId(`pull-status-${model}`)

describe('pulling a model from the Models screen', () => {
  it('pulls the default model with whole-model progress, then lists it', async () => {
    h.fake.pullPacing.lineDelayMs = 25
    h.fake.pullPacing.chunkBytes = 64 * 1024 * 1024
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    const bar = page.getByRole('progressbar', { name: 'Pulling qwen2.5:7b-instruct' })
    await expect.poll(() => bar.isVisible()).toBe(true)
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(5)
    expect(await pullStatus('qwen2.5:7b-instruct').textContent()).toMatch(/\d+% · [\d.]+ (MB|GB) of 4\.4 GB/)
    expect(await unnamedControls(page)).toEqual([])
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 30_000 }).toBe('Installed · 4.4 GB')
    await expect.poll(() => page.getByRole('row', { name: /qwen2\.5:7b-instruct/ }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Dismiss qwen2.5:7b-instruct' }).click()
    await expect.poll(() => page.getByRole('list', { name: 'Pulls' }).isVisible()).toBe(false)
  })

  it('corrects the hyphenated tag from the seed notes and says so', async () => {
    await page.getByRole('textbox', { name: 'Model to pull' }).fill('qwen2.5-7b-instruct')
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect
      .poll(() => page.getByText('“qwen2.5-7b-instruct” is not a valid Ollama tag; pulling qwen2.5:7b-instruct instead.').isVisible())
      .toBe(true)
  })

  it('shows the reason when a name does not exist', async () => {
    await page.getByRole('textbox', { name: 'Model to pull' }).fill('qwen9:1000b')
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('There is no model called "qwen9:1000b"')
  })
})
