import { Ollama, type ProgressResponse } from 'ollama'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PullProgressTracker } from '../../src/main/ollama/pullProgress.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { QWEN_LAYERS } from '../support/fakePull.ts'

const QWEN = 'qwen2.5:7b-instruct'
const QWEN_BYTES = 4_683_087_332
const MODEL_LAYER = QWEN_LAYERS[0]!
const CHUNK = 512 * 1024 * 1024

let fake: FakeOllama

beforeEach(async () => {
  fake = await new FakeOllama({ models: [], pullChunkBytes: CHUNK, pullLineDelayMs: 0 }).start()
})
afterEach(() => fake.stop())

/** Pulls through the real npm client, collecting every line into `into` (kept when the pull throws). */
async function pull(model: string, into: ProgressResponse[] = []): Promise<ProgressResponse[]> {
  const stream = await new Ollama({ host: fake.host }).pull({ model, stream: true })
  for await (const line of stream) into.push(line)
  return into
}

const installedNames = async () => (await new Ollama({ host: fake.host }).list()).models.map((m) => m.name)
const linesOf = (lines: ProgressResponse[], digest: string) => lines.filter((l) => l.digest === digest)

describe('POST /api/pull on the fake', () => {
  it('streams manifest, each layer in turn, then verify, write and success, in the server’s shapes', async () => {
    const lines = await pull(QWEN)

    expect(lines[0]).toEqual({ status: 'pulling manifest' })
    expect(lines.slice(-3)).toEqual([{ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' }])
    const layerLines = lines.slice(1, -3)
    // One digest after another, each in one contiguous run.
    const runs = layerLines.map((l) => l.digest).filter((d, i, all) => d !== all[i - 1])
    expect(runs).toEqual(QWEN_LAYERS.map((l) => l.digest))
    expect(layerLines[0]).toEqual({ status: 'pulling 2bada8a74506', digest: MODEL_LAYER.digest, total: 4_683_073_952 })

    for (const layer of QWEN_LAYERS) {
      const [first, ...rest] = linesOf(lines, layer.digest)
      expect(first).toEqual({ status: `pulling ${layer.digest.slice(7, 19)}`, digest: layer.digest, total: layer.size })
      expect(rest.length).toBe(Math.ceil(layer.size / CHUNK))
      expect(rest.every((l) => l.status === first?.status && l.total === layer.size)).toBe(true)
      const completed = rest.map((l) => l.completed)
      expect(completed).toEqual([...completed].sort((a, b) => a - b))
      expect(completed.at(-1)).toBe(layer.size)
    }
    expect(linesOf(lines, MODEL_LAYER.digest)[1]?.completed).toBe(CHUNK)
  })

  it('answers with application/x-ndjson and 200, and accepts the npm client’s `name`', async () => {
    const response = await fetch(`${fake.host}/api/pull`, { method: 'POST', body: JSON.stringify({ model: QWEN, stream: true }) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-ndjson')
    const text = await response.text()
    expect(text.endsWith('{"status":"success"}\n')).toBe(true)

    await pull('qwen2.5:7b')
    expect(fake.requests.at(-1)?.body).toMatchObject({ name: 'qwen2.5:7b', stream: true })
  })

  it('feeds a tracker to 100% of 4,683,087,332 bytes and lists the model afterwards', async () => {
    expect(await installedNames()).toEqual([])
    const tracker = new PullProgressTracker()
    let previous = 0
    for (const line of await pull(QWEN)) {
      tracker.update(line)
      const { completedBytes } = tracker.snapshot()
      expect(completedBytes).toBeGreaterThanOrEqual(previous)
      previous = completedBytes
    }
    expect(tracker.snapshot()).toMatchObject({
      phase: 'success',
      completedBytes: QWEN_BYTES,
      totalBytes: QWEN_BYTES,
      percent: 100,
      layers: 5,
    })
    expect(await installedNames()).toEqual([QWEN])
  })

  it('reaches 100% as well when each layer’s last line falls short, as on the real server', async () => {
    fake.pullPacing.shortLayerEnd = true
    const lines = await pull(QWEN)
    const modelLines = linesOf(lines, MODEL_LAYER.digest)
    expect(modelLines.at(-1)?.completed).toBeLessThan(MODEL_LAYER.size)
    const tracker = new PullProgressTracker()
    for (const line of lines) tracker.update(line)
    expect(tracker.snapshot()).toMatchObject({ completedBytes: QWEN_BYTES, totalBytes: QWEN_BYTES, percent: 100 })
  })

  it('fails the hyphenated name right after the manifest line, like the real server', async () => {
    const lines: ProgressResponse[] = []
    await expect(pull('qwen2.5-7b-instruct', lines)).rejects.toThrow(/^pull model manifest: file does not exist$/)
    expect(lines).toEqual([{ status: 'pulling manifest' }])
    expect(await installedNames()).toEqual([])
  })

  it('throws when the connection drops, and the next pull resumes the partial layer', async () => {
    fake.pullFault = { kind: 'drop-after', bytes: 1_000_000_000 }
    const dropped: ProgressResponse[] = []
    await expect(pull(QWEN, dropped)).rejects.toThrow()
    expect(dropped.at(-1)).toMatchObject({ digest: MODEL_LAYER.digest, completed: 1_000_000_000 })
    expect(await installedNames()).toEqual([])

    fake.pullFault = { kind: 'none' }
    const resumed = await pull(QWEN)
    expect(linesOf(resumed, MODEL_LAYER.digest)[0]).toEqual({
      status: 'pulling 2bada8a74506',
      digest: MODEL_LAYER.digest,
      total: MODEL_LAYER.size,
      completed: 1_000_000_000,
    })
    expect(resumed.at(-1)).toEqual({ status: 'success' })

    const tracker = new PullProgressTracker()
    for (const line of [...dropped, ...resumed]) tracker.update(line)
    expect(tracker.snapshot()).toMatchObject({ completedBytes: QWEN_BYTES, percent: 100 })
  })

  it('reports layers already on disk once, whole, when a pull is repeated under another name', async () => {
    await pull(QWEN)
    const again = await pull('qwen2.5:7b')
    for (const layer of QWEN_LAYERS) {
      expect(linesOf(again, layer.digest)).toEqual([
        { status: `pulling ${layer.digest.slice(7, 19)}`, digest: layer.digest, total: layer.size, completed: layer.size },
      ])
    }
    expect(await installedNames()).toEqual([QWEN, 'qwen2.5:7b'])
  })

  it.each([
    'max retries exceeded: EOF',
    'write /models/blobs/sha256-2bada8a7450677000f678be90653b85d364de7db25eb5ea54136ada5f3933730-partial: no space left on device',
  ])('throws an error line with its text: %s', async (message) => {
    fake.pullFault = { kind: 'error-line-after', bytes: 2 * CHUNK, message }
    const lines: ProgressResponse[] = []
    await expect(pull(QWEN, lines)).rejects.toThrow(message)
    expect(lines.at(-1)?.completed).toBe(2 * CHUNK)
  })

  it('stalls like the real server: the same line every 60 ms, no new bytes, until the client aborts', async () => {
    fake.pullFault = { kind: 'stall-after', bytes: CHUNK }
    const stream = await new Ollama({ host: fake.host }).pull({ model: QWEN, stream: true })
    const lines: ProgressResponse[] = []
    const reading = (async () => {
      for await (const line of stream) lines.push(line)
    })()
    const outcome = reading.then(
      () => 'ended',
      (error: unknown) => (error instanceof Error ? error.name : 'non-error'),
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    const repeated = lines.filter((line) => line.completed === CHUNK)
    expect(repeated.length).toBeGreaterThanOrEqual(3)
    expect(lines.at(-1)).toEqual(repeated[0])
    expect(fake.requests.at(-1)?.aborted).toBe(false)
    stream.abort()
    expect(await outcome).toBe('AbortError')
  })

  it('loses partial layers when restarted, unless told not to prune (OLLAMA_NOPRUNE)', async () => {
    fake.pullFault = { kind: 'drop-after', bytes: CHUNK }
    await expect(pull(QWEN)).rejects.toThrow()
    await fake.stop()
    await fake.start()
    fake.pullFault = { kind: 'drop-after', bytes: CHUNK }
    const afterRestart: ProgressResponse[] = []
    await expect(pull(QWEN, afterRestart)).rejects.toThrow()
    expect(linesOf(afterRestart, MODEL_LAYER.digest)[0]?.completed).toBeUndefined()

    fake.noPrune = true
    await fake.stop()
    await fake.start()
    fake.pullFault = { kind: 'none' }
    const resumed = await pull(QWEN)
    expect(linesOf(resumed, MODEL_LAYER.digest)[0]?.completed).toBe(CHUNK)
  })
})
