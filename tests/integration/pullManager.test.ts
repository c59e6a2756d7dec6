import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PullJob } from '../../src/shared/domain/pull.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { PullManager } from '../../src/main/ollama/PullManager.ts'
import { FakeOllama } from '../support/fakeOllama.ts'

let fake: FakeOllama
let published: PullJob[]
let manager: PullManager

beforeEach(async () => {
  fake = await new FakeOllama({ models: [] }).start()
  published = []
  const client = new OllamaClient({ host: fake.host })
  manager = new PullManager({ client: () => client, publish: (job) => published.push(job) })
})
afterEach(async () => {
  manager.dispose()
  await fake.stop()
})

function settled(model: string): Promise<PullJob> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const job = manager.list().find((j) => j.model === model)
      if (job && job.state !== 'running') {
        clearInterval(timer)
        setTimeout(() => resolve(published.filter((p) => p.model === model).at(-1) ?? job), 150)
      }
    }, 10)
  })
}

describe('PullManager against the fake server', () => {
  it('pulls the default model to 100% of all five layers and publishes at most ~10 updates a second', async () => {
    fake.pullPacing.lineDelayMs = 2
    const started = Date.now()
    manager.start('qwen2.5:7b-instruct')
    const last = await settled('qwen2.5:7b-instruct')
    const seconds = (Date.now() - started) / 1000
    expect(last).toMatchObject({
      state: 'done',
      progress: { phase: 'success', completedBytes: 4_683_087_332, totalBytes: 4_683_087_332, percent: 100, layers: 5 },
    })
    expect(published.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2)
    expect((await new OllamaClient({ host: fake.host }).listModels()).map((m) => m.name)).toContain('qwen2.5:7b-instruct')
  })

  it('corrects the hyphenated spelling and says what it changed', async () => {
    const job = manager.start('qwen2.5-7b-instruct')
    expect(job).toMatchObject({ model: 'qwen2.5:7b-instruct', requestedAs: 'qwen2.5-7b-instruct' })
    expect(await settled('qwen2.5:7b-instruct')).toMatchObject({ state: 'done' })
  })

  it('fails an unknown name with MODEL_NOT_FOUND and a spelling hint', async () => {
    manager.start('qwen9:1000b')
    expect(await settled('qwen9:1000b')).toMatchObject({
      state: 'failed',
      error: { code: 'MODEL_NOT_FOUND', message: expect.stringContaining('qwen9:1000b'), hint: expect.stringContaining('colon') },
    })
  })

  it('reports a mid-pull error line with its text', async () => {
    fake.pullFault = { kind: 'error-line-after', bytes: 500_000_000, message: 'write /models/blobs/sha256-2bada8: no space left on device' }
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job.state).toBe('failed')
    expect(job.error?.message).toContain('no space left on device')
    expect(job.progress.completedBytes).toBeGreaterThan(0)
  })

  it('cancels: the job ends cancelled and the server sees the request closed', async () => {
    fake.pullFault = { kind: 'stall-after', bytes: 100_000_000 }
    manager.start('qwen2.5:7b-instruct')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(manager.cancel('qwen2.5:7b-instruct')).toBe(true)
    expect(await settled('qwen2.5:7b-instruct')).toMatchObject({ state: 'cancelled' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fake.requests.filter((r) => r.path === '/api/pull').at(-1)?.aborted).toBe(true)
  })
})
