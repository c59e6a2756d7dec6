import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { ChatRole } from '../../src/shared/domain/chat.ts'
import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import {
  FakeBlobs,
  pullSteps,
  QWEN_LAYERS,
  withTag,
  type PullableModel,
  type PullFault,
  type PullLine,
  type PullPacing,
} from './fakePull.ts'
import { LocalServer, readBody, sendJson } from './localServer.ts'

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
  /** The chat template `/api/show` returns; decides base vs instruct when the name does not. */
  template?: string
  capabilities?: string[]
}

/** What `/api/ps` lists: models a chat loaded, until their keep-alive runs out. */
interface LoadedEntry {
  model: FakeModel
  contextLength: number
  expiresAt: Date
}

export type ChatFault =
  | { kind: 'none' }
  | { kind: 'drop-after'; tokens: number }
  | { kind: 'error-after'; tokens: number; message: string }
  | { kind: 'busy' }
  /** The model goes quiet for `ms` after `tokens` lines, as while it thinks. */
  | { kind: 'pause-after'; tokens: number; ms: number }

/** What a chat request carried, as the fake read it; `replyFor` answers from it. */
export interface FakeChatRequest {
  model: string
  messages: { role: string; content: string; images?: string[] }[]
  format?: unknown
  options?: { num_ctx?: number; num_predict?: number; temperature?: number }
  think?: boolean
}

/** A scripted answer: the text, and `length` to act as if num_predict cut it off. */
export type FakeReply = string | { content: string; doneReason?: 'stop' | 'length' }

export interface FakeOllamaOptions {
  version?: string
  models?: FakeModel[]
  /** Reply text, streamed a few characters per line. */
  reply?: string
  tokenDelayMs?: number
  /** What `POST /api/pull` knows; anything else gets the manifest error. Default: qwen2.5 7b under its three names. */
  pullable?: PullableModel[]
  /** Bytes per progress line (default 64 MiB) and the pause after each line (default 1 ms). */
  pullChunkBytes?: number
  pullLineDelayMs?: number
  /** Leave out each layer's last progress line, as the real server often does. */
  pullShortLayerEnd?: boolean
  /** Keep partial blobs across stop()/start(), like OLLAMA_NOPRUNE=1; by default a restart prunes them. */
  noPrune?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: unknown
  /** Set when the client went away before the response finished (cancellation). */
  aborted: boolean
}

/** Shortened from the real one; what matters is that it lays out chat turns. */
export const QWEN_TEMPLATE = `{{- if .Messages }}{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{- range .Messages }}<|im_start|>{{ .Role }}
{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ end }}`

export const QWEN: FakeModel = {
  name: 'qwen2.5:7b-instruct',
  size: 4_683_087_332,
  family: 'qwen2',
  parameterSize: '7.6B',
  quantization: 'Q4_K_M',
  contextLength: 32_768,
  template: QWEN_TEMPLATE,
  capabilities: ['completion', 'tools'],
}

/** A thinking model: it reasons (`message.thinking`) before it answers unless asked not to. */
export const QWEN3: FakeModel = {
  name: 'qwen3:8b',
  size: 5_225_388_164,
  family: 'qwen3',
  parameterSize: '8.2B',
  quantization: 'Q4_K_M',
  contextLength: 40_960,
  template: QWEN_TEMPLATE,
  capabilities: ['completion', 'tools', 'thinking'],
}

/** One model, three names; pulling one after another reuses the blobs. */
export const QWEN_PULLABLE: PullableModel[] = ['qwen2.5:7b-instruct', 'qwen2.5:7b', 'qwen2.5:latest'].map((name) => ({
  ...QWEN,
  name,
  layers: QWEN_LAYERS,
}))

export class FakeOllama {
  version: string
  reply: string
  /** What a model with the 'thinking' capability reasons before its reply, unless the request says `think: false`. */
  thinking = 'The user asks something; let me think it through first.'
  tokenDelayMs: number
  /** Wait before answering anything, like a server busy loading a model. */
  answerDelayMs = 0
  /**
   * The prompt is counted as the real server does, with the model's tokenizer over Ollama's template
   * (the app's own counter, which reproduces both); a test can set a different count per message.
   */
  countTokens: ((text: string) => number) | undefined
  /** Answers each chat from what it asked; when unset or undefined is returned, `reply` is the answer. */
  replyFor: ((request: FakeChatRequest) => FakeReply | undefined) | undefined
  chatFault: ChatFault = { kind: 'none' }
  /** Chats answered at once, like OLLAMA_NUM_PARALLEL; the others wait for a turn without an answer, as in the server's queue. */
  parallel = Infinity
  /** Chats that may wait for a turn, like OLLAMA_MAX_QUEUE; one more gets the server's 503 busy. */
  maxQueue = Infinity
  pullable: PullableModel[]
  pullPacing: PullPacing
  /** Applies to every pull request; `failNextPulls` faults take precedence, one per request. */
  pullFault: PullFault = { kind: 'none' }
  /** Layer bytes sent over all pull requests: a resumed pull adds only what was missing. */
  pulledBytes = 0
  noPrune: boolean
  /** Bytes held per blob digest, whole or partial; a later pull of the same layers continues from them. */
  readonly blobs = new FakeBlobs()
  readonly requests: RecordedRequest[] = []
  private readonly http = new LocalServer((req, res) => void this.route(req, res))
  private installed: FakeModel[]
  private readonly oneShotFaults: PullFault[] = []
  private readonly loaded = new Map<string, LoadedEntry>()
  private answering = 0
  private readonly waiting: (() => void)[] = []

  constructor(options: FakeOllamaOptions = {}) {
    this.version = options.version ?? '0.12.6'
    this.installed = options.models ?? [QWEN]
    this.reply = options.reply ?? 'Hello! How can I help you today?'
    this.tokenDelayMs = options.tokenDelayMs ?? 5
    this.pullable = options.pullable ?? QWEN_PULLABLE
    this.pullPacing = {
      chunkBytes: options.pullChunkBytes ?? 64 * 1024 * 1024,
      lineDelayMs: options.pullLineDelayMs ?? 1,
      shortLayerEnd: options.pullShortLayerEnd ?? false,
      verifyMs: 0,
    }
    this.noPrune = options.noPrune ?? false
    for (const layer of this.installedLayers()) this.blobs.set(layer.digest, layer.size)
  }

  get models(): FakeModel[] {
    return this.installed
  }

  /** Replacing the installed models removes what is no longer listed, blobs included, as `ollama rm` does. */
  set models(next: FakeModel[]) {
    const before = this.installedLayers()
    this.installed = next
    const kept = new Set(this.installedLayers().map((l) => l.digest))
    for (const layer of before) if (!kept.has(layer.digest)) this.blobs.delete(layer.digest)
  }

  /** The next pull requests meet these faults, one each, then pulls behave normally again. */
  failNextPulls(...faults: PullFault[]): void {
    this.oneShotFaults.push(...faults)
  }

  get port(): number {
    return this.http.port
  }

  get host(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Starts on the given port (or a free one); calling it again after stop() "brings it back". */
  async start(port = this.port): Promise<this> {
    if (!this.noPrune) this.blobs.prune(new Set(this.installedLayers().map((l) => l.digest)))
    await this.http.listen(port)
    return this
  }

  /** Like the daemon dying: open connections are cut, the port stops answering. */
  async stop(): Promise<void> {
    await this.http.close()
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.host)
    const body = req.method === 'POST' || req.method === 'DELETE' ? await readBody(req) : undefined
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body, aborted: false }
    this.requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true
    })

    if (this.answerDelayMs > 0) await sleep(this.answerDelayMs)
    if (!originAllowed(req.headers.origin)) return sendJson(res, 403, {})
    const key = `${req.method} ${url.pathname}`
    if (key === 'GET /' || key === 'HEAD /') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Ollama is running')
      return
    }
    if (key === 'GET /api/version') return sendJson(res, 200, { version: this.version })
    if (key === 'GET /api/tags') return sendJson(res, 200, { models: this.models.map(tagOf) })
    if (key === 'POST /api/chat') return this.inTurn(res, () => this.chat(body, res))
    if (key === 'POST /api/pull') return this.pull(body, res)
    if (key === 'POST /api/show') return this.show(body, res)
    if (key === 'GET /api/ps') return sendJson(res, 200, { models: this.ps() })
    if (key === 'DELETE /api/delete') return this.delete(body, res)
    sendText404(res)
  }

  private async chat(body: unknown, res: ServerResponse): Promise<void> {
    const request = body as (Partial<FakeChatRequest> & { stream?: boolean }) | undefined
    if (!request?.model) return sendJson(res, 400, { error: 'model is required' })
    if (!this.models.some((m) => m.name === request.model)) return sendJson(res, 404, { error: `model '${request.model}' not found` })
    if (this.chatFault.kind === 'busy') return sendJson(res, 503, { error: BUSY })
    const model = this.models.find((m) => m.name === request.model)
    // As the real server: thinking models think unless told not to, and `think` with another model is refused.
    const canThink = model?.capabilities?.includes('thinking') ?? false
    if (request.think === true && !canThink) return sendJson(res, 400, { error: `"${request.model}" does not support thinking` })
    const thoughts = canThink && request.think !== false ? (this.thinking.match(/.{1,4}/gs) ?? []) : []
    if (model) this.load(model, request.options?.num_ctx)
    const scripted = this.replyFor?.({
      model: request.model,
      messages: request.messages ?? [],
      format: request.format,
      options: request.options,
      think: request.think,
    })
    const reply = typeof scripted === 'string' ? { content: scripted } : (scripted ?? { content: this.reply })
    const pieces = reply.content.match(/.{1,4}/gs) ?? []
    // Ollama clamps num_ctx to what the model was trained for, without a word.
    const numCtx = Math.min(request.options?.num_ctx ?? 4096, model?.contextLength ?? Infinity)
    const promptTokens = this.keptPromptTokens(request.messages ?? [], numCtx, request.model)
    const created = new Date().toISOString()
    if (request.stream === false) {
      return sendJson(res, 200, {
        model: request.model,
        created_at: created,
        message: { role: 'assistant', content: reply.content, ...(thoughts.length > 0 && { thinking: this.thinking }) },
        ...finalStats(promptTokens, thoughts.length + pieces.length, reply.doneReason),
      })
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
    const fault = this.chatFault
    let started = performance.now()
    // The reasoning streams first, in `message.thinking` with an empty content, then the answer.
    const lines = [...thoughts.map((text) => ({ thinking: text })), ...pieces.map((text) => ({ content: text }))]
    for (const [index, piece] of lines.entries()) {
      if (fault.kind === 'pause-after' && index === fault.tokens) {
        await sleep(fault.ms)
        // The lines after a pause keep their pace rather than arrive at once.
        started += fault.ms
      }
      if (res.destroyed) return
      if (fault.kind === 'drop-after' && index === fault.tokens) return void res.socket?.destroy()
      if (fault.kind === 'error-after' && index === fault.tokens) return void res.end(`${JSON.stringify({ error: fault.message })}\n`)
      const message =
        'thinking' in piece ? { role: 'assistant', content: '', thinking: piece.thinking } : { role: 'assistant', content: piece.content }
      res.write(`${JSON.stringify({ model: request.model, created_at: created, message, done: false })}\n`)
      // Paced by the clock, as a GPU produces tokens whatever the CPU is doing: a late timer is made
      // up with the lines now due, and under 1 ms (timers cannot wait less) several lines go per wait.
      const wait = started + (index + 1) * this.tokenDelayMs - performance.now()
      if (wait >= 1 || index === lines.length - 1) await sleep(Math.max(0, Math.floor(wait)))
    }
    res.end(
      `${JSON.stringify({ model: request.model, created_at: created, message: { role: 'assistant', content: '' }, ...finalStats(promptTokens, lines.length, reply.doneReason) })}\n`,
    )
  }

  /** Answers when one of `parallel` turns is free; a client that leaves while waiting gives up its place. */
  private async inTurn(res: ServerResponse, answer: () => Promise<void>): Promise<void> {
    if (this.answering >= this.parallel) {
      if (this.waiting.length >= this.maxQueue) return sendJson(res, 503, { error: BUSY })
      const left = await new Promise<boolean>((resolve) => {
        const leave = () => {
          this.waiting.splice(this.waiting.indexOf(turn), 1)
          resolve(true)
        }
        const turn = () => {
          res.off('close', leave)
          resolve(false)
        }
        this.waiting.push(turn)
        res.once('close', leave)
      })
      if (left) return
    }
    this.answering++
    try {
      await answer()
    } finally {
      this.answering--
      this.waiting.shift()?.()
    }
  }

  /**
   * What the real server reports as `prompt_eval_count`: the prompt's tokens after it silently
   * dropped whole old messages (keeping system messages and the newest one) to fit num_ctx.
   */
  private keptPromptTokens(messages: { role: string; content: string }[], numCtx: number, model: string): number {
    const counter = tokenizerFor(model)
    const turns = messages.map((m) => ({ role: m.role as ChatRole, content: m.content }))
    const count = (kept: typeof turns) =>
      this.countTokens ? kept.reduce((n, m) => n + this.countTokens!(m.content) + 4, 3) : counter.countChat(kept)
    let kept = turns
    for (let i = 0; i < turns.length - 1 && count(kept) > numCtx; i++) {
      const dropped = turns[i]
      if (dropped && dropped.role !== 'system') kept = kept.filter((m) => m !== dropped)
    }
    // Still too long: the runner keeps the first few tokens and the most recent ones, up to the window.
    return Math.min(count(kept), numCtx)
  }

  private async pull(body: unknown, res: ServerResponse): Promise<void> {
    const request = body as { model?: string; name?: string; stream?: boolean } | undefined
    // The server takes `model`, falling back to `name` (all the npm client sends).
    const name = request?.model || request?.name
    if (!name || !VALID_NAME.test(name)) return sendJson(res, 400, { error: 'invalid model name' })
    const fault = this.oneShotFaults.shift() ?? this.pullFault
    if (fault.kind === 'reject') return sendJson(res, fault.status, { error: fault.message })
    const model = this.pullable.find((m) => m.name === withTag(name))
    const streaming = request.stream !== false
    if (streaming) res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
    const steps = pullSteps({
      model,
      blobs: this.blobs,
      pacing: this.pullPacing,
      fault,
      onBytes: (bytes) => {
        this.pulledBytes += bytes
      },
      onManifestWritten: () => {
        if (model) this.install(model)
      },
    })
    let lastLine: PullLine = { status: 'pulling manifest' }
    for await (const step of steps) {
      if (res.destroyed) return
      if (step.kind === 'drop') return void res.socket?.destroy()
      // Like the real server when bytes stop: the same progress line every 60 ms until the client gives up or the fake stops.
      if (step.kind === 'stall') return this.repeatUntilClosed(res, lastLine)
      if (step.kind === 'error') {
        // Once streaming, the status is already 200: the error can only be a line.
        if (streaming) return void res.end(`${JSON.stringify({ error: step.message })}\n`)
        return sendJson(res, 500, { error: step.message })
      }
      lastLine = step.line
      if (streaming) res.write(`${JSON.stringify(step.line)}\n`)
    }
    if (streaming) res.end()
    else sendJson(res, 200, { status: 'success' })
  }

  private async repeatUntilClosed(res: ServerResponse, line: PullLine): Promise<void> {
    while (!res.destroyed && this.http.running) {
      res.write(`${JSON.stringify(line)}\n`)
      await sleep(60)
    }
  }

  private show(body: unknown, res: ServerResponse): void {
    const name = (body as { model?: string; name?: string } | undefined)?.model ?? (body as { name?: string } | undefined)?.name
    if (!name) return sendJson(res, 400, { error: 'model is required' })
    const model = this.models.find((m) => m.name === withTag(name))
    if (!model) return sendJson(res, 404, { error: `model '${name}' not found` })
    const arch = model.family ?? 'llama'
    sendJson(res, 200, {
      license: 'Apache License\nVersion 2.0, January 2004',
      modelfile: `FROM ${model.name}`,
      // No params layer, so no `parameters`, exactly like qwen2.5:7b.
      template: model.template ?? '{{ .Prompt }}',
      details: tagOf(model).details,
      model_info: {
        'general.architecture': arch,
        'general.parameter_count': 7_615_616_512,
        ...(model.contextLength ? { [`${arch}.context_length`]: model.contextLength } : {}),
      },
      capabilities: model.capabilities ?? ['completion'],
      modified_at: '2026-10-01T12:00:00.000000000Z',
    })
  }

  private delete(body: unknown, res: ServerResponse): void {
    const name = (body as { model?: string; name?: string } | undefined)?.model ?? (body as { name?: string } | undefined)?.name
    if (!name || !VALID_NAME.test(name)) return sendJson(res, 400, { error: `name "${name ?? ''}" is invalid` })
    if (!this.models.some((m) => m.name === withTag(name))) return sendJson(res, 404, { error: `model '${name}' not found` })
    this.models = this.models.filter((m) => m.name !== withTag(name))
    this.loaded.delete(withTag(name))
    res.writeHead(200).end()
  }

  private load(model: FakeModel, numCtx: number | undefined): void {
    this.loaded.set(model.name, { model, contextLength: numCtx ?? 4096, expiresAt: new Date(Date.now() + 5 * 60_000) })
  }

  private ps() {
    return [...this.loaded.values()].map(({ model, contextLength, expiresAt }) => ({
      ...tagOf(model),
      expires_at: expiresAt.toISOString(),
      size_vram: 0,
      context_length: contextLength,
    }))
  }

  private install(model: PullableModel): void {
    if (this.models.some((m) => m.name === model.name)) return
    const { layers: _layers, ...installed } = model
    this.installed.push(installed)
  }

  /** Blobs referenced by installed models: what survives a prune. */
  private installedLayers() {
    return this.pullable.filter((p) => this.models.some((m) => m.name === p.name)).flatMap((p) => p.layers)
  }
}

/** The real server's answer when its queue is full. */
const BUSY = 'server busy, please try again.  maximum pending requests exceeded'

/** Roughly the server's name rules: host/namespace/model:tag from letters, digits, `_`, `-`, `.`. */
const VALID_NAME = /^[\w][\w.:/-]*$/

function finalStats(promptTokens: number, evalCount: number, doneReason: 'stop' | 'length' = 'stop') {
  return {
    done: true,
    done_reason: doneReason,
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

function sendText404(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
