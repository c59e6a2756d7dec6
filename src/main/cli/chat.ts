import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import { DEFAULT_SYSTEM_PROMPT } from '../../shared/domain/chat.ts'
import { newChatOptions } from '../../shared/domain/settings.ts'
import type { StoredMessage } from '../../shared/domain/conversation.ts'
import { toErrorInfo } from '../../shared/ipc/errors.ts'
import { ChatService } from '../chat/ChatService.ts'
import { countPrompt } from '../chat/promptCounter.ts'
import { defaultDataDir } from '../storage/dataDir.ts'
import { HistoryStore } from '../storage/history/HistoryStore.ts'
import type { CommandContext } from './index.ts'

/** Ctrl-C's conventional exit code (128 + SIGINT). */
const INTERRUPTED = 130

const SESSION_HELP = 'Commands: /model NAME, /system TEXT, /clear (a new conversation), /exit. Ctrl-C stops a reply.'

interface Session {
  model: string
  system: string
  /** The session's conversation, created with its first message so an unused session leaves no empty chat behind. */
  conversationId(): string
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
  return text
}

/**
 * `instruct-desk chat`: one prompt (argument or piped stdin) streamed to stdout, or an interactive
 * session on a terminal. Every exchange goes to the app's history, so it can be continued there.
 */
export async function runChat(context: CommandContext): Promise<number> {
  const { io, args, settings } = context
  const store = HistoryStore.open(path.join(defaultDataDir(io.env), 'history.sqlite'))
  try {
    const service = new ChatService({ store, client: () => context.client, countPrompt })
    const start = (model: string, system: string): Session => {
      let id: string | undefined
      return {
        model,
        system,
        conversationId: () => (id ??= store.createConversation({ model, systemPrompt: system, options: newChatOptions(settings) }).id),
      }
    }
    const session = start(context.model ?? settings.defaultModel, context.system ?? DEFAULT_SYSTEM_PROMPT)
    const prompt = args.length > 0 ? args.join(' ') : io.input && !io.interactive ? (await readAll(io.input)).trim() : undefined
    if (prompt) return await ask(service, session, prompt, context)
    if (!io.input || !io.interactive) {
      io.err('instruct-desk: chat needs a prompt: `instruct-desk chat "Your question"`, or pipe one in, or run it in a terminal.')
      return 2
    }
    return await converse(service, session, start, context)
  } finally {
    store.close()
  }
}

/**
 * One reply, streamed as it arrives (or printed whole as JSON); Ctrl-C stops it and keeps what arrived.
 * A thinking model's reasoning stays out of stdout (it is in the history, and in --json); stderr says
 * it is thinking, so a long silence before the answer is explained.
 */
async function ask(service: ChatService, session: Session, text: string, { io, json }: CommandContext): Promise<number> {
  const controller = new AbortController()
  const stopListening = io.onInterrupt?.(() => controller.abort())
  let printed = ''
  let thinking = false
  try {
    const reply = await service.reply({ kind: 'send', conversationId: session.conversationId(), text }, controller.signal, (event) => {
      if (json || !io.write) return
      if (event.type === 'thinking' && !thinking) {
        thinking = true
        io.err(`${session.model} is thinking…`)
      }
      if (event.type !== 'token') return
      io.write(event.text)
      printed += event.text
    })
    finish(io, json, reply, printed)
    return 0
  } catch (error) {
    if (printed) io.write?.('\n')
    if (toErrorInfo(error).code === 'CANCELLED') {
      io.err('Stopped; what arrived is saved in the conversation.')
      return INTERRUPTED
    }
    throw error
  } finally {
    stopListening?.()
  }
}

function finish(io: CommandContext['io'], json: boolean, reply: StoredMessage, printed: string): void {
  if (json)
    return io.out(
      JSON.stringify({
        conversationId: reply.conversationId,
        model: reply.stats?.model,
        reply: reply.content,
        ...(reply.thinking && { thinking: reply.thinking }),
        stats: reply.stats,
      }),
    )
  if (printed) io.write?.('\n')
  else io.out(reply.content)
}

async function converse(
  service: ChatService,
  first: Session,
  start: (model: string, system: string) => Session,
  context: CommandContext,
): Promise<number> {
  const { io } = context
  let session = first
  const lines = createInterface({ input: io.input as NodeJS.ReadableStream, terminal: false })
  io.out(`Chatting with ${session.model}. ${SESSION_HELP}`)
  for await (const raw of lines) {
    const line = raw.trim()
    if (!line) continue
    if (line === '/exit' || line === '/quit') break
    if (line === '/clear') {
      session = start(session.model, session.system)
      io.out('New conversation.')
    } else if (line.startsWith('/model ')) {
      session = start(line.slice(7).trim(), session.system)
      io.out(`Now chatting with ${session.model} (a new conversation).`)
    } else if (line.startsWith('/system ')) {
      session = start(session.model, line.slice(8).trim())
      io.out('System prompt set (a new conversation).')
    } else if (line.startsWith('/')) {
      io.out(`Unknown command. ${SESSION_HELP}`)
    } else {
      // A failed reply is reported and the session goes on; the message stays in the history.
      await ask(service, session, line, context).catch((error: unknown) => {
        const { message, hint } = toErrorInfo(error)
        io.err(`instruct-desk: ${hint ? `${message} ${hint}` : message}`)
      })
    }
  }
  lines.close()
  return 0
}
