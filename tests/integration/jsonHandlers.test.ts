import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../src/main/app.ts'
import { Router } from '../../src/main/ipc/router.ts'
import type { JsonBatchEvent, JsonRunEvent } from '../../src/shared/domain/jsonJobs.ts'
import type {
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  StreamChannel,
  StreamRequest,
  StreamResponse,
} from '../../src/shared/ipc/contract.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { FakeAnthropic, type FakeMessagesRequest } from '../support/fakeAnthropic.ts'
import { FakeOllama, type FakeChatRequest, type FakeReply } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const CLAUDE_MODEL = 'claude-haiku-4-5-20251001'
/** Each app starts its own workers, which load ajv and jsonrepair: slow on a busy two-core machine. */
const SLOW = 30_000

const TASK = {
  type: 'object',
  properties: { title: { type: 'string' }, priority: { enum: ['low', 'medium', 'high'] }, due: { type: 'string', format: 'date' } },
  required: ['title', 'priority'],
  additionalProperties: false,
}
const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' }, city: { type: 'string' } },
  required: ['name', 'age'],
}

let ollama: FakeOllama
let anthropic: FakeAnthropic
let asked: FakeChatRequest[]
let dataDir: string
const apps: App[] = []

beforeEach(async () => {
  ollama = await new FakeOllama({ tokenDelayMs: 0 }).start()
  anthropic = await new FakeAnthropic().start()
  asked = []
  dataDir = await tempDir()
})
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()))
  await Promise.all([ollama.stop(), anthropic.stop()])
})

async function start(env: NodeJS.ProcessEnv = { ANTHROPIC_API_KEY: anthropic.apiKey }): Promise<App> {
  const app = await createApp({ host: 'web', dataDir, ollamaHost: ollama.host, env, anthropicBaseUrl: anthropic.baseURL })
  apps.push(app)
  return app
}

/** The local model answers from a list, one reply per call (the last one repeats), and keeps what each call asked. */
function modelAnswers(...replies: FakeReply[]): void {
  ollama.replyFor = (request) => {
    asked.push(request)
    return replies[Math.min(asked.length - 1, replies.length - 1)]
  }
}

const claudeRequests = () => anthropic.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as FakeMessagesRequest)

/** Through the router, as a window calls it: the request and the answer are checked against the contract. */
async function invoke<C extends InvokeChannel>(app: App, channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
  const envelope = await new Router(app.handlers, () => true).invoke(channel, request, { origin: 'file://' })
  if (!envelope.ok) throw new AppError(envelope.error)
  return envelope.data as InvokeResponse<C>
}

async function stream<C extends StreamChannel>(app: App, channel: C, request: StreamRequest<C>) {
  const events: unknown[] = []
  const sink = { events: (batch: unknown[]) => events.push(...batch), signal: new AbortController().signal }
  const envelope = await new Router(app.handlers, () => true).stream(channel, request, { origin: 'file://' }, sink)
  if (!envelope.ok) throw new AppError(envelope.error)
  return { result: envelope.data as StreamResponse<C>, events }
}

const parseJsonl = (jsonl: string) =>
  jsonl
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('json:repair', { timeout: SLOW }, () => {
  it('streams the trace as it happens and takes attempts from Settings unless the request says otherwise', async () => {
    const app = await start()
    await app.settings.update({ jsonAttempts: 1 })
    modelAnswers('{"title": "Renew passport"}', '{"title": "Renew passport", "priority": "high", "due": "2024-07-31"}')
    const text = 'Renew passport by 31 July 2024, high priority.'

    const once = await stream(app, 'json:repair', { text, schema: TASK })
    expect(once.result).toMatchObject({ ok: false, calls: 1, errors: [{ path: '', message: 'is missing required property "priority"' }] })
    expect(asked[0]?.model).toBe('qwen2.5:7b-instruct')

    asked = []
    const twice = await stream(app, 'json:repair', { text, schema: TASK, options: { attempts: 2 } })
    expect(twice.result).toMatchObject({
      ok: true,
      step: 'model',
      calls: 2,
      value: { title: 'Renew passport', priority: 'high', due: '2024-07-31' },
    })
    const entries = (twice.events as JsonRunEvent[]).map((event) => (event.type === 'trace' ? event.entry : undefined))
    expect(entries).toEqual(twice.result.trace)
    expect(twice.result.trace.filter((t) => t.step === 'model').map((t) => t.outcome)).toEqual(['running', 'invalid', 'running', 'valid'])
  })

  it('refuses Claude before anything runs when no Claude model is chosen', async () => {
    const app = await start()
    const run = stream(app, 'json:repair', { text: 'no json here', schema: TASK, claude: true })
    await expect(run).rejects.toMatchObject({ code: 'CLAUDE_NOT_CONFIGURED', hint: expect.stringContaining('Settings') })
    expect(asked).toHaveLength(0)
    expect(anthropic.requests).toHaveLength(0)
  })

  it('lets Claude try last with the errors still open, and judges its answer like any other', async () => {
    const app = await start()
    await app.settings.update({ claudeModel: CLAUDE_MODEL })
    anthropic.reply = '{"title": "Renew passport", "priority": "high"}'
    const { result } = await stream(app, 'json:repair', {
      text: '{"title": "Renew passport", "priority": "urgent"}',
      schema: TASK,
      options: { noModel: true },
      claude: true,
    })
    expect(result).toMatchObject({ ok: true, step: 'claude', calls: 1, value: { title: 'Renew passport', priority: 'high' } })
    const [sent] = claudeRequests()
    expect(sent?.model).toBe(CLAUDE_MODEL)
    expect(sent?.output_config).toEqual({ format: { type: 'json_schema', schema: TASK } })
    expect(JSON.stringify(sent?.messages)).toContain('/priority must be one of: low, medium, high')
  })
})

describe('json:generate', { timeout: SLOW }, () => {
  const PROMPT = 'Describe John, 30, who lives in New York.'

  it('streams Claude’s progress, then repairs its prose answer with the local model, as the seed notes meant', async () => {
    const app = await start()
    await app.settings.update({ claudeModel: CLAUDE_MODEL })
    anthropic.reply = 'Here is some information, name:John, age:30, city:New York'
    modelAnswers('{"name": "John", "age": 30, "city": "New York"}')

    const { result, events } = await stream(app, 'json:generate', { prompt: PROMPT, schema: PERSON, maxTokens: 500 })
    expect(result.answer).toBe(anthropic.reply)
    expect(result.result).toMatchObject({ ok: true, step: 'model', value: { name: 'John', age: 30, city: 'New York' } })

    const claude = (events as JsonRunEvent[]).flatMap((event) => (event.type === 'claude' ? [event.progress] : []))
    expect(claude[0]).toEqual({ model: CLAUDE_MODEL, state: 'waiting', characters: 0, maxTokens: 500 })
    expect(claude.at(-1)).toEqual({ model: CLAUDE_MODEL, state: 'done', characters: anthropic.reply.length, maxTokens: 500 })
    expect(claude.slice(1, -1).every((p) => p.state === 'writing')).toBe(true)
    const lastClaude = events.findLastIndex((event) => (event as JsonRunEvent).type === 'claude')
    expect(events.slice(lastClaude + 1)).toEqual(result.result.trace.map((entry) => ({ type: 'trace', entry })))

    const [sent] = claudeRequests()
    expect(sent).toMatchObject({ model: CLAUDE_MODEL, max_tokens: 500, stream: true })
    expect(JSON.stringify(sent?.messages)).toContain(PROMPT)
    expect(JSON.stringify(sent?.messages)).toContain('\\"required\\": [')
  })

  it('maps Claude’s failures: no model chosen, a rejected key, an error mid-stream, an answer cut at max_tokens', async () => {
    const unset = await start()
    await expect(stream(unset, 'json:generate', { prompt: PROMPT, schema: PERSON })).rejects.toMatchObject({
      code: 'CLAUDE_NOT_CONFIGURED',
      message: 'No Claude model is chosen.',
    })

    const wrongKey = 'sk-ant-api03-wrong-key-0000000000'
    const rejected = await start({ ANTHROPIC_API_KEY: wrongKey })
    await rejected.settings.update({ claudeModel: CLAUDE_MODEL })
    const auth = (await stream(rejected, 'json:generate', { prompt: PROMPT, schema: PERSON }).catch((e: unknown) => e)) as AppError
    expect(auth).toMatchObject({ code: 'CLAUDE_AUTH', hint: expect.stringContaining('ANTHROPIC_API_KEY') })
    expect(JSON.stringify({ ...auth, message: auth.message })).not.toContain(wrongKey)

    const app = await start()
    await app.settings.update({ claudeModel: CLAUDE_MODEL })
    anthropic.failNext({ kind: 'error-after', deltas: 2, errorType: 'overloaded_error', message: 'Overloaded' })
    await expect(stream(app, 'json:generate', { prompt: PROMPT, schema: PERSON })).rejects.toMatchObject({ code: 'CLAUDE_OVERLOADED' })
    anthropic.reply = 'x'.repeat(200)
    await expect(stream(app, 'json:generate', { prompt: PROMPT, schema: PERSON, maxTokens: 16 })).rejects.toMatchObject({
      code: 'OUTPUT_CUT',
    })
    expect(asked).toHaveLength(0)
  })
})

describe('json:batch', { timeout: SLOW }, () => {
  it('repairs each JSONL line on its own and reports progress', async () => {
    const app = await start()
    const text = ['{"title": "Renew passport", "priority": "High"}', '', "{'title': 'Pay rent', priority: 'low',}", 'call mum'].join('\n')
    const { result, events } = await stream(app, 'json:batch', { text, format: 'jsonl', schema: TASK, options: { noModel: true } })
    expect(result).toEqual({ jsonl: expect.any(String), total: 3, valid: 2, failed: 1, skipped: 0 })
    expect(parseJsonl(result.jsonl)).toEqual([
      { line: 1, ok: true, value: { title: 'Renew passport', priority: 'high' }, step: 'coerce', calls: 0 },
      { line: 3, ok: true, value: { title: 'Pay rent', priority: 'low' }, step: 'syntax', calls: 0 },
      { line: 4, ok: false, errors: [{ path: '', message: expect.stringContaining('is not JSON') }], calls: 0 },
    ])
    const progress = events as JsonBatchEvent[]
    expect(progress[0]).toEqual({ type: 'batch', done: 0, total: 3, valid: 0, failed: 0 })
    expect(progress.at(-1)).toEqual({ type: 'batch', done: 3, total: 3, valid: 2, failed: 1 })
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b))
  })

  it('reads CSV rows as objects by the header, with each row’s own line and status', async () => {
    const app = await start()
    const text = [
      'name,age,city',
      'Ada,36,London',
      '"Lovelace, Ada",thirty-six,',
      'Bob,41,Paris,extra',
      '',
      '"Grace',
      'Hopper",85,New York',
    ].join('\r\n')
    const { result } = await stream(app, 'json:batch', { text, format: 'csv', schema: PERSON, options: { noModel: true } })
    expect(result).toMatchObject({ total: 4, valid: 2, failed: 2, skipped: 0 })
    expect(parseJsonl(result.jsonl)).toEqual([
      { line: 2, ok: true, value: { name: 'Ada', age: 36, city: 'London' }, step: 'coerce', calls: 0 },
      { line: 3, ok: false, errors: [{ path: '/age', message: expect.stringContaining('integer') }], calls: 0 },
      { line: 4, ok: false, errors: [{ path: '', message: expect.stringContaining('different number of cells') }], calls: 0 },
      { line: 6, ok: true, value: { name: 'Grace\nHopper', age: 85, city: 'New York' }, step: 'coerce', calls: 0 },
    ])
  })

  it('refuses a bad schema or unreadable CSV before anything runs', async () => {
    const app = await start()
    await expect(stream(app, 'json:batch', { text: '{}', format: 'jsonl', schema: { type: 'strin' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
    })
    await expect(stream(app, 'json:batch', { text: 'a,b\n"x"y,1\n', format: 'csv', schema: PERSON })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('line 2'),
    })
  })

  it('when stopped, returns the lines done so far and counts the rest as skipped', async () => {
    const app = await start()
    const controller = new AbortController()
    ollama.replyFor = () => {
      controller.abort()
      return '{"title": "Call mum", "priority": "low"}'
    }
    const text = ['{"title": "Pay rent", "priority": "low"}', 'call mum', '{"title": "a", "priority": "low"}', '{}'].join('\n')
    const outcome = await app.handlers.stream['json:batch'](
      { text, format: 'jsonl', schema: TASK },
      { signal: controller.signal, emit: () => {} },
    )
    expect(outcome).toEqual({ jsonl: expect.any(String), total: 4, valid: 1, failed: 0, skipped: 3 })
    expect(parseJsonl(outcome.jsonl)).toEqual([
      { line: 1, ok: true, value: { title: 'Pay rent', priority: 'low' }, step: 'parse', calls: 0 },
    ])
  })
})

describe('schema checks', { timeout: SLOW }, () => {
  it('json:checkSchema compiles in the worker: the dialect, warnings, or ajv’s own words', async () => {
    const app = await start()
    expect(await invoke(app, 'json:checkSchema', { schema: TASK })).toEqual({ dialect: '2020-12', warnings: [] })
    const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }
    expect(await invoke(app, 'json:checkSchema', { schema: draft07 })).toMatchObject({ dialect: 'draft-07' })
    const unknownFormat = await invoke(app, 'json:checkSchema', { schema: { type: 'string', format: 'colour' } })
    expect(unknownFormat.warnings.join(' ')).toContain('colour')
    await expect(invoke(app, 'json:checkSchema', { schema: { type: 'strin' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      message: expect.stringContaining('/type must be equal to one of the allowed values'),
    })
  })

  it('json:inferSchema infers from a sample, and says where a sample that is not JSON goes wrong', async () => {
    const app = await start()
    expect(await invoke(app, 'json:inferSchema', { json: '{"name": "Ada", "tags": ["x"]}' })).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['name', 'tags'],
    })
    for (const [json, message] of [
      ['{\n  "name": "Ada",\n  "age": tru\n}', 'The sample is not JSON at line 3, column 13: Unexpected "\\n".'],
      ["{\n  'name': 1}", "The sample is not JSON at line 2, column 3: Expected property name or '}'."],
      ['[1, 2', "The sample is not JSON at line 1, column 6: Expected ',' or ']' after array element."],
    ]) {
      await expect(invoke(app, 'json:inferSchema', { json: json! })).rejects.toMatchObject({ code: 'BAD_REQUEST', message })
    }
  })
})

describe('the schema library', { timeout: SLOW }, () => {
  it('lists built-in examples that compile, saves, replaces and deletes the user’s own, and keeps them across restarts', async () => {
    const app = await start()
    const builtIns = await invoke(app, 'schemas:list', {})
    expect(builtIns.map((s) => s.id)).toEqual(['builtin:task-list', 'builtin:contact', 'builtin:names', 'builtin:review'])
    for (const saved of builtIns) {
      expect(saved.builtIn).toBe(true)
      await expect(invoke(app, 'json:checkSchema', { schema: saved.schema })).resolves.toEqual({ dialect: '2020-12', warnings: [] })
    }

    const saved = await invoke(app, 'schemas:save', { name: 'Task', schema: TASK })
    expect(saved).toMatchObject({ name: 'Task', schema: TASK, builtIn: false })
    const renamed = await invoke(app, 'schemas:save', { id: saved.id, name: 'One task', schema: TASK })
    await expect(invoke(app, 'schemas:save', { name: 'Broken', schema: { type: 'strin' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
    })
    expect((await invoke(app, 'schemas:list', {})).slice(4)).toEqual([renamed])

    const reopened = await start()
    expect((await invoke(reopened, 'schemas:list', {})).slice(4)).toEqual([renamed])
    expect(await invoke(reopened, 'schemas:delete', { id: saved.id })).toBe(true)
    expect(await invoke(reopened, 'schemas:delete', { id: saved.id })).toBe(false)
    expect(await invoke(reopened, 'schemas:list', {})).toHaveLength(4)
  })

  it('refuses to change or delete a built-in', async () => {
    const app = await start()
    await expect(invoke(app, 'schemas:save', { id: 'builtin:contact', name: 'Mine', schema: PERSON })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('cannot be changed'),
    })
    await expect(invoke(app, 'schemas:delete', { id: 'builtin:contact' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect((await invoke(app, 'schemas:list', {})).find((s) => s.id === 'builtin:contact')?.name).toBe('Person / contact')
  })

  it('backs up a corrupt file and starts again, never failing', async () => {
    await writeFile(path.join(dataDir, 'schemas.json'), '{"format": "instruct-desk-schemas", "schemas": [')
    const app = await start()
    expect(await invoke(app, 'schemas:list', {})).toHaveLength(4)
    const backup = (await readdir(dataDir)).find((file) => /^schemas\.corrupt-\d+\.json$/.test(file))
    expect(await readFile(path.join(dataDir, backup ?? 'missing'), 'utf8')).toBe('{"format": "instruct-desk-schemas", "schemas": [')
    await invoke(app, 'schemas:save', { name: 'Person', schema: PERSON })
    expect(JSON.parse(await readFile(path.join(dataDir, 'schemas.json'), 'utf8'))).toMatchObject({ schemas: [{ name: 'Person' }] })
  })
})
