import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HistoryStore, titleFrom, type NewMessage } from '../../src/main/storage/history/HistoryStore.ts'
import { conversationToMarkdown } from '../../src/main/storage/history/markdownExport.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/storage/history/migrations.ts'
import { activePath, HIT_END, HIT_START, type Conversation, type StoredMessage } from '../../src/shared/domain/conversation.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { JPEG_1PX, PNG_1PX } from '../support/images.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const opened: HistoryStore[] = []
afterEach(() => {
  for (const store of opened.splice(0)) store.close()
  vi.useRealTimers()
})

async function historyFile(): Promise<string> {
  return path.join(await tempDir(), 'nested', 'folder', 'history.sqlite')
}

function open(file: string): HistoryStore {
  const store = HistoryStore.open(file)
  opened.push(store)
  return store
}

async function newStore(): Promise<{ store: HistoryStore; file: string }> {
  const file = await historyFile()
  return { store: open(file), file }
}

/** Reads the file with a connection of its own, the way a second process would. */
function withRawDb<T>(file: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file)
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** FTS5 compares its index with the content it was built from and throws on any difference. */
function checkSearchIndex(file: string): void {
  withRawDb(file, (db) => db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)"))
}

function say(
  store: HistoryStore,
  conversation: Conversation,
  parentId: string | null,
  role: NewMessage['role'],
  content: string,
): StoredMessage {
  return store.addMessage({ conversationId: conversation.id, parentId, role, content, state: 'complete' })
}

function expectAppError(call: () => unknown, code: string, message: RegExp): void {
  let thrown: unknown
  try {
    call()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(AppError)
  expect((thrown as AppError).code).toBe(code)
  expect((thrown as AppError).message).toMatch(message)
}

describe('conversations', () => {
  it('creates, reads, updates and lists them, creating the folder', async () => {
    const { store } = await newStore()
    const created = store.createConversation({ model: 'qwen2.5:7b-instruct', systemPrompt: 'Be brief.' })
    expect(created).toMatchObject({
      title: 'New chat',
      model: 'qwen2.5:7b-instruct',
      systemPrompt: 'Be brief.',
      options: {},
      pinned: false,
    })
    expect(store.getConversation(created.id)).toEqual(created)

    const updated = store.updateConversation(created.id, {
      title: 'Renamed',
      model: 'llama3.2:3b',
      systemPrompt: 'Be thorough.',
      options: { temperature: 0.2, stop: ['###'] },
      pinned: true,
    })
    expect(updated).toMatchObject({ title: 'Renamed', model: 'llama3.2:3b', systemPrompt: 'Be thorough.', pinned: true })
    expect(updated.options).toEqual({ temperature: 0.2, stop: ['###'] })
    expect(updated.updatedAt).toBe(created.updatedAt)
    say(store, updated, null, 'user', 'Hello')
    expect(store.listConversations()).toEqual([
      expect.objectContaining({ id: created.id, title: 'Renamed', model: 'llama3.2:3b', pinned: true, messageCount: 1 }),
    ])
    expect(store.getConversation('no-such-id')).toBeUndefined()
    expectAppError(() => store.updateConversation('no-such-id', { title: 'x' }), 'BAD_REQUEST', /no conversation no-such-id/)
  })

  it('lists pinned ones first, then the most recently active', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { store } = await newStore()
    const at = (ms: number): void => void vi.setSystemTime(ms)
    at(1_000)
    const a = store.createConversation({ model: 'm', systemPrompt: '' })
    at(2_000)
    const b = store.createConversation({ model: 'm', systemPrompt: '' })
    at(3_000)
    const c = store.createConversation({ model: 'm', systemPrompt: '' })
    expect(store.listConversations().map((s) => s.id)).toEqual([c.id, b.id, a.id])
    at(4_000)
    say(store, a, null, 'user', 'bump')
    expect(store.listConversations().map((s) => s.id)).toEqual([a.id, c.id, b.id])
    store.updateConversation(b.id, { pinned: true })
    expect(store.listConversations().map((s) => s.id)).toEqual([b.id, a.id, c.id])
  })

  it('keeps messages in the order they were written, also within one millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(5_000)
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    let parent: string | null = null
    for (let i = 0; i < 20; i++) parent = say(store, conversation, parent, i % 2 ? 'assistant' : 'user', `message ${i}`).id
    const messages = store.getConversation(conversation.id)?.messages ?? []
    expect(messages.map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `message ${i}`))
  })

  it('takes its title from the first user message when it still has the default one', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    say(store, conversation, null, 'assistant', 'Hi, how can I help?')
    expect(store.getConversation(conversation.id)?.title).toBe('New chat')
    const long = '```\n\n  Write a short story about a lighthouse keeper who befriends a seagull named Pip during a storm  \nsecond line'
    say(store, conversation, null, 'user', long)
    expect(store.getConversation(conversation.id)?.title).toBe('Write a short story about a lighthouse keeper who befriends…')
    say(store, conversation, null, 'user', 'A later question')
    expect(store.getConversation(conversation.id)?.title).toBe('Write a short story about a lighthouse keeper who befriends…')

    const named = store.createConversation({ model: 'm', systemPrompt: '', title: 'My title' })
    say(store, named, null, 'user', 'Question')
    expect(store.getConversation(named.id)?.title).toBe('My title')
  })

  it('cuts titles at a word boundary, or hard when one word is too long', () => {
    expect(titleFrom('  short  question \n more')).toBe('short question')
    expect(titleFrom('x'.repeat(80))).toBe(`${'x'.repeat(60)}…`)
    expect(titleFrom('--- \n```js')).toBeUndefined()
    expect(titleFrom('a'.repeat(59) + ' tail')?.length).toBeLessThanOrEqual(61)
  })
})

describe('message trees', () => {
  it('keeps two replies to one message and shows the branch the active leaf points to', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const question = say(store, conversation, null, 'user', 'Name three rivers.')
    const first = say(store, conversation, question.id, 'assistant', 'Nile, Amazon, Danube.')
    const second = say(store, conversation, question.id, 'assistant', 'Rhine, Volga, Mekong.')

    let stored = store.getConversation(conversation.id)
    expect(stored?.messages.map((m) => m.id)).toEqual([question.id, first.id, second.id])
    expect(stored?.activeLeafId).toBe(second.id)
    expect(activePath(stored?.messages ?? [], stored?.activeLeafId ?? null).map((m) => m.content)).toEqual([
      'Name three rivers.',
      'Rhine, Volga, Mekong.',
    ])

    stored = store.updateConversation(conversation.id, { activeLeafId: first.id })
    expect(activePath(stored.messages, stored.activeLeafId).map((m) => m.id)).toEqual([question.id, first.id])

    const edited = say(store, conversation, null, 'user', 'Name three lakes.')
    stored = store.getConversation(conversation.id)
    expect(activePath(stored?.messages ?? [], stored?.activeLeafId ?? null).map((m) => m.id)).toEqual([edited.id])
    expect(stored?.messageCount).toBe(4)
  })

  it('refuses parents and leaves from another conversation', async () => {
    const { store } = await newStore()
    const one = store.createConversation({ model: 'm', systemPrompt: '' })
    const other = store.createConversation({ model: 'm', systemPrompt: '' })
    const foreign = say(store, other, null, 'user', 'elsewhere')
    expectAppError(() => say(store, one, foreign.id, 'assistant', 'x'), 'BAD_REQUEST', new RegExp(`no message ${foreign.id}`))
    expectAppError(() => store.updateConversation(one.id, { activeLeafId: foreign.id }), 'BAD_REQUEST', /no message/)
    expect(store.getConversation(one.id)?.messages).toEqual([])
  })

  it('deletes a message with every reply below it and moves the active leaf to a remaining version, else the parent', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const u1 = say(store, conversation, null, 'user', 'u1')
    const a1 = say(store, conversation, u1.id, 'assistant', 'a1')
    const u2 = say(store, conversation, a1.id, 'user', 'u2')
    say(store, conversation, u2.id, 'assistant', 'a2')
    const sibling = say(store, conversation, u1.id, 'assistant', 'a1 again')
    store.updateConversation(conversation.id, { activeLeafId: store.getConversation(conversation.id)?.messages[3]?.id ?? null })

    const after = store.deleteMessage(a1.id)
    expect(after.messages.map((m) => m.content)).toEqual(['u1', 'a1 again'])
    expect(after.activeLeafId).toBe(sibling.id)
    expect(store.deleteMessage(sibling.id).activeLeafId).toBe(u1.id)
    const again = say(store, conversation, u1.id, 'assistant', 'a1 once more')
    expect(store.listConversations()[0]?.messageCount).toBe(2)

    store.updateConversation(conversation.id, { activeLeafId: again.id })
    const other = say(store, conversation, null, 'user', 'other root')
    store.updateConversation(conversation.id, { activeLeafId: again.id })
    expect(store.deleteMessage(other.id).activeLeafId).toBe(again.id)

    expect(store.deleteMessage(u1.id)).toMatchObject({ messages: [], activeLeafId: null, messageCount: 0 })
    expectAppError(() => store.deleteMessage(u1.id), 'BAD_REQUEST', /no message/)
  })

  it('puts back the last message deleted in a conversation with its replies, images, search entries and thread', async () => {
    const { store, file } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const u1 = say(store, conversation, null, 'user', 'first question')
    const a1 = say(store, conversation, u1.id, 'assistant', 'first answer')
    const images = [{ mime: 'image/png' as const, data: PNG_1PX }]
    const u2 = store.addMessage({
      conversationId: conversation.id,
      parentId: a1.id,
      role: 'user',
      content: 'a walrus picture',
      state: 'complete',
      images,
    })
    const a2 = say(store, conversation, u2.id, 'assistant', 'that is a walrus')
    const before = store.getConversation(conversation.id)

    store.deleteMessage(a1.id)
    expect(store.search('walrus')).toEqual([])
    const restored = store.restoreMessage(conversation.id, a1.id)
    expect(restored.messages).toEqual(before?.messages)
    expect(restored.activeLeafId).toBe(a2.id)
    expect(restored.messageCount).toBe(4)
    expect(store.messageImages(u2.id)).toEqual(images)
    expect(
      store
        .search('walrus')
        .map((hit) => hit.messageId)
        .sort(),
    ).toEqual([u2.id, a2.id].sort())
    checkSearchIndex(file)
    // Once only, and only the last delete.
    expectAppError(() => store.restoreMessage(conversation.id, a1.id), 'BAD_REQUEST', /can no longer be put back/)
    store.deleteMessage(a2.id)
    store.deleteMessage(u2.id)
    expectAppError(() => store.restoreMessage(conversation.id, a2.id), 'BAD_REQUEST', /only the last one deleted/)
    expect(store.restoreMessage(conversation.id, u2.id).messages.map((m) => m.content)).toEqual([
      'first question',
      'first answer',
      'a walrus picture',
    ])
    // A delete in another chat takes Undo over.
    const other = store.createConversation({ model: 'm', systemPrompt: '' })
    store.deleteMessage(u2.id)
    store.deleteMessage(say(store, other, null, 'user', 'elsewhere').id)
    expectAppError(() => store.restoreMessage(conversation.id, u2.id), 'BAD_REQUEST', /only the last one deleted/)
    // So does deleting its chat.
    const lone = say(store, other, null, 'user', 'x')
    store.deleteMessage(lone.id)
    store.deleteConversation(other.id)
    expectAppError(() => store.restoreMessage(other.id, lone.id), 'BAD_REQUEST', /can no longer be put back/)
  })

  it('forgets Undo once its chat gets a new message, so it can never hide what was written since', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const u1 = say(store, conversation, null, 'user', 'q1')
    const a1 = say(store, conversation, u1.id, 'assistant', 'a1')
    const deleted = store.deleteMessage(a1.id)
    const again = say(store, deleted, u1.id, 'assistant', 'a1, again')
    expectAppError(() => store.restoreMessage(conversation.id, a1.id), 'BAD_REQUEST', /can no longer be put back/)
    expect(store.getConversation(conversation.id)?.activeLeafId).toBe(again.id)
  })

  it('puts a deleted branch back without leaving the branch the user went to since', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const u1 = say(store, conversation, null, 'user', 'q1')
    const first = say(store, conversation, u1.id, 'assistant', 'first answer')
    const second = say(store, conversation, u1.id, 'assistant', 'second answer')
    // Deleting the version on screen shows the other; the user then picks the question alone.
    expect(store.deleteMessage(second.id).activeLeafId).toBe(first.id)
    store.updateConversation(conversation.id, { activeLeafId: u1.id })
    expect(store.restoreMessage(conversation.id, second.id).activeLeafId).toBe(u1.id)
    // Left where the delete put it, Undo shows the deleted version again.
    store.updateConversation(conversation.id, { activeLeafId: second.id })
    store.deleteMessage(second.id)
    expect(store.restoreMessage(conversation.id, second.id).activeLeafId).toBe(second.id)
  })

  it('puts back a reply deleted while it streamed as interrupted: its stream ended with the delete', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const u1 = say(store, conversation, null, 'user', 'q1')
    const partial = store.addMessage({
      conversationId: conversation.id,
      parentId: u1.id,
      role: 'assistant',
      content: 'half',
      state: 'streaming',
    })
    store.deleteMessage(partial.id)
    expect(store.restoreMessage(conversation.id, partial.id).messages.at(-1)).toMatchObject({ content: 'half', state: 'interrupted' })
  })

  it('deletes and purges threads thousands of messages deep', async () => {
    const { store, file } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    let parent: string | null = null
    const ids: string[] = []
    for (let i = 0; i < 2_000; i++) ids.push((parent = say(store, conversation, parent, i % 2 ? 'assistant' : 'user', `turn ${i}`).id))
    expect(store.deleteMessage(ids[1_000] ?? '').messages).toHaveLength(1_000)
    store.deleteConversation(conversation.id)
    expect(store.purgeDeleted(0)).toBe(1)
    expect(withRawDb(file, (db) => db.prepare('SELECT count(*) AS n FROM messages').get()?.n)).toBe(0)
    checkSearchIndex(file)
  })
})

describe('messages', () => {
  it('updates content, state, stats and errors, and clears an error given as undefined', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const reply = store.addMessage({ conversationId: conversation.id, parentId: null, role: 'assistant', content: '', state: 'streaming' })
    expect(store.updateMessage(reply.id, { content: 'Hel' })).toEqual({ ...reply, content: 'Hel' })
    const failed = store.updateMessage(reply.id, {
      content: 'Hello',
      state: 'failed',
      error: { code: 'OLLAMA_ERROR', message: 'model crashed' },
    })
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'OLLAMA_ERROR', message: 'model crashed' } })
    const done = store.updateMessage(reply.id, {
      state: 'complete',
      error: undefined,
      stats: { model: 'm', doneReason: 'stop', promptTokens: 12, replyTokens: 3, totalMs: 410 },
      truncatedTokens: 200,
    })
    expect(done).toEqual({
      ...reply,
      content: 'Hello',
      state: 'complete',
      stats: { model: 'm', doneReason: 'stop', promptTokens: 12, replyTokens: 3, totalMs: 410 },
      truncatedTokens: 200,
    })
    expect(store.getConversation(conversation.id)?.messages).toEqual([done])
    expectAppError(() => store.updateMessage('gone', { content: 'x' }), 'BAD_REQUEST', /no message gone/)
  })
})

describe('deleting conversations', () => {
  it('hides them until restored, and purges them for good once old enough', async () => {
    const { store, file } = await newStore()
    const kept = store.createConversation({ model: 'm', systemPrompt: '' })
    const doomed = store.createConversation({ model: 'm', systemPrompt: '' })
    say(store, doomed, null, 'user', 'a pelican in the bin')

    store.deleteConversation(doomed.id)
    expect(store.listConversations().map((c) => c.id)).toEqual([kept.id])
    expect(store.getConversation(doomed.id)).toBeUndefined()
    expect(store.search('pelican')).toEqual([])

    expect(store.restoreConversation(doomed.id).messages).toHaveLength(1)
    expect(store.listConversations().map((c) => c.id)).toEqual([doomed.id, kept.id])
    expect(store.search('pelican')).toHaveLength(1)

    store.deleteConversation(doomed.id)
    store.deleteConversation(doomed.id)
    expect(store.purgeDeleted(60_000)).toBe(0)
    expect(store.purgeDeleted(0)).toBe(1)
    expectAppError(() => store.restoreConversation(doomed.id), 'BAD_REQUEST', /no conversation/)
    expectAppError(() => store.deleteConversation(doomed.id), 'BAD_REQUEST', /no conversation/)
    expect(withRawDb(file, (db) => db.prepare('SELECT count(*) AS n FROM messages').get()?.n)).toBe(0)
    checkSearchIndex(file)
  })
})

describe('crashes', () => {
  it('marks a reply that was streaming when the app stopped as interrupted, keeping its text', async () => {
    const file = await historyFile()
    const store = open(file)
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const question = say(store, conversation, null, 'user', 'Tell me about otters')
    const reply = store.addMessage({
      conversationId: conversation.id,
      parentId: question.id,
      role: 'assistant',
      content: '',
      state: 'streaming',
    })
    store.updateMessage(reply.id, { content: 'Otters are semiaquatic' })
    expect(store.search('semiaquatic')).toEqual([])
    store.close()

    const reopened = open(file)
    expect(reopened.getConversation(conversation.id)?.messages[1]).toEqual({
      ...reply,
      content: 'Otters are semiaquatic',
      state: 'interrupted',
    })
    expect(reopened.search('semiaquatic').map((h) => h.messageId)).toEqual([reply.id])
    checkSearchIndex(file)
  })

  it('keeps the file intact and the last committed update when the process is killed mid-stream', { timeout: 30_000 }, async () => {
    const file = await historyFile()
    const child = spawn(process.execPath, ['--input-type=module', '-e', STREAMING_WRITER], {
      env: {
        ...process.env,
        HISTORY_MODULE: pathToFileURL(path.join(import.meta.dirname, '../../src/main/storage/history/HistoryStore.ts')).href,
        HISTORY_FILE: file,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    let ids: string[] = []
    let lastCommitted = 0
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (ids.length === 0) ids = line.split(' ')
        else lastCommitted = Number(line)
      }
      if (lastCommitted >= 300) child.kill('SIGKILL')
    })
    const signal = await exited
    expect(signal, stderr).toBe('SIGKILL')

    expect(withRawDb(file, (db) => db.prepare('PRAGMA integrity_check').get()?.integrity_check)).toBe('ok')
    const [conversationId, replyId] = ids
    const reply = open(file)
      .getConversation(conversationId ?? '')
      ?.messages.find((m) => m.id === replyId)
    expect(reply?.state).toBe('interrupted')
    expect(Number(/^update (\d+) /.exec(reply?.content ?? '')?.[1])).toBeGreaterThanOrEqual(lastCommitted)
    checkSearchIndex(file)
  })
})

/** A child process that streams a reply into the store, printing each update after it is committed, until it is killed. */
const STREAMING_WRITER = `
import { writeSync } from 'node:fs'
const { HistoryStore } = await import(process.env.HISTORY_MODULE)
const store = HistoryStore.open(process.env.HISTORY_FILE)
const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
const reply = store.addMessage({ conversationId: conversation.id, parentId: null, role: 'assistant', content: '', state: 'streaming' })
writeSync(1, conversation.id + ' ' + reply.id + '\\n')
const words = 'the quick brown fox jumps over the lazy dog '.repeat(100)
for (let i = 1; i < 10_000_000; i++) {
  store.updateMessage(reply.id, { content: 'update ' + i + ' ' + words })
  writeSync(1, i + '\\n')
}
`

describe('search', () => {
  async function searchable(): Promise<{ store: HistoryStore; file: string; conversation: Conversation }> {
    const { store, file } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '', title: 'Databases' })
    const question = say(store, conversation, null, 'user', 'How do I create a table in SQLite?')
    say(store, conversation, question.id, 'assistant', 'Use CREATE TABLE with the column definitions; a café can store its menu that way.')
    return { store, file, conversation }
  }

  it('finds words with marked snippets, the conversation title and newest first', async () => {
    const { store, conversation } = await searchable()
    const hits = store.search('table')
    expect(hits.map((h) => h.role)).toEqual(['assistant', 'user'])
    expect(hits[0]).toMatchObject({ conversationId: conversation.id, title: 'Databases' })
    expect(hits[1]?.snippet).toBe(`How do I create a ${HIT_START}table${HIT_END} in SQLite?`)
    expect(store.search('create table').map((h) => h.role)).toEqual(['assistant', 'user'])
    expect(store.search('table', 1)).toHaveLength(1)
  })

  it('matches the last word as a prefix while it is typed, and ignores case and accents', async () => {
    const { store } = await searchable()
    expect(store.search('tabl')).toHaveLength(2)
    expect(store.search('tabl ')).toEqual([])
    expect(store.search('ta')).toHaveLength(2)
    expect(store.search('t')).toEqual([])
    expect(store.search('create tab')).toHaveLength(2)
    expect(store.search('creat tab')).toEqual([])
    expect(store.search('CAFE')[0]?.snippet).toContain(`${HIT_START}café${HIT_END}`)
    expect(store.search('sqlite?')).toHaveLength(1)
  })

  it('treats query syntax as plain text', async () => {
    const { store } = await searchable()
    for (const query of [
      '"',
      '""',
      '"table',
      '*',
      'table*',
      '-table',
      'table -in',
      'NEAR(',
      'NEAR(table sqlite)',
      'table OR',
      'OR',
      'AND NOT',
      'content:table',
      '(',
      ')',
      '^table',
      '{content}: x',
      "'; DROP TABLE messages; --",
    ])
      expect(() => store.search(query), query).not.toThrow()
    expect(store.search('"table"')).toHaveLength(2)
    expect(store.search('table OR nothing')).toEqual([])
    expect(store.search('')).toEqual([])
    expect(store.search('  -- * ')).toEqual([])
  })

  it('follows edits, skips deleted conversations and replies still streaming', async () => {
    const { store, file, conversation } = await searchable()
    const reply = store.addMessage({
      conversationId: conversation.id,
      parentId: null,
      role: 'assistant',
      content: 'narwhal',
      state: 'streaming',
    })
    expect(store.search('narwhal')).toEqual([])
    store.updateMessage(reply.id, { content: 'narwhal tusks', state: 'complete' })
    expect(store.search('tusks').map((h) => h.messageId)).toEqual([reply.id])
    store.updateMessage(reply.id, { content: 'walrus tusks' })
    expect(store.search('narwhal')).toEqual([])
    expect(store.search('walrus')).toHaveLength(1)
    store.deleteMessage(reply.id)
    expect(store.search('walrus')).toEqual([])
    store.deleteConversation(conversation.id)
    expect(store.search('table')).toEqual([])
    checkSearchIndex(file)
  })
})

describe('export and import', () => {
  it('round-trips a conversation as JSON with new ids, the same tree and the same active leaf', async () => {
    const { store, file } = await newStore()
    const original = store.createConversation({ model: 'm', systemPrompt: 'Be brief.', options: { temperature: 0.5 }, title: 'Rivers' })
    const question = say(store, original, null, 'user', 'Name a river.')
    const first = say(store, original, question.id, 'assistant', 'Nile.')
    say(store, original, question.id, 'assistant', 'Amazon.')
    store.updateMessage(first.id, { stats: { replyTokens: 2 }, thinking: 'Rivers: the longest first.' })
    store.updateConversation(original.id, { activeLeafId: first.id, pinned: true })
    const exported = JSON.parse(JSON.stringify(store.exportConversation(original.id))) as unknown
    expect(exported).toMatchObject({ format: 'instruct-desk-conversation', version: 1, conversation: { id: original.id } })

    const copy = store.importConversation(exported)
    const again = store.importConversation(JSON.stringify(exported))
    const source = store.getConversation(original.id)
    expect(new Set([source?.id, copy.id, again.id]).size).toBe(3)
    expect(copy.messages.map((m) => m.id).filter((id) => source?.messages.some((m) => m.id === id))).toEqual([])
    const shape = (c: Conversation | undefined): unknown => {
      const index = new Map(c?.messages.map((m, i) => [m.id, i]))
      return {
        ...c,
        id: undefined,
        updatedAt: undefined,
        activeLeafId: c?.activeLeafId ? index.get(c.activeLeafId) : null,
        messages: c?.messages.map((m) => ({
          ...m,
          id: undefined,
          conversationId: undefined,
          parentId: m.parentId ? index.get(m.parentId) : null,
        })),
      }
    }
    expect(shape(copy)).toEqual(shape(source))
    expect(copy.messages.every((m) => m.conversationId === copy.id)).toBe(true)
    expect(store.listConversations()).toHaveLength(3)
    expect(store.search('amazon')).toHaveLength(3)
    checkSearchIndex(file)
  })

  it('keeps attached images apart from the message list, and carries them through export and import', async () => {
    const { store } = await newStore()
    const original = store.createConversation({ model: 'm', systemPrompt: '' })
    const images = [
      { mime: 'image/png' as const, data: PNG_1PX },
      { mime: 'image/jpeg' as const, data: JPEG_1PX },
    ]
    const asked = store.addMessage({
      conversationId: original.id,
      parentId: null,
      role: 'user',
      content: 'What is this?',
      state: 'complete',
      images,
    })
    const pngBytes = Buffer.from(PNG_1PX, 'base64').length
    expect(asked.images).toEqual([
      { mime: 'image/png', bytes: pngBytes },
      { mime: 'image/jpeg', bytes: Buffer.from(JPEG_1PX, 'base64').length },
    ])
    expect(store.getConversation(original.id)?.messages[0]).toEqual(asked)
    expect(store.messageImages(asked.id)).toEqual(images)
    expect(store.messageImage(asked.id, 1)).toEqual(images[1])
    expect(() => store.messageImage(asked.id, 2)).toThrow(/has no image 3/)

    const copy = store.importConversation(JSON.parse(JSON.stringify(store.exportConversation(original.id))))
    const copied = copy.messages[0]
    expect(copied?.images).toEqual(asked.images)
    expect(store.messageImages(copied?.id ?? '')).toEqual(images)

    store.deleteMessage(asked.id)
    expect(() => store.messageImage(asked.id, 0)).toThrow(AppError)
    expect(store.messageImages(copied?.id ?? '')).toHaveLength(2)
  })

  it('imports a reply that was streaming when exported as interrupted', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    store.addMessage({ conversationId: conversation.id, parentId: null, role: 'assistant', content: 'half', state: 'streaming' })
    const copy = store.importConversation(store.exportConversation(conversation.id))
    expect(copy.messages[0]?.state).toBe('interrupted')
  })

  it('refuses files that are not a valid conversation, saying what is wrong', async () => {
    const { store } = await newStore()
    const conversation = store.createConversation({ model: 'm', systemPrompt: '' })
    const question = say(store, conversation, null, 'user', 'q')
    say(store, conversation, question.id, 'assistant', 'a')
    const good = store.exportConversation(conversation.id)
    const withMessages = (change: (messages: StoredMessage[]) => unknown[], leaf?: string): unknown => ({
      ...good,
      conversation: {
        ...good.conversation,
        messages: change(structuredClone(good.conversation.messages)),
        activeLeafId: leaf ?? good.conversation.activeLeafId,
      },
    })
    const cases: [unknown, RegExp][] = [
      [null, /not an Instruct Desk conversation export/],
      ['{"format": "instruct-desk-conversation", "version": 1}', /^This file cannot be imported as a conversation: conversation: /],
      ['{"format": ', /it is not JSON \(/],
      [{ ...good, format: 'chatgpt' }, /not an Instruct Desk conversation export/],
      [{ ...good, version: 7 }, /newer version of Instruct Desk \(format version 7/],
      [{ ...good, version: '1' }, /^This file cannot be imported as a conversation: version: /],
      [{ ...good, conversation: { ...good.conversation, title: 42 } }, /conversation\.title: /],
      [withMessages((m) => [{ ...m[0], role: 'robot' }, m[1]]), /conversation\.messages\[0\]\.role: /],
      [withMessages((m) => [m[0], { ...m[1], parentId: 'missing' }]), /answers missing, which is not among its messages/],
      [withMessages((m) => [m[0], { ...m[1], id: m[0]?.id, parentId: null }]), /appears twice/],
      [withMessages((m) => [{ ...m[0], parentId: m[1]?.id }, m[1]]), /loop/],
      [withMessages((m) => m, 'nowhere'), /active message nowhere is not among its messages/],
    ]
    for (const [input, message] of cases) expectAppError(() => store.importConversation(input), 'BAD_REQUEST', message)
    expect(store.listConversations()).toHaveLength(1)
  })

  it('writes the active thread as Markdown, marking replies that did not finish', () => {
    const createdAt = new Date(2025, 2, 14, 9, 26).getTime()
    const message = (
      id: string,
      parentId: string | null,
      role: StoredMessage['role'],
      content: string,
      extra: Partial<StoredMessage> = {},
    ): StoredMessage => ({
      id,
      conversationId: 'c',
      parentId,
      role,
      content,
      state: 'complete',
      createdAt,
      ...extra,
    })
    const conversation: Conversation = {
      id: 'c',
      title: 'Rivers\nof the world',
      model: 'qwen2.5:7b-instruct',
      systemPrompt: 'Be brief.\nUse lists.',
      options: {},
      pinned: false,
      createdAt,
      updatedAt: createdAt,
      messageCount: 5,
      activeLeafId: 'a3',
      messages: [
        message('u1', null, 'user', 'Name a river.'),
        message('a1', 'u1', 'assistant', 'The Nile', { state: 'interrupted', thinking: 'A famous one.\nIn Africa.' }),
        message('a2', 'u1', 'assistant', 'Not shown: another branch'),
        message('u2', 'a1', 'user', 'And a **long** one?'),
        message('a3', 'u2', 'assistant', '', { state: 'failed', error: { code: 'OLLAMA_ERROR', message: 'model crashed' } }),
      ],
    }
    expect(conversationToMarkdown(conversation)).toBe(
      [
        '# Rivers of the world',
        'Model: qwen2.5:7b-instruct · 2025-03-14 09:26',
        '**System prompt**\n\n> Be brief.\n> Use lists.',
        '---',
        '**You**\n\nName a river.',
        '**Assistant**\n\n*Reasoning before the answer:*\n\n> A famous one.\n> In Africa.\n\nThe Nile\n\n*(Interrupted: this reply is incomplete.)*',
        '**You**\n\nAnd a **long** one?',
        '**Assistant**\n\n\n\n*(Failed: model crashed)*',
      ].join('\n\n') + '\n',
    )
  })
})

/** Version 1 as it shipped: a frozen copy, so an edit to the shipped step cannot slip by. */
const V1_SQL = `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    model TEXT NOT NULL,
    system_prompt TEXT NOT NULL,
    options TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    active_leaf_id TEXT,
    message_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
  ) STRICT;
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES messages (id),
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    state TEXT NOT NULL,
    error TEXT,
    stats TEXT,
    truncated_tokens INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at);
  CREATE INDEX messages_by_parent ON messages (parent_id);
  CREATE INDEX messages_streaming ON messages (state) WHERE state = 'streaming';
  CREATE INDEX conversations_listed ON conversations (pinned DESC, updated_at DESC) WHERE deleted_at IS NULL;
  CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;
  CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
    UPDATE conversations SET message_count = message_count + 1 WHERE id = new.conversation_id;
  END;
  CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
    UPDATE conversations SET message_count = message_count - 1 WHERE id = old.conversation_id;
  END;
`

describe('schema versions', () => {
  const sqlOnly = (sql: string | undefined): string => (sql ?? '').replace(/--.*$/gm, '').replace(/\s+/g, ' ').trim()

  it('has not changed the shipped first step', () => {
    expect(sqlOnly(MIGRATIONS[0])).toBe(sqlOnly(V1_SQL))
  })

  it('upgrades a version 1 file to the latest without losing anything', async () => {
    const file = await historyFile()
    await mkdir(path.dirname(file), { recursive: true })
    withRawDb(file, (db) => {
      db.exec(V1_SQL)
      db.exec(`
        INSERT INTO conversations (id, title, model, system_prompt, options, pinned, active_leaf_id, created_at, updated_at)
          VALUES ('c1', 'Old chat', 'm', 'Be brief.', '{"temperature":0.3}', 1, 'm2', 100, 200);
        INSERT INTO messages VALUES ('m1', 'c1', NULL, 'user', 'What is a heron?', 'complete', NULL, NULL, NULL, 100);
        INSERT INTO messages VALUES ('m2', 'c1', 'm1', 'assistant', 'A long-legged wading bird', 'streaming', NULL, '{"replyTokens":5}', 7, 150);
        PRAGMA user_version = 1;
      `)
    })

    const store = open(file)
    expect(withRawDb(file, (db) => db.prepare('PRAGMA user_version').get()?.user_version)).toBe(SCHEMA_VERSION)
    expect(store.getConversation('c1')).toEqual({
      id: 'c1',
      title: 'Old chat',
      model: 'm',
      systemPrompt: 'Be brief.',
      options: { temperature: 0.3 },
      pinned: true,
      createdAt: 100,
      updatedAt: 200,
      messageCount: 2,
      activeLeafId: 'm2',
      messages: [
        { id: 'm1', conversationId: 'c1', parentId: null, role: 'user', content: 'What is a heron?', state: 'complete', createdAt: 100 },
        {
          id: 'm2',
          conversationId: 'c1',
          parentId: 'm1',
          role: 'assistant',
          content: 'A long-legged wading bird',
          state: 'interrupted',
          stats: { replyTokens: 5 },
          truncatedTokens: 7,
          createdAt: 150,
        },
      ],
    })
    expect(store.search('heron').map((h) => h.messageId)).toEqual(['m1'])
    expect(store.search('wading').map((h) => h.messageId)).toEqual(['m2'])
    checkSearchIndex(file)
  })

  it('refuses a file from a newer version and leaves it alone', async () => {
    const file = await historyFile()
    HistoryStore.open(file).close()
    withRawDb(file, (db) => db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`))
    expectAppError(
      () => open(file),
      'INTERNAL',
      new RegExp(`newer version of Instruct Desk \\(schema ${SCHEMA_VERSION + 1}; this version knows up to ${SCHEMA_VERSION}\\)`),
    )
    expect(withRawDb(file, (db) => db.prepare('PRAGMA user_version').get()?.user_version)).toBe(SCHEMA_VERSION + 1)
  })

  it('says so when the file is not a history at all', async () => {
    const file = await historyFile()
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, 'this is not a database, just some text that is long enough to fill a header'.repeat(20))
    expectAppError(() => open(file), 'INTERNAL', /damaged or is not an Instruct Desk history/)
  })
})
