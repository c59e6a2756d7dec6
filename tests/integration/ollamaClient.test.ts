import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { mapOllamaError } from '../../src/main/ollama/ollamaErrors.ts'
import { FakeOllama } from '../support/fakeOllama.ts'

let fake: FakeOllama
let client: OllamaClient
const chatRequest = { model: 'qwen2.5:7b-instruct', messages: [{ role: 'user' as const, content: 'Say hello' }] }

beforeEach(async () => {
  fake = await new FakeOllama().start()
  client = new OllamaClient({ host: fake.host })
})
afterEach(() => fake.stop())

describe('OllamaClient against the fake server', () => {
  it('reads the version and the installed models', async () => {
    expect(await client.version()).toBe('0.12.6')
    expect(await client.listModels()).toEqual([
      {
        name: 'qwen2.5:7b-instruct',
        digest: '845dbda0ea48ed749caafd9e6037047d4b7c87acc7a5d4f87a8f4d5ebe1d0b68',
        sizeBytes: 4_683_087_332,
        modifiedAt: '2026-10-01T12:00:00.000Z',
        family: 'qwen2',
        parameterSize: '7.6B',
        quantization: 'Q4_K_M',
      },
    ])
  })

  it('streams a chat reply token by token and returns the final stats', async () => {
    const tokens: string[] = []
    const result = await client.chat(chatRequest, new AbortController().signal, (t) => tokens.push(t))
    expect(tokens.length).toBeGreaterThan(3)
    expect(tokens.join('')).toBe(fake.reply)
    expect(result).toMatchObject({ content: fake.reply, doneReason: 'stop', replyTokens: tokens.length, totalMs: 1500 })
    expect(fake.requests.at(-1)?.body).toMatchObject({ stream: true, model: 'qwen2.5:7b-instruct' })
  })

  it('maps a missing model to MODEL_NOT_FOUND with a hint to pull it', async () => {
    const error = await client
      .chat({ ...chatRequest, model: 'llama9:404b' }, new AbortController().signal, () => {})
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('llama9:404b'),
      hint: expect.stringContaining('Pull'),
    })
  })

  it('maps 503 to OLLAMA_BUSY, retryable', async () => {
    fake.chatFault = { kind: 'busy' }
    const error = await client.chat(chatRequest, new AbortController().signal, () => {}).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'OLLAMA_BUSY', retryable: true })
  })

  it('surfaces an error line in the middle of a stream after the tokens that arrived', async () => {
    fake.chatFault = { kind: 'error-after', tokens: 2, message: 'llama runner process has terminated' }
    const tokens: string[] = []
    const error = await client.chat(chatRequest, new AbortController().signal, (t) => tokens.push(t)).catch((e: unknown) => e)
    expect(tokens).toHaveLength(2)
    expect(error).toMatchObject({ code: 'OLLAMA_ERROR', message: expect.stringContaining('llama runner process has terminated') })
  })

  it('reports a dropped connection mid-stream as an error, not a short answer', async () => {
    fake.chatFault = { kind: 'drop-after', tokens: 3 }
    const tokens: string[] = []
    const error = await client.chat(chatRequest, new AbortController().signal, (t) => tokens.push(t)).catch((e: unknown) => e)
    expect(tokens).toHaveLength(3)
    expect(error).toMatchObject({ code: expect.stringMatching(/OLLAMA_(ERROR|NOT_RUNNING)/) })
  })

  it('cancelling reaches the HTTP request: the server sees the connection closed', async () => {
    fake.tokenDelayMs = 50
    const controller = new AbortController()
    const pending = client.chat(chatRequest, controller.signal, () => controller.abort()).catch((e: unknown) => e)
    expect(await pending).toMatchObject({ code: 'CANCELLED' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/chat', aborted: true })
  })

  it('says "not running" for a local host that refuses connections and "unreachable" for a remote one', async () => {
    await fake.stop()
    await expect(client.version()).rejects.toMatchObject({ code: 'OLLAMA_NOT_RUNNING', retryable: true })
    const remote = new OllamaClient({ host: 'http://192.0.2.1:11434', headersTimeoutMs: 200 })
    expect(remote.remote).toBe(true)
  })
})

describe('OllamaClient deadlines', () => {
  it('gives quick requests a deadline with a message that says so, but lets a slow chat answer', async () => {
    fake.answerDelayMs = 300
    const impatient = new OllamaClient({ host: fake.host, headersTimeoutMs: 100 })
    await expect(impatient.listModels()).rejects.toMatchObject({
      code: 'OLLAMA_NOT_RUNNING',
      message: `Ollama at ${fake.host} did not answer in time.`,
      retryable: true,
    })
    const reply = await impatient.chat(chatRequest, new AbortController().signal, () => {})
    expect(reply.content).toBe('Hello! How can I help you today?')
  })

  it('explains a refused request: a token for a remote server, trusted origins for a local one', () => {
    const refused = (status: number) =>
      Object.assign(new Error('unauthorized'), { name: 'ResponseError', status_code: status, error: 'unauthorized' })
    expect(mapOllamaError(refused(401), { endpoint: 'tags', host: 'https://gpu.example', remote: true }).toInfo()).toMatchObject({
      message: 'Ollama at https://gpu.example refused the request (401): unauthorized',
      hint: expect.stringContaining('Settings → Access token'),
    })
    expect(mapOllamaError(refused(403), { endpoint: 'tags', host: 'http://127.0.0.1:11434', remote: false }).hint).toContain(
      'OLLAMA_ORIGINS',
    )
  })
})

describe('OllamaClient model management', () => {
  it('shows a model: context length from <arch>.context_length, capabilities, template and kind', async () => {
    const details = await client.show('qwen2.5:7b-instruct')
    expect(details).toMatchObject({
      name: 'qwen2.5:7b-instruct',
      family: 'qwen2',
      parameterSize: '7.6B',
      quantization: 'Q4_K_M',
      contextLength: 32_768,
      capabilities: ['completion', 'tools'],
      kind: 'instruct',
      parameters: '',
    })
    expect(details.template).toContain('<|im_start|>')
  })

  it('maps show and delete of a model that is not installed to MODEL_NOT_FOUND', async () => {
    await expect(client.show('llama3.2:3b')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
    await expect(client.deleteModel('llama3.2:3b')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
  })

  it('deletes a model so it is no longer listed', async () => {
    await client.deleteModel('qwen2.5:7b-instruct')
    expect(await client.listModels()).toEqual([])
    const request = fake.requests.find((r) => r.method === 'DELETE')
    expect(request?.path).toBe('/api/delete')
    expect(JSON.stringify(request?.body)).toContain('"qwen2.5:7b-instruct"')
  })

  it('lists the models in memory with their window and when they unload', async () => {
    expect(await client.loadedModels()).toEqual([])
    await client.chat(
      { model: 'qwen2.5:7b-instruct', messages: [{ role: 'user', content: 'Hi' }], options: { num_ctx: 8192 } },
      new AbortController().signal,
      () => {},
    )
    const [loaded] = await client.loadedModels()
    expect(loaded).toMatchObject({ name: 'qwen2.5:7b-instruct', sizeBytes: 4_683_087_332, vramBytes: 0, contextLength: 8192 })
    expect(Date.parse(loaded?.expiresAt ?? '')).toBeGreaterThan(Date.now())
  })
})
