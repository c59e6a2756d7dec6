import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { LocalServer, readBody, sendJson } from './localServer.ts'

/**
 * A protocol-faithful stand-in for the Anthropic API: real HTTP on 127.0.0.1, the API's error
 * bodies and headers, cursor pagination for models, and Messages answers as JSON or as SSE with
 * the server's event framing, plus fault injection. It replaces the server only; the app's real
 * client code (the official SDK) talks to it.
 */
export interface FakeClaudeModel {
  id: string
  displayName: string
  createdAt: string
}

export const FAKE_CLAUDE_MODELS: FakeClaudeModel[] = [
  { id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', createdAt: '2026-09-15T00:00:00Z' },
  { id: 'claude-haiku-4-5-20251001', displayName: 'Claude Haiku 4.5', createdAt: '2025-10-01T00:00:00Z' },
]

/** What a Messages request carried, as the fake read it; `replyFor` answers from it. */
export interface FakeMessagesRequest {
  model: string
  max_tokens: number
  messages: { role: string; content: unknown }[]
  system?: unknown
  stream?: boolean
  output_config?: { format?: { type?: string; schema?: unknown } }
  temperature?: number
}

/** Failures of `POST /v1/messages`: an HTTP error before any answer, or trouble after some text deltas of a stream. */
export type MessagesFault =
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'overloaded' }
  | { kind: 'server-error'; message: string }
  | { kind: 'error-after'; deltas: number; errorType: string; message: string }
  | { kind: 'drop-after'; deltas: number }
  | { kind: 'stall-after'; deltas: number }

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** As sent, except that the key's value is replaced. */
  headers: IncomingHttpHeaders
  /** How the key came: the SDK may send it as `x-api-key` or as a bearer token; the API takes both. */
  auth: 'x-api-key' | 'bearer' | 'none'
  body: unknown
  /** Set when the client went away before the response finished (cancellation). */
  aborted: boolean
  /** Settles when the response is over, finished or cut off. */
  closed: Promise<void>
}

const REDACTED = '[redacted]'

export class FakeAnthropic {
  /** The one key the fake accepts. */
  apiKey: string
  models: FakeClaudeModel[]
  reply = 'Hello! How can I help you today?'
  /** Answers each Messages request from what it asked; when unset or undefined is returned, `reply` is the answer. */
  replyFor: ((request: FakeMessagesRequest) => string | undefined) | undefined
  /** Applies to every Messages request; `failNext` faults take precedence, one per request. */
  fault: MessagesFault | undefined
  /** Acts like a model or schema that structured outputs cannot serve: any `output_config` gets a 400. */
  rejectOutputConfig = false
  deltaDelayMs = 1
  readonly requests: RecordedRequest[] = []
  private readonly oneShotFaults: MessagesFault[] = []
  private readonly http = new LocalServer((req, res) => void this.route(req, res))
  private counter = 0

  constructor(options: { apiKey?: string; models?: FakeClaudeModel[] } = {}) {
    this.apiKey = options.apiKey ?? 'sk-ant-api03-fake-0123456789abcdef'
    this.models = options.models ?? FAKE_CLAUDE_MODELS
  }

  get port(): number {
    return this.http.port
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The next Messages requests meet these faults, one each, then requests behave normally again. */
  failNext(...faults: MessagesFault[]): void {
    this.oneShotFaults.push(...faults)
  }

  async start(): Promise<this> {
    await this.http.listen()
    return this
  }

  async stop(): Promise<void> {
    await this.http.close()
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseURL)
    const body = req.method === 'POST' ? await readBody(req) : undefined
    const auth = req.headers['x-api-key'] !== undefined ? 'x-api-key' : req.headers.authorization?.startsWith('Bearer ') ? 'bearer' : 'none'
    const headers = { ...req.headers, ...(req.headers['x-api-key'] ? { 'x-api-key': REDACTED } : {}) }
    if (headers.authorization) headers.authorization = REDACTED
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      auth,
      body,
      aborted: false,
      closed: new Promise((resolve) => res.once('close', () => resolve())),
    }
    this.requests.push(record)
    res.once('close', () => {
      if (!res.writableFinished) record.aborted = true
    })
    res.setHeader('request-id', `req_011CU${String(++this.counter).padStart(18, '0')}`)

    const key =
      auth === 'x-api-key' ? req.headers['x-api-key'] : auth === 'bearer' ? req.headers.authorization?.slice('Bearer '.length) : undefined
    if (key === undefined) return sendError(res, 401, 'authentication_error', 'x-api-key header is required')
    if (key !== this.apiKey) return sendError(res, 401, 'authentication_error', 'invalid x-api-key')
    if (!req.headers['anthropic-version']) return sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required')

    const route = `${req.method} ${url.pathname}`
    if (route === 'GET /v1/models') return this.listModels(url.searchParams, res)
    const modelId = /^GET \/v1\/models\/([^/]+)$/.exec(route)?.[1]
    if (modelId !== undefined) return this.retrieveModel(decodeURIComponent(modelId), res)
    if (route === 'POST /v1/messages') return this.messages(body, res)
    sendError(res, 404, 'not_found_error', 'Not Found')
  }

  /** Newest first, `limit` per page (1–1000, default 20), continued with `after_id` or walked back with `before_id`. */
  private listModels(query: URLSearchParams, res: ServerResponse): void {
    const limit = Number(query.get('limit') ?? 20)
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return sendError(
        res,
        400,
        'invalid_request_error',
        'limit: Input should be greater than or equal to 1 and less than or equal to 1000',
      )
    }
    const all = [...this.models].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    const afterId = query.get('after_id')
    const beforeId = query.get('before_id')
    const cursor = afterId ?? beforeId
    const at = cursor === null ? -1 : all.findIndex((m) => m.id === cursor)
    if (cursor !== null && at < 0) return sendError(res, 400, 'invalid_request_error', `Invalid cursor: ${cursor}`)
    const page = beforeId !== null ? all.slice(Math.max(0, at - limit), at) : all.slice(at + 1, at + 1 + limit)
    const hasMore = beforeId !== null ? at - limit > 0 : at + 1 + limit < all.length
    sendJson(res, 200, {
      data: page.map(modelInfo),
      has_more: hasMore,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    })
  }

  private retrieveModel(id: string, res: ServerResponse): void {
    const model = this.models.find((m) => m.id === id)
    if (!model) return sendError(res, 404, 'not_found_error', `model: ${id}`)
    sendJson(res, 200, modelInfo(model))
  }

  private async messages(body: unknown, res: ServerResponse): Promise<void> {
    const invalid = invalidMessagesRequest(body)
    if (invalid) return sendError(res, 400, 'invalid_request_error', invalid)
    const request = body as FakeMessagesRequest
    if (!this.models.some((m) => m.id === request.model)) return sendError(res, 404, 'not_found_error', `model: ${request.model}`)
    if (this.rejectOutputConfig && request.output_config !== undefined) {
      return sendError(
        res,
        400,
        'invalid_request_error',
        'output_config.format.schema: This schema uses features that structured outputs do not support',
      )
    }
    const fault = this.oneShotFaults.shift() ?? this.fault
    if (fault?.kind === 'rate-limited') {
      res.setHeader('retry-after', String(fault.retryAfterSeconds))
      return sendError(
        res,
        429,
        'rate_limit_error',
        'This request would exceed the rate limit for your organization of 50 requests per minute.',
      )
    }
    if (fault?.kind === 'overloaded') return sendError(res, 529, 'overloaded_error', 'Overloaded')
    if (fault?.kind === 'server-error') return sendError(res, 500, 'api_error', fault.message)

    const answer = answerFor(request, this.replyFor?.(request) ?? this.reply)
    const id = `msg_01${String(this.counter).padStart(22, '0')}`
    if (request.stream !== true) {
      return sendJson(res, 200, {
        ...messageShell(id, request.model, answer.inputTokens),
        content: [{ type: 'text', text: answer.pieces.join('') }],
        ...answer.end,
      })
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' })
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    send('message_start', { type: 'message_start', message: { ...messageShell(id, request.model, answer.inputTokens), content: [] } })
    send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
    send('ping', { type: 'ping' })
    for (const [index, piece] of answer.pieces.entries()) {
      if (res.destroyed) return
      if (fault !== undefined && 'deltas' in fault && index === fault.deltas) {
        if (fault.kind === 'drop-after') return void res.socket?.destroy()
        if (fault.kind === 'stall-after') return new Promise((resolve) => res.once('close', () => resolve()))
        send('error', { type: 'error', error: { type: fault.errorType, message: fault.message } })
        return void res.end()
      }
      send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })
      await sleep(this.deltaDelayMs)
    }
    send('content_block_stop', { type: 'content_block_stop', index: 0 })
    send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: answer.end.stop_reason, stop_sequence: null },
      usage: answer.end.usage,
    })
    send('message_stop', { type: 'message_stop' })
    res.end()
  }
}

/**
 * The scripted text as the server would produce it: a few characters per token, cut at
 * `max_tokens` (stop reason `max_tokens`) when longer. Input is counted at about four characters per token.
 */
function answerFor(request: FakeMessagesRequest, text: string) {
  const all = text.match(/.{1,4}/gs) ?? []
  const pieces = all.slice(0, request.max_tokens)
  const inputTokens = Math.ceil(JSON.stringify([request.system ?? '', request.messages]).length / 4)
  const usage = { input_tokens: inputTokens, output_tokens: pieces.length, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
  return { pieces, inputTokens, end: { stop_reason: pieces.length < all.length ? 'max_tokens' : 'end_turn', stop_sequence: null, usage } }
}

function messageShell(id: string, model: string, inputTokens: number) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  }
}

/** The API's wording for the checks every Messages request goes through. */
function invalidMessagesRequest(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'There was an issue with your request body. The body must be a JSON object.'
  const request = body as Partial<FakeMessagesRequest>
  if (typeof request.model !== 'string') return 'model: Field required'
  if (request.max_tokens === undefined) return 'max_tokens: Field required'
  if (!Number.isInteger(request.max_tokens) || request.max_tokens < 1) return 'max_tokens: Input should be greater than or equal to 1'
  if (!Array.isArray(request.messages) || request.messages.length === 0) return 'messages: at least one message is required'
  return undefined
}

function modelInfo(model: FakeClaudeModel) {
  return { type: 'model', id: model.id, display_name: model.displayName, created_at: model.createdAt }
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { type: 'error', error: { type, message } })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
