import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClaudeClient, type ClaudeClientOptions } from '../../src/main/features/claude/ClaudeClient.ts'
import { OutputCutError } from '../../src/main/features/claude/claudeErrors.ts'
import { toErrorInfo } from '../../src/shared/ipc/errors.ts'
import { FakeAnthropic, type FakeClaudeModel, type MessagesFault } from '../support/fakeAnthropic.ts'

const MODEL = 'claude-sonnet-5-5'
const KEY = 'sk-ant-api03-live-key-that-must-never-show-up'
const REPLY = 'The quick brown fox jumps over the lazy dog.'
const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { title: { type: 'string' }, priority: { enum: ['low', 'medium', 'high'] }, kind: { const: 'task' } },
  required: ['title', 'priority', 'kind'],
  additionalProperties: false,
}

let fake: FakeAnthropic
let client: ClaudeClient

function clientFor(options: Partial<ClaudeClientOptions> = {}): ClaudeClient {
  return new ClaudeClient({ apiKey: () => KEY, baseURL: fake.baseURL, maxRetries: 0, ...options })
}

const generateRequest = { model: MODEL, prompt: 'Write a sentence with every letter.', maxTokens: 1024 }
const generate = (c = client, onText?: (text: string) => void) => c.generate(generateRequest, { onText }).catch((e: unknown) => e)
const messageRequests = () => fake.requests.filter((r) => r.path === '/v1/messages')

/** Everything a person could be shown about an error, as the hosts would send it. */
const shown = (error: unknown) => JSON.stringify(toErrorInfo(error))

beforeEach(async () => {
  fake = await new FakeAnthropic({ apiKey: KEY }).start()
  fake.reply = REPLY
  client = clientFor()
})
afterEach(() => fake.stop())

describe('ClaudeClient against the fake Anthropic API', () => {
  it('lists every model over all pages, newest first, with the version header and the key', async () => {
    const models: FakeClaudeModel[] = Array.from({ length: 45 }, (_, i) => ({
      id: `claude-test-${String(i).padStart(2, '0')}`,
      displayName: `Claude Test ${i}`,
      createdAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    }))
    fake.models = models
    const listed = await client.listModels()
    expect(listed).toEqual(models.toReversed().map(({ id, displayName, createdAt }) => ({ id, displayName, createdAt })))
    const pages = fake.requests.filter((r) => r.path === '/v1/models')
    expect(pages.map((r) => r.query.after_id)).toEqual([undefined, 'claude-test-25', 'claude-test-05'])
    for (const page of pages) {
      expect(page.headers['anthropic-version']).toBeTruthy()
      expect(page.auth).not.toBe('none')
    }
  })

  it('streams an answer piece by piece and reports the stop reason and token counts', async () => {
    const pieces: string[] = []
    const result = await client.generate({ ...generateRequest, system: 'Answer in English.' }, { onText: (t) => pieces.push(t) })
    expect(pieces.length).toBeGreaterThan(5)
    expect(pieces.join('')).toBe(REPLY)
    expect(result).toEqual({ text: REPLY, stopReason: 'end_turn', inputTokens: expect.any(Number), outputTokens: pieces.length })
    expect(result.inputTokens).toBeGreaterThan(0)
    const sent = messageRequests()[0]?.body
    expect(sent).toEqual({
      model: MODEL,
      max_tokens: 1024,
      system: 'Answer in English.',
      messages: [{ role: 'user', content: generateRequest.prompt }],
      stream: true,
    })
  })

  it('turns a max_tokens stop into OUTPUT_CUT that keeps the partial answer', async () => {
    const error = await client.generate({ ...generateRequest, maxTokens: 3 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OutputCutError)
    expect(error).toMatchObject({
      code: 'OUTPUT_CUT',
      message: expect.stringContaining('3 output tokens'),
      hint: expect.stringContaining('Raise the output token limit'),
      partial: { text: REPLY.slice(0, 12), stopReason: 'max_tokens', outputTokens: 3 },
    })
  })

  it.each<{ name: string; fault: MessagesFault; expected: object }>([
    {
      name: '429 with retry-after',
      fault: { kind: 'rate-limited', retryAfterSeconds: 30 },
      expected: { code: 'CLAUDE_RATE_LIMITED', hint: 'Try again in 30 s.', retryable: true },
    },
    { name: '529 overloaded', fault: { kind: 'overloaded' }, expected: { code: 'CLAUDE_OVERLOADED', retryable: true } },
    {
      name: '500 api_error',
      fault: { kind: 'server-error', message: 'Internal server error' },
      expected: { code: 'CLAUDE_ERROR', message: expect.stringContaining('Internal server error'), retryable: true },
    },
    {
      name: 'an overloaded_error event mid-stream',
      fault: { kind: 'error-after', deltas: 2, errorType: 'overloaded_error', message: 'Overloaded' },
      expected: { code: 'CLAUDE_OVERLOADED', retryable: true },
    },
    {
      name: 'a broken connection mid-stream',
      fault: { kind: 'drop-after', deltas: 2 },
      expected: { code: 'CLAUDE_ERROR', message: expect.stringContaining('broke in the middle'), retryable: true },
    },
  ])('maps $name to a specific error without the key', async ({ fault, expected }) => {
    fake.fault = fault
    const error = await generate()
    expect(error).toMatchObject(expected)
    expect(shown(error)).not.toContain(KEY)
  })

  it('keeps the text that arrived before an error event and reports the server message', async () => {
    fake.fault = { kind: 'error-after', deltas: 3, errorType: 'api_error', message: 'Internal server error while sampling' }
    const pieces: string[] = []
    const error = await generate(client, (t) => pieces.push(t))
    expect(pieces.join('')).toBe(REPLY.slice(0, 12))
    expect(error).toMatchObject({ code: 'CLAUDE_ERROR', message: expect.stringContaining('Internal server error while sampling') })
  })

  it('maps a rejected key to CLAUDE_AUTH, never quoting it, and picks up a new key on the next call', async () => {
    let key = 'sk-ant-api03-revoked-key'
    const rotating = clientFor({ apiKey: () => key })
    const error = await generate(rotating)
    expect(error).toMatchObject({ code: 'CLAUDE_AUTH', hint: expect.stringContaining('Settings') })
    expect(shown(error)).not.toContain(key)
    key = KEY
    await expect(rotating.generate(generateRequest)).resolves.toMatchObject({ text: REPLY })
  })

  it('without a key says how to add one and sends nothing', async () => {
    const unconfigured = clientFor({ apiKey: () => undefined })
    const errors = [
      await unconfigured.listModels().catch((e: unknown) => e),
      await generate(unconfigured),
      await unconfigured.repairJson({ model: MODEL, text: '{}', schema: SCHEMA, problems: [], maxTokens: 100 }).catch((e: unknown) => e),
    ]
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'CLAUDE_NOT_CONFIGURED', hint: expect.stringMatching(/Settings.*ANTHROPIC_API_KEY/) })
    }
    expect(fake.requests).toEqual([])
  })

  it('says Anthropic could not be reached when nothing answers', async () => {
    await fake.stop()
    const error = await generate()
    expect(error).toMatchObject({ code: 'CLAUDE_ERROR', message: expect.stringContaining('Could not reach Anthropic'), retryable: true })
    expect(shown(error)).not.toContain(KEY)
  })

  it('lets the SDK retry an overloaded answer when retries are allowed', async () => {
    fake.failNext({ kind: 'overloaded' })
    await expect(clientFor({ maxRetries: 1 }).generate(generateRequest)).resolves.toMatchObject({ text: REPLY })
    expect(messageRequests().map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1'])
  })

  it('cancelling closes the HTTP request and rejects with the abort error itself', async () => {
    fake.fault = { kind: 'stall-after', deltas: 2 }
    const controller = new AbortController()
    let pieces = 0
    const pending = client.generate(generateRequest, {
      signal: controller.signal,
      onText: () => {
        if (++pieces === 2) controller.abort()
      },
    })
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBe(controller.signal.reason)
    expect(toErrorInfo(error).code).toBe('CANCELLED')
    const request = messageRequests()[0]
    await request?.closed
    expect(request?.aborted).toBe(true)
  })
})

describe('repairJson', () => {
  const repair = {
    model: MODEL,
    text: "{title: 'Ship it', priority: 'urgent'}",
    schema: SCHEMA,
    problems: ['/priority must be one of low, medium, high'],
  }
  const fixed = '{"title":"Ship it","priority":"high","kind":"task"}'

  it("sends the user's own schema as structured output and returns the raw answer", async () => {
    fake.replyFor = (request) => (request.output_config ? fixed : undefined)
    expect(await client.repairJson({ ...repair, maxTokens: 2000 })).toBe(fixed)
    const [request] = messageRequests()
    const body = request?.body as { output_config: unknown; messages: { content: string }[]; max_tokens: number; temperature?: number }
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema: SCHEMA } })
    expect(body.max_tokens).toBe(2000)
    expect(body).not.toHaveProperty('temperature')
    expect(body.messages[0]?.content).toContain(repair.text)
    expect(body.messages[0]?.content).toContain('/priority must be one of low, medium, high')
  })

  it('asks again without structured outputs, schema in the prompt, when the API rejects the format', async () => {
    fake.rejectOutputConfig = true
    fake.replyFor = (request) => (request.output_config ? undefined : fixed)
    expect(await client.repairJson({ ...repair, maxTokens: 2000 })).toBe(fixed)
    const [first, second] = messageRequests()
    expect(first?.body).toHaveProperty('output_config')
    expect(second?.body).not.toHaveProperty('output_config')
    const prompt = (second?.body as { messages: { content: string }[] }).messages[0]?.content
    expect(prompt).toContain(JSON.stringify(SCHEMA, null, 2))
    expect(prompt).toContain(repair.text)
    expect(messageRequests()).toHaveLength(2)
  })

  it('does not retry other failures', async () => {
    fake.fault = { kind: 'overloaded' }
    await expect(client.repairJson({ ...repair, maxTokens: 2000 })).rejects.toMatchObject({ code: 'CLAUDE_OVERLOADED' })
    expect(messageRequests()).toHaveLength(1)
  })
})
