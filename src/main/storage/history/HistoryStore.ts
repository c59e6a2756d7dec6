import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import type { ChatRole } from '../../../shared/domain/chat.ts'
import {
  latestLeaf,
  HIT_END,
  HIT_START,
  type ChatOptions,
  type Conversation,
  type ConversationSummary,
  type ImageRef,
  type MessageState,
  type MessageStats,
  type SearchHit,
  type StoredMessage,
} from '../../../shared/domain/conversation.ts'
import { AppError, type ErrorInfo } from '../../../shared/ipc/errors.ts'
import type { ImageAttachment } from '../../../shared/domain/chatReply.ts'
import { fromExport, toExport, type ConversationExport } from './exportConversation.ts'
import { MessageImages, type ImageRow } from './messageImages.ts'
import { migrate } from './migrations.ts'
import { toFtsQuery } from './searchQuery.ts'
import { explainSqliteError, guarded, guardedWrite } from './sqlite.ts'
import { SummaryStore } from './SummaryStore.ts'

export const DEFAULT_TITLE = 'New chat'
const TITLE_LENGTH = 60
/** Words of context around a match in a search snippet. */
const SNIPPET_TOKENS = 12
/** How long a write waits for another process (app, CLI, web bridge share the file) to finish its own. */
const BUSY_TIMEOUT_MS = 5_000

export interface NewConversation {
  model: string
  systemPrompt: string
  options?: ChatOptions
  title?: string
}

export type ConversationPatch = Partial<Pick<Conversation, 'title' | 'model' | 'systemPrompt' | 'options' | 'pinned' | 'activeLeafId'>>

export type NewMessage = Pick<StoredMessage, 'conversationId' | 'parentId' | 'role' | 'content' | 'state'> &
  Partial<Pick<StoredMessage, 'id' | 'stats' | 'error' | 'truncatedTokens'>> & { images?: readonly ImageAttachment[] }

/**
 * Fields to change. `error`, `stats` and `truncatedTokens` are cleared when present as undefined or
 * null (a continued reply drops its old error), and left alone when absent.
 */
export type MessagePatch = Partial<Pick<StoredMessage, 'content' | 'state' | 'thinking'>> & {
  error?: ErrorInfo | null
  stats?: MessageStats | null
  truncatedTokens?: number | null
}

type ConversationRow = {
  id: string
  title: string
  model: string
  system_prompt: string
  options: string
  pinned: number
  active_leaf_id: string | null
  created_at: number
  updated_at: number
}
type SummaryRow = Pick<ConversationRow, 'id' | 'title' | 'model' | 'pinned' | 'created_at' | 'updated_at'> & { message_count: number }
type MessageRow = {
  id: string
  conversation_id: string
  parent_id: string | null
  role: string
  content: string
  thinking: string | null
  state: string
  error: string | null
  stats: string | null
  truncated_tokens: number | null
  created_at: number
}
type DeletedMessages = {
  conversationId: string
  /** Parents before their replies. */
  messages: StoredMessage[]
  images: ImageRow[]
  /** The active leaf before the delete, and the one the delete left. */
  leafBefore: string | null
  leafAfter: string | null
}
type HitRow = { message_id: string; conversation_id: string; title: string; role: string; snippet: string; created_at: number }

const CONVERSATION_COLUMNS: Record<keyof ConversationPatch, string> = {
  title: 'title',
  model: 'model',
  systemPrompt: 'system_prompt',
  options: 'options',
  pinned: 'pinned',
  activeLeafId: 'active_leaf_id',
}
const MESSAGE_COLUMNS: Record<keyof MessagePatch, string> = {
  content: 'content',
  thinking: 'thinking',
  state: 'state',
  error: 'error',
  stats: 'stats',
  truncatedTokens: 'truncated_tokens',
}

const SQL = {
  insertConversation: `INSERT INTO conversations (id, title, model, system_prompt, options, pinned, active_leaf_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  conversation: `SELECT id, title, model, system_prompt, options, pinned, active_leaf_id, created_at, updated_at
    FROM conversations WHERE id = ? AND deleted_at IS NULL`,
  messages: 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid',
  list: `SELECT id, title, model, pinned, created_at, updated_at, message_count
    FROM conversations WHERE deleted_at IS NULL ORDER BY pinned DESC, updated_at DESC, rowid DESC`,
  conversationExists: 'SELECT 1 AS found FROM conversations WHERE id = ?',
  softDelete: 'UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
  restore: 'UPDATE conversations SET deleted_at = NULL WHERE id = ?',
  purge: 'DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?',
  insertMessage: `INSERT INTO messages (id, conversation_id, parent_id, role, content, thinking, state, error, stats, truncated_tokens, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  message: 'SELECT * FROM messages WHERE id = ?',
  messageConversation: 'SELECT conversation_id FROM messages WHERE id = ?',
  afterNewMessage: 'UPDATE conversations SET active_leaf_id = ?, updated_at = ?, title = ? WHERE id = ?',
  // Parents before their replies (by depth): the order the rows can be put back in.
  subtree: `WITH RECURSIVE subtree (id, depth) AS (SELECT ?, 0 UNION ALL SELECT m.id, s.depth + 1 FROM messages m JOIN subtree s ON m.parent_id = s.id)
    SELECT m.* FROM subtree s JOIN messages m ON m.id = s.id ORDER BY s.depth, m.created_at, m.rowid`,
  deleteMessages: 'DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))',
  setLeaf: 'UPDATE conversations SET active_leaf_id = ?, updated_at = ? WHERE id = ?',
  // Newest stored first: FTS5 walks its index in rowid order and stops at the limit, so the cost
  // follows the limit rather than how many messages match, and snippets are made for those only.
  search: `SELECT m.id AS message_id, m.conversation_id, c.title, m.role, m.created_at,
      snippet(messages_fts, 0, ?, ?, '…', ${SNIPPET_TOKENS}) AS snippet
    FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid JOIN conversations c ON c.id = m.conversation_id
    WHERE messages_fts MATCH ? AND c.deleted_at IS NULL
    ORDER BY messages_fts.rowid DESC LIMIT ?`,
} as const

type Statements = { [K in keyof typeof SQL]: StatementSync }

/**
 * Conversations and their message trees in one SQLite file (node:sqlite, WAL), with full-text
 * search. Calls are synchronous and small; each write is one transaction.
 */
export class HistoryStore {
  private readonly db: DatabaseSync
  private readonly file: string
  private readonly statements: Statements
  private readonly images: MessageImages
  private summaryStore: SummaryStore | undefined
  /**
   * What the last message delete removed, for Undo: one at a time (images can be megabytes), and
   * forgotten once its conversation changes, so Undo never hides messages written since.
   */
  private lastDeleted: DeletedMessages | undefined
  /** UPDATE statements per set of changed columns, prepared once each. */
  private readonly updates = new Map<string, StatementSync>()
  private closed = false

  private constructor(db: DatabaseSync, file: string) {
    this.db = db
    this.file = file
    this.statements = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as Statements
    this.images = new MessageImages(db)
  }

  /**
   * Opens (or creates, with its folder) the history, brings its schema up to date, and marks
   * replies that were still streaming when the app last stopped as interrupted, their text kept.
   */
  static open(file: string): HistoryStore {
    mkdirSync(path.dirname(file), { recursive: true })
    const db = new DatabaseSync(file)
    try {
      // A commit in WAL mode with synchronous=NORMAL survives the app being killed; only a power cut
      // or OS crash can lose the last commits, never corrupt the file. It spares an fsync per write.
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;`)
      requireFullTextSearch(db)
      migrate(db, file)
      db.exec("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'")
      return new HistoryStore(db, file)
    } catch (error) {
      db.close()
      throw explainSqliteError(error, file)
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    // What SQLite recommends before a long-lived connection closes: refreshes the planner's statistics when they are stale.
    this.db.exec('PRAGMA optimize')
    this.db.close()
  }

  /** Document summaries, kept in the same file on the same connection. */
  summaries(): SummaryStore {
    return (this.summaryStore ??= new SummaryStore(this.db, this.file))
  }

  createConversation({ model, systemPrompt, options = {}, title = DEFAULT_TITLE }: NewConversation): Conversation {
    const now = Date.now()
    const conversation: Conversation = {
      id: randomUUID(),
      title,
      model,
      systemPrompt,
      options,
      pinned: false,
      createdAt: now,
      updatedAt: now,
      messageCount: 0,
      messages: [],
      activeLeafId: null,
    }
    this.write(() => this.insertConversation(conversation))
    return conversation
  }

  /** Not deleted; pinned first, then the most recently active. `messageCount` counts every branch. */
  listConversations(): ConversationSummary[] {
    return (this.statements.list.all() as SummaryRow[]).map(toSummary)
  }

  /** With every message of every branch, oldest first; undefined when missing or deleted. */
  getConversation(id: string): Conversation | undefined {
    const row = this.statements.conversation.get(id) as ConversationRow | undefined
    if (!row) return undefined
    const images = this.images.refsOf(id)
    const messages = (this.statements.messages.all(id) as MessageRow[]).map((m) => withImages(toMessage(m), images.get(m.id)))
    return toConversation(row, messages)
  }

  /** The images of a message as base64, in order (what Ollama is sent). */
  messageImages(messageId: string): ImageAttachment[] {
    return this.images.of(messageId)
  }

  messageImage(messageId: string, index: number): ImageAttachment {
    const image = this.images.one(messageId, index)
    if (!image)
      throw new AppError({ code: 'BAD_REQUEST', message: `Message ${messageId} has no image ${index + 1}; it may have been deleted.` })
    return image
  }

  /**
   * Renaming, pinning, switching branch or changing settings does not count as activity:
   * `updatedAt` (the list's order) moves only when messages are added or deleted.
   */
  updateConversation(id: string, patch: ConversationPatch): Conversation {
    return this.write(() => {
      this.requireConversationRow(id)
      if (patch.activeLeafId) this.requireMessageIn(patch.activeLeafId, id)
      const fields = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof ConversationPatch, unknown][]
      if (fields.length) {
        const statement = this.updateStatement(
          'conversations',
          fields.map(([key]) => CONVERSATION_COLUMNS[key]),
        )
        statement.run(...fields.map(([key, value]) => conversationValue(key, value)), id)
      }
      return this.requireConversation(id)
    })
  }

  /** Soft delete: gone from the list and search until restored (the UI's Undo) or purged. */
  deleteConversation(id: string): void {
    this.forgetDeletedMessages(id)
    this.write(() => {
      if (this.statements.softDelete.run(Date.now(), id).changes === 0 && !this.statements.conversationExists.get(id))
        throw noConversation(id)
    })
  }

  restoreConversation(id: string): Conversation {
    return this.write(() => {
      if (this.statements.restore.run(id).changes === 0) throw noConversation(id)
      return this.requireConversation(id)
    })
  }

  /** Removes for good the conversations deleted at least `olderThanMs` ago; returns how many. */
  purgeDeleted(olderThanMs: number): number {
    return this.write(() => Number(this.statements.purge.run(Date.now() - olderThanMs).changes))
  }

  /**
   * Adds a message under `parentId` (null starts a thread) and makes it the active leaf. The first
   * user message names a conversation that still has the default title.
   */
  addMessage(input: NewMessage): StoredMessage {
    this.forgetDeletedMessages(input.conversationId)
    return this.write(() => {
      const conversation = this.requireConversationRow(input.conversationId)
      if (input.parentId !== null) this.requireMessageIn(input.parentId, conversation.id)
      const { images, id = randomUUID(), ...fields } = input
      // An id the window chose may be taken; a fresh random one is not.
      if (input.id !== undefined && this.statements.messageConversation.get(id))
        throw new AppError({ code: 'BAD_REQUEST', message: `There is already a message ${id}.` })
      const message: StoredMessage = { ...withoutUndefined(fields), id, createdAt: Date.now() }
      this.insertMessage(message)
      if (images?.length) message.images = this.images.add(message.id, images)
      const named = conversation.title === DEFAULT_TITLE && message.role === 'user'
      const title = named ? (titleFrom(message.content) ?? DEFAULT_TITLE) : conversation.title
      this.statements.afterNewMessage.run(message.id, message.createdAt, title, conversation.id)
      return message
    })
  }

  /** One statement by primary key: called at most every half second while a reply streams. */
  updateMessage(id: string, patch: MessagePatch): StoredMessage {
    const fields = (Object.keys(MESSAGE_COLUMNS) as (keyof MessagePatch)[]).filter((key) =>
      key === 'content' || key === 'state' ? patch[key] !== undefined : key in patch,
    )
    if (fields.length === 0) return this.requireMessage(id)
    const statement = this.updateStatement(
      'messages',
      fields.map((key) => MESSAGE_COLUMNS[key]),
      ' RETURNING *',
    )
    const row = guarded(this.file, () => statement.get(...fields.map((key) => messageValue(key, patch[key])), id)) as MessageRow | undefined
    if (!row) throw noMessage(id)
    return toMessage(row)
  }

  /**
   * Removes the message and every reply below it. When the active leaf was among them, the
   * deleted message's parent becomes the leaf (null when it started the conversation). Returns
   * the conversation as it is now. What was removed is kept in memory for `restoreMessage` (the
   * UI's Undo) until another delete, a change to the same conversation or the app's end.
   */
  deleteMessage(id: string): Conversation {
    return this.write(() => {
      const { conversationId, parentId } = this.requireMessage(id)
      const leaf = this.requireConversationRow(conversationId).active_leaf_id
      const messages = (this.statements.subtree.all(id) as MessageRow[]).map(toMessage)
      const ids = messages.map((m) => m.id)
      const images = this.images.rowsOf(ids)
      this.statements.deleteMessages.run(JSON.stringify(ids))
      this.statements.setLeaf.run(
        leaf !== null && ids.includes(leaf) ? this.leafAfterDeleting(conversationId, parentId) : leaf,
        Date.now(),
        conversationId,
      )
      const conversation = this.requireConversation(conversationId)
      this.lastDeleted = { conversationId, messages, images, leafBefore: leaf, leafAfter: conversation.activeLeafId }
      return conversation
    })
  }

  /**
   * Puts back the message `deleteMessage` last removed, with the replies below it and their images,
   * while nothing was added to its conversation since. The thread that was on screen comes back
   * too, unless the user went to another one meanwhile. A reply that was still streaming when it
   * was deleted comes back interrupted: its stream ended with the delete. Returns the conversation.
   */
  restoreMessage(conversationId: string, id: string): Conversation {
    const deleted = this.lastDeleted
    const [first] = deleted?.messages ?? []
    if (!deleted || deleted.conversationId !== conversationId || first?.id !== id) {
      throw new AppError({
        code: 'BAD_REQUEST',
        message: 'That message can no longer be put back: only the last one deleted can, until something else changes in its chat.',
      })
    }
    return this.write(() => {
      // Its parent is still there: deleting the parent would have been a later delete.
      const current = this.requireConversationRow(conversationId).active_leaf_id
      for (const message of deleted.messages)
        this.insertMessage(message.state === 'streaming' ? { ...message, state: 'interrupted' } : message)
      this.images.putBack(deleted.images)
      const showBefore =
        deleted.leafBefore !== null && current === deleted.leafAfter && deleted.messages.some((m) => m.id === deleted.leafBefore)
      if (showBefore) this.statements.setLeaf.run(deleted.leafBefore, Date.now(), conversationId)
      this.lastDeleted = undefined
      return this.requireConversation(conversationId)
    })
  }

  /**
   * Messages of conversations that are not deleted containing every word (the last one as a prefix
   * while typed), most recently stored first, each with a snippet marked with HIT_START/HIT_END.
   * A reply is searchable once it stops streaming.
   */
  search(query: string, limit = 50): SearchHit[] {
    const match = toFtsQuery(query)
    if (!match) return []
    const rows = this.statements.search.all(HIT_START, HIT_END, match, limit) as HitRow[]
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      messageId: row.message_id,
      title: row.title,
      role: row.role as ChatRole,
      snippet: row.snippet,
      createdAt: row.created_at,
    }))
  }

  exportConversation(id: string): ConversationExport {
    const conversation = this.getConversation(id)
    if (!conversation) throw noConversation(id)
    const images = Object.fromEntries(conversation.messages.filter((m) => m.images).map((m) => [m.id, this.images.of(m.id)]))
    return toExport(conversation, images)
  }

  /** Stores an exported conversation (the file's text or its parsed JSON) as a new one, new ids throughout, at the top of the list. */
  importConversation(file: unknown): Conversation {
    const imported = fromExport(file)
    const conversation = { ...imported.conversation, updatedAt: Date.now() }
    this.write(() => {
      this.insertConversation({ ...conversation, activeLeafId: null })
      for (const message of conversation.messages) {
        this.insertMessage(message)
        const images = imported.images.get(message.id)
        if (images) this.images.add(message.id, images)
      }
      this.statements.setLeaf.run(conversation.activeLeafId, conversation.updatedAt, conversation.id)
    })
    return this.requireConversation(conversation.id)
  }

  private insertConversation(c: Conversation): void {
    this.statements.insertConversation.run(
      c.id,
      c.title,
      c.model,
      c.systemPrompt,
      JSON.stringify(c.options),
      c.pinned ? 1 : 0,
      c.activeLeafId,
      c.createdAt,
      c.updatedAt,
    )
  }

  private insertMessage(m: StoredMessage): void {
    this.statements.insertMessage.run(
      m.id,
      m.conversationId,
      m.parentId,
      m.role,
      m.content,
      m.thinking ?? null,
      m.state,
      jsonOrNull(m.error),
      jsonOrNull(m.stats),
      m.truncatedTokens ?? null,
      m.createdAt,
    )
  }

  private updateStatement(table: string, columns: string[], returning = ''): StatementSync {
    const key = `${table}:${columns.join()}${returning}`
    let statement = this.updates.get(key)
    if (!statement) {
      statement = this.db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?${returning}`)
      this.updates.set(key, statement)
    }
    return statement
  }

  private requireConversation(id: string): Conversation {
    const conversation = this.getConversation(id)
    if (!conversation) throw noConversation(id)
    return conversation
  }

  private forgetDeletedMessages(conversationId: string): void {
    if (this.lastDeleted?.conversationId === conversationId) this.lastDeleted = undefined
  }

  /** The conversation without its messages, for checks inside writes. */
  private requireConversationRow(id: string): ConversationRow {
    const row = this.statements.conversation.get(id) as ConversationRow | undefined
    if (!row) throw noConversation(id)
    return row
  }

  /**
   * The thread on screen lost its end: show another version of the deleted message if one is left
   * (so it does not become unreachable), else end the thread at the parent.
   */
  private leafAfterDeleting(conversationId: string, parentId: string | null): string | null {
    const remaining = this.requireConversation(conversationId).messages
    const sibling = remaining.filter((m) => m.parentId === parentId).at(-1)
    return sibling ? latestLeaf(remaining, sibling).id : parentId
  }

  private requireMessage(id: string): StoredMessage {
    const row = this.statements.message.get(id) as MessageRow | undefined
    if (!row) throw noMessage(id)
    return toMessage(row)
  }

  private requireMessageIn(messageId: string, conversationId: string): void {
    const row = this.statements.messageConversation.get(messageId) as Pick<MessageRow, 'conversation_id'> | undefined
    if (row?.conversation_id !== conversationId) throw noMessage(messageId)
  }

  private write<T>(work: () => T): T {
    return guardedWrite(this.db, this.file, work)
  }
}

/** Node's SQLite has FTS5 on every platform from 22.16 (nodejs/node#57621); older builds fail here, not on the first search. */
function requireFullTextSearch(db: DatabaseSync): void {
  if (db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5') AS fts5").get()?.fts5 === 1) return
  throw new AppError({
    code: 'INTERNAL',
    message: `The SQLite built into this Node.js (${process.version}) has no full-text search (FTS5), which the chat history needs.`,
    hint: 'Use Node.js 22.16 or newer.',
    retryable: false,
  })
}

/**
 * A conversation's name from its first user message: the first line with a word in it (not a code
 * fence or a rule), cut at a word boundary near 60 characters. Undefined when there is none.
 */
export function titleFrom(content: string): string | undefined {
  const line = content
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find((l) => /[\p{L}\p{N}]/u.test(l) && !l.startsWith('```'))
  if (line === undefined || line.length <= TITLE_LENGTH) return line
  const cut = line.slice(0, TITLE_LENGTH + 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut.slice(0, TITLE_LENGTH)).trimEnd()}…`
}

function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
  }
}

function toConversation(row: ConversationRow, messages: StoredMessage[]): Conversation {
  return {
    ...toSummary({ ...row, message_count: messages.length }),
    systemPrompt: row.system_prompt,
    options: JSON.parse(row.options) as ChatOptions,
    messages,
    activeLeafId: row.active_leaf_id,
  }
}

function toMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role as ChatRole,
    content: row.content,
    ...(row.thinking !== null && { thinking: row.thinking }),
    state: row.state as MessageState,
    ...(row.error !== null && { error: JSON.parse(row.error) as ErrorInfo }),
    ...(row.stats !== null && { stats: JSON.parse(row.stats) as MessageStats }),
    ...(row.truncated_tokens !== null && { truncatedTokens: row.truncated_tokens }),
    createdAt: row.created_at,
  }
}

function withImages(message: StoredMessage, images: ImageRef[] | undefined): StoredMessage {
  return images ? { ...message, images } : message
}

function conversationValue(key: keyof ConversationPatch, value: unknown): SQLInputValue {
  if (key === 'options') return JSON.stringify(value)
  if (key === 'pinned') return value ? 1 : 0
  return value as SQLInputValue
}

function messageValue(key: keyof MessagePatch, value: unknown): SQLInputValue {
  if (key === 'error' || key === 'stats') return jsonOrNull(value)
  return (value ?? null) as SQLInputValue
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

/** Optional fields given as undefined are left out, so stored and returned messages have the same keys. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

function noConversation(id: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message: `There is no conversation ${id}; it may have been deleted.` })
}

function noMessage(id: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message: `There is no message ${id} in that conversation; it may have been deleted.` })
}
