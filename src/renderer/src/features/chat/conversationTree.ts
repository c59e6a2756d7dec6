export { latestLeaf } from '../../../../shared/domain/conversation.ts'
import type { Conversation, StoredMessage } from '../../../../shared/domain/conversation.ts'

/** Versions of a message: the messages with the same parent and role, oldest first. */
export function siblingsOf(messages: readonly StoredMessage[], message: StoredMessage): StoredMessage[] {
  return messages.filter((m) => m.parentId === message.parentId && m.role === message.role)
}

/** Puts a message into the conversation (new or updated) without reordering the others. */
export function upsertMessage(conversation: Conversation, message: StoredMessage): Conversation {
  const index = conversation.messages.findIndex((m) => m.id === message.id)
  const messages = index === -1 ? [...conversation.messages, message] : conversation.messages.with(index, message)
  return { ...conversation, messages }
}
