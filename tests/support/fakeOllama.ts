import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A protocol-faithful stand-in for `ollama serve`: real HTTP on 127.0.0.1, NDJSON streams with
 * the server's framing and final stats line, the server's error shapes, and fault injection.
 * It replaces the server only; the app's real client code talks to it.
 */
export interface FakeModel {
  name: string
  size: number
  family?: string
  parameterSize?: string
  quantization?: string
  contextLength?: number
}

export type ChatFault =
  { kind: 'none' } | { kind: 'drop-after'; tokens: number } | { kind: 'error-after'; tokens: number; message: string } | { kind: 'busy' }

export interface FakeOllamaOptions {
  version?: string
  models?: FakeModel[]
  /** Reply text, streamed a few characters per line. */
  reply?: string
  tokenDelayMs?: number
}

export interface RecordedRequest {
  method: string
  path: string
  body: unknown
  /** Set when the client went away before the response finished (cancellation). */
  aborted: boolean
}

export const QWEN: FakeModel = {
  name: 'qwen2.5:7b-instruct',
  size: 4_683_087_332,
  family: 'qwen2',
  parameterSize: '7.6B',
  quantization: 'Q4_K_M',
  contextLength: 32_768,
}

export class FakeOllama {
  port = 0
  version: string
  models: FakeModel[]
  reply: string
  tokenDelayMs: number
  chatFault: ChatFault = { kind: 'none' }
  readonly requests: RecordedRequest[] = []
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()

  constructor(options: FakeOllamaOptions = {}) {
    this.version = options.version ?? '0.12.6'
    this.models = options.models ?? [QWEN]
    this.reply = options.reply ?? 'Hello! How can I help you today?'
    this.tokenDelayMs = options.tokenDelayMs ?? 5
  }

  get host(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Starts on the given port (or a free one); calling it again after stop() "brings it back". */
  async start(port = this.port): Promise<this> {
    const server = createServer((req, res) => void this.route(req, res))
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    return this
  }

  /** Like the daemon dying: open connections are cut, the port stops answering. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.host)
    const body = req.method === 'POST' ? await readBody(req) : undefined
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, body, aborted: false }
    this.requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true
    })

    if (!originAllowed(req.headers.origin)) return sendJson(res, 403, {})
    const key = `${req.method} ${url.pathname}`
    if (key === 'GET /' || key === 'HEAD /') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Ollama is running')
      return
    }
    if (key === 'GET /api/version') return sendJson(res, 200, { version: this.version })
    if (key === 'GET /api/tags') return sendJson(res, 200, { models: this.models.map(tagOf) })
    if (key === 'POST /api/chat') return this.chat(body, res)
    sendText404(res)
  }

  private async chat(body: unknown, res: ServerResponse): Promise<void> {
    const request = body as { model?: string; messages?: { content: string }[]; stream?: boolean } | undefined
    if (!request?.model) return sendJson(res, 400, { error: 'model is required' })
    if (!this.models.some((m) => m.name === request.model)) return sendJson(res, 404, { error: `model '${request.model}' not found` })
    if (this.chatFault.kind === 'busy')
      return sendJson(res, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' })
    const pieces = this.reply.match(/.{1,4}/gs) ?? []
    const promptTokens = (request.messages ?? []).reduce((n, m) => n + Math.ceil(m.content.length / 4), 0)
    const created = new Date().toISOString()
    if (request.stream === false) {
      return sendJson(res, 200, {
        model: request.model,
        created_at: created,
        message: { role: 'assistant', content: this.reply },
        ...finalStats(promptTokens, pieces.length),
      })
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
    const fault = this.chatFault
    for (const [index, piece] of pieces.entries()) {
      if (res.destroyed) return
      if (fault.kind === 'drop-after' && index === fault.tokens) return void res.socket?.destroy()
      if (fault.kind === 'error-after' && index === fault.tokens) return void res.end(`${JSON.stringify({ error: fault.message })}\n`)
      res.write(
        `${JSON.stringify({ model: request.model, created_at: created, message: { role: 'assistant', content: piece }, done: false })}\n`,
      )
      await sleep(this.tokenDelayMs)
    }
    res.end(
      `${JSON.stringify({ model: request.model, created_at: created, message: { role: 'assistant', content: '' }, ...finalStats(promptTokens, pieces.length) })}\n`,
    )
  }
}

function finalStats(promptTokens: number, evalCount: number) {
  return {
    done: true,
    done_reason: 'stop',
    total_duration: 1_500_000_000,
    load_duration: 20_000_000,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: 100_000_000,
    eval_count: evalCount,
    eval_duration: 1_300_000_000,
  }
}

function tagOf(m: FakeModel) {
  return {
    name: m.name,
    model: m.name,
    modified_at: '2026-10-01T12:00:00.000000000Z',
    size: m.size,
    digest: '845dbda0ea48ed749caafd9e6037047d4b7c87acc7a5d4f87a8f4d5ebe1d0b68',
    details: {
      parent_model: '',
      format: 'gguf',
      family: m.family ?? '',
      families: [m.family ?? ''],
      parameter_size: m.parameterSize ?? '',
      quantization_level: m.quantization ?? '',
    },
  }
}

/** The real server's default origin allowlist: loopback hosts and app schemes; others get 403. */
function originAllowed(origin: string | undefined): boolean {
  if (!origin) return true
  try {
    const url = new URL(origin)
    if (['app:', 'file:', 'tauri:', 'vscode-webview:'].includes(url.protocol)) return true
    return ['localhost', '127.0.0.1', '0.0.0.0', '[::1]'].includes(url.hostname)
  } catch {
    return false
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}

function sendText404(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
