import { beforeEach, describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { useAppSession } from './appSession.ts'

const session = useAppSession({ width: 1200, height: 900 }, (h) => {
  h.fake.models = []
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
    expect(await pullStatus('qwen2.5:7b-instruct').textContent()).toMatch(/\d+% · [\d.]+ (MB|GB) of 4\.4 GB/)
    expect(await unnamedControls(session.page)).toEqual([])
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 30_000 }).toBe('Installed · 4.4 GB')
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
    await expect.poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 }).toMatch(/^6% · 286 MB of 4\.4 GB/)
    await session.page.reload()
    await session.page.getByRole('button', { name: 'Models' }).click()
    const cancel = session.page.getByRole('button', { name: 'Cancel pull of qwen2.5:7b-instruct' })
    await expect.poll(() => cancel.isVisible(), { timeout: 5_000 }).toBe(true)
    expect(await pullStatus('qwen2.5:7b-instruct').textContent()).toMatch(/^6% · 286 MB of 4\.4 GB/)
    await cancel.click()
    await expect
      .poll(() => pullStatus('qwen2.5:7b-instruct').textContent(), { timeout: 5_000 })
      .toBe('Cancelled at 6% — pulling again resumes')
    await expect.poll(() => session.h.fake.requests.filter((r) => r.path === '/api/pull').at(-1)?.aborted).toBe(true)
  })
})
