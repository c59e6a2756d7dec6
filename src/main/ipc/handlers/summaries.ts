import { newChatOptions } from '../../../shared/domain/settings.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import { documentLimitBytes, runSummaryBatch, type BatchFile } from '../../features/summarize/SummaryBatch.ts'
import { summaryChatPrompt, summaryToMarkdown } from '../../features/summarize/summaryText.ts'
import { OpenedFiles } from '../../features/summarize/openedFiles.ts'
import { UploadStore } from '../../features/summarize/uploads/UploadStore.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import { titleFrom, type HistoryStore } from '../../storage/history/HistoryStore.ts'
import type { SettingsStore } from '../../storage/SettingsStore.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import type { EventHub } from '../eventHub.ts'
import type { InvokeHandlers, StreamHandlers } from '../router.ts'
import { fileNameOf } from './conversations.ts'

export interface SummaryHandlerDeps {
  pool: AppWorkerPool
  client: () => OllamaClient
  settings: SettingsStore
  history: HistoryStore
  dataDir: string
  events: EventHub
}

type SummaryInvokeChannels =
  | 'uploads:start'
  | 'uploads:chunk'
  | 'uploads:discard'
  | 'summaries:list'
  | 'summaries:get'
  | 'summaries:delete'
  | 'summaries:export'
  | 'summaries:toChat'
  | 'files:takeOpened'

/** The Summarize workflow: files arriving as bytes (or opened by the OS), batches with progress, and the summaries kept in history. */
export function summaryHandlers(deps: SummaryHandlerDeps): {
  invoke: Pick<InvokeHandlers, SummaryInvokeChannels>
  stream: Pick<StreamHandlers, 'summarize:run'>
  /** Files the OS opened with the app, read and announced to the windows. */
  openFiles: OpenedFiles['open']
} {
  const maxBytes = () => documentLimitBytes(deps.settings.get().maxDocumentMb)
  const uploads = new UploadStore({ maxBytes })
  const opened = new OpenedFiles({ uploads, maxBytes, publish: (files) => deps.events.publish('files:opened', { files }) })
  const summaries = () => deps.history.summaries()
  const require = (id: string) => {
    const stored = summaries().get(id)
    if (!stored) throw new AppError({ code: 'BAD_REQUEST', message: 'That summary no longer exists; it may have been deleted.' })
    return stored
  }
  // Taken when the batch starts, so a long batch cannot outlive its later files' uploads.
  const take = (id: string, index: number): BatchFile => {
    const name = uploads.nameOf(id) ?? `File ${index + 1}`
    try {
      const { bytes } = uploads.take(id)
      return { name, read: async () => bytes }
    } catch (error) {
      return { name, read: () => Promise.reject(error) }
    }
  }

  return {
    invoke: {
      'uploads:start': async ({ name, size }) => ({ id: uploads.start(name, size) }),
      'uploads:chunk': async ({ id, offset, data }) => ({ received: uploads.chunk(id, offset, data) }),
      'uploads:discard': async ({ id }) => uploads.discard(id),
      'summaries:list': async ({ query }) => summaries().list(query),
      'summaries:get': async ({ id }) => require(id),
      'summaries:delete': async ({ id }) => summaries().delete(id),
      'summaries:export': async ({ id }) => {
        const stored = require(id)
        return { fileName: fileNameOf(`Summary of ${stored.fileName}`, 'md'), text: summaryToMarkdown(stored) }
      },
      'summaries:toChat': async ({ id }) => {
        const stored = require(id)
        const conversation = deps.history.createConversation({
          model: deps.settings.get().defaultModel || stored.result.model,
          systemPrompt: summaryChatPrompt(stored),
          options: newChatOptions(deps.settings.get()),
          title: titleFrom(`About ${stored.fileName}`),
        })
        return { conversationId: conversation.id }
      },
      'files:takeOpened': async () => ({ files: opened.take() }),
    },
    stream: {
      'summarize:run': ({ uploads: ids, options }, { signal, emit }) =>
        runSummaryBatch(
          ids.map(take),
          options,
          { pool: deps.pool, ollama: deps.client(), summaries: summaries(), maxBytes: maxBytes() },
          { signal, onStatus: (file) => emit({ type: 'file', file }) },
        ),
    },
    openFiles: (paths) => opened.open(paths),
  }
}
