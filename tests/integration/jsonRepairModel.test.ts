import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { RepairResult } from '../../src/shared/domain/jsonRepair.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import type { ClaudeRepairRequest } from '../../src/main/features/jsonRepair/claudeRepair.ts'
import { repairJson, type RepairDeps } from '../../src/main/features/jsonRepair/repairPipeline.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { FakeOllama, type FakeChatRequest, type FakeReply } from '../support/fakeOllama.ts'
import { loadCorpus, type CorpusCase } from '../fixtures/json-corpus/corpus.ts'
import { validateIndependently } from '../fixtures/json-corpus/validateIndependently.ts'

let pool: AppWorkerPool
let fake: FakeOllama
let deps: RepairDeps
let asked: FakeChatRequest[]

beforeAll(() => {
  pool = createAppWorkerPool()
})
afterAll(async () => {
  await pool.close()
})
beforeEach(async () => {
  fake = await new FakeOllama({ tokenDelayMs: 0 }).start()
  deps = { pool, ollama: new OllamaClient({ host: fake.host }) }
  asked = []
})
afterEach(async () => {
  await fake.stop()
})

const corpus = loadCorpus()
const byName = (name: string): CorpusCase => corpus.find((c) => c.name === name)!

/** The fake answers from a list, one reply per call, and keeps what each call asked. */
function answers(...replies: FakeReply[]) {
  fake.replyFor = (request) => {
    asked.push(request)
    return replies[Math.min(asked.length - 1, replies.length - 1)]
  }
}

const userPrompt = (request: FakeChatRequest | undefined) => request?.messages.find((m) => m.role === 'user')?.content ?? ''

describe('JSON repair with the local model', () => {
  it('asks with the schema as format, temperature 0, an explicit window and ajv’s errors, and judges the answer', async () => {
    const c = byName('bad-date-format')
    answers(c.modelAnswer!)
    const result = await repairJson(c.text, c.schema, {}, deps)
    expect(result).toMatchObject({ ok: true, step: 'model', calls: 1, value: JSON.parse(c.modelAnswer!) })
    if (result.ok) expect(result.changes).toEqual([{ path: '/due', kind: 'replace', before: '31 July 2024', after: '2024-07-31' }])
    const request = asked[0]!
    expect(request.model).toBe('qwen2.5:7b-instruct')
    expect(request.format).toEqual(c.schema)
    expect(request.options).toEqual({ temperature: 0, num_ctx: expect.any(Number), num_predict: expect.any(Number) })
    expect(request.options?.num_ctx).toBeGreaterThanOrEqual(8192)
    expect(userPrompt(request)).toContain('- /due must be a date like 2024-05-31')
    expect(userPrompt(request)).toContain(JSON.stringify(c.schema))
    expect(userPrompt(request)).toContain(c.text.trim())
  })

  it('takes JSON out of an answer wrapped in a fence or prose', async () => {
    for (const name of ['seed-notes-prose', 'bad-pattern']) {
      const c = byName(name)
      answers(c.modelAnswer!)
      expect(await repairJson(c.text, c.schema, {}, deps)).toMatchObject({ ok: true, step: 'model' })
    }
  })

  it('never uses an answer cut off by num_predict, and asks again with twice the room', async () => {
    const c = byName('seed-notes-prose')
    const complete = '{"name": "John", "age": 30, "city": "New York"}'
    answers({ content: complete, doneReason: 'length' }, complete)
    const result = await repairJson(c.text, c.schema, {}, deps)
    expect(result).toMatchObject({ ok: true, step: 'model', calls: 2 })
    expect(result.trace.filter((t) => t.step === 'model').map((t) => t.outcome)).toEqual(['running', 'failed', 'running', 'valid'])
    expect(asked[1]?.options?.num_predict).toBe(2 * (asked[0]?.options?.num_predict ?? 0))
    expect(asked[1]?.options?.num_ctx).toBeGreaterThanOrEqual(asked[0]?.options?.num_ctx ?? 0)

    asked = []
    answers({ content: complete, doneReason: 'length' })
    expect(await repairJson(c.text, c.schema, { attempts: 1 }, deps)).toMatchObject({ ok: false, calls: 1 })
  })

  it('feeds an invalid answer back with its own errors, and reports the closest value after the last attempt', async () => {
    const c = byName('missing-required-in-prose')
    answers(
      '{"title": "Renew passport", "priority": "urgent", "due": "2024-06-30"}',
      '{"title": "Renew passport", "priority": "urgent", "due": "soon"}',
    )
    const result = await repairJson(c.text, c.schema, { attempts: 2 }, deps)
    expect(asked).toHaveLength(2)
    expect(userPrompt(asked[0])).toContain('- (root) is missing required property "priority"')
    expect(userPrompt(asked[1])).toContain('- /priority must be one of: low, medium, high')
    expect(userPrompt(asked[1])).toContain('"priority":"urgent"')
    expect(result).toMatchObject({
      ok: false,
      calls: 2,
      best: { title: 'Renew passport', due: '2024-06-30' },
      errors: [{ path: '', message: 'is missing required property "priority"' }],
      steps: ['parse', 'extract', 'syntax', 'model'],
    })
    expect(result.trace.filter((t) => t.outcome === 'invalid' && t.step === 'model').map((t) => t.errors?.length)).toEqual([1, 2])
  })

  it('records a model that is not installed in the trace and answers ok: false', async () => {
    const c = byName('bad-date-format')
    const result = await repairJson(c.text, c.schema, { model: 'llama3.1:8b' }, deps)
    expect(result).toMatchObject({ ok: false, calls: 1 })
    expect(result.trace.at(-1)).toMatchObject({ step: 'model', outcome: 'failed', error: { code: 'MODEL_NOT_FOUND' } })
  })

  it('gets each corpus case a decent model can fix, and no others', async () => {
    for (const c of corpus.filter((entry) => entry.expect !== 'fixed')) {
      answers(c.modelAnswer!)
      const result = await repairJson(c.text, c.schema, {}, deps)
      expect({ name: c.name, ok: result.ok }).toEqual({ name: c.name, ok: c.expect === 'model' })
      expect(RepairResult.safeParse(result).error).toBeUndefined()
      if (result.ok) expect(validateIndependently(c.schema, result.value)).toBe(true)
    }
  })

  it('cancels a model call while it streams, closing the connection', async () => {
    const c = byName('bad-date-format')
    const controller = new AbortController()
    fake.tokenDelayMs = 50
    fake.replyFor = () => {
      setTimeout(() => controller.abort(), 30)
      return c.modelAnswer
    }
    const running = repairJson(c.text, c.schema, { signal: controller.signal }, deps)
    await expect(running).rejects.toMatchObject({ name: 'AbortError' })
    await expect.poll(() => fake.requests.find((r) => r.path === '/api/chat')?.aborted).toBe(true)
  })
})

describe('JSON repair with Claude as the last resort', () => {
  it('asks Claude with the text, the schema and the problems left, and judges its answer', async () => {
    const c = byName('missing-required-in-prose')
    answers('not JSON at all')
    const requests: ClaudeRepairRequest[] = []
    const claude = async (request: ClaudeRepairRequest) => {
      requests.push(request)
      return `Here you go:\n${c.modelAnswer!}`
    }
    const result = await repairJson(c.text, c.schema, { attempts: 1 }, { ...deps, claude })
    expect(result).toMatchObject({ ok: true, step: 'claude', calls: 2, value: JSON.parse(c.modelAnswer!) })
    expect(requests).toEqual([{ text: c.text, schema: c.schema, problems: ['(root) is missing required property "priority"'] }])
  })

  it('runs Claude without the local model when it is turned off, and records Claude’s failure', async () => {
    const c = byName('bad-date-format')
    const claude = async (): Promise<string> => {
      throw new AppError({ code: 'CLAUDE_AUTH', message: 'Claude refused the API key.' })
    }
    const result = await repairJson(c.text, c.schema, { noModel: true }, { ...deps, claude })
    expect(result).toMatchObject({ ok: false, calls: 1 })
    expect(fake.requests.filter((r) => r.path === '/api/chat')).toHaveLength(0)
    expect(result.trace.at(-1)).toMatchObject({ step: 'claude', outcome: 'failed', error: { code: 'CLAUDE_AUTH' } })
  })
})
