import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BridgeClient } from '../support/bridgeClient.ts'
import { startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { PULL_BYTES, pullThroughOutage, replyThroughOutage } from '../support/ollamaOutage.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()

describe('Ollama killed while a reply streams', () => {
  let h: BridgeHarness
  let client: BridgeClient

  beforeEach(async () => {
    h = await startBridgeHarness(await tempDir())
    h.fake.tokenDelayMs = 20
    h.fake.reply = 'The tide tables for the harbour list two highs a day. '.repeat(40)
    client = await BridgeClient.connect(h.bridge)
  })
  afterEach(async () => {
    client.close()
    await h.close()
  })

  it('ends with the lost-connection error, keeps the text as interrupted, and Continue finishes it once Ollama is back', async () => {
    const story = h.fake.reply
    const { received, killed, early, resumed, rest } = await replyThroughOutage(client, h.fake, 80)
    expect(killed.end).toMatchObject({
      ok: false,
      error: {
        code: 'OLLAMA_NOT_RUNNING',
        message: `The connection to Ollama at ${h.fake.host} was lost in the middle of the answer.`,
        hint: expect.stringContaining('what already arrived is kept'),
      },
    })
    expect(story.startsWith(received)).toBe(true)
    expect(killed.stored).toMatchObject({ state: 'interrupted', content: received })

    // Continue while Ollama is still down: the clear error for that, and the partial text stays as it was.
    expect(early.end).toMatchObject({
      ok: false,
      error: { code: 'OLLAMA_NOT_RUNNING', message: `Ollama is not running at ${h.fake.host}.` },
    })
    expect(early.stored).toMatchObject({ id: killed.stored?.id, state: 'interrupted', content: received })

    expect(resumed.end).toMatchObject({ ok: true })
    expect(resumed.stored).toMatchObject({ id: killed.stored?.id, state: 'complete', content: received + rest })
  })
})

describe('Ollama killed mid-pull', () => {
  let fake: FakeOllama

  beforeEach(async () => {
    fake = await new FakeOllama({ models: [], noPrune: true, pullLineDelayMs: 10 }).start()
  })
  afterEach(() => fake.stop())

  it('retries while Ollama is down and resumes from the bytes it had once it is back', async () => {
    const { published, settled, pulledBytes } = await pullThroughOutage(fake, {
      retryDelaysMs: [50, 100, 200, 400, 800, 1_600],
      back: 'while-retrying',
    })
    expect(settled).toMatchObject({ state: 'done', progress: { completedBytes: PULL_BYTES, percent: 100 } })
    expect(published.filter((p) => p.state === 'retrying').map((p) => p.retryReason)).toEqual(
      expect.arrayContaining([
        `The connection to Ollama at ${fake.host} was lost in the middle of the answer.`,
        `Ollama is not running at ${fake.host}.`,
      ]),
    )
    // Every byte crossed the wire once, and the bar never went back.
    expect(pulledBytes).toBe(PULL_BYTES)
    const bytes = published.map((p) => p.progress.completedBytes)
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b))
  })

  it('fails with "not running" and the tries once the retries run out, keeps the bytes, and pulling again resumes', async () => {
    const { settled, again, pulledBytes } = await pullThroughOutage(fake, { retryDelaysMs: [20, 40], back: 'after-failing' })
    expect(settled).toMatchObject({
      state: 'failed',
      attempt: 3,
      error: {
        code: 'OLLAMA_NOT_RUNNING',
        message: `Ollama is not running at ${fake.host}. Gave up after 3 tries.`,
        hint: 'Start Ollama, then try again.',
      },
    })
    expect(settled.progress.completedBytes).toBeGreaterThanOrEqual(1e9)
    expect(again).toMatchObject({ state: 'done', progress: { completedBytes: PULL_BYTES } })
    expect(pulledBytes).toBe(PULL_BYTES)
  })
})
