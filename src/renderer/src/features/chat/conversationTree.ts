export { latestLeaf } from '../../../../shared/domain/conversation.ts'
import type { Conversation, StoredMessage } from '../../../../shared/domain/conversation.ts'

/** Versions of a message: the messages with the same parent and role, oldest first. */
export function siblingsOf(messages: readonly StoredMessage[], message: StoredMessage): StoredMessage[] {
  return messages.filter((m) => m.parentId === message.parentId && m.role === message.role)
}

/**
 * The user's message and its reply's empty place, as main will store them under the ids the window
 * chose: drawn at once, while main stores them and the model starts, so the first token only has
 * text to add to a reply already on screen.
 */
export function withPendingReply(conversation: Conversation, ids: { user: string; reply: string }, text: string): Conversation {
  const at = Date.now()
  const pending = { conversationId: conversation.id, createdAt: at }
  const user: StoredMessage = {
    ...pending,
    id: ids.user,
    parentId: conversation.activeLeafId,
    role: 'user',
    content: text,
    state: 'complete',
  }
  const reply: StoredMessage = { ...pending, id: ids.reply, parentId: ids.user, role: 'assistant', content: '', state: 'streaming' }
  return { ...conversation, messages: [...conversation.messages, user, reply], activeLeafId: ids.reply }
}

/**
 * Whether a stored message shows the same as the one on screen (the window's own drawing of it
 * before main stored it): then the drawn one stays, and its row is not drawn again.
 */
export function showsTheSame(shown: StoredMessage, stored: StoredMessage): boolean {
  const keys = ['id', 'parentId', 'role', 'content', 'thinking', 'state', 'error', 'stats', 'truncatedTokens', 'images'] as const
  return keys.every((key) => shown[key] === stored[key])
}

/** Puts a message into the conversation (new or updated) without reordering the others. */
export function upsertMessage(conversation: Conversation, message: StoredMessage): Conversation {
  const index = conversation.messages.findIndex((m) => m.id === message.id)
  const messages = index === -1 ? [...conversation.messages, message] : conversation.messages.with(index, message)
  return { ...conversation, messages }
}
