import { beforeEach, describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1200, height: 900 }, (h) => {
  h.fake.models = []
  h.fake.pullable = [
    ...h.fake.pullable,
    { name: 'qwen2.5:0.5b', size: 397_821_319, layers: [{ digest: `sha256:${'5'.repeat(64)}`, size: 397_821_319 }] },
  ]
})
beforeEach(async () => {
  await session.page.getByRole('button', { name: 'Models' }).click()
})

const pullStatus = (model: string) => session.page.getByTestId(`pull-status-${model}`)

describe('pulling a model from the Models screen', () => {
  it('pulls the default model with whole-model progress, then lists it', async () => {
    session.h.fake.pullPacing.lineDelayMs = 25
    session.h.fake.pullPacing.chunkBytes = 64 * 1024 * 1024
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    const bar = session.page.getByRole('progressbar', { name: 'Pulling qwen2.5:7b-instruct' })
    await expect.poll(() => bar.isVisible()).toBe(true)
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(5)
    expect(await pullStatus('qwen2.5:7b-instruct').textContent()).toMatch(/\d+% · [\d.]+ (MB|GB) of 4\.7 GB/)
    expect(await unnamedControls(session.page)).toEqual([])
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 30_000 }).toBe('Installed · 4.7 GB')
    await expect.poll(() => session.page.getByRole('row', { name: /qwen2\.5:7b-instruct/ }).isVisible()).toBe(true)
    await session.page.getByRole('button', { name: 'Dismiss qwen2.5:7b-instruct' }).click()
    await expect.poll(() => session.page.getByRole('list', { name: 'Pulls' }).isVisible()).toBe(false)
  })

  it('corrects the hyphenated tag from the seed notes and says so', async () => {
    await session.page.getByRole('textbox', { name: 'Model to pull' }).fill('qwen2.5-7b-instruct')
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect
      .poll(() =>
        session.page.getByText('“qwen2.5-7b-instruct” is not a valid Ollama tag; pulling qwen2.5:7b-instruct instead.').isVisible(),
      )
      .toBe(true)
  })

  it('shows the reason when a name does not exist', async () => {
    await session.page.getByRole('textbox', { name: 'Model to pull' }).fill('qwen9:1000b')
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect.poll(() => session.page.getByRole('alert').textContent()).toContain('There is no model called "qwen9:1000b"')
  })

  it('keeps a pull going across a page reload, and cancels it from the reloaded page', async () => {
    session.h.fake.pullFault = { kind: 'stall-after', bytes: 300_000_000 }
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 }).toMatch(/^6% · 300 MB of 4\.7 GB/)
    await session.page.reload()
    await session.page.getByRole('button', { name: 'Models' }).click()
    const cancel = session.page.getByRole('button', { name: 'Cancel pull of qwen2.5:7b-instruct' })
    await expect.poll(() => cancel.isVisible(), { timeout: 5_000 }).toBe(true)
    expect(await pullStatus('qwen2.5:7b-instruct').textContent()).toMatch(/^6% · 300 MB of 4\.7 GB/)
    await cancel.click()
    await expect
      .poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 })
      .toBe('Cancelled at 6% — pulling again resumes')
    await expect.poll(() => session.h.fake.requests.filter((r) => r.path === '/api/pull').at(-1)?.aborted).toBe(true)
  })
})

describe('pulls that meet trouble, and pulls the user steers', () => {
  it('retries a dropped connection by itself, says so, and resumes instead of starting over', async () => {
    session.h.fake.pullPacing.lineDelayMs = 10
    session.h.fake.failNextPulls({ kind: 'drop-after', bytes: 1_000_000_000 })
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect
      .poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 })
      .toMatch(/^Connection lost at 2\d% — retrying in \d+ s \(try 2\)$/)
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 15_000 }).toBe('Installed · 4.7 GB')
    expect(session.h.fake.pulledBytes).toBe(4_683_087_332)
  })

  it('pauses and resumes from the same place', async () => {
    session.h.fake.pullPacing.lineDelayMs = 40
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 }).toMatch(/^\d+% · /)
    await session.page.getByRole('button', { name: 'Pause pull of qwen2.5:7b-instruct' }).click()
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 }).toMatch(/^Paused at \d+%/)
    session.h.fake.pullPacing.lineDelayMs = 2
    await session.page.getByRole('button', { name: 'Resume pull of qwen2.5:7b-instruct' }).click()
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 15_000 }).toBe('Installed · 4.7 GB')
    expect(session.h.fake.pulledBytes).toBe(4_683_087_332)
  })

  it('queues a second pull behind the first', async () => {
    session.h.fake.pullFault = { kind: 'stall-after', bytes: 100_000_000 }
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await session.page.getByRole('button', { name: 'Pull qwen2.5:0.5b' }).click()
    await expect
      .poll(() => pullStatus('qwen2.5:0.5b').textContent(), { timeout: 5_000 })
      .toBe('Waiting for the download in progress to finish')
    // The stalled request keeps its fault; the next one, for the queued model, must not.
    session.h.fake.pullFault = { kind: 'none' }
    await session.page.getByRole('button', { name: 'Cancel pull of qwen2.5:7b-instruct' }).click()
    await expect.poll(() => pullStatus('qwen2.5:0.5b').textContent(), { timeout: 10_000 }).toMatch(/^Installed · /)
  })

  it('names the models folder and the bytes still needed when the disk is full', async () => {
    session.h.fake.pullFault = {
      kind: 'error-line-after',
      bytes: 683_087_332,
      message: 'write /models/blobs/x-partial: no space left on device',
    }
    await session.page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect
      .poll(() => session.page.getByRole('alert').textContent(), { timeout: 5_000 })
      .toMatch(/Not enough disk space to pull qwen2\.5:7b-instruct: it needs about 4\.0 GB more in the models folder \S+models\./)
    expect(await session.page.getByRole('button', { name: 'Try again to pull qwen2.5:7b-instruct' }).isVisible()).toBe(true)
  })

  it('pulls a recommended model with one click, and the first-run card on Chat does the same for the default', async () => {
    await session.page.getByRole('button', { name: 'Pull qwen2.5:0.5b' }).click()
    await expect.poll(() => pullStatus('qwen2.5:0.5b').textContent(), { timeout: 10_000 }).toMatch(/^Installed · /)
    await session.page.getByRole('button', { name: 'Dismiss qwen2.5:0.5b' }).click()
    session.h.fake.models = []
    await session.page.getByRole('button', { name: 'Chat' }).click()
    const download = session.page.getByRole('button', { name: 'Download qwen2.5:7b-instruct' })
    await expect.poll(() => download.isVisible(), { timeout: 5_000 }).toBe(true)
    await download.click()
    await expect.poll(() => session.page.getByRole('region', { name: 'Get your first model' }).isVisible(), { timeout: 20_000 }).toBe(false)
    // The model just pulled answers at once.
    await session.page.getByRole('textbox', { name: 'Message' }).fill('Hi')
    await session.page.keyboard.press('Enter')
    await expect
      .poll(() => session.page.getByRole('article', { name: 'Assistant said' }).getAttribute('data-state'), { timeout: 5_000 })
      .toBe('complete')
  })
})
