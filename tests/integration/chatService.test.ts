import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import path from 'node:path'
import type { ChatReplyEvent } from '../../src/shared/domain/chatReply.ts'
import { ChatService, truncatedBy } from '../../src/main/chat/ChatService.ts'
import { countPrompt } from '../../src/main/chat/promptCounter.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import { FakeOllama, QWEN, QWEN3 } from '../support/fakeOllama.ts'
import { PNG_1PX } from '../support/images.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let fake: FakeOllama
let store: HistoryStore
let service: ChatService

beforeEach(async () => {
  fake = await new FakeOllama().start()
  store = HistoryStore.open(path.join(await tempDir(), 'history.sqlite'))
  const client = new OllamaClient({ host: fake.host })
  service = new ChatService({
    store,
    client: () => client,
    countPrompt,
    persistEveryMs: 50,
    modelInfo: async (model) => client.show(model),
  })
})
afterEach(async () => {
  store.close()
  await fake.stop()
})

const newConversation = () =>
  store.createConversation({ model: 'qwen2.5:7b-instruct', systemPrompt: 'Be brief.', options: { num_ctx: 4096 } })

describe('images', () => {
  const VISION = { ...QWEN, name: 'qwen2.5vl:7b', capabilities: ['completion', 'vision'] }
  const image = { mime: 'image/png' as const, data: PNG_1PX }
  const sentMessages = () =>
    fake.requests.filter((r) => r.path === '/api/chat').map((r) => (r.body as { messages: { role: string; images?: string[] }[] }).messages)

  it('sends attached images with their message, and again with every later turn and edit', async () => {
    fake.models = [QWEN, VISION]
    const conversation = store.createConversation({ model: VISION.name, systemPrompt: '' })
    const signal = new AbortController().signal
    const first = await service.reply(
      { kind: 'send', conversationId: conversation.id, text: 'What is this?', images: [image] },
      signal,
      () => {},
    )
    await service.reply({ kind: 'send', conversationId: conversation.id, text: 'And its colour?' }, signal, () => {})
    const asked = store.getConversation(conversation.id)?.messages.find((m) => m.content === 'What is this?')
    await service.reply(
      { kind: 'edit', conversationId: conversation.id, messageId: asked?.id ?? '', text: 'Describe it.' },
      signal,
      () => {},
    )

    const [withImage, later, edited] = sentMessages()
    expect(withImage?.at(-1)).toEqual({ role: 'user', content: 'What is this?', images: [PNG_1PX] })
    expect(later?.[0]).toEqual({ role: 'user', content: 'What is this?', images: [PNG_1PX] })
    expect(later?.at(-1)).toEqual({ role: 'user', content: 'And its colour?' })
    expect(edited?.at(-1)).toEqual({ role: 'user', content: 'Describe it.', images: [PNG_1PX] })
    expect(first.state).toBe('complete')
  })

  it('refuses images for a model without vision before storing anything', async () => {
    const conversation = store.createConversation({ model: QWEN.name, systemPrompt: '' })
    await expect(
      service.reply(
        { kind: 'send', conversationId: conversation.id, text: 'What is this?', images: [image] },
        new AbortController().signal,
        () => {},
      ),
    ).rejects.toMatchObject({ code: 'MODEL_INCAPABLE', message: expect.stringContaining('qwen2.5:7b-instruct cannot read images') })
    expect(store.getConversation(conversation.id)?.messages).toEqual([])
    expect(sentMessages()).toEqual([])
  })

  it('refuses to continue a thread with images after the chat switched to a model without vision', async () => {
    fake.models = [QWEN, VISION]
    const conversation = store.createConversation({ model: VISION.name, systemPrompt: '' })
    const signal = new AbortController().signal
    await service.reply({ kind: 'send', conversationId: conversation.id, text: 'What is this?', images: [image] }, signal, () => {})
    store.updateConversation(conversation.id, { model: QWEN.name })
    await expect(service.reply({ kind: 'send', conversationId: conversation.id, text: 'More?' }, signal, () => {})).rejects.toMatchObject({
      code: 'MODEL_INCAPABLE',
    })
    expect(store.getConversation(conversation.id)?.messages).toHaveLength(2)
  })
})

describe('thinking models', () => {
  const chatBodies = () => fake.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as { think?: boolean })

  it('keeps a thinking model’s reasoning apart from its answer: streamed as it comes, stored, never sent back', async () => {
    fake.models = [QWEN, QWEN3]
    fake.thinking = 'Peru is in South America; its capital is Lima.'
    fake.reply = 'Lima.'
    const conversation = store.createConversation({ model: QWEN3.name, systemPrompt: '' })
    const events: ChatReplyEvent[] = []
    const reply = await service.reply(
      { kind: 'send', conversationId: conversation.id, text: 'Capital of Peru?' },
      new AbortController().signal,
      (e) => events.push(e),
    )
    expect(reply).toMatchObject({ content: 'Lima.', thinking: 'Peru is in South America; its capital is Lima.', state: 'complete' })
    const streamed = (type: 'thinking' | 'token') =>
      events
        .filter((e) => e.type === type)
        .map((e) => ('text' in e ? e.text : ''))
        .join('')
    expect(streamed('thinking')).toBe(fake.thinking)
    expect(streamed('token')).toBe('Lima.')
    // The reasoning comes first, and the model decides (no `think` sent) while the chat leaves it unset.
    expect(events.findIndex((e) => e.type === 'thinking')).toBeLessThan(events.findIndex((e) => e.type === 'token'))
    expect(chatBodies()[0]).not.toHaveProperty('think')
    expect(store.getConversation(conversation.id)?.messages.at(-1)?.thinking).toBe(fake.thinking)

    await service.reply({ kind: 'send', conversationId: conversation.id, text: 'And Chile?' }, new AbortController().signal, () => {})
    const second = fake.requests.filter((r) => r.path === '/api/chat')[1]?.body as { messages: Record<string, unknown>[] }
    expect(second.messages.map((m) => Object.keys(m).sort())).toEqual([
      ['content', 'role'],
      ['content', 'role'],
      ['content', 'role'],
    ])
  })

  it('sends the chat’s Thinking choice, and Off gets an answer without reasoning', async () => {
    fake.models = [QWEN3]
    const conversation = store.createConversation({ model: QWEN3.name, systemPrompt: '', options: { think: false } })
    const reply = await service.reply(
      { kind: 'send', conversationId: conversation.id, text: 'Quick one' },
      new AbortController().signal,
      () => {},
    )
    expect(chatBodies()[0]?.think).toBe(false)
    expect(reply.thinking).toBeUndefined()
    store.updateConversation(conversation.id, { options: { think: true } })
    await service.reply({ kind: 'send', conversationId: conversation.id, text: 'Think this time' }, new AbortController().signal, () => {})
    expect(chatBodies()[1]?.think).toBe(true)
  })

  it('refuses Thinking On with a model that cannot think before storing anything, as Ollama would refuse it', async () => {
    const conversation = store.createConversation({ model: QWEN.name, systemPrompt: '', options: { think: true } })
    await expect(
      service.reply({ kind: 'send', conversationId: conversation.id, text: 'Hello' }, new AbortController().signal, () => {}),
    ).rejects.toMatchObject({
      code: 'MODEL_INCAPABLE',
      message: expect.stringContaining('qwen2.5:7b-instruct cannot think before answering'),
    })
    expect(store.getConversation(conversation.id)?.messages).toEqual([])
    expect(chatBodies()).toEqual([])
    // What the real server says when the app could not know (no capabilities): the reply fails with it.
    const blind = new ChatService({ store, client: () => new OllamaClient({ host: fake.host }), countPrompt })
    await expect(
      blind.reply({ kind: 'send', conversationId: conversation.id, text: 'Hello' }, new AbortController().signal, () => {}),
    ).rejects.toThrow('"qwen2.5:7b-instruct" does not support thinking')
  })

  it('keeps the reasoning that arrived when the connection drops while the model thinks', async () => {
    fake.models = [QWEN3]
    fake.thinking = 'First this, then that, and finally the rest.'
    fake.chatFault = { kind: 'drop-after', tokens: 5 }
    const conversation = store.createConversation({ model: QWEN3.name, systemPrompt: '' })
    await expect(
      service.reply({ kind: 'send', conversationId: conversation.id, text: 'Go' }, new AbortController().signal, () => {}),
    ).rejects.toThrow()
    const kept = store.getConversation(conversation.id)?.messages.at(-1)
    expect(kept).toMatchObject({ role: 'assistant', content: '', thinking: 'First this, then tha', state: 'failed' })
  })
})

describe('ChatService', () => {
  it('stores the user message and the reply, sends system + thread, and emits the stored messages first', async () => {
    const { id } = newConversation()
    const events: ChatReplyEvent[] = []
    const reply = await service.reply({ kind: 'send', conversationId: id, text: 'Hi there' }, new AbortController().signal, (e) =>
      events.push(e),
    )
    expect(reply).toMatchObject({ role: 'assistant', state: 'complete', content: fake.reply, stats: { model: 'qwen2.5:7b-instruct' } })
    expect(events.slice(0, 2).map((e) => (e.type === 'message' ? e.message.role : e.type))).toEqual(['user', 'assistant'])
    const sent = fake.requests.find((r) => r.path === '/api/chat')?.body as {
      messages: { role: string; content: string }[]
      options: { num_ctx: number }
    }
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi there' },
    ])
    expect(sent.options.num_ctx).toBe(4096)
    expect(store.getConversation(id)?.activeLeafId).toBe(reply.id)
  })

  it('sends the stored messages with the first token when it comes at once, and on their own when it is slow or never comes', async () => {
    const kinds = (events: ChatReplyEvent[]) => events.map((e) => e.type)
    const run = async (): Promise<ChatReplyEvent[][]> => {
      const { id } = newConversation()
      // Events emitted in one task reach the window as one message: group them by task.
      const tasks: ChatReplyEvent[][] = []
      let current: ChatReplyEvent[] | undefined
      await service
        .reply({ kind: 'send', conversationId: id, text: 'Hi' }, new AbortController().signal, (event) => {
          if (!current) {
            current = []
            tasks.push(current)
            queueMicrotask(() => (current = undefined))
          }
          current.push(event)
        })
        .catch(() => undefined)
      return tasks
    }
    const quick = await run()
    expect(kinds(quick[0] ?? [])).toEqual(['message', 'message', 'token'])

    fake.answerDelayMs = 200
    const slow = await run()
    expect(kinds(slow[0] ?? [])).toEqual(['message', 'message'])
    expect(kinds(slow[1] ?? [])).toEqual(['token'])

    fake.answerDelayMs = 0
    fake.models = []
    const failed = await run()
    expect(kinds(failed.flat())).toEqual(['message', 'message'])
  })

  it('writes a streaming reply to the store while it arrives, so a crash keeps it', async () => {
    fake.reply = 'x'.repeat(400)
    fake.tokenDelayMs = 10
    const { id } = newConversation()
    const seen: number[] = []
    const running = service.reply({ kind: 'send', conversationId: id, text: 'Go' }, new AbortController().signal, () => {
      const stored = store.getConversation(id)?.messages.find((m) => m.role === 'assistant')
      if (stored) seen.push(stored.content.length)
    })
    await running
    // Several distinct lengths were on disk before the end, not only the final text.
    expect(new Set(seen.filter((n) => n > 0 && n < 400)).size).toBeGreaterThan(2)
  })

  it('marks a reply cut off by a dropped connection as interrupted, and continue appends to it', async () => {
    fake.chatFault = { kind: 'drop-after', tokens: 3 }
    const { id } = newConversation()
    await expect(
      service.reply({ kind: 'send', conversationId: id, text: 'Go' }, new AbortController().signal, () => {}),
    ).rejects.toMatchObject({
      code: 'OLLAMA_NOT_RUNNING',
    })
    const cut = store.getConversation(id)?.messages.find((m) => m.role === 'assistant')
    expect(cut).toMatchObject({ state: 'interrupted', content: fake.reply.slice(0, 12) })
    fake.chatFault = { kind: 'none' }
    const continued = await service.reply(
      { kind: 'continue', conversationId: id, messageId: cut?.id ?? '' },
      new AbortController().signal,
      () => {},
    )
    expect(continued).toMatchObject({ id: cut?.id, state: 'complete', content: fake.reply.slice(0, 12) + fake.reply })
    const sent = fake.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: { role: string; content: string }[] }
    expect(sent.messages.at(-1)).toEqual({ role: 'assistant', content: fake.reply.slice(0, 12) })
  })

  it('stores a message and its reply under the ids the window chose, and refuses ids already taken', async () => {
    const conversation = newConversation()
    const ids = { user: crypto.randomUUID(), reply: crypto.randomUUID() }
    const signal = new AbortController().signal
    const reply = await service.reply({ kind: 'send', conversationId: conversation.id, text: 'Hi', ids }, signal, () => {})
    expect(reply.id).toBe(ids.reply)
    expect(store.getConversation(conversation.id)?.messages.map((m) => [m.id, m.parentId])).toEqual([
      [ids.user, null],
      [ids.reply, ids.user],
    ])
    await expect(
      service.reply({ kind: 'send', conversationId: conversation.id, text: 'Again', ids }, signal, () => {}),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    expect(store.getConversation(conversation.id)?.messages).toHaveLength(2)
  })

  it('refuses a prompt that does not fit before sending, keeping the user message', async () => {
    const { id } = store.createConversation({ model: 'qwen2.5:7b-instruct', systemPrompt: '', options: { num_ctx: 256 } })
    await expect(
      service.reply({ kind: 'send', conversationId: id, text: 'word '.repeat(300) }, new AbortController().signal, () => {}),
    ).rejects.toMatchObject({ code: 'CONTEXT_OVERFLOW' })
    expect(fake.requests.filter((r) => r.path === '/api/chat')).toHaveLength(0)
    expect(store.getConversation(id)?.messages.map((m) => m.role)).toEqual(['user'])
  })

  it('stops on cancel and keeps what arrived as stopped', async () => {
    fake.tokenDelayMs = 30
    const { id } = newConversation()
    const controller = new AbortController()
    const running = service.reply({ kind: 'send', conversationId: id, text: 'Go' }, controller.signal, (event) => {
      if (event.type === 'token') controller.abort()
    })
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
    const stopped = store.getConversation(id)?.messages.find((m) => m.role === 'assistant')
    expect(stopped?.state).toBe('stopped')
    expect(stopped?.error).toBeUndefined()
  })
})

describe('ChatService when Ollama is busy', () => {
  it('queues the message while the server answers 503, says so, and sends it when there is room', async () => {
    const client = new OllamaClient({ host: fake.host })
    const patient = new ChatService({ store, client: () => client, countPrompt, busyRetryMs: [40, 40, 40, 40] })
    fake.chatFault = { kind: 'busy' }
    setTimeout(() => (fake.chatFault = { kind: 'none' }), 60)
    const { id } = newConversation()
    const events: ChatReplyEvent[] = []
    const reply = await patient.reply({ kind: 'send', conversationId: id, text: 'Hi' }, new AbortController().signal, (e) => events.push(e))
    expect(reply.state).toBe('complete')
    expect(events.find((e) => e.type === 'status')).toMatchObject({ text: expect.stringContaining('your message is queued') })
    expect(fake.requests.filter((r) => r.path === '/api/chat').length).toBeGreaterThan(1)
  })

  it('ends the wait at once when the user stops a queued message', async () => {
    const client = new OllamaClient({ host: fake.host })
    const patient = new ChatService({ store, client: () => client, countPrompt, busyRetryMs: [60_000] })
    fake.chatFault = { kind: 'busy' }
    const { id } = newConversation()
    const controller = new AbortController()
    const running = patient.reply({ kind: 'send', conversationId: id, text: 'Hi' }, controller.signal, (event) => {
      if (event.type === 'status') controller.abort()
    })
    await expect(running).rejects.toMatchObject({ name: 'AbortError' })
    expect(store.getConversation(id)?.messages.find((m) => m.role === 'assistant')?.state).toBe('stopped')
  })

  it('fails with the busy error once the waits run out, keeping the user message', async () => {
    const client = new OllamaClient({ host: fake.host })
    const patient = new ChatService({ store, client: () => client, countPrompt, busyRetryMs: [10] })
    fake.chatFault = { kind: 'busy' }
    const { id } = newConversation()
    await expect(
      patient.reply({ kind: 'send', conversationId: id, text: 'Hi' }, new AbortController().signal, () => {}),
    ).rejects.toMatchObject({
      code: 'OLLAMA_BUSY',
    })
    expect(store.getConversation(id)?.messages.map((m) => [m.role, m.state])).toEqual([
      ['user', 'complete'],
      ['assistant', 'failed'],
    ])
  })
})

describe('truncatedBy', () => {
  it('calls a shortfall a cut only when the prompt was longer than the window, and trusts an estimate only for a large gap', () => {
    expect(truncatedBy({ tokens: 1000, exact: true, window: 8192 }, 20)).toBeUndefined()
    expect(truncatedBy({ tokens: 1000, exact: true, window: 512 }, 500)).toBe(500)
    expect(truncatedBy({ tokens: 1000, exact: true, window: 512 }, 1000)).toBeUndefined()
    expect(truncatedBy({ tokens: 1000, exact: false, window: 512 }, 900)).toBeUndefined()
    expect(truncatedBy({ tokens: 1000, exact: false, window: 512 }, 600)).toBe(400)
    expect(truncatedBy({ tokens: 1000, exact: false, window: 512 }, undefined)).toBeUndefined()
    // An estimate just under the window may really be over it; an exact count under it cannot.
    expect(truncatedBy({ tokens: 480, exact: false, window: 512 }, 300)).toBe(180)
    expect(truncatedBy({ tokens: 480, exact: true, window: 512 }, 300)).toBeUndefined()
    expect(truncatedBy({ tokens: 400, exact: false, window: 512 }, 200)).toBeUndefined()
  })
})
