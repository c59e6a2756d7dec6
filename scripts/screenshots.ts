// Renders every screen in headless Chromium through the web bridge against the fake Ollama,
// in light and dark and at a narrow width, into docs/screenshots/. Run: node scripts/screenshots.ts
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startBridgeHarness } from '../tests/support/bridgeHarness.ts'
import { findFreePort } from '../src/main/ollama/portOwner.ts'
import { launchBrowser, RENDERER_DIR, requireChromium } from '../tests/support/browser.ts'
import { writeFakeOllama } from '../tests/support/fakeOllamaExecutable.ts'
import type { FakeChatRequest } from '../tests/support/fakeOllama.ts'
import { markedBook } from '../tests/support/markedDocument.ts'
import type { Page } from 'playwright-core'

const out = path.resolve(import.meta.dirname, '../docs/screenshots')
await mkdir(out, { recursive: true })
const h = await startBridgeHarness(await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-shots-')), RENDERER_DIR)
h.app.ollama.start()
const browser = await launchBrowser(requireChromium('Taking screenshots'))
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
  { name: 'summarize-light', scheme: 'light', width: 1280, height: 1280, screen: '3', onScreen: summarizeSurvey },
  { name: 'summarize-dark', scheme: 'dark', width: 1280, height: 1280, screen: '3', onScreen: showCoverage },
  { name: 'summarize-narrow-light', scheme: 'light', width: 520, height: 1000, screen: '3', onScreen: showResultNarrow },
  // Before first-run, which removes the models for good.
  { name: 'json-light', scheme: 'light', width: 1280, height: 1560, screen: '4', onScreen: repairJsonSample },
  { name: 'json-dark', scheme: 'dark', width: 1280, height: 1560, screen: '4', onScreen: repairJsonSample },
  { name: 'json-narrow-light', scheme: 'light', width: 520, height: 1000, screen: '4', onScreen: repairJsonSample },
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

/** The JSON screen after repairing a fenced answer with trailing commas and loose values, its changes and trace shown. */
async function repairJsonSample(page: Page): Promise<void> {
  const answer = [
    'Here are the tasks from the meeting:',
    '```json',
    '{"tasks": [',
    '  {"title": "Draft the launch email", "priority": "High", "done": "no",},',
    '  {"title": "Book the venue", "priority": "medium", "due": "2026-03-14", "owner": "Sam"},',
    ']}',
    '```',
  ].join('\n')
  await page.getByText('Valid JSON Schema 2020-12').waitFor({ timeout: 5_000 })
  await page.getByRole('textbox', { name: 'Text to repair' }).fill(answer)
  await page.getByRole('button', { name: 'Repair', exact: true }).click()
  const result = page.getByRole('region', { name: 'Valid JSON' })
  await result.waitFor({ timeout: 10_000 })
  await result.getByText('What happened').click()
  // Narrow, the result is below the fold: scroll the screen (not the window) to show it rather than the input.
  if ((page.viewportSize()?.width ?? 0) >= 760) return
  await result.evaluate((element) => {
    const content = element.closest('.content')
    if (content) content.scrollTop += element.getBoundingClientRect().top - content.getBoundingClientRect().top - 12
  })
}

const SURVEY_CHAPTERS = [
  'Moorings',
  'Water quality',
  'The northern channel',
  'Pontoons and quays',
  'Visitors',
  'Safety',
  'Budget',
  'Outlook',
]
const SURVEY_POINTS = [
  'The eastern quay has **42 moorings**, and from May to September demand exceeds them',
  'Water quality stayed within limits at all nine sampling points; turbidity rose briefly after the March storm',
  'The northern channel must be dredged before the autumn regatta, at an estimated cost of 18,000',
  'Two pontoons near the fuel dock are damaged and should be replaced this winter',
  'Visitor numbers grew by a fifth, mostly day sailors using the new slipway',
]
const PART_NOTES = [
  '- Counts moorings along each quay and notes a waiting list for summer berths.',
  '- Sampling at nine points shows dissolved oxygen above the seasonal threshold.',
  '- Silt has narrowed the channel; a survey recommends dredging within the year.',
  '- Inspects pontoons and the fuel dock; two pontoons have failed floats.',
]

/**
 * A report summarized in parts, as the fake model does it in the end-to-end tests but in plain
 * words: each part's notes, then a combined summary citing the parts, one of them left out.
 */
let partNote = 0
function surveyModel(request: FakeChatRequest): string {
  const prompt = request.messages.map((m) => m.content).join('\n')
  if (!prompt.includes('<summaries>')) return PART_NOTES[partNote++ % PART_NOTES.length] ?? ''
  const summaries = prompt.slice(prompt.lastIndexOf('<summaries>'))
  const labels = [...new Set(summaries.match(/\[C\d+\]/g) ?? [])].map((label) => label.slice(1, -1))
  // Every part but the second to last is cited: one point from two parts, the others from one.
  const cited = labels.filter((_, i) => i !== labels.length - 2)
  const sources = (i: number) => (i === 0 ? cited.slice(0, 2) : [cited[i % cited.length]])
  return SURVEY_POINTS.map((text, i) => `- ${text} [${sources(i).join(', ')}]`).join('\n')
}

/** A finished summary of a long report; `show` then brings part of the result into view. */
async function summarizeSurvey(page: Page, show?: (page: Page) => Promise<void>): Promise<void> {
  partNote = 0
  h.fake.replyFor = surveyModel
  const book = markedBook({ chapters: 8, sectionsPerChapter: 3, paragraphsPerSection: 10, sentencesPerParagraph: 6 })
  const markdown = book.markdown.replace(/^# Chapter (\d+)$/gm, (_, n: string) => `# ${SURVEY_CHAPTERS[Number(n) - 1] ?? `Chapter ${n}`}`)
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Open…' }).click()
  await (await chooser).setFiles({ name: 'harbour-survey-2025.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) })
  await page.getByTestId('summary-receipt').waitFor({ timeout: 30_000 })
  h.fake.replyFor = undefined
  await show?.(page)
}

/** Scrolls the screen (not the window) so the element is at the top. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const scroller = element.closest('.summarize-main')
      if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 12
    })
}

async function showCoverage(page: Page): Promise<void> {
  await summarizeSurvey(page, async () => {
    await page.locator('.chunk > summary').first().click()
    await scrollTo(page, '.summary-result')
  })
}

async function showResultNarrow(page: Page): Promise<void> {
  await summarizeSurvey(page, () => scrollTo(page, '.file-batch'))
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
