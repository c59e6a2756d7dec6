// Renders every screen in headless Chromium through the web bridge against the fake Ollama,
// in light and dark and at a narrow width, into docs/screenshots/. Run: node scripts/screenshots.ts
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startBridgeHarness } from '../tests/support/bridgeHarness.ts'
import { findFreePort } from '../src/main/ollama/portOwner.ts'
import { launchBrowser, RENDERER_DIR } from '../tests/support/browser.ts'
import { writeFakeOllama } from '../tests/support/fakeOllamaExecutable.ts'
import type { Page } from 'playwright-core'

const out = path.resolve(import.meta.dirname, '../docs/screenshots')
await mkdir(out, { recursive: true })
const h = await startBridgeHarness(await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-shots-')), RENDERER_DIR)
h.app.ollama.start()
const browser = await launchBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')
const shots = [
  {
    name: 'chat-light',
    scheme: 'light',
    width: 1280,
    height: 800,
    screen: '1',
    prompt: 'Explain what an instruct model is in two sentences.',
  },
  {
    name: 'chat-dark',
    scheme: 'dark',
    width: 1280,
    height: 800,
    screen: '1',
    prompt: 'Explain what an instruct model is in two sentences.',
  },
  { name: 'models-light', scheme: 'light', width: 1280, height: 1100, screen: '2', onScreen: showPullAndDetails },
  { name: 'models-dark', scheme: 'dark', width: 1280, height: 1100, screen: '2' },
  { name: 'settings-dark', scheme: 'dark', width: 1280, height: 800, screen: '5' },
  { name: 'summarize-narrow-light', scheme: 'light', width: 520, height: 860, screen: '3' },
  { name: 'first-run-light', scheme: 'light', width: 1280, height: 800, screen: '1', beforeLoad: removeAllModels },
] as const

/** A second model downloading (held at 40%) and the default model's details open. */
async function showPullAndDetails(page: Page): Promise<void> {
  h.fake.pullable = [
    ...h.fake.pullable,
    { name: 'llama3.2:3b', size: 2_019_393_189, layers: [{ digest: `sha256:${'d'.repeat(64)}`, size: 2_019_393_189 }] },
  ]
  h.fake.pullPacing.lineDelayMs = 40
  h.fake.pullPacing.chunkBytes = 40_000_000
  h.fake.pullFault = { kind: 'stall-after', bytes: 800_000_000 }
  await page.getByRole('textbox', { name: 'Model to pull' }).fill('llama3.2:3b')
  await page.getByRole('button', { name: 'Pull', exact: true }).click()
  await page.getByText(/^39% · /).waitFor({ timeout: 10_000 })
  await page.getByRole('button', { name: 'Details of qwen2.5:7b-instruct' }).click()
  await page.getByText('Prompt template').waitFor()
}

async function removeAllModels(): Promise<void> {
  h.app.pulls.dispose()
  h.fake.models = []
}
h.fake.reply =
  'An instruct model is a language model fine-tuned on instructions paired with good answers, so it follows requests instead of merely continuing text. Qwen2.5-7B-Instruct is one: ask it to summarize, extract or rewrite and it does that.'
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: shot.scheme })
  page.on('console', (m) => console.log(`[${shot.name}] console.${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => console.log(`[${shot.name}] page error: ${e.stack}`))
  if ('beforeLoad' in shot) await shot.beforeLoad()
  await page.goto(h.bridge.url)
  await page
    .getByText('Ollama 0.12.6 running')
    .waitFor({ timeout: 5000 })
    .catch(() => console.log(`[${shot.name}] status never showed running`))
  await page.keyboard.press(`Control+${shot.screen}`)
  if ('prompt' in shot) {
    await page.getByRole('textbox', { name: 'Message' }).fill(shot.prompt)
    await page.keyboard.press('Enter')
    await page.getByText('tokens in').waitFor({ timeout: 10_000 })
  }
  if ('onScreen' in shot) await shot.onScreen(page)
  await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(out, `${shot.name}.png`) })
  await page.close()
}
await h.close()

/** The setup banners need an app that supervises Ollama: one without it installed, one whose Ollama keeps crashing. */
const setups = [
  { name: 'setup-not-installed-light', scheme: 'light', env: { PATH: '', HOME: os.tmpdir() }, waitFor: 'Ollama is not installed' },
  { name: 'setup-crashing-dark', scheme: 'dark', env: { FAKE_OLLAMA_CRASH_AFTER_MS: '200' }, waitFor: 'Ollama keeps stopping' },
] as const
for (const setup of setups) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-shots-'))
  const binDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-bin-'))
  await writeFakeOllama(binDir)
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ ollamaHost: `127.0.0.1:${await findFreePort()}` }))
  const harness = await startBridgeHarness(dataDir, RENDERER_DIR, {
    ollamaHost: undefined,
    superviseOllama: true,
    env: { PATH: binDir, HOME: os.tmpdir(), ...setup.env },
    serverTimings: { restartDelaysMs: [50, 100] },
  })
  harness.app.ollama.start()
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: setup.scheme })
  await page.goto(harness.bridge.url)
  await page.getByText(setup.waitFor).first().waitFor({ timeout: 20_000 })
  await page
    .getByText('Last lines of Ollama’s log')
    .click({ timeout: 1_000 })
    .catch(() => undefined)
  await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(out, `${setup.name}.png`) })
  await page.close()
  await harness.close()
}
await browser.close()
console.log(`Screenshots written to ${out}`)
