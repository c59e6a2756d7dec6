import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeOllama } from '../support/fakeOllama.ts'
import { killMidReply, type KillOutcome } from '../support/robustnessScenarios.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let fake: FakeOllama

beforeEach(async () => {
  // 50 lines a second for a minute: the kill always lands mid-reply.
  fake = await new FakeOllama({ tokenDelayMs: 20, reply: 'Once upon a time, a lighthouse keeper counted the waves. '.repeat(200) }).start()
})
afterEach(() => fake.stop())

/** What every kill must leave: an intact file, the reply marked interrupted on reopening, and only text the model sent. */
function expectRecovered(outcome: KillOutcome): void {
  expect(outcome.signal).toBe('SIGKILL')
  expect(outcome.integrity).toBe('ok')
  expect(outcome.rawState).toBe('streaming')
  expect(outcome.reopened.state).toBe('interrupted')
  expect(outcome.reopened.content).not.toBe('')
  expect(fake.reply.startsWith(outcome.reopened.content)).toBe(true)
}

// The web host is a process of its own (started from source), so SIGKILL is as abrupt as a crash.
describe('kill -9 of the app while a reply streams', { timeout: 60_000 }, () => {
  it('keeps everything the window received up to a second before the kill, in a file that opens intact', async () => {
    const outcome = await killMidReply({
      fake,
      dataDir: await tempDir(),
      killWhen: (arrivals, now) => arrivals.length > 0 && now - (arrivals[0]?.at ?? now) >= 2_500,
    })
    expectRecovered(outcome)
    expect(outcome.receivedSecondBefore.length).toBeGreaterThan(0)
    expect(outcome.reopened.content.startsWith(outcome.receivedSecondBefore)).toBe(true)
    expect(outcome.lagMs).toBeLessThanOrEqual(1_000)
  })

  it('keeps all of it when the model had paused, though no token came to trigger a write', async () => {
    fake.chatFault = { kind: 'pause-after', tokens: 60, ms: 5_000 }
    const outcome = await killMidReply({
      fake,
      dataDir: await tempDir(),
      killWhen: (arrivals, now) => arrivals.length > 0 && now - (arrivals.at(-1)?.at ?? now) >= 1_200,
    })
    expectRecovered(outcome)
    expect(outcome.received).toBe(fake.reply.slice(0, 60 * 4))
    expect(outcome.reopened.content).toBe(outcome.received)
  })
})
