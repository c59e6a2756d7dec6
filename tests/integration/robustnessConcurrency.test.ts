import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeOllama } from '../support/fakeOllama.ts'
import { concurrentReplies } from '../support/robustnessScenarios.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const MB = 1_000_000
let fake: FakeOllama

beforeEach(async () => {
  // Half a second per reply, eight at a time and 32 more waiting: most of a hundred find the queue full.
  fake = await new FakeOllama({ tokenDelayMs: 25, reply: 'Low water at the harbour mouth is at six. '.repeat(2) }).start()
  fake.parallel = 8
  fake.maxQueue = 32
})
afterEach(() => fake.stop())

// The web host is a process of its own, weighed from outside after a full GC.
describe('100 chat replies at once through the web bridge', { timeout: 120_000 }, () => {
  it('ends each one complete or with a clear busy error, keeps serving, and its memory levels off', async () => {
    const outcome = await concurrentReplies({ fake, dataDir: await tempDir(), requests: 100, sockets: 10, rounds: 2 })
    expect(outcome.alive).toBe(true)
    const replies = outcome.rounds.flatMap((r) => r.replies)
    expect(replies).toHaveLength(200)
    for (const reply of replies) {
      if (reply.ok) expect(reply).toMatchObject({ state: 'complete', content: fake.reply })
      else
        expect(reply).toMatchObject({
          state: 'failed',
          error: {
            code: 'OLLAMA_BUSY',
            message: 'Ollama is busy: server busy, please try again.  maximum pending requests exceeded',
            hint: 'Your request can be retried in a moment.',
          },
        })
      for (const note of reply.notes)
        expect(note).toMatch(/^Ollama is busy with other requests; your message is queued and will be sent again in \d+ s\.$/)
    }
    // Those the full queue turned away were told so while they waited.
    expect(replies.filter((r) => r.notes.length > 0).length).toBeGreaterThan(0)

    // Memory levels off: a second hundred adds next to nothing to what the first left behind.
    const [first, second] = outcome.rounds.map((r) => r.memory)
    expect((second?.heapUsed ?? Infinity) - (first?.heapUsed ?? 0)).toBeLessThan(5 * MB)
    expect((second?.rss ?? Infinity) - (first?.rss ?? 0)).toBeLessThan(40 * MB)
  })
})
