import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'
import { ChatOptions, ChatRole } from './chat.ts'

export { ChatOptions }

/**
 * `streaming` while a reply arrives (persisted at least once a second); `interrupted` when the app,
 * Ollama or the connection went away mid-reply (what arrived is kept; Continue resumes);
 * `stopped` when the user pressed Stop; `failed` when Ollama answered with an error.
 */
export const MessageState = z.enum(['complete', 'streaming', 'interrupted', 'stopped', 'failed'])
export type MessageState = z.infer<typeof MessageState>

export const MessageStats = z
  .object({
    model: z.string(),
    doneReason: z.string(),
    promptTokens: z.number().int(),
    replyTokens: z.number().int(),
    totalMs: z.number(),
  })
  .partial()
export type MessageStats = z.infer<typeof MessageStats>

export const ImageMime = z.enum(['image/png', 'image/jpeg', 'image/webp'])
export type ImageMime = z.infer<typeof ImageMime>

/** An image attached to a message, as listed with it; its bytes are fetched on their own (`messages:image`). */
export const ImageRef = z.object({ mime: ImageMime, bytes: z.number().int().positive() })
export type ImageRef = z.infer<typeof ImageRef>

/**
 * One message in a conversation's tree: `parentId` is the message it answers or follows. Editing
 * a user message or regenerating a reply adds a sibling, so earlier versions stay reachable.
 */
export const StoredMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  parentId: z.string().nullable(),
  role: ChatRole,
  content: z.string(),
  /** A thinking model's reasoning before the answer; never sent back to the model. */
  thinking: z.string().optional(),
  state: MessageState,
  error: ErrorInfo.optional(),
  stats: MessageStats.optional(),
  /** Tokens of the prompt Ollama silently dropped (sent minus `prompt_eval_count`), when it did. */
  truncatedTokens: z.number().int().positive().optional(),
  /** Images the user attached, in order (vision models only). */
  images: z.array(ImageRef).optional(),
  createdAt: z.number(),
})
export type StoredMessage = z.infer<typeof StoredMessage>

export const ConversationSummary = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string(),
  pinned: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messageCount: z.number().int().nonnegative(),
})
export type ConversationSummary = z.infer<typeof ConversationSummary>

export const Conversation = ConversationSummary.extend({
  systemPrompt: z.string(),
  options: ChatOptions,
  /** Every message of every branch; the shown thread is the path from the root to `activeLeafId`. */
  messages: z.array(StoredMessage),
  activeLeafId: z.string().nullable(),
})
export type Conversation = z.infer<typeof Conversation>

/** Marks around the matched words in a search snippet (private-use characters, never typed). */
export const HIT_START = '\ue000'
export const HIT_END = '\ue001'

export const SearchHit = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  title: z.string(),
  role: ChatRole,
  /** The matched text with HIT_START/HIT_END around each match. */
  snippet: z.string(),
  createdAt: z.number(),
})
export type SearchHit = z.infer<typeof SearchHit>

/** The messages from the root to `leafId`: the thread as shown and as sent to the model. */
export function activePath(messages: readonly StoredMessage[], leafId: string | null): StoredMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]))
  const path: StoredMessage[] = []
  for (let at = leafId ? byId.get(leafId) : undefined; at; at = at.parentId ? byId.get(at.parentId) : undefined) path.push(at)
  return path.reverse()
}

/**
 * The leaf to show from `start`: where the user was last active below it — the newest message in
 * its subtree, which has no replies yet and so is a leaf. Switching back to a version returns to
 * the branch last worked on under it, not merely to its newest first reply.
 */
export function latestLeaf(messages: readonly StoredMessage[], start: StoredMessage): StoredMessage {
  const children = new Map<string, StoredMessage[]>()
  for (const message of messages) {
    if (message.parentId === null) continue
    const siblings = children.get(message.parentId)
    if (siblings) siblings.push(message)
    else children.set(message.parentId, [message])
  }
  let latest = start
  // Breadth first over children in stored order: among equal times the one visited later is the newer.
  const queue = [start]
  for (const message of queue) {
    if (message.createdAt >= latest.createdAt) latest = message
    queue.push(...(children.get(message.id) ?? []))
  }
  return latest
}
