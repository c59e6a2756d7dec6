import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { DEFAULT_NUM_CTX, DEFAULT_SYSTEM_PROMPT, type ChatMessage } from '../../../../shared/domain/chat.ts'
import type { ImageAttachment } from '../../../../shared/domain/chatReply.ts'
import type { ConversationSummary, StoredMessage } from '../../../../shared/domain/conversation.ts'
import { api } from '../../ipc/client.ts'
import { useInvoke, useLiveValue } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { useHandoff } from '../../ui/navigation.ts'
import { saveFile } from '../../ui/saveFile.ts'
import { useAction } from '../../ui/useAction.ts'
import { useStableCallbacks } from '../../ui/useStableCallbacks.ts'
import { FirstRunPull } from '../models/FirstRunPull.tsx'
import { ChatOptionsPanel } from './ChatOptionsPanel.tsx'
import { ComparePanel } from './ComparePanel.tsx'
import { Composer } from './Composer.tsx'
import { CopyAsCodeDialog } from './library/CopyAsCodeDialog.tsx'
import { PromptLibraryDialog, type AppliedPrompt, type PromptLibraryApi } from './library/PromptLibraryDialog.tsx'
import { ContextMeter } from './ContextMeter.tsx'
import { ConversationList } from './ConversationList.tsx'
import type { MessageActions } from './MessageView.tsx'
import { ReplyAnnouncer } from './ReplyAnnouncer.tsx'
import { Transcript } from './Transcript.tsx'
import { useChatShortcuts } from './useChatShortcuts.ts'
import { useConversation } from './useConversation.ts'
import { useConversations } from './useConversations.ts'

const LAST_CONVERSATION = 'instruct-desk:last-conversation'

type Example = { user: string; assistant: string }

const promptLibrary: PromptLibraryApi = {
  list: () => api.invoke('prompts:list', {}),
  savePreset: (draft) => api.invoke('prompts:savePreset', draft),
  deletePreset: (id) => api.invoke('prompts:deletePreset', { id }),
  saveTemplate: (draft) => api.invoke('prompts:saveTemplate', draft),
  deleteTemplate: (id) => api.invoke('prompts:deleteTemplate', { id }),
  importLibrary: (json) => api.invoke('prompts:import', { json }),
  exportLibrary: () => api.invoke('prompts:export', {}),
}

export function ChatScreen() {
  const { t } = useTranslation('chat')
  const settings = useInvoke('settings:get', {})
  const models = useInvoke('models:list', {})
  const list = useConversations()
  const [selectedId, setSelectedId] = useState<string | undefined>(() => localStorage.getItem(LAST_CONVERSATION) ?? undefined)
  const [focusId, setFocusId] = useState<string>()
  const select = useCallback((id: string | undefined, messageId?: string) => {
    setSelectedId(id)
    setFocusId(messageId)
    if (id) localStorage.setItem(LAST_CONVERSATION, id)
    else localStorage.removeItem(LAST_CONVERSATION)
  }, [])
  const forgetSelection = useCallback(() => select(undefined), [select])
  // Another screen opened a conversation here (a summary continued in chat): selected while rendering,
  // remembered and marked taken once that render is committed.
  const { handoff: opening, taken } = useHandoff('open-conversation')
  const [opened, setOpened] = useState<typeof opening>()
  if (opening && opening !== opened) {
    setOpened(opening)
    setSelectedId(opening.id)
    setFocusId(undefined)
  }
  useEffect(() => {
    if (!opening) return
    localStorage.setItem(LAST_CONVERSATION, opening.id)
    taken()
  }, [opening, taken])
  const chat = useConversation(selectedId, list.reload, forgetSelection)
  const [draft, setDraft] = useState('')
  const [images, setImages] = useState<ImageAttachment[]>([])
  const pending = useRef<{ conversationId: string; text: string; examples?: Example[]; images?: ImageAttachment[] }>(undefined)
  const [deleted, setDeleted] = useState<ConversationSummary>()
  const [showOptions, setShowOptions] = useState(false)
  const [dialog, setDialog] = useState<'library' | 'code' | undefined>()
  const [comparing, setComparing] = useState(false)
  /** Few-shot pairs from the template applied to the draft; they go out (and are stored) before it. */
  const [examples, setExamples] = useState<Example[]>([])
  /** A preset or template's system prompt chosen before the conversation exists. */
  const [systemForNew, setSystemForNew] = useState<string>()
  const status = useLiveValue('ollama:status')
  const action = useAction()

  const conversation = chat.conversation
  const installed = models.data?.map((m) => m.name) ?? []
  const model = conversation?.model ?? settings.data?.defaultModel ?? ''
  // Before its first message a chat does not exist yet: it will start with the options Settings gives new chats.
  const numCtx = (conversation ? conversation.options.num_ctx : settings.data?.chatDefaults.num_ctx) ?? DEFAULT_NUM_CTX

  // A message sent before its conversation existed goes out once the new conversation is loaded.
  const { reply } = chat
  useEffect(() => {
    const waiting = pending.current
    if (!waiting || conversation?.id !== waiting.conversationId) return
    pending.current = undefined
    void reply({ kind: 'send', text: waiting.text, examples: waiting.examples, images: waiting.images })
  }, [conversation, reply])

  // Opening a search hit: show the branch that holds it; the transcript then scrolls to it.
  useEffect(() => {
    if (!focusId || !conversation) return
    const target = conversation.messages.find((m) => m.id === focusId)
    if (!target) return
    if (!chat.thread.some((m) => m.id === focusId)) chat.showVersion(target)
  }, [focusId, conversation, chat])

  const newConversation = async (): Promise<string | undefined> => {
    let created: string | undefined
    await action.run(async () => {
      const fresh = await api.invoke('conversations:create', {
        model: model || (installed[0] ?? ''),
        systemPrompt: systemForNew ?? DEFAULT_SYSTEM_PROMPT,
      })
      created = fresh.id
      setSystemForNew(undefined)
      list.reload()
      select(fresh.id)
    })
    return created
  }

  const send = async (): Promise<void> => {
    const text = draft.trim()
    if (!text || chat.busy || !model) return
    const attached = images.length > 0 ? images : undefined
    setDraft('')
    setImages([])
    setFocusId(undefined)
    const pairs = examples.length > 0 ? examples : undefined
    setExamples([])
    // Refused before anything was stored (too large, no vision, the chat was deleted elsewhere): give it all back.
    const giveBack = (): void => {
      setDraft((current) => current || text)
      setImages((current) => (current.length > 0 ? current : (attached ?? [])))
      setExamples((current) => (current.length > 0 ? current : (pairs ?? [])))
    }
    if (conversation) {
      if (!(await chat.reply({ kind: 'send', text, examples: pairs, images: attached }))) giveBack()
      return
    }
    const id = await newConversation()
    if (id) pending.current = { conversationId: id, text, examples: pairs, images: attached }
    else giveBack()
  }

  const remove = (item: ConversationSummary): void => {
    void action.run(async () => {
      await api.invoke('conversations:delete', { id: item.id })
      setDeleted(item)
      if (item.id === selectedId) select(undefined)
      list.reload()
    })
  }

  const undoDelete = (): void => {
    const item = deleted
    if (!item) return
    setDeleted(undefined)
    void action.run(async () => {
      await api.invoke('conversations:restore', { id: item.id })
      list.reload()
      select(item.id)
    })
  }

  const exportAs = (format: 'markdown' | 'json'): void => {
    if (!conversation) return
    void action.run(async () => {
      const file = await api.invoke('conversations:export', { id: conversation.id, format })
      saveFile(file.fileName, file.text, format === 'json' ? 'application/json' : 'text/markdown')
    })
  }

  const applyPrompt = (applied: AppliedPrompt): void => {
    setDialog(undefined)
    const system = applied.systemPrompt
    if (system !== undefined && conversation) void action.run(() => chat.update({ systemPrompt: system }))
    else if (system !== undefined) setSystemForNew(system)
    const final = applied.messages.at(-1)
    const pairs: Example[] = []
    for (let i = 0; i + 1 < applied.messages.length - 1; i += 2) {
      const user = applied.messages[i]
      const assistant = applied.messages[i + 1]
      if (user?.role === 'user' && assistant?.role === 'assistant') pairs.push({ user: user.content, assistant: assistant.content })
    }
    setExamples(pairs)
    if (final?.role === 'user') setDraft(final.content)
  }

  const listActions = useStableCallbacks({
    onSelect: (id: string, messageId?: string) => select(id, messageId),
    onNew: () => void newConversation(),
    onRename: (id: string, title: string) => void action.run(() => api.invoke('conversations:update', { id, title }).then(list.reload)),
    onPin: (id: string, pinned: boolean) => void action.run(() => api.invoke('conversations:update', { id, pinned }).then(list.reload)),
    onDelete: remove,
    onImport: (text: string) =>
      void action.run(async () => {
        const imported = await api.invoke('conversations:import', { text })
        list.reload()
        select(imported.id)
      }),
  })

  const shortcutCallbacks = useStableCallbacks({ newChat: () => void newConversation(), stop: () => chat.stop() })
  useChatShortcuts({ ...shortcutCallbacks, busy: chat.busy })

  const messageCallbacks = useStableCallbacks({
    onEdit: (message: StoredMessage, text: string) => {
      setFocusId(undefined)
      void chat.reply({ kind: 'edit', messageId: message.id, text })
    },
    onRegenerate: (message: StoredMessage) => void chat.reply({ kind: 'regenerate', messageId: message.id }),
    onContinue: (message: StoredMessage) => void chat.reply({ kind: 'continue', messageId: message.id }),
    onDelete: (message: StoredMessage) => void action.run(() => chat.deleteMessage(message.id)),
    onShowVersion: (message: StoredMessage) => {
      // A search hit was opened earlier: from now on the user picks the branch, not the hit.
      setFocusId(undefined)
      chat.showVersion(message)
    },
    onPullModel: (name: string) => void action.run(() => api.invoke('models:pull', { model: name })),
  })
  const messageActions: MessageActions = useMemo(
    () => ({ busy: chat.busy, model, ...messageCallbacks }),
    [chat.busy, model, messageCallbacks],
  )

  const meterMessages: ChatMessage[] = [
    ...(conversation?.systemPrompt ? [{ role: 'system' as const, content: conversation.systemPrompt }] : []),
    ...chat.thread.filter((m) => m.content !== '').map(({ role, content }) => ({ role, content })),
    ...examples.flatMap((pair) => [
      { role: 'user' as const, content: pair.user },
      { role: 'assistant' as const, content: pair.assistant },
    ]),
    ...(draft.trim() ? [{ role: 'user' as const, content: draft }] : []),
  ]
  const overflow = chat.notice?.code === 'CONTEXT_OVERFLOW'
  const missing = models.data !== undefined && model !== '' && !installed.includes(model)

  return (
    <div className="chat-layout">
      <ConversationList
        conversations={list.conversations}
        selectedId={selectedId}
        query={list.query}
        hits={list.hits}
        onQuery={list.setQuery}
        {...listActions}
      />
      <div className="screen chat">
        <ScreenHeader
          title={conversation?.title ?? t('title')}
          description={conversation ? t('onMachine', { model: conversation.model }) : t('description')}
          actions={
            <>
              <button type="button" className="button" onClick={() => setDialog('library')}>
                {t('actions.library')}
              </button>
              <button type="button" className="button" aria-pressed={comparing} onClick={() => setComparing((v) => !v)}>
                {t('actions.compare')}
              </button>
              {conversation && (
                <>
                  <button type="button" className="button" aria-expanded={showOptions} onClick={() => setShowOptions((v) => !v)}>
                    {t('actions.options')}
                  </button>
                  <button type="button" className="button" onClick={() => setDialog('code')}>
                    {t('actions.code')}
                  </button>
                  <button type="button" className="button" onClick={() => exportAs('markdown')}>
                    {t('actions.exportMarkdown')}
                  </button>
                  <button type="button" className="button" onClick={() => exportAs('json')}>
                    {t('actions.exportJson')}
                  </button>
                </>
              )}
            </>
          }
        />
        {deleted && (
          <p className="notice notice-info" role="status">
            {t('deleted', { title: deleted.title })}{' '}
            <button type="button" className="button button-small" onClick={undoDelete}>
              {t('undo')}
            </button>
          </p>
        )}
        {chat.deletedMessages > 0 && (
          <p className="notice notice-info" role="status">
            {chat.deletedMessages === 1 ? t('messageDeleted') : t('messagesDeleted', { count: chat.deletedMessages - 1 })}{' '}
            <button type="button" className="button button-small" onClick={() => void action.run(chat.restoreMessage)} disabled={chat.busy}>
              {t('undo')}
            </button>
          </p>
        )}
        {action.error && <ErrorNotice error={action.error} />}
        {chat.loadError && chat.loadError.code !== 'BAD_REQUEST' && (
          <ErrorNotice error={chat.loadError} onRetry={() => void chat.reload()} />
        )}
        {models.data?.length === 0 && <FirstRunPull onInstalled={models.reload} />}
        {missing && models.data?.length !== 0 && (
          <p className="notice notice-warn" role="note">
            <Trans t={t} i18nKey="notInstalled" values={{ model }} components={{ strong: <strong /> }} />{' '}
            <button type="button" className="button button-small" onClick={() => messageActions.onPullModel(model)}>
              {t('pull', { model })}
            </button>
          </p>
        )}
        {showOptions && conversation && (
          <ChatOptionsPanel key={conversation.id} conversation={conversation} models={installed} onSave={(patch) => chat.update(patch)} />
        )}
        {dialog === 'library' && (
          <PromptLibraryDialog library={promptLibrary} onApply={applyPrompt} onClose={() => setDialog(undefined)} initialInput={draft} />
        )}
        {dialog === 'code' && conversation && (
          <CopyAsCodeDialog
            input={{
              model: conversation.model,
              system: conversation.systemPrompt || undefined,
              messages: chat.thread.filter((m) => m.content !== '').map(({ role, content }) => ({ role, content })),
              options: conversation.options,
              host: status?.host,
            }}
            onClose={() => setDialog(undefined)}
          />
        )}
        {comparing && <ComparePanel models={installed} initial={model} />}
        <ReplyAnnouncer
          key={`announcer:${conversation?.id ?? ''}`}
          ended={chat.endedReply}
          busy={chat.busy}
          reply={chat.endedReply && conversation?.messages.find((m) => m.id === chat.endedReply?.messageId)}
        />
        {/* Keyed by conversation: each one opens at its end (or at the search hit) with fresh measurements. */}
        <Transcript
          key={`transcript:${conversation?.id ?? ''}`}
          thread={chat.thread}
          messages={conversation?.messages}
          actions={messageActions}
          focusId={focusId}
        />
        {chat.waiting && (
          <p className="notice notice-info" role="status">
            {chat.waiting}
          </p>
        )}
        {chat.notice && (
          <div className="notice-stack">
            <ErrorNotice error={chat.notice} />
            {overflow && conversation && (
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    const last = chat.thread.at(-1)
                    chat.dismissNotice()
                    void chat
                      .update({ options: { ...conversation.options, num_ctx: numCtx * 2 } })
                      .then(() => (last?.role === 'user' ? chat.reply({ kind: 'regenerate', messageId: last.id }) : undefined))
                  }}
                >
                  {t('overflow.raise', { tokens: numCtx * 2 })}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    const last = chat.thread.filter((m) => m.role === 'user').at(-1)
                    chat.dismissNotice()
                    void newConversation().then((id) => {
                      if (id && last) pending.current = { conversationId: id, text: last.content }
                    })
                  }}
                >
                  {t('overflow.newChat')}
                </button>
              </div>
            )}
          </div>
        )}
        {examples.length > 0 && (
          <p className="notice notice-info small" role="note">
            {t('examples', { count: examples.length })}{' '}
            <button type="button" className="button button-small" onClick={() => setExamples([])}>
              {t('leaveExamplesOut')}
            </button>
          </p>
        )}
        <Composer
          draft={draft}
          onDraft={setDraft}
          images={images}
          onImages={setImages}
          busy={chat.busy}
          canSend={model !== ''}
          onSend={() => void send()}
          onStop={chat.stop}
          model={model}
          vision={models.data?.find((m) => m.name === model)?.capabilities?.includes('vision')}
        />
        {model && (
          <ContextMeter
            model={model}
            messages={meterMessages}
            numCtx={numCtx}
            modelMax={models.data?.find((m) => m.name === model)?.contextLength}
          />
        )}
      </div>
    </div>
  )
}
