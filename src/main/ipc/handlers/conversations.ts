import type { ChatOptions } from '../../../shared/domain/chat.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { ChatService } from '../../chat/ChatService.ts'
import type { HistoryStore } from '../../storage/history/HistoryStore.ts'
import { conversationToMarkdown } from '../../storage/history/markdownExport.ts'
import type { InvokeHandlers, StreamHandlers } from '../router.ts'

type ConversationChannels =
  | 'conversations:list'
  | 'conversations:get'
  | 'conversations:create'
  | 'conversations:update'
  | 'conversations:delete'
  | 'conversations:restore'
  | 'conversations:search'
  | 'conversations:export'
  | 'conversations:import'
  | 'messages:delete'
  | 'messages:restore'
  | 'messages:image'

/** A safe file name from a title: no path separators or characters Windows refuses. */
export function fileNameOf(title: string, extension: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .trim()
      .slice(0, 80) || 'conversation'
  return `${base}.${extension}`
}

/** `newChatOptions`: what a chat created without options starts with (the Settings' defaults). */
export function conversationHandlers(
  history: () => HistoryStore,
  newChatOptions: () => ChatOptions,
): Pick<InvokeHandlers, ConversationChannels> {
  const require = (id: string) => {
    const conversation = history().getConversation(id)
    if (!conversation) throw new AppError({ code: 'BAD_REQUEST', message: 'That conversation no longer exists; it may have been deleted.' })
    return conversation
  }
  return {
    'conversations:list': async () => history().listConversations(),
    'conversations:get': async ({ id }) => require(id),
    'conversations:create': async ({ model, systemPrompt, options }) =>
      history().createConversation({ model, systemPrompt: systemPrompt ?? '', options: options ?? newChatOptions() }),
    'conversations:update': async ({ id, ...patch }) => history().updateConversation(id, patch),
    'conversations:delete': async ({ id }) => {
      require(id)
      history().deleteConversation(id)
      return true
    },
    'conversations:restore': async ({ id }) => history().restoreConversation(id),
    'conversations:search': async ({ query }) => history().search(query),
    'conversations:export': async ({ id, format }) => {
      const conversation = require(id)
      return format === 'json'
        ? { fileName: fileNameOf(conversation.title, 'json'), text: `${JSON.stringify(history().exportConversation(id), null, 2)}\n` }
        : { fileName: fileNameOf(conversation.title, 'md'), text: conversationToMarkdown(conversation) }
    },
    // The store parses the file itself, and says precisely what is wrong with one it cannot take.
    'conversations:import': async ({ text }) => history().importConversation(text),
    'messages:delete': async ({ conversationId, id }) => {
      if (!require(conversationId).messages.some((m) => m.id === id)) {
        throw new AppError({ code: 'BAD_REQUEST', message: 'That message no longer exists.' })
      }
      history().deleteMessage(id)
      return require(conversationId)
    },
    'messages:restore': async ({ conversationId, id }) => history().restoreMessage(conversationId, id),
    'messages:image': async ({ id, index }) => history().messageImage(id, index),
  }
}

export function replyHandlers(chat: ChatService): Pick<StreamHandlers, 'chat:reply'> {
  return { 'chat:reply': (action, { signal, emit }) => chat.reply(action, signal, emit) }
}
