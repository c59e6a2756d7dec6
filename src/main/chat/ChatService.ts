import { setTimeout as sleep } from 'node:timers/promises'
import { DEFAULT_NUM_CTX, type ChatMessage, type ChatOptions, type ChatRequest, type ChatResult } from '../../shared/domain/chat.ts'
import { activePath, type Conversation, type MessageStats, type StoredMessage } from '../../shared/domain/conversation.ts'
import type { ChatReplyAction, ChatReplyEvent, ImageAttachment } from '../../shared/domain/chatReply.ts'
import { AppError, toErrorInfo } from '../../shared/ipc/errors.ts'
import type { OllamaClient } from '../ollama/OllamaClient.ts'

/** The part of the history store a reply needs. */
export interface ReplyStore {
  getConversation(id: string): Conversation | undefined
  addMessage(
    message: Pick<StoredMessage, 'conversationId' | 'parentId' | 'role' | 'content' | 'state'> & {
      id?: string
      images?: readonly ImageAttachment[]
    },
  ): StoredMessage
  messageImages(messageId: string): ImageAttachment[]
  updateMessage(
    id: string,
    patch: Partial<Pick<StoredMessage, 'content' | 'thinking' | 'state' | 'error' | 'stats' | 'truncatedTokens'>>,
  ): StoredMessage
}

/** Tokens of a prompt as the model will see it; `exact` when a real tokenizer for the model counted them. */
export type PromptCounter = (model: string, messages: ChatMessage[]) => { tokens: number; exact: boolean }

export interface ChatServiceOptions {
  store: ReplyStore
  client: () => OllamaClient
  countPrompt: PromptCounter
  /** How long a token may wait to be written to the store, even when none follows; a crash loses at most this much. */
  persistEveryMs?: number
  /** Pauses before sending again while Ollama answers 503 busy; when they run out, the reply fails with that error. */
  busyRetryMs?: number[]
  /**
   * What `/api/show` says of a model: its own window (Ollama quietly lowers num_ctx to it) and
   * capabilities ('vision' for images, 'thinking' for `think`). Rejects or leaves fields out when unknown.
   */
  modelInfo?: (model: string) => Promise<ModelInfo>
}

export interface ModelInfo {
  contextLength?: number
  capabilities?: string[]
}

/** Errors after which the partial reply is "interrupted" (Continue makes sense) rather than "failed". */
const CONNECTION_LOST = new Set(['OLLAMA_NOT_RUNNING', 'OLLAMA_UNREACHABLE'])

/**
 * Produces one assistant reply inside a stored conversation: adds the user's message (send, edit)
 * or reuses the thread (regenerate, continue), checks the prompt fits the window before sending,
 * streams the reply while writing it to the store (no token waits more than half a second), and
 * afterwards compares what Ollama says it evaluated with what was sent, to catch silent truncation.
 */
export class ChatService {
  private readonly options: Required<ChatServiceOptions>

  constructor(options: ChatServiceOptions) {
    this.options = { persistEveryMs: 500, busyRetryMs: [1_000, 2_000, 4_000, 8_000], modelInfo: async () => ({}), ...options }
  }

  async reply(action: ChatReplyAction, signal: AbortSignal, emit: (event: ChatReplyEvent) => void): Promise<StoredMessage> {
    const { store } = this.options
    const conversation = store.getConversation(action.conversationId)
    if (!conversation) throw new AppError({ code: 'BAD_REQUEST', message: 'That conversation no longer exists.' })
    const planned = this.plan(conversation, action)
    const { userText, continued, images } = planned
    const info = await this.options.modelInfo(conversation.model).catch((): ModelInfo => ({}))
    const pathImages = activePath(conversation.messages, planned.parentId).some((m) => m.images)
    if (images || pathImages) {
      requireCapability(info, 'vision', {
        message: `${conversation.model} cannot read images: Ollama does not list vision among its capabilities.`,
        hint: 'Pick a vision model in this chat’s options (for example qwen2.5vl:7b or llava), or send the message without images.',
      })
    }
    // Ollama itself answers `think` with such a model 400 "does not support thinking", after the message was stored.
    if (conversation.options.think) {
      requireCapability(info, 'thinking', {
        message: `${conversation.model} cannot think before answering: Ollama does not list thinking among its capabilities.`,
        hint: 'Set Thinking to “Model default” or “Off” in this chat’s options, or pick a thinking model (for example qwen3 or deepseek-r1).',
      })
    }
    const modelMax = info.contextLength
    let parentId = planned.parentId
    const examples: StoredMessage[] = []
    for (const pair of action.kind === 'send' ? (action.examples ?? []) : []) {
      for (const [role, content] of [
        ['user', pair.user],
        ['assistant', pair.assistant],
      ] as const) {
        const message = store.addMessage({ conversationId: conversation.id, parentId, role, content, state: 'complete' })
        examples.push(message)
        parentId = message.id
      }
    }
    const ids = action.kind === 'send' ? action.ids : undefined
    const user =
      userText === undefined
        ? undefined
        : store.addMessage({
            id: ids?.user,
            conversationId: conversation.id,
            parentId,
            role: 'user',
            content: userText,
            state: 'complete',
            images,
          })
    const threadEnd = user?.id ?? parentId
    const thread = activePath([...conversation.messages, ...examples, ...(user ? [user] : [])], threadEnd).filter(sendable)
    const numCtx = conversation.options.num_ctx ?? DEFAULT_NUM_CTX
    const messages: ChatMessage[] = [
      ...(conversation.systemPrompt.trim() ? [{ role: 'system' as const, content: conversation.systemPrompt }] : []),
      ...thread.map(({ id, role, content, images: attached }) =>
        attached ? { role, content, images: store.messageImages(id).map((image) => image.data) } : { role, content },
      ),
      ...(continued ? [{ role: 'assistant' as const, content: continued.content }] : []),
    ]
    const prompt = this.options.countPrompt(conversation.model, messages)
    // Ollama quietly lowers num_ctx to the model's own window, so that is the real limit.
    const window = Math.min(numCtx, modelMax ?? numCtx)
    // The user's message is kept either way: nothing typed is lost because it did not fit.
    if (prompt.tokens >= window) throw contextOverflow(prompt.tokens, window, prompt.exact, window < numCtx)

    const reply = continued
      ? store.updateMessage(continued.id, { state: 'streaming', error: undefined })
      : store.addMessage({
          id: ids?.reply,
          conversationId: conversation.id,
          parentId: threadEnd,
          role: 'assistant',
          content: '',
          state: 'streaming',
        })
    const held = withStoredFirst([...examples, ...(user ? [user] : []), reply], emit)
    return this.stream(
      reply,
      toRequest(conversation.model, messages, conversation.options, numCtx),
      { ...prompt, window },
      signal,
      held.emit,
    ).finally(held.release)
  }

  /**
   * A busy server (503, its queue full) answers before any token, so the request can simply wait its
   * turn: retried with growing pauses, and the user is told the message is queued.
   */
  private async whenNotBusy<T>(signal: AbortSignal, emit: (event: ChatReplyEvent) => void, run: () => Promise<T>): Promise<T> {
    const waits = this.options.busyRetryMs
    for (let attempt = 0; ; attempt++) {
      try {
        return await run()
      } catch (error) {
        const wait = waits[attempt]
        if (toErrorInfo(error).code !== 'OLLAMA_BUSY' || wait === undefined) throw error
        emit({
          type: 'status',
          text: `Ollama is busy with other requests; your message is queued and will be sent again in ${Math.ceil(wait / 1000)} s.`,
        })
        // Stop during the wait ends it at once (an AbortError, which becomes CANCELLED like any stop).
        await sleep(wait, undefined, { signal })
      }
    }
  }

  /** Where the new reply hangs in the tree, and what is sent. */
  private plan(
    conversation: Conversation,
    action: ChatReplyAction,
  ): { parentId: string | null; userText?: string; images?: ImageAttachment[]; continued?: StoredMessage } {
    const find = (id: string): StoredMessage => {
      const message = conversation.messages.find((m) => m.id === id)
      if (!message) throw new AppError({ code: 'BAD_REQUEST', message: 'That message no longer exists.' })
      return message
    }
    switch (action.kind) {
      case 'send':
        return { parentId: conversation.activeLeafId, userText: action.text, images: action.images }
      case 'edit': {
        // The edited text goes out with the images the original carried.
        const original = find(action.messageId)
        const images = original.images ? this.options.store.messageImages(original.id) : undefined
        return { parentId: original.parentId, userText: action.text, images }
      }
      case 'regenerate': {
        // A user message without a reply (it did not fit, or Ollama was down) gets one; a reply gets a sibling.
        const message = find(action.messageId)
        return { parentId: message.role === 'user' ? message.id : message.parentId }
      }
      case 'continue':
        return { parentId: find(action.messageId).parentId, continued: find(action.messageId) }
    }
  }

  private async stream(
    reply: StoredMessage,
    request: ChatRequest,
    prompt: PromptSize,
    signal: AbortSignal,
    emit: (event: ChatReplyEvent) => void,
  ): Promise<StoredMessage> {
    const { store, persistEveryMs } = this.options
    let content = reply.content
    let thinking = reply.thinking ?? ''
    /** The text that arrived so far, as the store takes it (no reasoning field for a model that did not think). */
    const arrived = (): Pick<StoredMessage, 'content' | 'thinking'> => ({ content, ...(thinking && { thinking }) })
    // The first token not yet on disk sets the deadline, so text is saved in time even when the model pauses.
    let unsaved: ReturnType<typeof setTimeout> | undefined
    const save = (): void => {
      unsaved = undefined
      try {
        store.updateMessage(reply.id, arrived())
      } catch {
        // The next token tries again, and the final write reports a store that stays broken.
      }
    }
    try {
      const result = await this.whenNotBusy(signal, emit, () =>
        this.options.client().chat(
          request,
          signal,
          (text) => {
            content += text
            emit({ type: 'token', text })
            unsaved ??= setTimeout(save, persistEveryMs)
          },
          (text) => {
            thinking += text
            emit({ type: 'thinking', text })
            unsaved ??= setTimeout(save, persistEveryMs)
          },
        ),
      ).finally(() => clearTimeout(unsaved))
      const final = reply.content + result.content
      return store.updateMessage(reply.id, {
        ...arrived(),
        content: final,
        state: 'complete',
        stats: statsOf(request.model, result),
        truncatedTokens: truncatedBy(prompt, result.promptTokens),
      })
    } catch (error) {
      const info = toErrorInfo(error)
      const state = info.code === 'CANCELLED' ? 'stopped' : CONNECTION_LOST.has(info.code) && content !== '' ? 'interrupted' : 'failed'
      store.updateMessage(reply.id, { ...arrived(), state, error: state === 'stopped' ? undefined : info })
      throw error
    }
  }
}

/** How long the stored messages wait for the first token, so the window can draw them together. */
const STORED_WAIT_MS = 20

/**
 * The stored messages (the user's, the reply's placeholder) go out with the first token when it
 * comes within a frame or so, as one message the window draws at once; drawn apart, the token waits
 * for the first drawing to finish. They never wait longer than `STORED_WAIT_MS`, and always go first.
 */
function withStoredFirst(
  stored: StoredMessage[],
  emit: (event: ChatReplyEvent) => void,
): { emit: (event: ChatReplyEvent) => void; release: () => void } {
  let waiting = true
  const release = (): void => {
    clearTimeout(timer)
    if (!waiting) return
    waiting = false
    for (const message of stored) emit({ type: 'message', message })
  }
  const timer = setTimeout(release, STORED_WAIT_MS)
  return {
    emit: (event) => {
      release()
      emit(event)
    },
    release,
  }
}

/** A failed reply with nothing in it says nothing to the model; partial ones are context the user saw. */
function sendable(message: StoredMessage): boolean {
  return message.content !== '' || message.role === 'user'
}

/** keep_alive and think are request fields in Ollama's API, not model options. */
function toRequest(model: string, messages: ChatMessage[], options: ChatOptions, numCtx: number): ChatRequest {
  const { keep_alive: keepAlive, think, ...modelOptions } = options
  return {
    model,
    messages,
    options: { ...modelOptions, num_ctx: numCtx },
    ...(keepAlive ? { keep_alive: keepAlive } : {}),
    ...(think !== undefined && { think }),
  }
}

function statsOf(model: string, result: ChatResult): MessageStats {
  return {
    model,
    doneReason: result.doneReason,
    promptTokens: result.promptTokens,
    replyTokens: result.replyTokens,
    totalMs: result.totalMs,
  }
}

/** The prompt as counted, and the window Ollama really gives the model (num_ctx, capped at the model's own). */
export interface PromptSize {
  tokens: number
  exact: boolean
  window: number
}

/**
 * Ollama drops the oldest turns without a word when a prompt is longer than its window; the only
 * trace is `prompt_eval_count` below what was sent. Only a prompt longer than the window can have
 * been cut (some servers report just the uncached part of a prompt, which is not a cut). With an
 * exact count any shortfall then is real. An estimate may be short of the real count (prompts
 * longer than the window are refused before sending, so one near it is the case to watch), and it
 * is trusted only when the gap is large.
 */
export function truncatedBy(prompt: PromptSize, evaluated: number | undefined): number | undefined {
  const couldExceed = prompt.exact ? prompt.tokens > prompt.window : prompt.tokens > prompt.window * ESTIMATE_MARGIN
  if (evaluated === undefined || !couldExceed) return undefined
  const missing = prompt.tokens - evaluated
  const threshold = prompt.exact ? 0 : Math.max(32, prompt.tokens * 0.15)
  return missing > threshold ? missing : undefined
}

/** An estimate this close to the window may really be over it. */
const ESTIMATE_MARGIN = 0.85

function contextOverflow(tokens: number, window: number, exact: boolean, modelLimit: boolean): AppError {
  return new AppError({
    code: 'CONTEXT_OVERFLOW',
    message: `This conversation is ${exact ? '' : 'about '}${tokens.toLocaleString('en')} tokens, more than the model's window of ${window.toLocaleString('en')}. Ollama would silently drop the oldest part.`,
    hint: modelLimit
      ? 'That is the most this model can take. Start a new chat, delete old messages, or choose a model with a larger window.'
      : 'Start a new chat, delete old messages, or raise the context window (num_ctx) in this chat’s options if the model supports it.',
  })
}

/**
 * Refused before anything is stored, so the message (and its images) stay in the composer. Unknown
 * capabilities get the benefit of the doubt.
 */
function requireCapability(info: ModelInfo, capability: 'vision' | 'thinking', refusal: { message: string; hint: string }): void {
  if (!info.capabilities || info.capabilities.includes(capability)) return
  throw new AppError({ code: 'MODEL_INCAPABLE', ...refusal })
}
