import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PullJob } from '../../src/shared/domain/pull.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { PullManager, type PullManagerOptions } from '../../src/main/ollama/PullManager.ts'
import { FakeOllama } from '../support/fakeOllama.ts'

let fake: FakeOllama
let published: PullJob[]
let manager: PullManager

function makeManager(options: Partial<PullManagerOptions> = {}): PullManager {
  manager?.dispose()
  const client = new OllamaClient({ host: fake.host })
  manager = new PullManager({ client: () => client, publish: (job) => published.push(job), retryDelaysMs: [20, 40, 80], ...options })
  return manager
}

beforeEach(async () => {
  fake = await new FakeOllama({ models: [] }).start()
  published = []
  makeManager()
})
afterEach(async () => {
  manager.dispose()
  await fake.stop()
})

const QWEN_BYTES = 4_683_087_332
const FINAL_STATES = ['done', 'failed', 'cancelled', 'paused']

function inState(model: string, states: string[]): Promise<PullJob> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const job = manager.list().find((j) => j.model === model)
      if (job && states.includes(job.state)) {
        clearInterval(timer)
        resolve(job)
      }
    }, 5)
  })
}

/** The last published view of a pull once it has settled: what a window shows in the end. */
function settled(model: string): Promise<PullJob> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const last = published.filter((p) => p.model === model).at(-1)
      if (last && FINAL_STATES.includes(last.state) && manager.list().find((j) => j.model === model)?.state === last.state) {
        clearInterval(timer)
        resolve(last)
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

  it('reports a mid-pull error line with its text when no retry is left', async () => {
    makeManager({ retryDelaysMs: [] })
    fake.pullFault = { kind: 'error-line-after', bytes: 500_000_000, message: 'max retries exceeded: unexpected EOF' }
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job.state).toBe('failed')
    expect(job.error?.message).toContain('max retries exceeded: unexpected EOF')
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

describe('PullManager when things go wrong', () => {
  it('retries a dropped connection and resumes where it stopped: bytes continue, they do not start over', async () => {
    fake.failNextPulls({ kind: 'drop-after', bytes: 1_000_000_000 }, { kind: 'drop-after', bytes: 1_500_000_000 })
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job).toMatchObject({ state: 'done', attempt: 3, progress: { completedBytes: QWEN_BYTES, percent: 100 } })
    // Every byte crossed the wire once: the retries asked only for what was missing.
    expect(fake.pulledBytes).toBe(QWEN_BYTES)
    expect(fake.requests.filter((r) => r.path === '/api/pull')).toHaveLength(3)
    const percents = published.filter((p) => p.model === 'qwen2.5:7b-instruct').map((p) => p.progress.completedBytes)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(published.some((p) => p.state === 'retrying' && p.retryReason)).toBe(true)
  })

  it("retries after the server's `max retries exceeded` line", async () => {
    fake.failNextPulls({ kind: 'error-line-after', bytes: 800_000_000, message: 'max retries exceeded: EOF' })
    manager.start('qwen2.5:7b-instruct')
    expect(await settled('qwen2.5:7b-instruct')).toMatchObject({ state: 'done', attempt: 2 })
    expect(published.find((p) => p.state === 'retrying')?.retryReason).toContain('max retries exceeded')
    expect(fake.pulledBytes).toBe(QWEN_BYTES)
  })

  it('treats a download whose bytes stop as stalled, though lines keep coming, drops it and retries', async () => {
    makeManager({ stallMs: 400 })
    fake.failNextPulls({ kind: 'stall-after', bytes: 600_000_000 })
    manager.start('qwen2.5:7b-instruct')
    expect(await settled('qwen2.5:7b-instruct')).toMatchObject({ state: 'done', attempt: 2 })
    expect(published.find((p) => p.state === 'retrying')?.retryReason).toBe('No new data arrived for 1 s.')
    const pulls = fake.requests.filter((r) => r.path === '/api/pull')
    expect(pulls[0]?.aborted).toBe(true)
    expect(fake.pulledBytes).toBe(QWEN_BYTES)
  })

  it('does not call a long, silent verification a stall', async () => {
    makeManager({ stallMs: 100 })
    // Hashing 4.7 GB on a slow disk: the server says "verifying" and then nothing for a long while.
    fake.pullPacing.verifyMs = 400
    manager.start('qwen2.5:7b-instruct')
    expect(await settled('qwen2.5:7b-instruct')).toMatchObject({ state: 'done', attempt: 1 })
    expect(fake.requests.filter((r) => r.path === '/api/pull')).toHaveLength(1)
  })

  it('waits and retries when the server answers 503 busy', async () => {
    fake.failNextPulls({ kind: 'reject', status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' })
    manager.start('qwen2.5:7b-instruct')
    expect(await settled('qwen2.5:7b-instruct')).toMatchObject({ state: 'done', attempt: 2 })
    expect(published.find((p) => p.state === 'retrying')?.retryReason).toContain('Ollama is busy')
  })

  it('fails a malformed name at once with the server’s 400 and a hint, without retrying', async () => {
    manager.start('Qwen 2.5 instruct')
    const job = await settled('Qwen 2.5 instruct')
    expect(job).toMatchObject({
      state: 'failed',
      attempt: 1,
      error: {
        code: 'MODEL_NOT_FOUND',
        message: '"Qwen 2.5 instruct" is not a valid model name.',
        hint: expect.stringContaining('invalid model name'),
      },
    })
  })

  it('gives up after the last retry with the reason and the number of tries', async () => {
    makeManager({ retryDelaysMs: [10, 10] })
    fake.pullFault = { kind: 'drop-after', bytes: 0 }
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job).toMatchObject({ state: 'failed', attempt: 3 })
    expect(job.error?.message).toMatch(/\. Gave up after 3 tries\.$/)
  })

  it('turns `no space left on device` into DISK_FULL naming the models folder and the bytes still needed', async () => {
    makeManager({ storage: async () => ({ dir: '/data/ollama/models', freeBytes: 10_000_000_000 }) })
    fake.pullFault = {
      kind: 'error-line-after',
      bytes: 683_087_332,
      message: 'write /data/ollama/models/blobs/sha256-2bada8-partial: no space left on device',
    }
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job.state).toBe('failed')
    expect(job.error).toMatchObject({
      code: 'DISK_FULL',
      message: 'Not enough disk space to pull qwen2.5:7b-instruct: it needs about 4.0 GB more in the models folder /data/ollama/models.',
    })
    expect(job.error?.hint).toContain('no space left on device')
    expect(fake.requests.filter((r) => r.path === '/api/pull')).toHaveLength(1)
  })

  it('says "the server\'s models folder" when the server is not on this machine', async () => {
    makeManager({ storage: async () => undefined })
    fake.pullFault = { kind: 'error-line-after', bytes: 100, message: 'write /srv/blobs/x: no space left on device' }
    manager.start('qwen2.5:7b-instruct')
    expect((await settled('qwen2.5:7b-instruct')).error?.message).toContain("in the server's models folder.")
  })

  it('refuses to start when the known size does not fit, before downloading anything', async () => {
    makeManager({ storage: async () => ({ dir: '/home/me/.ollama/models', freeBytes: 2_000_000_000 }), knownSize: () => QWEN_BYTES })
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job.error).toMatchObject({
      code: 'DISK_FULL',
      message:
        'Not enough disk space to pull qwen2.5:7b-instruct: it needs about 4.7 GB more in the models folder /home/me/.ollama/models (2.0 GB free).',
    })
    expect(fake.requests.filter((r) => r.path === '/api/pull')).toHaveLength(0)
  })

  it('stops as soon as the first layer announces a size that does not fit', async () => {
    makeManager({ storage: async () => ({ dir: '/models', freeBytes: 1_000_000_000 }) })
    fake.pullPacing.lineDelayMs = 20
    manager.start('qwen2.5:7b-instruct')
    const job = await settled('qwen2.5:7b-instruct')
    expect(job.error?.code).toBe('DISK_FULL')
    expect(fake.pulledBytes).toBeLessThan(1_000_000_000)
    expect(fake.requests.filter((r) => r.path === '/api/pull').at(-1)?.aborted).toBe(true)
  })
})

describe('PullManager queue, pause and resume', () => {
  it('downloads one model at a time; the next starts when the first is done', async () => {
    fake.pullable = [...fake.pullable, { name: 'qwen2.5:0.5b', size: 2_000, layers: [{ digest: 'sha256:' + 'a'.repeat(64), size: 2_000 }] }]
    fake.pullPacing.lineDelayMs = 5
    const overlaps: string[][] = []
    const sampler = setInterval(() => {
      const running = manager.list().filter((j) => j.state === 'running')
      if (running.length > 1) overlaps.push(running.map((j) => j.model))
    }, 2)
    manager.start('qwen2.5:7b-instruct')
    expect(manager.start('qwen2.5:0.5b')).toMatchObject({ state: 'queued' })
    await inState('qwen2.5:7b-instruct', ['done'])
    expect(await settled('qwen2.5:0.5b')).toMatchObject({ state: 'done' })
    clearInterval(sampler)
    expect(overlaps).toEqual([])
    expect(published.filter((p) => p.model === 'qwen2.5:0.5b').map((p) => p.state)[0]).toBe('queued')
  })

  it('pauses (the server keeps the partial file) and resumes from the same bytes', async () => {
    fake.pullPacing.lineDelayMs = 10
    manager.start('qwen2.5:7b-instruct')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(manager.pause('qwen2.5:7b-instruct')).toBe(true)
    const paused = await settled('qwen2.5:7b-instruct')
    expect(paused.state).toBe('paused')
    expect(paused.progress.completedBytes).toBeGreaterThan(0)
    expect(manager.dismiss('qwen2.5:7b-instruct')).toBe(false)
    expect(manager.resume('qwen2.5:7b-instruct')).toMatchObject({ state: 'running', attempt: 2 })
    fake.pullPacing.lineDelayMs = 1
    expect(await inState('qwen2.5:7b-instruct', ['done'])).toMatchObject({ progress: { completedBytes: QWEN_BYTES } })
    expect(fake.pulledBytes).toBe(QWEN_BYTES)
  })

  it('cancels a queued pull without ever requesting it', async () => {
    fake.pullFault = { kind: 'stall-after', bytes: 100 }
    manager.start('qwen2.5:7b-instruct')
    manager.start('qwen2.5:7b')
    await expect.poll(() => fake.requests.length).toBe(1)
    expect(manager.cancel('qwen2.5:7b')).toBe(true)
    expect(manager.list().find((j) => j.model === 'qwen2.5:7b')?.state).toBe('cancelled')
    manager.cancel('qwen2.5:7b-instruct')
    await settled('qwen2.5:7b-instruct')
    expect(fake.requests.filter((r) => r.path === '/api/pull').map((r) => (r.body as { name?: string }).name)).toEqual([
      'qwen2.5:7b-instruct',
    ])
  })

  it('reports the share of bytes done across active pulls for the taskbar', async () => {
    expect(manager.overallFraction()).toBeUndefined()
    fake.pullFault = { kind: 'stall-after', bytes: QWEN_BYTES / 2 }
    manager.start('qwen2.5:7b-instruct')
    await expect.poll(() => manager.overallFraction(), { timeout: 3_000 }).toBeGreaterThan(0.45)
    manager.cancel('qwen2.5:7b-instruct')
    await settled('qwen2.5:7b-instruct')
    expect(manager.overallFraction()).toBeUndefined()
  })
})
