import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Conversation, StoredMessage } from '../../src/shared/domain/conversation.ts'
import type { ChatReplyEvent } from '../../src/shared/domain/chatReply.ts'
import type { Envelope, ErrorInfo } from '../../src/shared/ipc/errors.ts'
import { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import type { BridgeClient } from './bridgeClient.ts'
import { QWEN, type FakeOllama } from './fakeOllama.ts'
import { WebHostProcess, type HostMemory } from './webHostProcess.ts'

/** A piece of a reply as the client received it: its text and when (performance.now()). */
export interface Arrival {
  at: number
  text: string
}

export interface KillOutcome {
  /** What ended the host: SIGKILL when the kill was real. */
  signal: NodeJS.Signals | null
  killedAt: number
  arrivals: Arrival[]
  /** The reply as the database held it after the kill, before anything reopened it. */
  rawState: string
  integrity: string
  /** The reply once the history store reopened the file (crash recovery done). */
  reopened: Pick<StoredMessage, 'state' | 'content'>
  /** Everything the client had received, and what it had a second before the kill. */
  received: string
  receivedSecondBefore: string
  /** Received but not stored: characters, token events, and how long before the kill the oldest of them arrived. */
  lostChars: number
  lostTokens: number
  lagMs: number
}

const STORY_MODEL = QWEN.name

/**
 * Starts the web host as its own process, streams a reply through its socket, and kills it with
 * SIGKILL once `killWhen` holds; then checks the database file and reopens it with the history
 * store, as the next launch would.
 */
export async function killMidReply(options: {
  fake: FakeOllama
  dataDir: string
  killWhen: (arrivals: Arrival[], now: number) => boolean
}): Promise<KillOutcome> {
  const host = await WebHostProcess.start({ dataDir: options.dataDir, ollamaHost: options.fake.host })
  let replyId = ''
  const arrivals: Arrival[] = []
  try {
    const client = await host.connect()
    const conversation = await client.data<Conversation>('conversations:create', { model: STORY_MODEL })
    let ended: Envelope<unknown> | undefined
    void client
      .stream('chat:reply', { kind: 'send', conversationId: conversation.id, text: 'Tell me a long story.' }, (events, at) => {
        for (const event of events as ChatReplyEvent[]) {
          if (event.type === 'message' && event.message.role === 'assistant') replyId = event.message.id
          if (event.type === 'token') arrivals.push({ at, text: event.text })
        }
      })
      .then((envelope) => (ended = envelope))
    await until(() => ended !== undefined || options.killWhen(arrivals, performance.now()))
    if (ended) throw new Error(`The reply ended before the kill: ${JSON.stringify(ended)}`)
  } catch (error) {
    await host.stop()
    throw error
  }
  const killedAt = performance.now()
  const signal = await host.kill('SIGKILL')

  const file = path.join(options.dataDir, 'history.sqlite')
  const raw = new DatabaseSync(file)
  const integrity = String((raw.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check)
  const rawState = String((raw.prepare('SELECT state FROM messages WHERE id = ?').get(replyId) as { state?: string } | undefined)?.state)
  raw.close()
  const store = HistoryStore.open(file)
  const reply = store.getConversation(store.listConversations()[0]?.id ?? '')?.messages.find((m) => m.id === replyId)
  store.close()
  const reopened = { state: reply?.state ?? 'failed', content: reply?.content ?? '' }
  return { signal, killedAt, arrivals, rawState, integrity, reopened, ...compare(arrivals, reopened.content, killedAt) }
}

/** What the client had that the store did not. */
function compare(arrivals: Arrival[], stored: string, killedAt: number) {
  const received = arrivals.map((a) => a.text).join('')
  const receivedSecondBefore = arrivals
    .filter((a) => a.at <= killedAt - 1000)
    .map((a) => a.text)
    .join('')
  let end = 0
  const lost = arrivals.filter((a) => (end += a.text.length) > stored.length)
  return {
    received,
    receivedSecondBefore,
    lostChars: Math.max(0, received.length - stored.length),
    lostTokens: lost.length,
    lagMs: lost[0] ? killedAt - lost[0].at : 0,
  }
}

/** How one of many concurrent replies ended. */
export interface ConcurrentReply {
  ok: boolean
  /** The stored reply's state and text, or the stream's error. */
  state?: string
  content?: string
  error?: ErrorInfo
  /** Waiting notes the stream sent (Ollama's queue was full). */
  notes: string[]
}

export interface ConcurrencyOutcome {
  /** Each round's replies, in the order they were sent, and how long the round took. */
  rounds: { replies: ConcurrentReply[]; wallMs: number; memory: HostMemory }[]
  /** Host memory after a warm-up reply (after a full GC, like each round's). */
  before: HostMemory
  /** The host still answers and has not exited. */
  alive: boolean
}

/**
 * Starts the web host as its own process and, `rounds` times, sends `requests` chat replies at
 * once, spread over `sockets` connections (browser tabs), each in a conversation of its own;
 * weighs the host after each round.
 */
export async function concurrentReplies(options: {
  fake: FakeOllama
  dataDir: string
  requests: number
  sockets: number
  rounds: number
}): Promise<ConcurrencyOutcome> {
  const host = await WebHostProcess.start({ dataDir: options.dataDir, ollamaHost: options.fake.host })
  try {
    const clients = await Promise.all(Array.from({ length: options.sockets }, () => host.connect()))
    const first = clients[0] as BridgeClient
    // The first reply loads the tokenizer and the model details: a baseline that is not its growth.
    await reply(first, await first.data<Conversation>('conversations:create', { model: STORY_MODEL }))
    const before = await host.memory()
    const rounds: ConcurrencyOutcome['rounds'] = []
    for (let round = 0; round < options.rounds; round++) {
      const tabs = Array.from({ length: options.requests }, (_, i) => clients[i % clients.length] as BridgeClient)
      const conversations = await Promise.all(tabs.map((tab) => tab.data<Conversation>('conversations:create', { model: STORY_MODEL })))
      const started = performance.now()
      const replies = await Promise.all(conversations.map((c, i) => reply(tabs[i] as BridgeClient, c)))
      rounds.push({ replies, wallMs: performance.now() - started, memory: await host.memory() })
    }
    const info = await first.invoke('app:info', {})
    for (const client of clients) client.close()
    return { rounds, before, alive: info.ok }
  } finally {
    await host.stop()
  }
}

async function reply(client: BridgeClient, conversation: Conversation): Promise<ConcurrentReply> {
  const notes: string[] = []
  const envelope = await client.stream('chat:reply', { kind: 'send', conversationId: conversation.id, text: 'Hello' }, (events) => {
    for (const event of events as ChatReplyEvent[]) if (event.type === 'status') notes.push(event.text)
  })
  const stored = (await client.data<Conversation>('conversations:get', { id: conversation.id })).messages.find(
    (m) => m.role === 'assistant',
  )
  const kept = { state: stored?.state, content: stored?.content }
  return envelope.ok ? { ok: true, ...kept, notes } : { ok: false, ...kept, error: envelope.error, notes }
}

/** Checks the condition every few milliseconds until it holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}
